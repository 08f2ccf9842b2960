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

  it('sends Traditional Chinese to zh-TW then English, never through Simplified', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-HK', 'zh-Hant-TW', 'zh-Hant-MO', 'zh-Hant-CN', 'zh_TW', 'zh-hant-hk', 'zh-TW-u-nu-hanidec', 'yue', 'yue-HK', 'yue-Hant']) {
      assert.deepEqual(fallbackChain(tag), ['zh-TW', 'en'], tag);
    }
  });

  it('sends Simplified Chinese to zh-CN then English, never through Traditional', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-SG', 'zh-MY', 'zh-Hans', 'zh-Hans-CN', 'zh-Hans-SG', 'zh-Hans-HK', 'zh-Hans-TW', 'cmn-Hans', 'yue-CN', 'yue-Hans']) {
      assert.deepEqual(fallbackChain(tag), ['zh-CN', 'en'], tag);
    }
  });

  it('lets the script, not the region, decide for Chinese', () => {
    assert.deepEqual(fallbackChain('zh-Hans-TW'), ['zh-CN', 'en']);
    assert.deepEqual(fallbackChain('zh-Hant-SG'), ['zh-TW', 'en']);
  });

  it('keeps Mexican Spanish on es-MX then Spain\'s es, and Spain\'s Spanish off es-MX', () => {
    assert.deepEqual(fallbackChain('es-MX'), ['es-MX', 'es', 'en']);
    for (const tag of ['es', 'es-ES', 'es-GQ', 'es-ES-u-ca-gregory']) assert.deepEqual(fallbackChain(tag), ['es', 'en'], tag);
  });

  it('sends every European Portuguese variant to pt-BR, the shared written language', () => {
    for (const tag of ['pt-PT', 'pt-AO', 'pt-MZ', 'pt_PT', 'PT']) assert.deepEqual(fallbackChain(tag), ['pt-BR', 'en'], tag);
  });

  it('ignores Unicode extensions and private-use subtags when matching', () => {
    assert.deepEqual(fallbackChain('th-TH-u-nu-thai'), ['th', 'en']);
    assert.deepEqual(fallbackChain('ar-SA-u-nu-arab'), ['ar', 'en']);
    assert.deepEqual(fallbackChain('ja-JP-x-store'), ['ja', 'en']);
    assert.deepEqual(fallbackChain('en-US-u-ca-buddhist'), ['en']);
  });

  it('sends Latin American Spanish to es-MX, then es, then English', () => {
    for (const tag of ['es-AR', 'es-419', 'es-US', 'es-CO', 'es-CL', 'es-PE', 'es-VE', 'es-UY', 'es-PR', 'es-DO']) {
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
    assert.equal(resolveLocale(['zh-TW']), 'zh-TW');
    assert.equal(resolveLocale(['zh-Hant']), 'zh-TW');
    assert.equal(resolveLocale(['zh']), 'zh-CN');
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
