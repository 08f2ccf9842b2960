/**
 * The i18n runtime in Node: lazy loading, fallback to English, interpolation
 * and i18next's plural rules, checked against the JSON actually shipped.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { addMessages, isLocaleLoaded, loadLocale, translate, type MessageKey } from './i18n.js';
import { SUPPORTED_LOCALES, type SupportedLocale } from './locales.js';

const LOCALES_DIR = new URL('../../../locales/', import.meta.url);
const NAMESPACES = readdirSync(new URL('en/', LOCALES_DIR))
  .filter((file) => file.endsWith('.json'))
  // The card frame's strings belong to the frame's own i18next instance (src/card-frame/i18n.ts, tested there).
  .filter((file) => file !== 'card-frame.json')
  .map((file) => file.slice(0, -'.json'.length));

function messages(locale: string, namespace: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, prefix: string) => {
    if (typeof value === 'string') out.set(prefix, value);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
  };
  walk(JSON.parse(readFileSync(new URL(`${locale}/${namespace}.json`, LOCALES_DIR), 'utf8')), '');
  return out;
}

const CHUNK_FAILED = (locale: string) =>
  `locales/${locale}/index.ts or payment.ts failed to import: are checkout.json, catalog.json and payment.json all there and valid?`;

/** Keys reach `translate` as strings from the JSON files; the type check of literals is covered by tsc. */
const key = (namespace: string, path: string) => `${namespace}:${path}` as MessageKey;

/** Distinct marker per placeholder so a swapped or dropped value is visible. */
function sampleValues(text: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const match of text.matchAll(/\{\{\s*-?\s*([\w.]+)/g)) {
    const name = match[1] ?? '';
    values[name] = name === 'count' ? 7 : `⟨${name}⟩`;
  }
  return values;
}

/** Probe keys that are no message of ours, to test i18next's own fallback and plural rules: the public type refuses them. */
const addProbeMessages = addMessages as (locale: string, namespace: 'checkout', messages: Record<string, string>) => void;

describe('i18n runtime', () => {
  it('renders English without loading anything', () => {
    assert.equal(isLocaleLoaded('en'), true);
    assert.equal(translate('en', 'checkout:pay', { amount: '€50.00' }), 'Pay €50.00');
    assert.equal(translate('en', 'checkout:unavailable.title'), messages('en', 'checkout').get('unavailable.title'));
  });

  it('shows English for a locale until its chunk has loaded, then the translation', async () => {
    const de = messages('de', 'checkout');
    assert.equal(isLocaleLoaded('de'), false);
    assert.equal(translate('de', 'checkout:unavailable.title'), "Payment can't be taken right now");
    assert.equal(await loadLocale('de'), true, CHUNK_FAILED('de'));
    assert.equal(isLocaleLoaded('de'), true);
    assert.equal(translate('de', 'checkout:unavailable.title'), de.get('unavailable.title'));
    assert.notEqual(translate('de', 'checkout:unavailable.title'), "Payment can't be taken right now");
  });

  it('loads the payment messages as a separate part, after the first-paint ones', async () => {
    assert.equal(await loadLocale('tr'), true, CHUNK_FAILED('tr'));
    assert.equal(isLocaleLoaded('tr'), true);
    assert.equal(isLocaleLoaded('tr', ['payment']), false);
    assert.equal(await loadLocale('tr', ['base', 'payment']), true, CHUNK_FAILED('tr'));
    assert.equal(isLocaleLoaded('tr', ['base', 'payment']), true);
    const title = messages('tr', 'payment').get('failure.insufficient_funds.title');
    assert.ok(title, 'tr payment.json has failure.insufficient_funds.title');
    assert.equal(translate('tr', key('payment', 'failure.insufficient_funds.title')), title);
  });

  it('shares one request between concurrent loads of the same locale', async () => {
    const first = loadLocale('nl');
    const second = loadLocale('nl');
    assert.equal(first, second);
    assert.equal(await first, true, CHUNK_FAILED('nl'));
  });

  it('interpolates values without HTML-escaping them (Lit escapes when rendering)', async () => {
    assert.equal(await loadLocale('fr'), true, CHUNK_FAILED('fr'));
    assert.equal(translate('fr', 'checkout:pay', { amount: '12,50 €' }), 'Payer 12,50 €');
    assert.equal(translate('en', 'checkout:pay', { amount: 'M&M <Pay>' }), 'Pay M&M <Pay>');
  });

  it('falls back to English for a key a locale does not have', async () => {
    await loadLocale('ja');
    addProbeMessages('en', 'checkout', { probeFallback: 'Only in English' });
    assert.equal(translate('ja', key('checkout', 'probeFallback')), 'Only in English');
  });

  it('uses i18next plural rules for Arabic (zero, one, two, few, many, other)', async () => {
    await loadLocale('ar');
    addProbeMessages('ar', 'checkout', {
      probeItems_zero: 'zero', probeItems_one: 'one', probeItems_two: 'two',
      probeItems_few: 'few {{count}}', probeItems_many: 'many {{count}}', probeItems_other: 'other {{count}}',
    });
    const got = [0, 1, 2, 3, 10, 11, 99, 100, 102].map((count) => translate('ar', key('checkout', 'probeItems'), { count }));
    assert.deepEqual(got, ['zero', 'one', 'two', 'few 3', 'few 10', 'many 11', 'many 99', 'other 100', 'other 102']);
  });

  it('uses i18next plural rules for Polish (one, few, many, other)', async () => {
    await loadLocale('pl');
    addProbeMessages('pl', 'checkout', {
      probeItems_one: '{{count}} metoda', probeItems_few: '{{count}} metody',
      probeItems_many: '{{count}} metod', probeItems_other: '{{count}} metody (ułamek)',
    });
    const got = [1, 2, 4, 5, 12, 21, 22, 25, 1.5].map((count) => translate('pl', key('checkout', 'probeItems'), { count }));
    assert.deepEqual(got, [
      '1 metoda', '2 metody', '4 metody', '5 metod', '12 metod', '21 metod', '22 metody', '25 metod', '1.5 metody (ułamek)',
    ]);
  });

  it('uses only the "other" form in Japanese', async () => {
    await loadLocale('ja');
    addProbeMessages('ja', 'checkout', { probeItems_other: '{{count}}件' });
    assert.deepEqual([0, 1, 2, 5].map((count) => translate('ja', key('checkout', 'probeItems'), { count })), ['0件', '1件', '2件', '5件']);
  });

  it('loads every supported locale', async () => {
    const failed: SupportedLocale[] = [];
    for (const locale of SUPPORTED_LOCALES) if (!(await loadLocale(locale, ['base', 'payment', 'support', 'call']))) failed.push(locale);
    assert.deepEqual(failed, [], 'these locale chunks failed to import (missing or broken JSON?)');
  });

  it('renders every message of every locale from its own file with all placeholders filled', async () => {
    const problems: string[] = [];
    for (const locale of SUPPORTED_LOCALES) {
      if (!(await loadLocale(locale, ['base', 'payment', 'support', 'call']))) {
        problems.push(`${locale}: not loadable`);
        continue;
      }
      for (const namespace of NAMESPACES) {
        for (const [path, text] of messages(locale, namespace)) {
          // Plural forms are reached through their base key with a count; checked below.
          if (/_(zero|one|two|few|many|other)$/.test(path)) continue;
          const values = sampleValues(text);
          const out = translate(locale, key(namespace, path), values);
          if (out.includes('{{') || out.includes('}}')) problems.push(`${locale} ${namespace}:${path}: unfilled "${out}"`);
          for (const value of Object.values(values)) {
            if (!out.includes(String(value))) problems.push(`${locale} ${namespace}:${path}: lost ${value}`);
          }
          if (out === `${namespace}:${path}` || out === path) problems.push(`${locale} ${namespace}:${path}: key shown instead of text`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('resolves every shipped plural group to the locale\'s own form for any count', async () => {
    const problems: string[] = [];
    const counts = [0, 1, 2, 3, 4, 5, 11, 21, 22, 25, 100, 101, 102, 1_000_000, 1.5];
    for (const locale of SUPPORTED_LOCALES) {
      if (!(await loadLocale(locale, ['base', 'payment', 'support', 'call']))) continue;
      const rules = new Intl.PluralRules(locale);
      for (const namespace of NAMESPACES) {
        const own = messages(locale, namespace);
        const bases = [...own.keys()].filter((k) => k.endsWith('_other') && !k.endsWith('_ordinal_other')).map((k) => k.slice(0, -6));
        for (const base of bases) {
          for (const count of counts) {
            const category = count === 0 && own.has(`${base}_zero`) ? 'zero' : rules.select(count);
            const template = own.get(`${base}_${category}`);
            if (template === undefined) {
              problems.push(`${locale} ${namespace}:${base}: no _${category} form (count ${count})`);
              continue;
            }
            const values: Record<string, string | number> = { ...sampleValues(template), count };
            const want = template.replace(/\{\{\s*-?\s*([\w.]+)[^}]*\}\}/g, (_, name: string) => String(values[name]));
            const got = translate(locale, key(namespace, base), values);
            if (got !== want) problems.push(`${locale} ${namespace}:${base} count ${count}: "${got}", expected "${want}"`);
          }
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
