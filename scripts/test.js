// `npm test`: every suite, in the order that fails fastest. Each step is a real
// command a developer can also run alone (see package.json scripts). Every step
// runs even after one failed, so one run reports everything that is broken; the
// run ends with a table of all steps and exits non-zero if any failed.
//
//   node scripts/test.js            every step
//   node scripts/test.js e2e axe    only steps whose name contains one of the words
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.js';
import { startPostgres } from './postgres.js';

const steps = [
  ['type check', 'npm', ['run', '--silent', 'typecheck']],
  ['unit and protocol tests (Node)', 'npm', ['run', '--silent', 'test:unit']],
  ['build (library, types, manifest)', 'npm', ['run', '--silent', 'build']],
  ['size budgets (bytes the list waits for)', 'npm', ['run', '--silent', 'size']],
  ['import in plain Node (SSR safety)', 'node', ['--test', 'test/node/ssr-import.test.js']],
  ['component tests (Chromium)', 'npm', ['run', '--silent', 'test:components']],
  ['end-to-end tests (Chromium + reference backend)', 'npm', ['run', '--silent', 'test:e2e']],
  ['Storybook build (smoke)', 'npm', ['run', '--silent', 'build-storybook']],
  ['axe and play functions on every story (Chromium)', 'npm', ['run', '--silent', 'test:stories']],
  ['framework examples: HTML, React, Vue, Svelte (Vite + Chromium)', 'npm', ['run', '--silent', 'test:frameworks']],
];

// Fail early and clearly when no browser can be found or installed.
process.env.CHROME_PATH ||= findChromium();

const only = process.argv.slice(2);
const selected = steps.filter(([name]) => !only.length || only.some((word) => name.includes(word)));
if (!selected.length) {
  console.error(`no step matches ${only.map((word) => JSON.stringify(word)).join(', ')}; steps are:\n${steps.map(([name]) => `  ${name}`).join('\n')}`);
  process.exit(2);
}

// One throwaway PostgreSQL for the whole run (a fresh database per test on it, test/shared/postgres.ts):
// the storage conformance tests, the services' cross-instance tests and the multi-instance e2e use it.
// Started here so a missing package fails before any step, and stopped (its data deleted) at the end.
/** @type {{ url: string, stop: () => Promise<void> } | undefined} */
let postgres;
if (!process.env.TEST_DATABASE_URL) {
  postgres = await startPostgres();
  process.env.TEST_DATABASE_URL = postgres.url;
  console.log(`PostgreSQL for this run: ${postgres.url}`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void postgres?.stop().then(() => process.exit(130)));
}

/** @type {Array<{ name: string, ok: boolean, seconds: string, why: string }>} */
const results = [];
for (const [name, command, args] of selected) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // A step that could not start (spawn error) or was killed by a signal has failed too.
  const ok = result.status === 0;
  const why = result.error ? result.error.message : result.signal ? `killed by ${result.signal}` : ok ? '' : `exit code ${result.status}`;
  results.push({ name, ok, seconds, why });
  console.log(ok ? `✔ ${name} (${seconds}s)` : `✘ ${name} failed: ${why} (${seconds}s)`);
}

const width = Math.max(...results.map((r) => r.name.length));
console.log(`\n${'step'.padEnd(width)}  result  seconds`);
for (const r of results) {
  console.log(`${r.name.padEnd(width)}  ${(r.ok ? 'passed' : 'FAILED').padEnd(6)}  ${r.seconds.padStart(7)}${r.why ? `  (${r.why})` : ''}`);
}
await postgres?.stop();
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`\nsteps: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
