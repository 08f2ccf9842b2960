/**
 * Every locale carries exactly the English keys, with the plural forms its
 * language needs, the same placeholders, no empty strings and no untranslated
 * English. Reads the JSON from disk so a missing or broken file is reported by
 * name rather than as an import error.
 */
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SUPPORTED_LOCALES } from '../../src/core/i18n/locales.js';

const LOCALES_DIR = new URL('../../locales/', import.meta.url);
const NON_ENGLISH = SUPPORTED_LOCALES.filter((locale) => locale !== 'en');

/** Namespaces are whatever JSON files English has; a new namespace is checked without editing this test. */
const NAMESPACES = readdirSync(new URL('en/', LOCALES_DIR))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort();

/**
 * Names that stay the same in every language. Only brand and product names
 * belong here: they are removed from the English text before the
 * "untranslated" length check, so a message that is nothing but a brand name
 * may be identical to English while "Pay with {{method}} now" may not.
 */
const BRAND_NAMES = [
  "Touch 'n Go eWallet",
  'Touch ’n Go eWallet',
  'Rabbit LINE Pay',
  'Afterpay/Clearpay',
  'American Express',
  'Mercado Pago',
  'Cash App Pay',
  'Samsung Pay',
  'Google Pay',
  'Apple Pay',
  'Amazon Pay',
  'PayPal Pay Later',
] as const;

/** English text shorter than this (after placeholders and brand names are removed) may legitimately match: "Total", "OK". */
const UNTRANSLATED_MIN_LENGTH = 12;

const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
type PluralCategory = (typeof PLURAL_SUFFIXES)[number];

type Flat = Map<string, unknown>;

function flatten(value: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

function readNamespace(locale: string, namespace: string): Flat {
  const url = new URL(`${locale}/${namespace}.json`, LOCALES_DIR);
  assert.ok(existsSync(url), `locales/${locale}/${namespace}.json does not exist`);
  const text = readFileSync(url, 'utf8');
  let parsed: unknown;
  assert.doesNotThrow(() => (parsed = JSON.parse(text)), `locales/${locale}/${namespace}.json is not valid JSON`);
  assert.ok(
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed),
    `locales/${locale}/${namespace}.json must be a JSON object`,
  );
  return flatten(parsed);
}

/** For checks after the key test: a missing file is reported once, there, and skipped here. */
function readOrSkip(t: TestContext, locale: string, namespace: string): Flat | undefined {
  if (existsSync(new URL(`${locale}/${namespace}.json`, LOCALES_DIR))) return readNamespace(locale, namespace);
  t.skip(`locales/${locale}/${namespace}.json does not exist (reported by the key test)`);
  return undefined;
}

/** A plural group: `base` plus i18next's `_<category>` (cardinal) or `_ordinal_<category>` suffixes. */
interface PluralGroup {
  base: string;
  ordinal: boolean;
  /** English carries an explicit `_zero` even though English has no zero category: every locale must too. */
  explicitZero: boolean;
}

/** English keys ending in `_other` (or `_ordinal_other`) open a plural group. */
function pluralGroups(en: Flat): PluralGroup[] {
  const groups: PluralGroup[] = [];
  for (const key of en.keys()) {
    const ordinal = key.endsWith('_ordinal_other');
    if (!ordinal && !key.endsWith('_other')) continue;
    const base = key.slice(0, -(ordinal ? '_ordinal_other' : '_other').length);
    groups.push({ base, ordinal, explicitZero: !ordinal && en.has(`${base}_zero`) });
  }
  return groups;
}

function suffix(group: PluralGroup, category: PluralCategory): string {
  return `${group.base}${group.ordinal ? '_ordinal' : ''}_${category}`;
}

function categoriesOf(locale: string, group: PluralGroup): PluralCategory[] {
  const rules = new Intl.PluralRules(locale, { type: group.ordinal ? 'ordinal' : 'cardinal' });
  const categories = new Set(rules.resolvedOptions().pluralCategories as PluralCategory[]);
  if (group.explicitZero) categories.add('zero');
  return PLURAL_SUFFIXES.filter((category) => categories.has(category));
}

/** The keys `locale` must have: English's, with each plural group expanded to the locale's categories. */
function expectedKeys(locale: string, en: Flat): Set<string> {
  const groups = pluralGroups(en);
  const pluralKeys = new Set<string>();
  for (const group of groups) for (const category of PLURAL_SUFFIXES) pluralKeys.add(suffix(group, category));
  const keys = new Set([...en.keys()].filter((key) => !pluralKeys.has(key)));
  for (const group of groups) for (const category of categoriesOf(locale, group)) keys.add(suffix(group, category));
  return keys;
}

/** `{{amount}}`, `{{- raw}}`, `{{count, number}}` and `$t(ns:key)` tokens, normalised for spacing. */
function placeholders(text: string): string[] {
  const tokens = [...text.matchAll(/\{\{\s*(-?)\s*([^}]*?)\s*\}\}/g)].map((m) => `{{${m[1]}${m[2]}}}`);
  const nesting = [...text.matchAll(/\$t\(([^)]*)\)/g)].map((m) => `$t(${m[1]})`);
  return [...tokens, ...nesting].sort();
}

function withoutCount(tokens: string[]): string[] {
  return tokens.filter((token) => !/^\{\{-?count(,.*)?\}\}$/.test(token));
}

/**
 * Whether a plural form may leave out `{{count}}`: only when its category
 * matches exactly one integer in that language (Arabic zero/one/two, Polish
 * one), so the word itself states the number. French `one` covers 0 and 1 and
 * Filipino `one` covers 1, 2, 3, 5, ..., so they must show the count.
 */
function countMayBeImplicit(locale: string, group: PluralGroup, category: PluralCategory): boolean {
  if (category === 'zero' && group.explicitZero) return true;
  const rules = new Intl.PluralRules(locale, { type: group.ordinal ? 'ordinal' : 'cardinal' });
  let matches = 0;
  for (let n = 0; n <= 1000 && matches < 2; n++) if (rules.select(n) === category) matches++;
  return matches === 1;
}

/** The English message a locale key is compared with: the same key, or for plural forms the English `_other`. */
function englishReference(key: string, en: Flat, groups: PluralGroup[]): { text: string; group?: PluralGroup; category?: PluralCategory } | undefined {
  for (const group of groups) {
    for (const category of PLURAL_SUFFIXES) {
      if (suffix(group, category) !== key) continue;
      const text = en.get(suffix(group, 'other'));
      return typeof text === 'string' ? { text, group, category } : undefined;
    }
  }
  const text = en.get(key);
  return typeof text === 'string' ? { text } : undefined;
}

function strip(text: string): string {
  let rest = text.replace(/\{\{[^}]*\}\}|\$t\([^)]*\)/g, ' ');
  for (const brand of BRAND_NAMES) rest = rest.split(brand).join(' ');
  return rest.replace(/[\s\p{P}\p{S}\d]+/gu, ' ').trim();
}

function listed(keys: Iterable<string>): string {
  return [...keys].map((key) => `\n  - ${key}`).join('');
}

describe('locales: English source', () => {
  it('has the namespaces the runtime loads (card-frame: the card frame\'s own bundle)', () => {
    assert.deepEqual(NAMESPACES, ['call', 'card-frame', 'catalog', 'checkout', 'payment', 'support']);
  });

  for (const namespace of NAMESPACES) {
    it(`${namespace}.json: plural groups carry English's categories, strings are non-empty`, () => {
      const en = readNamespace('en', namespace);
      const problems: string[] = [];
      for (const [key, value] of en) {
        if (typeof value !== 'string') problems.push(`${key}: not a string (${JSON.stringify(value)})`);
        else if (value.trim() === '') problems.push(`${key}: empty`);
      }
      const expected = expectedKeys('en', en);
      for (const key of expected) if (!en.has(key)) problems.push(`${key}: missing plural form`);
      for (const key of en.keys()) if (!expected.has(key)) problems.push(`${key}: plural form English does not use`);
      assert.equal(problems.length, 0, `locales/en/${namespace}.json:${listed(problems)}`);
    });
  }
});

for (const locale of NON_ENGLISH) {
  describe(`locales: ${locale}`, () => {
    for (const namespace of NAMESPACES) {
      const file = `locales/${locale}/${namespace}.json`;

      it(`${namespace}.json has exactly the English keys (plurals per Intl.PluralRules('${locale}'))`, () => {
        const en = readNamespace('en', namespace);
        const messages = readNamespace(locale, namespace);
        const expected = expectedKeys(locale, en);
        const missing = [...expected].filter((key) => !messages.has(key));
        const extra = [...messages.keys()].filter((key) => !expected.has(key));
        assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${file}: missing${listed(missing)}\nextra${listed(extra)}`);
      });

      it(`${namespace}.json has no empty or non-string messages`, (t) => {
        const messages = readOrSkip(t, locale, namespace);
        if (!messages) return;
        const bad = [...messages].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
        assert.deepEqual(bad, [], `${file}: empty or not a string${listed(bad)}`);
      });

      it(`${namespace}.json keeps every placeholder of the English message`, (t) => {
        const messages = readOrSkip(t, locale, namespace);
        if (!messages) return;
        const en = readNamespace('en', namespace);
        const groups = pluralGroups(en);
        const problems: string[] = [];
        for (const [key, value] of messages) {
          if (typeof value !== 'string') continue;
          const reference = englishReference(key, en, groups);
          if (!reference) continue;
          const want = placeholders(reference.text);
          const got = placeholders(value);
          const opened = value.split('{{').length - 1;
          const closed = value.split('}}').length - 1;
          if (opened !== closed) problems.push(`${key}: unbalanced braces in "${value}"`);
          if (reference.group && reference.category) {
            // `count` is always passed to a plural, so a form may add it; it may drop it only
            // where the word alone states the number (Arabic "two", Polish "one").
            const sameOthers = JSON.stringify(withoutCount(got)) === JSON.stringify(withoutCount(want));
            const countKept =
              withoutCount(want).length === want.length ||
              withoutCount(got).length !== got.length ||
              countMayBeImplicit(locale, reference.group, reference.category);
            if (!sameOthers || !countKept) {
              problems.push(`${key}: placeholders ${JSON.stringify(got)}, English ${JSON.stringify(want)}`);
            }
          } else if (JSON.stringify(got) !== JSON.stringify(want)) {
            problems.push(`${key}: placeholders ${JSON.stringify(got)}, English ${JSON.stringify(want)}`);
          }
        }
        assert.deepEqual(problems, [], `${file}:${listed(problems)}`);
      });

      it(`${namespace}.json has no untranslated English`, (t) => {
        const messages = readOrSkip(t, locale, namespace);
        if (!messages) return;
        const en = readNamespace('en', namespace);
        const groups = pluralGroups(en);
        const suspicious: string[] = [];
        for (const [key, value] of messages) {
          if (typeof value !== 'string') continue;
          const reference = englishReference(key, en, groups);
          if (!reference || value.trim() !== reference.text.trim()) continue;
          if (strip(reference.text).length > UNTRANSLATED_MIN_LENGTH) suspicious.push(`${key}: "${value}"`);
        }
        assert.deepEqual(suspicious, [], `${file}: identical to English (translate, or add a brand name to BRAND_NAMES)${listed(suspicious)}`);
      });
    }
  });
}
