// A store's server render (Next.js, Nuxt) imports the package in Node: that
// must not touch window/document, and defining elements must be skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the package entry imports in plain Node without a DOM', async () => {
  assert.equal(typeof globalThis.window, 'undefined');
  const module = await import('../../dist/lib/index.js');
  assert.equal(typeof module.CkCheckout, 'function');
  assert.equal(typeof module.ProtocolClient, 'function');
});

test('the npm entry points import in plain Node', async () => {
  for (const entry of ['index.js', 'define/checkout.js', 'define/amount.js', 'define/method-picker.js']) {
    await assert.doesNotReject(import(`../../dist/lib/${entry}`), entry);
  }
});

test('the protocol schemas work in Node for server-side validation', async () => {
  const { Session } = await import('../../dist/lib/index.js');
  assert.equal(Session.safeParse({ id: 'x' }).success, false);
});
