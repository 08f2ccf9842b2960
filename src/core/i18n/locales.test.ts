import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, directionOf, fallbackChain, resolveLocale } from './locales.js';

/** Inputs a store, a session or a browser might really send, none of which may throw. */
const GARBAGE = ['', ' ', '-', '--', '_', 'x', '123', 'en--US', 'not a locale!', '@@@', '\u0000', 'zh-', '-CN', 'a'.repeat(500), 'en-US-u-ca-', '🙂'];

describe('SUPPORTED_LOCALES', () => {
  it('lists the 20 required locales once each, in canonical form', () => {
    assert.equal(SUPPORTED_LOCALES.length, 20);
    assert.equal(new Set(SUPPORTED_LOCALES).size, 20);
    for (const locale of SUPPORTED_LOCALES) assert.equal(Intl.getCanonicalLocales(locale)[0], locale);
    assert.equal(DEFAULT_LOCALE, 'en');
  });
});

describe('fallbackChain', () => {
  it('starts every supported locale with itself and ends with English', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const chain = fallbackChain(locale);
      assert.equal(chain[0], locale);
      assert.equal(chain.at(-1), 'en');
    }
  });

  const cases: [string, string[]][] = [
    ['pt-PT', ['pt-BR', 'en']],
    ['pt', ['pt-BR', 'en']],
    ['pt-BR', ['pt-BR', 'en']],
    ['zh-Hans-SG', ['zh-CN', 'en']],
    ['zh-SG', ['zh-CN', 'en']],
    ['zh', ['zh-CN', 'en']],
    ['es-ES', ['es', 'en']],
    ['en-GB', ['en']],
    ['en-US', ['en']],
    ['en', ['en']],
    ['fil', ['fil', 'en']],
    ['fil-PH', ['fil', 'en']],
    ['tl', ['fil', 'en']],
    ['tl-PH', ['fil', 'en']],
    ['in', ['id', 'en']],
    ['id-ID', ['id', 'en']],
    ['ar-SA', ['ar', 'en']],
    ['de-AT', ['de', 'en']],
    ['de-CH', ['de', 'en']],
    ['fr-CA', ['fr', 'en']],
    ['nl-BE', ['nl', 'en']],
    ['ms-MY', ['ms', 'en']],
    ['xx', ['en']],
  ];
  for (const [tag, chain] of cases) {
    it(`${tag} → ${chain.join(' → ')}`, () => assert.deepEqual(fallbackChain(tag), chain));
  }

  it('sends Hong Kong, Macau and Hant to Traditional Chinese first', () => {
    for (const tag of ['zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-HK', 'zh-Hant-TW']) {
      assert.equal(fallbackChain(tag)[0], 'zh-TW', tag);
      assert.equal(fallbackChain(tag).at(-1), 'en', tag);
    }
  });

  it('sends Latin American Spanish to es-MX, then es, then English', () => {
    for (const tag of ['es-AR', 'es-419', 'es-US', 'es-CO', 'es-CL', 'es-PE']) {
      assert.deepEqual(fallbackChain(tag), ['es-MX', 'es', 'en'], tag);
    }
  });

  it('accepts underscores and any letter case', () => {
    assert.deepEqual(fallbackChain('pt_BR'), ['pt-BR', 'en']);
    assert.deepEqual(fallbackChain('ZH-tw')[0], 'zh-TW');
    assert.deepEqual(fallbackChain('ES-mx')[0], 'es-MX');
  });

  it('returns English and never throws for garbage', () => {
    for (const tag of GARBAGE) {
      const chain = fallbackChain(tag);
      assert.equal(chain.at(-1), 'en', JSON.stringify(tag));
      for (const locale of chain) assert.ok((SUPPORTED_LOCALES as readonly string[]).includes(locale));
    }
  });
});

describe('resolveLocale', () => {
  // Candidates are passed as [attribute, session hint, ...navigator.languages].
  it('prefers the attribute over the session hint over the browser', () => {
    assert.equal(resolveLocale(['de', 'fr', 'ja']), 'de');
    assert.equal(resolveLocale([null, 'fr', 'ja']), 'fr');
    assert.equal(resolveLocale([undefined, undefined, 'ja', 'ko']), 'ja');
    assert.equal(resolveLocale(['', '', 'ko']), 'ko');
  });

  it('skips a candidate it cannot serve instead of falling to English early', () => {
    assert.equal(resolveLocale(['xx', 'fr', 'ja']), 'fr');
    assert.equal(resolveLocale([null, 'sw', 'ko']), 'ko');
    assert.equal(resolveLocale(['not a locale!', null, 'pt-PT']), 'pt-BR');
  });

  it('honours an explicit English request rather than skipping it', () => {
    assert.equal(resolveLocale(['en-GB', 'fr']), 'en');
    assert.equal(resolveLocale([null, 'en', 'de']), 'en');
  });

  it('maps regional tags to the shipped variant', () => {
    assert.equal(resolveLocale(['zh-HK']), 'zh-TW');
    assert.equal(resolveLocale(['zh-Hans-SG']), 'zh-CN');
    assert.equal(resolveLocale(['es-AR']), 'es-MX');
    assert.equal(resolveLocale(['es-ES']), 'es');
    assert.equal(resolveLocale(['tl']), 'fil');
    assert.equal(resolveLocale(['ar-SA']), 'ar');
  });

  it('falls back to English when nothing matches, without throwing', () => {
    assert.equal(resolveLocale([]), 'en');
    assert.equal(resolveLocale([null, undefined]), 'en');
    assert.equal(resolveLocale(['xx', 'yy']), 'en');
    assert.equal(resolveLocale(GARBAGE), 'en');
  });
});

describe('directionOf', () => {
  it('is rtl for Arabic and other right-to-left languages, shipped or not', () => {
    for (const tag of ['ar', 'ar-SA', 'ar-EG', 'he', 'he-IL', 'iw', 'fa', 'fa-IR', 'ur', 'ur-PK']) {
      assert.equal(directionOf(tag), 'rtl', tag);
    }
  });

  it('is ltr for every other supported locale', () => {
    for (const locale of SUPPORTED_LOCALES.filter((l) => l !== 'ar')) assert.equal(directionOf(locale), 'ltr', locale);
  });

  it('is ltr and does not throw for garbage', () => {
    for (const tag of GARBAGE) assert.equal(directionOf(tag), 'ltr', JSON.stringify(tag));
  });
});
