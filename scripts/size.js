// `npm run size`: gzip size of what a store's page loads before first paint —
// dist/checkout-kit.js and every chunk it imports statically — against the
// budget. Lazy chunks (other locales, payment actions) are listed, not counted.
// It also says which libraries and which of our folders the eager bytes come from.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';

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

// Where the eager bytes come from, so a budget decision can be made on figures:
// each group's *marginal* gzip cost (the whole eager code gzipped, minus the
// same code gzipped without that group), which is what dropping it would save.
function sourceGroup(source) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
  if (pkg) return /^(lit|lit-html|lit-element|@lit\/reactive-element)$/.test(pkg[1]) ? 'lit' : pkg[1];
  const own = /(?:^|\/)(src\/(?:core|elements)\/[^/]+|src|locales\/[^/]+)\//.exec(source);
  return own ? `checkout-kit: ${own[1]}` : 'checkout-kit: JSON data (no source map)';
}

function codeByGroup(files) {
  const groups = new Map();
  for (const file of files) {
    if (!existsSync(`${file}.map`)) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    const segments = [];
    new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8'))).eachMapping((m) => segments.push(m));
    segments.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
    segments.forEach((segment, i) => {
      const next = segments[i + 1];
      const line = lines[segment.generatedLine - 1] ?? '';
      const end = next && next.generatedLine === segment.generatedLine ? next.generatedColumn : line.length;
      const group = sourceGroup(segment.source ?? '');
      groups.set(group, (groups.get(group) ?? '') + line.slice(segment.generatedColumn, end));
    });
  }
  return groups;
}

const groups = codeByGroup(eager);
if (groups.size) {
  const gzText = (text) => gzipSync(text, { level: 9 }).length;
  const joined = (skip) => [...groups].filter(([name]) => !skip(name)).map(([, code]) => code).join('');
  const whole = gzText(joined(() => false));
  const marginal = (skip) => whole - gzText(joined(skip));
  const rows = [...groups.keys()].map((name) => [name, marginal((other) => other === name)]).sort((a, b) => b[1] - a[1]);
  console.log('\nEager bytes by origin (marginal gzip: what leaving it out would save):');
  for (const [name, size] of rows.filter(([, size]) => size >= 50)) console.log(`  ${name.padEnd(48)} ${kb(size).padStart(9)}`);
  const ownCode = marginal((name) => name.startsWith('checkout-kit'));
  console.log(`  ${'all of checkout-kit\'s own code and data'.padEnd(48)} ${kb(ownCode).padStart(9)}`);
  const librariesAlone = gzText(joined((name) => name.startsWith('checkout-kit')));
  console.log(`  ${'the libraries alone, gzipped (the floor)'.padEnd(48)} ${kb(librariesAlone).padStart(9)}`);
}

if (total > BUDGET_BYTES) {
  console.error(`\nOver budget by ${kb(total - BUDGET_BYTES)}.`);
  process.exit(1);
}
console.log('\nWithin budget.');
