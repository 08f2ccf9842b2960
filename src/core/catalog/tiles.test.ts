/**
 * The lettered tile is what a buyer sees for every method without a mark of its
 * own: in any one country no two methods may share its letters (PayPal and
 * PromptPay were both "PP" in Thailand).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_COUNTRY_ORDERS, ALL_METHODS } from './all.js';
import type { CatalogMethod } from './types.js';

/** Pairs of methods offered in one country whose tiles read the same (letters compared without case). */
export function sharedTiles(methods: readonly CatalogMethod[], countries: Iterable<string>): string[] {
  const clashes = new Set<string>();
  for (const country of countries) {
    const byLetters = new Map<string, string>();
    for (const method of methods) {
      if (!method.mark || (method.countries !== '*' && !method.countries.includes(country))) continue;
      const letters = method.mark.toUpperCase();
      const other = byLetters.get(letters);
      if (other) clashes.add(`${country}: ${other} and ${method.id} are both "${method.mark}"`);
      else byLetters.set(letters, method.id);
    }
  }
  return [...clashes];
}

const COUNTRIES = new Set<string>([...Object.keys(ALL_COUNTRY_ORDERS), ...ALL_METHODS.flatMap((m) => (m.countries === '*' ? [] : m.countries))]);

describe('lettered tiles', () => {
  it('no two methods offered in the same country share a tile', () => {
    assert.deepEqual(sharedTiles(ALL_METHODS, COUNTRIES), []);
  });

  it('the check catches a planted clash', () => {
    const planted = ALL_METHODS.map((m) => (m.id === 'promptpay' ? { ...m, mark: 'pp' } : m));
    assert.deepEqual(sharedTiles(planted, COUNTRIES), ['TH: paypal and promptpay are both "pp"']);
  });

  it('every tile has 1–4 letters and a colour', () => {
    for (const method of ALL_METHODS) {
      if (!method.mark) continue;
      assert.ok(method.mark.length >= 1 && [...method.mark].length <= 4, `${method.id}: "${method.mark}"`);
      assert.match(method.colour ?? '', /^#[0-9a-f]{6}$/i, method.id);
    }
  });
});
