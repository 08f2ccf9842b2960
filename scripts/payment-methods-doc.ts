/**
 * `npm run docs`: writes docs/payment-methods.md from the payment method
 * catalog (src/core/catalog). `--check` writes nothing and exits 1 when the
 * committed file is stale, for CI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPaymentMethodsDoc } from '../src/core/catalog/doc.js';

const target = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'payment-methods.md');
const fresh = renderPaymentMethodsDoc();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (current !== fresh) {
    console.error('docs/payment-methods.md is out of date: run `npm run docs`.');
    process.exit(1);
  }
  console.log('docs/payment-methods.md is up to date.');
} else {
  writeFileSync(target, fresh);
  console.log(`Wrote ${target}`);
}
