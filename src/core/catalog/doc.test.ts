/** docs/payment-methods.md is generated from the catalog; this fails when someone forgot `npm run docs`. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderPaymentMethodsDoc } from './doc.js';

it('docs/payment-methods.md equals a fresh generation (run `npm run docs` after changing the catalog)', () => {
  const committed = readFileSync(new URL('../../../docs/payment-methods.md', import.meta.url), 'utf8');
  const fresh = renderPaymentMethodsDoc();
  assert.ok(fresh.includes('| Netherlands (NL) | 1. iDEAL<br>'), 'the generated table lists iDEAL first in the Netherlands');
  assert.equal(committed, fresh);
});
