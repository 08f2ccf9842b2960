// `npm run size`: gzip size of what a store's page loads before first paint —
// dist/checkout-kit.js and every chunk it imports statically — against the
// budget. Lazy chunks (other locales, payment actions) are listed, not counted.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';

const BUDGET_BYTES = 35_000;
const ENTRY = 'dist/checkout-kit.js';

if (!existsSync(ENTRY)) {
  console.error(`${ENTRY} is missing: run "npm run build" first.`);
  process.exit(1);
}

const STATIC_IMPORT = /(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g;

function eagerGraph(entry) {
  const seen = new Set();
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(STATIC_IMPORT)) queue.push(join(dirname(file), match[1]));
  }
  return [...seen];
}

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const br = (file) => brotliCompressSync(readFileSync(file)).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

const eager = eagerGraph(ENTRY);
const allChunks = readdirSync('dist/chunks').map((name) => join('dist/chunks', name)).filter((f) => f.endsWith('.js'));
const lazy = allChunks.filter((file) => !eager.includes(file));
let total = 0;
let totalBrotli = 0;
console.log('Eager (first paint):');
for (const file of eager) {
  const size = gz(file);
  total += size;
  totalBrotli += br(file);
  console.log(`  ${relative('dist', file).padEnd(48)} ${kb(size).padStart(9)} gzip`);
}
console.log(`  ${'total'.padEnd(48)} ${kb(total).padStart(9)} gzip (${kb(totalBrotli)} brotli), budget ${kb(BUDGET_BYTES)}`);
console.log('Lazy chunks (loaded on demand):');
for (const file of lazy.sort()) console.log(`  ${relative('dist', file).padEnd(48)} ${kb(gz(file)).padStart(9)} gzip`);
if (total > BUDGET_BYTES) {
  console.error(`\nOver budget by ${kb(total - BUDGET_BYTES)}.`);
  process.exit(1);
}
console.log('\nWithin budget.');
