/**
 * `offeredMethods` turns a session's offers into the buyer's list: filtered by
 * country, currency and amount, in the country's order, unknown methods kept
 * from the backend's data, down ones removed and degraded ones last.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_COUNTRY_ORDERS, ALL_METHODS, FULL_CATALOG } from './all.js';
import { inkFor, localizedText, offeredMethods, type OfferedMethod } from './offered.js';
import type { MethodType, PaymentMethodOffer } from '../protocol/schemas.js';


const TYPE = new Map(ALL_METHODS.map((method) => [method.id, method.type]));
function offers(...ids: string[]): PaymentMethodOffer[] {
  return ids.map((id) => ({ id, type: TYPE.get(id) ?? 'wallet' }));
}
const ids = (list: OfferedMethod[]) => list.map((method) => method.id);
const eur = (value: number) => ({ value, currency: 'EUR' });

/** The everyday currency of each ordered country, to check each order survives its own filters. */
const CURRENCY: Record<string, string> = {
  US: 'USD', CA: 'CAD', MX: 'MXN', BR: 'BRL', CO: 'COP', GB: 'GBP', IE: 'EUR', DE: 'EUR', NL: 'EUR', BE: 'EUR', FR: 'EUR',
  ES: 'EUR', IT: 'EUR', PT: 'EUR', AT: 'EUR', CH: 'CHF', PL: 'PLN', SE: 'SEK', NO: 'NOK', DK: 'DKK', FI: 'EUR', TR: 'TRY',
  ID: 'IDR', TH: 'THB', MY: 'MYR', SG: 'SGD', PH: 'PHP', VN: 'VND', CN: 'CNY', HK: 'HKD', TW: 'TWD', JP: 'JPY', KR: 'KRW',
  IN: 'INR', AU: 'AUD', NZ: 'NZD', SA: 'SAR', AE: 'AED', KW: 'KWD', EG: 'EGP', KE: 'KES', NG: 'NGN', ZA: 'ZAR',
};
/** An ordinary basket (around €100) in minor units; 100 currency units where not listed. */
const BASKET: Record<string, number> = { JPY: 15_000, KRW: 150_000, VND: 2_500_000, KWD: 30_000, SEK: 110_000, NOK: 110_000, DKK: 75_000, IDR: 170_000_000 };

describe('offeredMethods', () => {
  it('puts the buyer country’s favourites first: iDEAL leads in the Netherlands, Pix in Brazil, mada in Saudi Arabia', () => {
    assert.deepEqual(ids(offeredMethods({ catalog: FULL_CATALOG, offers: offers('card', 'paypal', 'klarna', 'ideal'), country: 'NL', amount: eur(4200) })), [
      'ideal', 'card', 'paypal', 'klarna',
    ]);
    assert.deepEqual(
      ids(offeredMethods({ catalog: FULL_CATALOG, offers: offers('card', 'boleto', 'pix'), country: 'BR', amount: { value: 24990, currency: 'BRL' } })),
      ['pix', 'card', 'boleto'],
    );
    assert.deepEqual(
      ids(offeredMethods({ catalog: FULL_CATALOG, offers: offers('cod', 'card', 'apple_pay', 'mada'), country: 'sa', amount: { value: 12500, currency: 'SAR' } })),
      ['mada', 'apple_pay', 'card', 'cod'],
    );
  });

  it('every country order survives its own filters: offering everything in the local currency shows the order first', () => {
    const everything = offers(...ALL_METHODS.map((method) => method.id));
    for (const [country, order] of Object.entries(ALL_COUNTRY_ORDERS)) {
      const currency = CURRENCY[country];
      assert.ok(currency, `no test currency for ${country}`);
      const shown = ids(offeredMethods({ catalog: FULL_CATALOG, offers: everything, country, amount: { value: BASKET[currency] ?? 10_000, currency } }));
      assert.deepEqual(shown.slice(0, order.length), [...order], `${country} in ${currency}`);
    }
  });

  it('drops methods not offered in the buyer’s country or currency', () => {
    assert.deepEqual(ids(offeredMethods({ catalog: FULL_CATALOG, offers: offers('ideal', 'card', 'bancontact'), country: 'DE', amount: eur(5000) })), ['card']);
    // PayPal cannot charge rupiah; GoPay cannot charge in euros.
    assert.deepEqual(ids(offeredMethods({ catalog: FULL_CATALOG, offers: offers('paypal', 'gopay', 'card'), country: 'ID', amount: { value: 15_000_000, currency: 'IDR' } })), [
      'gopay', 'card',
    ]);
    assert.deepEqual(ids(offeredMethods({ catalog: FULL_CATALOG, offers: offers('gopay'), country: 'ID', amount: eur(5000) })), []);
  });

  it('hides pay-later outside its limits and previews the instalment count inside them', () => {
    const list = (value: number) => offeredMethods({ catalog: FULL_CATALOG, offers: offers('card', 'klarna'), country: 'DE', amount: eur(value) });
    assert.deepEqual(ids(list(3499)), ['card'], 'below Klarna’s €35 minimum');
    assert.deepEqual(ids(list(500_001)), ['card'], 'above Klarna’s €5,000 maximum');
    const klarna = list(5000).find((method) => method.id === 'klarna');
    assert.equal(klarna?.instalments, 3);
    const us = offeredMethods({ catalog: FULL_CATALOG, offers: offers('afterpay', 'affirm'), country: 'US', amount: { value: 5000, currency: 'USD' } });
    assert.deepEqual(us.map((m) => [m.id, m.instalments]), [['afterpay', 4], ['affirm', undefined]]);
    // A pay-later provider never converts: Klarna is not shown for a yen basket in Germany.
    assert.deepEqual(ids(offeredMethods({ catalog: FULL_CATALOG, offers: offers('klarna'), country: 'DE', amount: { value: 5000, currency: 'JPY' } })), []);
  });

  it('lets the offer’s own minAmount/maxAmount replace the catalog bound of the same side', () => {
    const klarna = (offer: Partial<PaymentMethodOffer>, value: number) =>
      ids(offeredMethods({ catalog: FULL_CATALOG, offers: [{ id: 'klarna', type: 'bnpl', ...offer }], country: 'NL', amount: eur(value) }));
    assert.deepEqual(klarna({ maxAmount: 1_000_000 }, 800_000), ['klarna'], 'merchant allows up to €10,000');
    assert.deepEqual(klarna({ minAmount: 10_000 }, 5000), [], 'merchant wants at least €100');
    assert.deepEqual(klarna({ minAmount: 1000 }, 2000), ['klarna'], 'merchant lowers the minimum to €10');
    assert.deepEqual(klarna({ minAmount: 1000 }, 600_000), [], 'catalog maximum still applies');
    // Limits apply to methods the catalog does not know, too.
    assert.deepEqual(ids(offeredMethods({ catalog: FULL_CATALOG, offers: [{ id: 'storecredit', type: 'wallet', maxAmount: 1000 }], country: 'NL', amount: eur(5000) })), []);
    // Konbini takes at most ¥300,000 in one payment.
    assert.deepEqual(ids(offeredMethods({ catalog: FULL_CATALOG, offers: offers('konbini'), country: 'JP', amount: { value: 300_001, currency: 'JPY' } })), []);
  });

  it('keeps methods the catalog does not know after the known ones, described by the backend', () => {
    const list = offeredMethods({
      catalog: FULL_CATALOG,
      offers: [
        { id: 'store_card', type: 'card', name: 'Store card', icon: 'https://cdn.example/store.svg' },
        { id: 'local_wallet', type: 'wallet' },
        ...offers('card', 'ideal'),
      ],
      country: 'NL',
      amount: eur(2000),
    });
    assert.deepEqual(ids(list), ['ideal', 'card', 'store_card', 'local_wallet']);
    const store = list[2]!;
    assert.deepEqual([store.known, store.type, store.flow, store.name, store.icon], [
      false, 'card', 'inline', { kind: 'text', text: 'Store card' }, { kind: 'url', url: 'https://cdn.example/store.svg' },
    ]);
    assert.deepEqual(list[3]!.name, { kind: 'text', text: 'Local wallet' });
    assert.deepEqual(list[3]!.icon, { kind: 'type', type: 'wallet' });
  });

  it('removes methods that are down and lists degraded ones last, flagged', () => {
    const list = offeredMethods({
      catalog: FULL_CATALOG,
      offers: [
        { id: 'ideal', type: 'bank_redirect', status: 'degraded' },
        { id: 'card', type: 'card', status: 'down' },
        { id: 'other_pay', type: 'wallet', status: 'degraded' },
        { id: 'paypal', type: 'wallet', status: 'available' },
        { id: 'klarna', type: 'bnpl' },
      ],
      country: 'NL',
      amount: eur(5000),
    });
    assert.deepEqual(list.map((m) => [m.id, m.degraded]), [['paypal', false], ['klarna', false], ['ideal', true], ['other_pay', true]]);
  });

  it('names generic methods by translation key and brands as written, with country and language variants', () => {
    const one = (id: string, country: string, currency: string, value = 10_000) =>
      offeredMethods({ catalog: FULL_CATALOG, offers: offers(id), country, amount: { value, currency } })[0]!;
    assert.deepEqual(one('card', 'US', 'USD').name, { kind: 'key', key: 'card' });
    assert.deepEqual(one('bank_transfer', 'ID', 'IDR').name, { kind: 'key', key: 'virtual_account' });
    assert.deepEqual(one('bank_transfer', 'DE', 'EUR').name, { kind: 'key', key: 'bank_transfer' });
    assert.deepEqual(one('afterpay', 'GB', 'GBP').name, { kind: 'text', text: 'Clearpay' });
    assert.deepEqual(one('afterpay', 'AU', 'AUD').name, { kind: 'text', text: 'Afterpay' });
    const alipay = one('alipay', 'CN', 'CNY');
    assert.equal(alipay.name.kind === 'text' && localizedText(alipay.name, 'zh-CN'), '支付宝');
    assert.equal(alipay.name.kind === 'text' && localizedText(alipay.name, 'en'), 'Alipay');
    const kakao = one('kakaopay', 'KR', 'KRW', 1_000_000);
    assert.equal(kakao.name.kind === 'text' && localizedText(kakao.name, 'ko-KR'), '카카오페이');
    // The backend's name wins over the catalog's.
    const named = offeredMethods({ catalog: FULL_CATALOG, offers: [{ id: 'ideal', type: 'bank_redirect', name: 'iDEAL | Wero' }], country: 'NL', amount: eur(100) });
    assert.deepEqual(named[0]!.name, { kind: 'text', text: 'iDEAL | Wero' });
  });

  it('draws brands as a colour badge with readable lettering and generic methods with their type icon', () => {
    const [ideal, card, kakao] = [
      offeredMethods({ catalog: FULL_CATALOG, offers: offers('ideal'), country: 'NL', amount: eur(100) })[0]!,
      offeredMethods({ catalog: FULL_CATALOG, offers: offers('card'), country: 'NL', amount: eur(100) })[0]!,
      offeredMethods({ catalog: FULL_CATALOG, offers: offers('kakaopay'), country: 'KR', amount: { value: 10_000, currency: 'KRW' } })[0]!,
    ];
    assert.deepEqual(ideal.icon, { kind: 'badge', mark: 'iD', colour: '#cc0066', ink: '#ffffff' });
    assert.deepEqual(card.icon, { kind: 'type', type: 'card' });
    assert.equal(kakao.icon.kind === 'badge' && kakao.icon.ink, '#111111', 'dark text on KakaoPay yellow');
    assert.equal(inkFor('#000000'), '#ffffff');
    assert.equal(inkFor('#ffffff'), '#111111');
    assert.equal(inkFor('not a colour'), '#ffffff');
  });

  it('lists the card brands accepted in the buyer’s country on the card option', () => {
    const brands = (country: string, currency: string) =>
      offeredMethods({ catalog: FULL_CATALOG, offers: offers('card'), country, amount: { value: 10_000, currency } })[0]!.brands.map((brand) => brand.id);
    assert.deepEqual(brands('US', 'USD'), ['visa', 'mastercard', 'amex']);
    assert.deepEqual(brands('JP', 'JPY'), ['visa', 'mastercard', 'amex', 'jcb']);
    assert.deepEqual(brands('CN', 'CNY'), ['visa', 'mastercard', 'amex', 'unionpay']);
    assert.deepEqual(offeredMethods({ catalog: FULL_CATALOG, offers: offers('paypal'), country: 'US' })[0]!.brands, []);
  });

  it('keeps the backend’s order without a country, and uses the fallback order for a country without its own', () => {
    assert.deepEqual(ids(offeredMethods({ catalog: FULL_CATALOG, offers: offers('klarna', 'ideal', 'card') })), ['klarna', 'ideal', 'card']);
    assert.deepEqual(
      ids(offeredMethods({ catalog: FULL_CATALOG, offers: offers('mercado_pago', 'paypal', 'card', 'google_pay'), country: 'AR', amount: { value: 100_000, currency: 'ARS' } })),
      ['card', 'google_pay', 'mercado_pago'],
    );
  });

  it('keeps the first of repeated offers', () => {
    const list = offeredMethods({ catalog: FULL_CATALOG, offers: [{ id: 'card', type: 'card', name: 'First' }, { id: 'card', type: 'card', name: 'Second' }], country: 'US' });
    assert.deepEqual(list.map((m) => m.name), [{ kind: 'text', text: 'First' }]);
  });

  it('reports the offered type (what the backend will be asked to pay with) and the catalog’s flow', () => {
    const list = offeredMethods({ catalog: FULL_CATALOG, offers: [{ id: 'pix', type: 'qr' as MethodType }, { id: 'boleto', type: 'voucher' }], country: 'BR' });
    assert.deepEqual(list.map((m) => [m.id, m.type, m.flow]), [['pix', 'qr', 'qr'], ['boleto', 'voucher', 'voucher']]);
  });
});
