// Checks the minor-units table against expectations written separately from
// ISO 4217 List One (file dated 2026-01-01), so a typo in the table is caught.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ISO_4217_LIST_DATE, ISO_4217_MINOR_UNITS } from './iso4217.js';

/** Spot checks, one per line as the standard lists them. */
const EXPECTED: Record<string, number> = {
  // Exponent 0: every one of them.
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0,
  RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // Exponent 3: every one of them.
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // Exponent 4: every one of them.
  CLF: 4, UYW: 4,
  // Exponent 2, including those CLDR (and so Intl) shows with fewer digits.
  USD: 2, EUR: 2, GBP: 2, CHF: 2, CNY: 2, INR: 2, BRL: 2, MXN: 2, THB: 2, SAR: 2,
  AED: 2, IDR: 2, HUF: 2, TWD: 2, COP: 2, PHP: 2, MYR: 2, SGD: 2, ZAR: 2, EGP: 2,
  KES: 2, NGN: 2, PLN: 2, TRY: 2, MGA: 2, MRU: 2, IRR: 2, LAK: 2, AFN: 2, ALL: 2,
  // Codes introduced by amendments since 2021.
  SLE: 2, VED: 2, VES: 2, ZWG: 2, XCG: 2,
  // Funds codes with an exponent.
  BOV: 2, CHE: 2, CHW: 2, COU: 2, MXV: 2, USN: 2,
  // Still listed although little used.
  CUC: 2, CUP: 2, SVC: 2,
};

/** Withdrawn (List Three) or without a minor unit ("N.A."). */
const ABSENT = [
  'HRK', 'SLL', 'ZWL', 'ANG', 'BGN', 'VEF', 'MRO', 'STD', 'LTL', 'LVL', 'EEK', 'BYR', 'ZMK',
  'XAU', 'XAG', 'XPT', 'XPD', 'XDR', 'XSU', 'XUA', 'XBA', 'XBB', 'XBC', 'XBD', 'XTS', 'XXX',
];

describe('ISO 4217 minor units table', () => {
  it('is dated after the amendments it claims to include', () => {
    assert.equal(ISO_4217_LIST_DATE, '2026-01-01');
  });

  it('holds every active code with a minor unit: 165 codes (178 in List One minus 13 "N.A.")', () => {
    assert.equal(Object.keys(ISO_4217_MINOR_UNITS).length, 165);
  });

  it('has the standard number of codes per exponent', () => {
    const count = (exponent: number) => Object.values(ISO_4217_MINOR_UNITS).filter((e) => e === exponent).length;
    assert.deepEqual([count(0), count(2), count(3), count(4)], [17, 139, 7, 2]);
  });

  for (const [code, exponent] of Object.entries(EXPECTED)) {
    it(`${code} has ${exponent} minor units`, () => {
      assert.equal(ISO_4217_MINOR_UNITS[code], exponent);
    });
  }

  it('lists every 0, 3 and 4 exponent code of the standard and no other', () => {
    const nonTwo = Object.entries(ISO_4217_MINOR_UNITS).filter(([, e]) => e !== 2).map(([c]) => c).sort();
    const expected = Object.entries(EXPECTED).filter(([, e]) => e !== 2).map(([c]) => c).sort();
    assert.deepEqual(nonTwo, expected);
  });

  it('leaves out withdrawn codes and codes without minor units', () => {
    for (const code of ABSENT) assert.equal(Object.hasOwn(ISO_4217_MINOR_UNITS, code), false, code);
  });

  it('uses three uppercase letters and an exponent between 0 and 4', () => {
    for (const [code, exponent] of Object.entries(ISO_4217_MINOR_UNITS)) {
      assert.match(code, /^[A-Z]{3}$/);
      assert.ok(Number.isInteger(exponent) && exponent >= 0 && exponent <= 4, code);
    }
  });

  it('cannot be changed at run time', () => {
    assert.ok(Object.isFrozen(ISO_4217_MINOR_UNITS));
  });
});
