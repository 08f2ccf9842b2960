import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_FALLBACK_RULES, FallbackRule, fallbackMethods, parseFallbackRules } from './fallback.js';
import { FAILURE_CODES, METHOD_TYPES, type PaymentMethodOffer } from '../protocol/schemas.js';

const BR: PaymentMethodOffer[] = [
  { id: 'pix', type: 'qr' },
  { id: 'card', type: 'card' },
  { id: 'boleto', type: 'voucher' },
  { id: 'mercadopago', type: 'wallet' },
  { id: 'bank_transfer', type: 'bank_transfer' },
];

const ids = (offers: PaymentMethodOffer[]) => offers.map((offer) => offer.id);

describe('fallbackMethods', () => {
  it('wallet failed → bank transfer, then card', () => {
    const next = fallbackMethods({ failed: { id: 'mercadopago', type: 'wallet' }, code: 'method_unavailable', offers: BR });
    assert.deepEqual(ids(next), ['bank_transfer', 'card', 'pix']);
  });

  it('card declined → wallet, then QR/bank', () => {
    const next = fallbackMethods({ failed: { id: 'card', type: 'card' }, code: 'card_declined', offers: BR });
    assert.deepEqual(ids(next), ['mercadopago', 'pix', 'bank_transfer']);
  });

  it('QR expired → card and wallet first', () => {
    const next = fallbackMethods({ failed: { id: 'pix', type: 'qr' }, code: 'expired', offers: BR }, { limit: 5 });
    assert.deepEqual(ids(next), ['card', 'mercadopago', 'bank_transfer', 'boleto']);
  });

  it('never re-offers the failed method, earlier failures or a down method; degraded comes last', () => {
    const offers: PaymentMethodOffer[] = [
      { id: 'card', type: 'card', status: 'degraded' },
      { id: 'paypal', type: 'wallet' },
      { id: 'ideal', type: 'bank_redirect', status: 'down' },
      { id: 'sofort', type: 'bank_redirect' },
      { id: 'klarna', type: 'bnpl' },
    ];
    const next = fallbackMethods({ failed: { id: 'paypal', type: 'wallet' }, code: 'cancelled', offers, exclude: ['klarna'] }, { limit: 10 });
    assert.deepEqual(ids(next), ['sofort', 'card']);
  });

  it('store rules win over the defaults and may name methods', () => {
    const rules = [{ when: { method: 'pix', code: ['expired' as const] }, offer: ['boleto', 'type:card'] }];
    const next = fallbackMethods({ failed: { id: 'pix', type: 'qr' }, code: 'expired', offers: BR }, { rules });
    assert.deepEqual(ids(next), ['boleto', 'card', 'mercadopago']);
    const other = fallbackMethods({ failed: { id: 'pix', type: 'qr' }, code: 'cancelled', offers: BR }, { rules });
    assert.deepEqual(ids(other), ['card', 'mercadopago', 'bank_transfer'], 'a non-matching store rule falls through to the defaults');
  });

  it('without rules keeps the session order', () => {
    const next = fallbackMethods({ failed: { id: 'pix', type: 'qr' }, code: 'expired', offers: BR }, { defaults: false, limit: 10 });
    assert.deepEqual(ids(next), ['card', 'boleto', 'mercadopago', 'bank_transfer']);
  });

  it('has a default rule for every method type', () => {
    for (const type of METHOD_TYPES) {
      assert.ok(DEFAULT_FALLBACK_RULES.some((rule) => rule.when.type === type), type);
    }
    for (const rule of DEFAULT_FALLBACK_RULES) assert.ok(FallbackRule.safeParse(rule).success);
  });

  it('invariants over random sessions, rules and failures', () => {
    const offer = fc.record({
      id: fc.stringMatching(/^[a-z]{1,6}$/),
      type: fc.constantFrom(...METHOD_TYPES),
      status: fc.constantFrom(undefined, 'available', 'degraded', 'down'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(offer, { selector: (o) => o.id, maxLength: 10 }),
        fc.constantFrom(...FAILURE_CODES),
        fc.nat(12),
        fc.array(fc.record({ when: fc.record({ type: fc.constantFrom(...METHOD_TYPES) }, { requiredKeys: [] }), offer: fc.array(fc.constantFrom('type:card', 'type:qr', 'a', 'b')) })),
        (offers, code, limit, rules) => {
          const failed = offers[0] ?? { id: 'x', type: 'card' as const };
          const next = fallbackMethods({ failed, code, offers: offers as PaymentMethodOffer[] }, { rules, limit });
          assert.ok(next.length <= limit);
          assert.ok(!next.some((o) => o.id === failed.id), 'failed method not re-offered');
          assert.ok(!next.some((o) => o.status === 'down'), 'down method not offered');
          const firstDegraded = next.findIndex((o) => o.status === 'degraded');
          if (firstDegraded !== -1) assert.ok(next.slice(firstDegraded).every((o) => o.status === 'degraded'), 'degraded last');
          assert.ok(next.every((o) => offers.includes(o as (typeof offers)[number])), 'only offered methods');
        },
      ),
    );
  });
});

describe('parseFallbackRules', () => {
  it('keeps valid rules and counts invalid ones', () => {
    const { rules, invalid } = parseFallbackRules([
      { when: { type: 'wallet' }, offer: ['type:card'] },
      { when: { type: 'spaceship' }, offer: [] },
      { offer: ['card'] },
      { when: {}, offer: ['javascript:alert(1)'] },
    ]);
    assert.equal(rules.length, 1);
    assert.equal(invalid, 3);
  });

  it('accepts JSON text parsed by the store and rejects non-arrays', () => {
    assert.equal(parseFallbackRules(JSON.parse('[{"when":{"code":"expired"},"offer":["pix"]}]')).rules.length, 1);
    assert.deepEqual(parseFallbackRules({ when: {} }), { rules: [], invalid: 1 });
    assert.deepEqual(parseFallbackRules(undefined), { rules: [], invalid: 0 });
  });
});
