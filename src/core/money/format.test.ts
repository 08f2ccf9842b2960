// Pure money logic in Node. Locale-specific strings here are limited to en-US
// and de-DE; the wide locale matrix runs in Chromium (format-matrix.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  cachedFormatterCount,
  convertForPresentment,
  formatApproximate,
  formatInstalment,
  formatMoney,
  isKnownCurrency,
  minorUnits,
  parseMinorUnits,
  toDecimalString,
} from './format.js';

const NBSP = '\u00a0';

const text = (result: ReturnType<typeof formatMoney>) => {
  assert.ok(result.ok, JSON.stringify(result));
  return result.text;
};

describe('minorUnits', () => {
  it('reads the ISO exponent', () => {
    assert.equal(minorUnits('JPY'), 0);
    assert.equal(minorUnits('USD'), 2);
    assert.equal(minorUnits('KWD'), 3);
    assert.equal(minorUnits('CLF'), 4);
  });

  it('knows nothing of unknown, withdrawn, lowercase or prototype keys', () => {
    for (const code of ['XYZ', 'HRK', 'XAU', 'usd', '', 'toString', '__proto__', 'constructor']) {
      assert.equal(minorUnits(code), undefined, code);
      assert.equal(isKnownCurrency(code), false, code);
    }
  });
});

describe('parseMinorUnits', () => {
  it('accepts integers and integer strings', () => {
    assert.equal(parseMinorUnits('1250'), 1250);
    assert.equal(parseMinorUnits('-1250'), -1250);
    assert.equal(parseMinorUnits('+7'), 7);
    assert.equal(parseMinorUnits(' 42 '), 42);
    assert.equal(parseMinorUnits('0'), 0);
    assert.equal(parseMinorUnits(-3), -3);
    assert.equal(parseMinorUnits(String(Number.MAX_SAFE_INTEGER)), Number.MAX_SAFE_INTEGER);
  });

  it('rejects decimals, exponents, empties and unsafe magnitudes', () => {
    for (const input of ['12.5', '1e3', '', ' ', 'abc', '12 34', '0x10', '9007199254740992', '-9007199254740993', 1.5, NaN, Infinity, 2 ** 53, null, undefined, {}, 10n]) {
      assert.equal(parseMinorUnits(input), undefined, String(input));
    }
  });
});

describe('toDecimalString', () => {
  it('places the decimal point from the exponent without floating point', () => {
    assert.equal(toDecimalString(1250, 2), '12.50');
    assert.equal(toDecimalString(-5, 3), '-0.005');
    assert.equal(toDecimalString(0, 2), '0.00');
    assert.equal(toDecimalString(7, 0), '7');
    assert.equal(toDecimalString(1, 4), '0.0001');
    assert.equal(toDecimalString(Number.MAX_SAFE_INTEGER, 2), '90071992547409.91');
    assert.equal(toDecimalString(-0, 2), '0.00');
  });

  it('round-trips every safe integer at every exponent', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 4 }), (value, exponent) => {
        const decimal = toDecimalString(value, exponent);
        assert.equal(BigInt(decimal.replace('.', '')), BigInt(value));
        assert.equal(decimal.split('.')[1]?.length ?? 0, exponent);
      }),
    );
  });
});

describe('formatMoney', () => {
  it('uses the ISO exponent of each currency', () => {
    assert.equal(text(formatMoney(1250, 'USD', 'en-US')), '$12.50');
    assert.equal(text(formatMoney(1250, 'JPY', 'en-US')), '¥1,250');
    assert.equal(text(formatMoney(1250, 'KWD', 'en-US')), `KWD${NBSP}1.250`);
    assert.equal(text(formatMoney(1250, 'CLF', 'en-US')), `CLF${NBSP}0.1250`);
    assert.equal(text(formatMoney(1250, 'EUR', 'de-DE')), `12,50${NBSP}€`);
  });

  it('formats refunds (negative amounts) and zero', () => {
    assert.equal(text(formatMoney(-1250, 'USD', 'en-US')), '-$12.50');
    assert.equal(text(formatMoney(-1250, 'EUR', 'de-DE')), `-12,50${NBSP}€`);
    assert.equal(text(formatMoney(0, 'USD', 'en-US')), '$0.00');
    assert.equal(text(formatMoney(-0, 'USD', 'en-US')), '$0.00');
    assert.equal(text(formatMoney(-1, 'KWD', 'en-US')), `-KWD${NBSP}0.001`);
  });

  it('formats the largest safe amount exactly', () => {
    assert.equal(text(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', 'en-US')), '$90,071,992,547,409.91');
    assert.equal(text(formatMoney(-Number.MAX_SAFE_INTEGER, 'JPY', 'en-US')), '-¥9,007,199,254,740,991');
  });

  it('shows exactly the amount for any safe integer (no float error)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (value) => {
        const shown = text(formatMoney(value, 'USD', 'en-US')).replace(/[$,]/g, '');
        assert.equal(shown, toDecimalString(value, 2));
      }),
    );
  });

  it('rejects non-integers, unsafe integers and non-numbers as invalid_value', () => {
    for (const value of [12.5, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity]) {
      assert.deepEqual(formatMoney(value, 'USD', 'en-US'), { ok: false, reason: 'invalid_value' }, String(value));
    }
    assert.deepEqual(formatMoney('1250' as unknown as number, 'USD', 'en-US'), { ok: false, reason: 'invalid_value' });
  });

  it('rejects unknown, withdrawn and metal codes as unknown_currency, never NaN', () => {
    for (const code of ['XYZ', 'HRK', 'SLL', 'XAU', 'XXX', 'usd', '']) {
      assert.deepEqual(formatMoney(1250, code, 'en-US'), { ok: false, reason: 'unknown_currency' }, code);
    }
  });

  it('supports every currency display', () => {
    assert.equal(text(formatMoney(1250, 'CAD', 'en-US', { display: 'symbol' })), 'CA$12.50');
    assert.equal(text(formatMoney(1250, 'CAD', 'en-US', { display: 'narrowSymbol' })), '$12.50');
    assert.equal(text(formatMoney(1250, 'CAD', 'en-US', { display: 'code' })), `CAD${NBSP}12.50`);
    assert.equal(text(formatMoney(1250, 'CAD', 'en-US', { display: 'name' })), '12.50 Canadian dollars');
  });

  it('drops only all-zero digits that local custom omits, and keeps ISO digits otherwise', () => {
    // CLDR shows IDR and HUF without decimals; ISO gives them two.
    assert.equal(text(formatMoney(150_000_000, 'IDR', 'en-US')), `IDR${NBSP}1,500,000`);
    assert.equal(text(formatMoney(150_000_050, 'IDR', 'en-US')), `IDR${NBSP}1,500,000.50`);
    assert.equal(text(formatMoney(150_000_000, 'IDR', 'en-US', { fractionDigits: 'iso' })), `IDR${NBSP}1,500,000.00`);
    assert.equal(text(formatMoney(1000, 'IQD', 'en-US')), `IQD${NBSP}1`);
    assert.equal(text(formatMoney(1250, 'IQD', 'en-US')), `IQD${NBSP}1.250`);
    // Where CLDR agrees with ISO nothing changes.
    assert.equal(text(formatMoney(1000, 'USD', 'en-US')), '$10.00');
    assert.equal(text(formatMoney(1000, 'KWD', 'en-US')), `KWD${NBSP}1.000`);
  });

  it('keeps Latin currency symbols whole in right-to-left locales', () => {
    const usd = text(formatMoney(1250, 'USD', 'ar-SA'));
    assert.ok(usd.includes('\u2066US$\u2069'), JSON.stringify(usd));
    // Arabic symbols need no help, and left-to-right locales are untouched.
    assert.ok(!/[\u2066\u2069]/.test(text(formatMoney(1250, 'SAR', 'ar-SA'))));
    assert.ok(!/[\u2066\u2069]/.test(text(formatMoney(1250, 'USD', 'en-US'))));
  });

  it('survives a malformed locale tag', () => {
    assert.equal(text(formatMoney(1250, 'USD', 'en_US')), '$12.50');
    assert.equal(text(formatMoney(1250, 'USD', '!!')), '$12.50');
  });

  it('keeps its formatter cache bounded', () => {
    const codes = ['USD', 'EUR', 'JPY', 'GBP', 'KWD', 'THB', 'IDR', 'BRL', 'INR', 'SAR'];
    const locales = ['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'ar-SA', 'th-TH', 'id-ID', 'pt-BR', 'hi-IN', 'zh-CN'];
    for (const code of codes) for (const locale of locales) formatMoney(1, code, locale);
    assert.ok(cachedFormatterCount() <= 64, String(cachedFormatterCount()));
    assert.ok(cachedFormatterCount() > 0);
  });
});

describe('formatInstalment', () => {
  it('splits so the payments add up exactly, the first taking the remainder', () => {
    const plan = formatInstalment(10000, 3, 'EUR', 'en-US');
    assert.ok(plan.ok);
    assert.equal(plan.first, 3334);
    assert.equal(plan.regular, 3333);
    assert.equal(plan.firstText, '€33.34');
    assert.equal(plan.text, '€33.33');
    assert.equal(plan.countText, '3');
  });

  it('formats an even split in a 0-exponent currency', () => {
    const plan = formatInstalment(1000, 4, 'JPY', 'en-US');
    assert.ok(plan.ok);
    assert.deepEqual([plan.first, plan.regular, plan.text, plan.firstText], [250, 250, '¥250', '¥250']);
  });

  it('always sums to the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 1000 }), (value, count) => {
        const plan = formatInstalment(value, count, 'USD', 'en-US');
        assert.ok(plan.ok);
        assert.equal(plan.first + plan.regular * (count - 1), value);
        assert.ok(plan.first >= plan.regular && plan.first - plan.regular < count);
      }),
    );
  });

  it('rejects impossible plans', () => {
    assert.deepEqual(formatInstalment(0, 4, 'EUR', 'en-US'), { ok: false, reason: 'invalid_value' });
    assert.deepEqual(formatInstalment(-100, 4, 'EUR', 'en-US'), { ok: false, reason: 'invalid_value' });
    assert.deepEqual(formatInstalment(100, 0, 'EUR', 'en-US'), { ok: false, reason: 'invalid_value' });
    assert.deepEqual(formatInstalment(100, 2.5, 'EUR', 'en-US'), { ok: false, reason: 'invalid_value' });
    assert.deepEqual(formatInstalment(100.5, 2, 'EUR', 'en-US'), { ok: false, reason: 'invalid_value' });
    assert.deepEqual(formatInstalment(100, 4, 'XYZ', 'en-US'), { ok: false, reason: 'unknown_currency' });
  });
});

describe('convertForPresentment', () => {
  const usd = (rate: number | string) => ({ currency: 'USD', rate });

  it('converts between exponents', () => {
    assert.deepEqual(convertForPresentment(1000, 'EUR', usd(1.0834)), { ok: true, value: 1083, currency: 'USD' });
    assert.deepEqual(convertForPresentment(1000, 'JPY', usd(0.0067)), { ok: true, value: 670, currency: 'USD' });
    assert.deepEqual(convertForPresentment(1000, 'USD', { currency: 'KWD', rate: 0.307 }), { ok: true, value: 3070, currency: 'KWD' });
    assert.deepEqual(convertForPresentment(1250, 'USD', { currency: 'JPY', rate: 151.235 }), { ok: true, value: 1890, currency: 'JPY' });
    assert.deepEqual(convertForPresentment(1000, 'EUR', usd(1e-7)), { ok: true, value: 0, currency: 'USD' });
    assert.deepEqual(convertForPresentment(1, 'KWD', usd('3.25')), { ok: true, value: 0, currency: 'USD' });
  });

  it('rounds half to even, exactly', () => {
    // 10.125 → 10.12 (2 is even); 10.135 → 10.14 (3 is odd).
    assert.deepEqual(convertForPresentment(1000, 'EUR', usd(1.0125)), { ok: true, value: 1012, currency: 'USD' });
    assert.deepEqual(convertForPresentment(1000, 'EUR', usd(1.0135)), { ok: true, value: 1014, currency: 'USD' });
    // 3.00 × 1.005 = 3.015 exactly; in binary floating point it is 301.49999… cents.
    assert.deepEqual(convertForPresentment(300, 'EUR', usd(1.005)), { ok: true, value: 302, currency: 'USD' });
    // Refunds round symmetrically.
    assert.deepEqual(convertForPresentment(-1000, 'EUR', usd(1.0135)), { ok: true, value: -1014, currency: 'USD' });
    assert.deepEqual(convertForPresentment(-1000, 'EUR', usd(1.0125)), { ok: true, value: -1012, currency: 'USD' });
  });

  it('rejects bad input with a reason', () => {
    for (const rate of [0, -1, NaN, Infinity, 'abc', '-2', '', '1,5']) {
      assert.deepEqual(convertForPresentment(1000, 'EUR', usd(rate)), { ok: false, reason: 'invalid_rate' }, String(rate));
    }
    assert.deepEqual(convertForPresentment(1000, 'EUR', { currency: 'XYZ', rate: 1 }), { ok: false, reason: 'unknown_currency' });
    assert.deepEqual(convertForPresentment(1000, 'XYZ', usd(1)), { ok: false, reason: 'unknown_currency' });
    assert.deepEqual(convertForPresentment(10.5, 'EUR', usd(1)), { ok: false, reason: 'invalid_value' });
    assert.deepEqual(convertForPresentment(Number.MAX_SAFE_INTEGER, 'EUR', usd(1000)), { ok: false, reason: 'invalid_value' });
  });
});

describe('formatApproximate', () => {
  it('formats the converted amount after ≈ and a no-break space', () => {
    assert.deepEqual(formatApproximate(1000, 'EUR', { currency: 'USD', rate: 1.0834 }, 'en-US'), {
      ok: true,
      text: `≈${NBSP}$10.83`,
      amount: '$10.83',
      value: 1083,
      currency: 'USD',
    });
    const de = formatApproximate(1000, 'USD', { currency: 'EUR', rate: '0.9231' }, 'de-DE');
    assert.ok(de.ok);
    assert.equal(de.text, `≈${NBSP}9,23${NBSP}€`);
  });

  it('names the settlement currency by code where both would show the same symbol', () => {
    // In en-US, narrow CAD and USD are both "$".
    const note = formatApproximate(1000, 'CAD', { currency: 'USD', rate: 0.73 }, 'en-US', { display: 'narrowSymbol' });
    assert.ok(note.ok);
    assert.equal(note.amount, `USD${NBSP}7.30`);
  });

  it('passes failures through', () => {
    assert.deepEqual(formatApproximate(1000, 'EUR', { currency: 'USD', rate: 0 }, 'en-US'), { ok: false, reason: 'invalid_rate' });
    assert.deepEqual(formatApproximate(1000, 'EUR', { currency: 'ABC', rate: 1 }, 'en-US'), { ok: false, reason: 'unknown_currency' });
  });
});
