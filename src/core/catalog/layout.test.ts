/**
 * Long lists keep the first four methods in view and group the rest by type
 * behind "more"; short lists stay flat. Search folds case, accents and
 * punctuation.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { groupOf, layoutMethods, searchKey } from './layout.js';
import type { OfferedMethod } from './offered.js';
import type { MethodType } from '../protocol/schemas.js';

function method(id: string, type: MethodType, degraded = false): OfferedMethod {
  return { id, type, flow: 'redirect', name: { kind: 'text', text: id }, colour: null, icon: { kind: 'type', type }, brands: [], degraded, known: true };
}

const INDONESIA = [
  method('bank_transfer', 'bank_transfer'), method('gopay', 'wallet'), method('dana', 'wallet'), method('ovo', 'wallet'),
  method('qris', 'qr'), method('shopeepay', 'wallet'), method('card', 'card'), method('cod', 'cash_on_delivery'),
  method('konbini_like', 'voucher'), method('akulaku', 'bnpl', true),
];

describe('layoutMethods', () => {
  it('keeps up to 8 methods flat, in order, degraded ones included', () => {
    const list = INDONESIA.slice(0, 8);
    assert.deepEqual(layoutMethods(list), { collapsible: false, top: list, groups: [], degraded: [] });
  });

  it('shows the first 4 above "more" and groups the rest by type, groups in order of their first method, degraded last', () => {
    const layout = layoutMethods(INDONESIA);
    assert.equal(layout.collapsible, true);
    assert.deepEqual(layout.top.map((m) => m.id), ['bank_transfer', 'gopay', 'dana', 'ovo']);
    assert.deepEqual(
      layout.groups.map((g) => [g.group, g.methods.map((m) => m.id)]),
      [['qr', ['qris']], ['wallet', ['shopeepay']], ['card', ['card']], ['cash', ['cod', 'konbini_like']]],
    );
    assert.deepEqual(layout.degraded.map((m) => m.id), ['akulaku']);
  });

  it('never puts a degraded method in the top four', () => {
    const list = [method('slow', 'card', true), ...INDONESIA.slice(0, 8)];
    const layout = layoutMethods(list);
    assert.deepEqual(layout.top.map((m) => m.id), ['bank_transfer', 'gopay', 'dana', 'ovo']);
    assert.deepEqual(layout.degraded.map((m) => m.id), ['slow']);
  });

  it('files vouchers and cash on delivery under one "pay in cash" group', () => {
    assert.equal(groupOf('voucher'), 'cash');
    assert.equal(groupOf('cash_on_delivery'), 'cash');
    assert.equal(groupOf('bank_redirect'), 'bank');
    assert.equal(groupOf('bank_transfer'), 'transfer');
  });
});

describe('searchKey', () => {
  it('ignores case, accents, width and punctuation', () => {
    assert.ok(searchKey('Touch ’n Go eWallet').includes(searchKey("touch n go")));
    assert.ok(searchKey('iDEAL').includes(searchKey('ideal')));
    assert.ok(searchKey('Prélèvement SEPA').includes(searchKey('prelevement')));
    assert.ok(searchKey('ＰａｙＰａｙ').includes(searchKey('paypay')));
    assert.ok(searchKey('コンビニ払い').includes(searchKey('コンビニ')));
    assert.equal(searchKey('M-Pesa'), 'mpesa');
  });
});
