// `npm test`: every suite, in the order that fails fastest. Each step is a real
// command a developer can also run alone (see package.json scripts).
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.js';

const steps = [
  ['type check', 'npm', ['run', '--silent', 'typecheck']],
  ['unit and protocol tests (Node)', 'npm', ['run', '--silent', 'test:unit']],
  ['build (library, types, manifest)', 'npm', ['run', '--silent', 'build']],
  ['import in plain Node (SSR safety)', 'node', ['--test', 'test/node/ssr-import.test.js']],
  ['component tests (Chromium)', 'npm', ['run', '--silent', 'test:components']],
  ['end-to-end tests (Chromium + reference backend)', 'npm', ['run', '--silent', 'test:e2e']],
  ['Storybook build (smoke)', 'npm', ['run', '--silent', 'build-storybook']],
  ['axe on every story (Chromium)', 'npm', ['run', '--silent', 'test:stories']],
];

// Fail early and clearly when no browser can be found or installed.
process.env.CHROME_PATH ||= findChromium();

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const [name, command, args] of steps) {
  if (only.length && !only.some((word) => name.includes(word))) continue;
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    passed++;
    console.log(`✔ ${name} (${seconds}s)`);
  } else {
    failed++;
    console.log(`✘ ${name} failed (${seconds}s)`);
    break;
  }
}
console.log(`\nsteps: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
