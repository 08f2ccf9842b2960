/**
 * The merchant's say over the list (`orderingStages`): the order as sent,
 * pins, hides, groups, experiment variants, the returning buyer's method and
 * degraded methods last; with fast-check properties over arbitrary offers and rules.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FULL_CATALOG } from './all.js';
import { eligibleMethods, offeredMethods, type OfferedMethod, type OfferedMethodsInput } from './offered.js';
import { orderingStages, type OrderingInput } from './ordering.js';
import { assignVariant, type ExperimentDefinition } from '../experiments/assign.js';
import type { MethodType, PaymentMethodOffer } from '../protocol/session.schema.js';

const ids = (list: readonly OfferedMethod[]) => list.map((method) => method.id);
const IDR = (value: number) => ({ value, currency: 'IDR' });
const TYPES: Record<string, MethodType> = { card: 'card', gopay: 'wallet', ovo: 'wallet', dana: 'wallet', qris: 'qr', shopeepay: 'wallet', bca_va: 'bank_transfer', alfamart: 'voucher', paypal: 'wallet', indomaret: 'voucher' };
const offer = (id: string, status?: PaymentMethodOffer['status']): PaymentMethodOffer => ({ id, type: TYPES[id] ?? 'wallet', ...(status ? { status } : {}) });
const indonesia = (offers: PaymentMethodOffer[]): OfferedMethodsInput => ({ offers, country: 'ID', amount: IDR(250_000_00), catalog: FULL_CATALOG });
const list = (offers: PaymentMethodOffer[], ordering: OrderingInput) => ids(offeredMethods(indonesia(offers), orderingStages(ordering)));

describe('orderingStages', () => {
  it('keeps the order the backend sends when it says "merchant" ([card, gopay] shows card first in Indonesia)', () => {
    assert.deepEqual(list([offer('card'), offer('gopay')], { ordering: { source: 'merchant' } }), ['card', 'gopay']);
  });

  it('uses the buyer country’s order when the merchant says nothing or "regional"', () => {
    const regional = list([offer('card'), offer('gopay')], {});
    assert.equal(regional[0], 'gopay');
    assert.deepEqual(list([offer('card'), offer('gopay')], { ordering: { source: 'regional' } }), regional);
  });

  it('pins first in the pin order, hides, and keeps groups together where their first member was', () => {
    const offers = ['card', 'gopay', 'ovo', 'qris', 'bca_va', 'dana'].map((id) => offer(id));
    assert.deepEqual(list(offers, { ordering: { source: 'merchant', pin: ['qris', 'nope', 'dana'] } }), ['qris', 'dana', 'card', 'gopay', 'ovo', 'bca_va']);
    assert.deepEqual(list(offers, { ordering: { source: 'merchant', hide: ['ovo', 'card'] } }), ['gopay', 'qris', 'bca_va', 'dana']);
    assert.deepEqual(list(offers, { ordering: { source: 'merchant', groups: [['dana', 'gopay', 'ovo']] } }), ['card', 'dana', 'gopay', 'ovo', 'qris', 'bca_va']);
  });

  it('applies the experiment variant after the merchant’s rules and behind its pins; a control changes nothing', () => {
    const offers = ['card', 'gopay', 'ovo', 'qris'].map((id) => offer(id));
    const ordering = { source: 'merchant' as const, pin: ['qris'] };
    assert.deepEqual(list(offers, { ordering, experiments: [{ key: 'gopay-first', variant: 'b', order: ['gopay'] }] }), ['qris', 'gopay', 'card', 'ovo']);
    assert.deepEqual(list(offers, { ordering, experiments: [{ key: 'gopay-first', variant: 'control' }] }), ['qris', 'card', 'gopay', 'ovo']);
  });

  it('puts the returning buyer’s last method first (after pins) and degraded methods last, even pinned ones', () => {
    const offers = [offer('card'), offer('gopay', 'degraded'), offer('ovo'), offer('qris')];
    assert.deepEqual(list(offers, { ordering: { source: 'merchant' }, lastUsed: 'ovo' }), ['ovo', 'card', 'qris', 'gopay']);
    assert.deepEqual(list(offers, { ordering: { source: 'merchant', pin: ['card'] }, lastUsed: 'ovo' }), ['card', 'ovo', 'qris', 'gopay']);
    assert.deepEqual(list(offers, { ordering: { source: 'merchant', pin: ['gopay'] } }), ['card', 'ovo', 'qris', 'gopay']);
    assert.deepEqual(list(offers, { ordering: { source: 'merchant' }, lastUsed: 'not-offered' }), ['card', 'ovo', 'qris', 'gopay']);
  });
});

describe('orderingStages properties', () => {
  const POOL = ['card', 'gopay', 'ovo', 'dana', 'qris', 'shopeepay', 'bca_va', 'alfamart', 'paypal', 'indomaret', 'new_wallet', 'other.pay'];
  const someIds = fc.subarray(POOL);
  const offersArb = fc
    .tuple(fc.shuffledSubarray(POOL, { minLength: 1 }), fc.array(fc.constantFrom<PaymentMethodOffer['status']>('available', 'degraded', undefined), { minLength: POOL.length, maxLength: POOL.length }))
    .map(([chosen, statuses]) => chosen.map((id, i) => offer(id, statuses[i])));
  const orderingArb: fc.Arbitrary<OrderingInput> = fc.record({
    ordering: fc.option(
      fc.record(
        { source: fc.constantFrom('merchant' as const, 'regional' as const), pin: someIds, hide: someIds, groups: fc.array(fc.shuffledSubarray(POOL, { minLength: 2, maxLength: 4 }), { maxLength: 3 }) },
        { requiredKeys: ['source'] },
      ),
    ),
    experiments: fc.option(fc.array(fc.record({ key: fc.constantFrom('a', 'b'), variant: fc.constantFrom('control', 'x'), order: fc.shuffledSubarray(POOL) }), { maxLength: 2 })),
    lastUsed: fc.option(fc.constantFrom(...POOL)),
  });

  it('never drops an offered method except by an explicit hide rule', () => {
    fc.assert(
      fc.property(offersArb, orderingArb, (offers, ordering) => {
        const eligible = ids(eligibleMethods(indonesia(offers)));
        const hidden = new Set(ordering.ordering?.hide ?? []);
        const shown = list(offers, ordering);
        assert.deepEqual([...shown].sort(), eligible.filter((id) => !hidden.has(id)).sort());
      }),
      { numRuns: 400 },
    );
  });

  it('is stable: the same inputs give the same list, however often and from copies of the inputs', () => {
    fc.assert(
      fc.property(offersArb, orderingArb, (offers, ordering) => {
        const first = list(offers, ordering);
        assert.deepEqual(list(structuredClone(offers), structuredClone(ordering)), first);
        assert.deepEqual(list(offers, ordering), first);
      }),
      { numRuns: 300 },
    );
  });

  it('the same buyer always gets the same variant, and so the same list', () => {
    const experiment: ExperimentDefinition = {
      key: 'gopay-first',
      variants: [{ key: 'control' }, { key: 'gopay', order: ['gopay'] }, { key: 'qris', order: ['qris', 'ovo'] }],
    };
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), offersArb, (buyer, offers) => {
        const a = assignVariant(experiment, buyer, 'ID');
        const b = assignVariant({ ...experiment, variants: experiment.variants.map((v) => ({ ...v })) }, buyer, 'ID');
        assert.deepEqual(a, b);
        assert.ok(a);
        assert.deepEqual(list(offers, { experiments: [a] }), list(offers, { experiments: [b!] }));
      }),
      { numRuns: 500 },
    );
  });

  it('a degraded method never comes before an available one', () => {
    fc.assert(
      fc.property(offersArb, orderingArb, (offers, ordering) => {
        const shown = offeredMethods(indonesia(offers), orderingStages(ordering));
        const firstDegraded = shown.findIndex((m) => m.degraded);
        assert.ok(firstDegraded < 0 || shown.slice(firstDegraded).every((m) => m.degraded));
      }),
      { numRuns: 300 },
    );
  });
});
