import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERROR_CODES, MESSAGES } from '../src/core/protocol/schemas.js';
import { FAILURES } from './psp/failures.js';
import { Faults } from './psp/faults.js';
import { MAGIC_AMOUNTS } from './psp/scenarios.js';
import { METHOD_TYPES_BY_ID } from './psp/offers.js';

const doc = readFileSync(new URL('../docs/protocol.md', import.meta.url), 'utf8');

describe('docs/protocol.md matches the code', () => {
  it('lists every failure code with the retryable flag the sandbox uses', () => {
    for (const [code, info] of Object.entries(FAILURES)) {
      assert.ok(doc.includes(`| \`${code}\` | ${info.retryable ? 'yes' : 'no'} | ${info.meaning} |`), code);
    }
  });

  it('lists every magic amount', () => {
    for (const magic of MAGIC_AMOUNTS) assert.ok(doc.includes(`| …${magic.lastTwoDigits} | \`${magic.scenario}\` |`), magic.scenario);
  });

  it('documents every error code, message schema and fault', () => {
    for (const code of ERROR_CODES) assert.match(doc, new RegExp(`\\| \`${code}\` \\|`), code);
    for (const name of Object.keys(MESSAGES)) assert.ok(doc.includes(`(schema/${name}.json)`), name);
    for (const fault of Object.keys(Faults.def.shape)) assert.ok(doc.includes(`| \`${fault}`), fault);
  });

  it('names every sandbox method in the natural-flow table', () => {
    const flows = doc.slice(doc.indexOf('### Natural flows'), doc.indexOf('### Sandbox pages'));
    for (const id of Object.keys(METHOD_TYPES_BY_ID)) assert.ok(flows.includes(`\`${id}\``), id);
  });
});
