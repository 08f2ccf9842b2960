/**
 * The catalog data is consistent with itself, with the protocol and with the
 * money module: every id, type, country, currency and limit is valid, every
 * country order can actually be shown in that country, every order has a
 * source, and the lazy region split puts each country's data in its region.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_COUNTRY_ORDERS, ALL_METHODS, REGION_DATA } from './all.js';
import { FALLBACK_ORDER, GLOBAL_METHODS, REGION_OF, REGIONS } from './global.js';
import { COUNTRY_SOURCES, METHOD_SOURCES } from './sources.js';
import { GENERIC_NAMES } from './types.js';
import { METHOD_TYPES, PaymentMethodOffer } from '../protocol/schemas.js';
import { isKnownCurrency } from '../money/format.js';

const REQUIRED_IDS = [
  'card', 'visa', 'mastercard', 'amex', 'jcb', 'unionpay', 'mada', 'rupay', 'paypal', 'apple_pay', 'google_pay', 'klarna',
  'afterpay', 'affirm', 'tabby', 'ideal', 'bancontact', 'blik', 'p24', 'eps', 'twint', 'swish', 'mbway', 'multibanco',
  'sepa_debit', 'grabpay', 'gopay', 'dana', 'ovo', 'shopeepay', 'qris', 'truemoney', 'promptpay', 'rabbit_line_pay',
  'touch_n_go', 'fpx', 'duitnow', 'gcash', 'maya', 'momo', 'zalopay', 'paynow', 'alipay', 'wechat_pay', 'kakaopay',
  'naver_pay', 'paypay', 'konbini', 'upi', 'pix', 'boleto', 'oxxo', 'spei', 'mercado_pago', 'pse', 'stc_pay', 'knet',
  'fawry', 'mpesa', 'bank_transfer', 'cod',
];

/** Regions of the world the issue asks for, and a country from each that must have an order. */
const WORLD = {
  'North America': ['US', 'CA'],
  Europe: ['DE', 'NL', 'PL'],
  'Southeast Asia': ['ID', 'TH', 'PH'],
  'East Asia': ['JP', 'CN', 'KR'],
  'South Asia': ['IN'],
  'Latin America': ['BR', 'MX', 'CO'],
  'Middle East': ['SA', 'AE', 'KW'],
  Africa: ['EG', 'KE', 'NG'],
};

const byId = new Map(ALL_METHODS.map((method) => [method.id, method]));
const covers = (list: '*' | readonly string[], code: string) => list === '*' || list.includes(code);

describe('catalog data', () => {
  it('has at least 60 methods with unique ids, including every method the product promises and no giropay', () => {
    assert.ok(ALL_METHODS.length >= 60, `only ${ALL_METHODS.length} methods`);
    assert.equal(byId.size, ALL_METHODS.length, 'duplicate ids');
    assert.deepEqual(REQUIRED_IDS.filter((id) => !byId.has(id)), []);
    assert.equal(byId.has('giropay'), false, 'giropay closed in 2024');
  });

  it('orders at least 30 countries, covering every region of the world', () => {
    const countries = Object.keys(ALL_COUNTRY_ORDERS);
    assert.ok(countries.length >= 30, `only ${countries.length} countries`);
    for (const [region, codes] of Object.entries(WORLD)) {
      for (const code of codes) assert.ok(ALL_COUNTRY_ORDERS[code], `${region}: ${code} has no order`);
    }
  });

  it('every record is a valid protocol offer with a known type, flow, colour and mark', () => {
    for (const method of ALL_METHODS) {
      assert.ok(PaymentMethodOffer.safeParse({ id: method.id, type: method.type }).success, `${method.id}: not a valid offer id`);
      assert.ok((METHOD_TYPES as readonly string[]).includes(method.type), `${method.id}: type ${method.type}`);
      assert.ok(['inline', 'redirect', 'qr', 'voucher'].includes(method.flow), `${method.id}: flow ${method.flow}`);
      if (typeof method.name === 'string') {
        assert.ok(method.name.trim().length > 0, `${method.id}: empty name`);
        assert.match(method.colour ?? '', /^#[0-9a-f]{6}$/, `${method.id}: brand without a badge colour`);
        assert.ok(method.mark && method.mark.length >= 1 && method.mark.length <= 4, `${method.id}: mark "${method.mark}"`);
      } else {
        assert.ok((GENERIC_NAMES as readonly string[]).includes(method.name.key), `${method.id}: name key ${method.name.key}`);
      }
    }
  });

  it('countries are ISO alpha-2 codes and currencies are active ISO 4217 codes', () => {
    for (const method of ALL_METHODS) {
      if (method.countries !== '*') for (const code of method.countries) assert.match(code, /^[A-Z]{2}$/, `${method.id}: country ${code}`);
      if (method.currencies !== '*') {
        for (const code of method.currencies) assert.ok(isKnownCurrency(code), `${method.id}: currency ${code}`);
      }
    }
  });

  it('limits are integers in listed currencies with min ≤ max; pay-later methods list exactly the currencies they have limits for', () => {
    for (const method of ALL_METHODS) {
      for (const [currency, rule] of Object.entries(method.limits ?? {})) {
        assert.ok(covers(method.currencies, currency), `${method.id}: limits in unlisted ${currency}`);
        for (const bound of [rule.min, rule.max]) {
          if (bound !== undefined) assert.ok(Number.isSafeInteger(bound) && bound >= 0, `${method.id} ${currency}: bound ${bound}`);
        }
        if (rule.min !== undefined && rule.max !== undefined) assert.ok(rule.min <= rule.max, `${method.id} ${currency}: min > max`);
        if (rule.instalments !== undefined) assert.ok(Number.isInteger(rule.instalments) && rule.instalments >= 2, `${method.id}: instalments`);
      }
      if (method.type === 'bnpl') {
        assert.notEqual(method.currencies, '*', `${method.id}: a pay-later method must list its currencies`);
        assert.deepEqual([...(method.currencies as readonly string[])].sort(), Object.keys(method.limits ?? {}).sort(), `${method.id}: currencies vs limits`);
      }
    }
  });

  it('every id in a country order exists and is available in that country', () => {
    for (const [country, order] of Object.entries(ALL_COUNTRY_ORDERS)) {
      assert.equal(new Set(order).size, order.length, `${country}: repeated id`);
      for (const id of order) {
        const method = byId.get(id);
        assert.ok(method, `${country}: unknown id ${id}`);
        assert.ok(covers(method.countries, country), `${country}: ${id} is not offered in ${country}`);
      }
    }
    for (const id of FALLBACK_ORDER) assert.equal(byId.get(id)?.countries, '*', `fallback ${id} must work everywhere`);
  });

  it('every country order has a source; every limit has a source', () => {
    for (const country of Object.keys(ALL_COUNTRY_ORDERS)) {
      const source = COUNTRY_SOURCES[country];
      assert.ok(source, `${country}: no source`);
      assert.ok(source.basis.length > 20 && source.refs.length > 0, `${country}: empty source`);
      // A named publication with a year, or a survey name, not a bare URL.
      for (const ref of source.refs) assert.match(ref, /[A-Za-z]{3,}/, `${country}: ref "${ref}"`);
    }
    for (const method of ALL_METHODS) {
      if (method.limits) assert.ok(METHOD_SOURCES[method.id], `${method.id}: limits without a source`);
    }
    assert.deepEqual(Object.keys(COUNTRY_SOURCES).filter((code) => !ALL_COUNTRY_ORDERS[code]), [], 'sources for countries without an order');
  });

  it('splits by region: each country order and each regional method lives in its countries’ region', () => {
    for (const region of REGIONS) {
      const data = REGION_DATA[region];
      for (const country of Object.keys(data.COUNTRY_ORDER)) assert.equal(REGION_OF[country], region, `${country} order is in ${region}`);
      for (const method of data.METHODS) {
        assert.notEqual(method.countries, '*', `${method.id}: a method offered everywhere belongs in GLOBAL_METHODS`);
        for (const country of method.countries as readonly string[]) {
          assert.equal(REGION_OF[country], region, `${method.id} is offered in ${country}, which is not in ${region}`);
        }
      }
    }
    // Brands shown as accepted on the card option must themselves be cards.
    for (const method of GLOBAL_METHODS) {
      if (method.cardBrandIn) assert.equal(method.type, 'card', `${method.id}: card brand of type ${method.type}`);
    }
  });
});
