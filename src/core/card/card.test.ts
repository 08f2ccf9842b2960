import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BRAND_SPECS, CARD_BRANDS, detectBrand, MADA_BINS } from './brands.js';
import { luhnValid, withCheckDigit } from './luhn.js';
import { checkCard, checkCvc, checkExpiry, checkNumber, digitsOf } from './validate.js';
import { formatCvc, formatExpiry, formatNumber } from './format.js';
import { BRAND_TEST_CARDS } from './test-cards.js';

const NOW = new Date(2026, 11, 2, 12, 0, 0); // 2 December 2026, local time

describe('card brands: one test number per brand', () => {
  for (const card of BRAND_TEST_CARDS) {
    it(`${card.label}: ${card.number} is ${card.brand}${card.choices ? ` (choice of ${card.choices.join(', ')})` : ''} and valid`, () => {
      const match = detectBrand(card.number);
      assert.equal(match.brand, card.brand);
      assert.deepEqual(match.brands, card.choices ?? [card.brand]);
      const check = checkNumber(card.number);
      assert.equal(check.status, 'valid');
      assert.ok(luhnValid(card.number));
    });
  }

  it('covers every brand', () => {
    const covered = new Set(BRAND_TEST_CARDS.flatMap((c) => c.choices ?? [c.brand]));
    assert.deepEqual([...CARD_BRANDS].filter((b) => !covered.has(b)), []);
  });

  it('checks mada before Visa and Mastercard, whose ranges hold its BINs', () => {
    for (const bin of MADA_BINS) assert.equal(detectBrand(withCheckDigit(bin.padEnd(15, '0'))).brand, 'mada', bin);
    // While fewer than six digits are typed, a mada card still shows the scheme it sits in.
    assert.equal(detectBrand('4406').brand, 'visa');
    assert.equal(detectBrand('440647').brand, 'mada');
  });

  it('knows the Mastercard 2-series from its first to its last BIN', () => {
    assert.equal(detectBrand('2221').brand, 'mastercard');
    assert.equal(detectBrand('2720').brand, 'mastercard');
    assert.equal(detectBrand('2220').brand, null);
    assert.equal(detectBrand('2721').brand, null);
  });

  it('lets the buyer choose the brand of a co-badged card, and only among its brands', () => {
    assert.equal(checkNumber('4000002500001001', 'visa').brand, 'visa');
    assert.equal(checkNumber('4000002500001001', 'mastercard').brand, 'cartes_bancaires');
  });

  it('tells unknown numbers apart from numbers still being typed', () => {
    assert.equal(checkNumber('1234').status, 'incomplete');
    assert.equal(checkNumber('123456').error, 'number_unknown_brand');
    assert.equal(checkNumber('4242424242424241').error, 'number_invalid');
    assert.equal(checkNumber('424242424242').error, 'number_incomplete');
  });
});

describe('card rules: properties', () => {
  const digitString = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

  it('a number with its Luhn check digit passes, and changing any one digit fails', () => {
    fc.assert(
      fc.property(digitString(11, 18), fc.nat(), fc.integer({ min: 1, max: 9 }), (prefix, at, delta) => {
        const number = withCheckDigit(prefix);
        assert.ok(luhnValid(number));
        const i = at % number.length;
        const changed = number.slice(0, i) + String((Number(number[i]) + delta) % 10) + number.slice(i + 1);
        assert.equal(luhnValid(changed), false);
      }),
    );
  });

  it('formatting keeps the digits, is idempotent and never crashes on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const formatted = formatNumber(text);
        assert.equal(formatted.replace(/ /g, ''), digitsOf(text));
        assert.equal(formatNumber(formatted), formatted);
        assert.equal(formatExpiry(formatExpiry(text)), formatExpiry(text));
        assert.match(formatCvc(text), /^[0-9]{0,4}$/);
        checkCard({ number: text, expiry: text, cvc: text, name: text }, NOW);
      }),
    );
  });

  it('a number of a valid length for its brand, with a check digit where the brand has one, is valid', () => {
    const withBrand = fc.constantFrom(...BRAND_TEST_CARDS).chain((card) =>
      fc.tuple(fc.constant(card), fc.constantFrom(...BRAND_SPECS[card.brand].lengths), digitString(19, 19)),
    );
    fc.assert(
      fc.property(withBrand, ([card, length, filler]) => {
        const bin = card.number.slice(0, 8);
        const number = withCheckDigit((bin + filler).slice(0, length - 1));
        const check = checkNumber(number);
        assert.equal(check.brand, card.brand);
        assert.equal(check.status, 'valid', `${number} (${length})`);
      }),
    );
  });

  it('an expiry is valid exactly when its month is this month or later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2020, max: 2040 }), (month, year) => {
        const text = `${String(month).padStart(2, '0')} / ${String(year % 100).padStart(2, '0')}`;
        const future = year * 12 + month - 1 >= NOW.getFullYear() * 12 + NOW.getMonth();
        assert.equal(checkExpiry(text, NOW).status, future ? 'valid' : 'invalid');
      }),
    );
  });
});

describe('card rules: examples', () => {
  it('groups Amex 4-6-5, Diners 4-6-4 and the others 4-4-4-4', () => {
    assert.equal(formatNumber('378282246310005'), '3782 822463 10005');
    assert.equal(formatNumber('36227206271667'), '3622 720627 1667');
    assert.equal(formatNumber('4242-4242 4242.4242'), '4242 4242 4242 4242');
    assert.equal(formatNumber('4242424242424242424242'), '4242 4242 4242 4242 424');
  });

  it('formats and checks the expiry as typed or pasted', () => {
    assert.equal(formatExpiry('4'), '04 / ');
    assert.equal(formatExpiry('1'), '1');
    assert.equal(formatExpiry('12'), '12 / ');
    assert.equal(formatExpiry('12', true), '12');
    assert.equal(formatExpiry('12/2030'), '12 / 30');
    assert.equal(formatExpiry('1230'), '12 / 30');
    assert.equal(checkExpiry('12 / 26', NOW).status, 'valid');
    assert.equal(checkExpiry('11 / 26', NOW).error, 'expiry_past');
    assert.equal(checkExpiry('13 / 30', NOW).error, 'expiry_invalid');
    assert.equal(checkExpiry('12 / 2', NOW).status, 'incomplete');
  });

  it('wants 4 security digits for Amex and 3 for the others', () => {
    assert.equal(checkCvc('123', 'amex').status, 'incomplete');
    assert.equal(checkCvc('1234', 'amex').status, 'valid');
    assert.equal(checkCvc('123', 'visa').status, 'valid');
    assert.equal(checkCvc('1234', 'visa').status, 'invalid');
  });

  it('a complete card is complete; an empty one is empty', () => {
    const card = checkCard({ number: '4242 4242 4242 4242', expiry: '12 / 30', cvc: '123', name: 'Ada Lovelace' }, NOW);
    assert.equal(card.complete, true);
    assert.deepEqual(card.expiry, { month: 12, year: 2030 });
    assert.equal(checkCard({ number: '', expiry: '', cvc: '', name: '' }, NOW).empty, true);
  });
});
