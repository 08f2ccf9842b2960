/** The wallet stage drops device wallets the browser cannot pay with and touches nothing else. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FULL_CATALOG } from './all.js';
import { offeredMethods } from './offered.js';
import { walletAvailability, walletsToProbe } from './wallets.js';
import type { PaymentMethodOffer } from '../protocol/schemas.js';

const offers: PaymentMethodOffer[] = [
  { id: 'apple_pay', type: 'wallet' },
  { id: 'card', type: 'card' },
  { id: 'google_pay', type: 'wallet' },
  { id: 'paypal', type: 'wallet' },
];
const input = { offers, catalog: FULL_CATALOG, country: 'US', amount: { value: 4200, currency: 'USD' } };
const ids = (availability: Parameters<typeof walletAvailability>[0]) => offeredMethods(input, [walletAvailability(availability)]).map((m) => m.id);

describe('walletAvailability', () => {
  it('keeps a wallet only when the probe said available; every other answer, or none, leaves it out', () => {
    assert.deepEqual(ids({}), ['card', 'paypal']);
    assert.deepEqual(ids({ apple_pay: 'timed_out', google_pay: 'unavailable' }), ['card', 'paypal']);
    assert.deepEqual(ids({ apple_pay: 'failed', google_pay: 'unsupported' }), ['card', 'paypal']);
    assert.deepEqual(ids({ apple_pay: 'available' }), ['apple_pay', 'card', 'paypal']);
    assert.deepEqual(ids({ apple_pay: 'available', google_pay: 'available' }), ['apple_pay', 'card', 'google_pay', 'paypal']);
  });

  it('asks the probe only about device wallets, once each, and knows nothing of prototype keys', () => {
    assert.deepEqual(walletsToProbe(['card', 'google_pay', 'apple_pay', 'google_pay', 'constructor', '__proto__']).map((w) => w.id), ['google_pay', 'apple_pay']);
  });
});
