/**
 * The drop-in entry's early start (src/early/start.ts) repeats a few facts of
 * the library so that it can run before the library arrives. These tests hold
 * each repeated fact to its source, and check the hand-off: the protocol client
 * takes the entry's response to exactly its own request, once.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EARLY_HEADERS, EARLY_LOCALES, earlyEndpoint, earlyKey, likelyLocale, regionOfClock, startEarly, type EarlyEnvironment } from '../../src/early/start.js';
import { SUPPORTED_LOCALES, resolveLocale } from '../../src/core/i18n/locales.js';
import { PROTOCOL_VERSION, VERSION_HEADER } from '../../src/core/protocol/schemas.js';
import { parseEndpoint } from '../../src/core/checkout/return-url.js';
import { ProtocolClient } from '../../src/core/protocol/client.js';
import { REGION_OF } from '../../src/core/catalog/global.js';

const SESSION = {
  id: 'cs_early',
  amount: { value: 4200, currency: 'EUR' },
  country: 'NL',
  paymentMethods: [{ id: 'ideal', type: 'bank_redirect' }],
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  mode: 'sandbox',
};

function environment(overrides: Partial<EarlyEnvironment> = {}): EarlyEnvironment & { sent: { url: string; init: RequestInit }[]; loaded: string[] } {
  const sent: { url: string; init: RequestInit }[] = [];
  const loaded: string[] = [];
  return {
    checkouts: [{ endpoint: 'https://api.shop.example/checkout/v1/', token: 'tok_early', locale: null }],
    baseUrl: 'https://shop.example/cart',
    languages: ['en-US'],
    utcOffsetMinutes: 60,
    fetch: (url, init) => {
      sent.push({ url, init });
      return Promise.resolve(new Response(JSON.stringify(SESSION), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    },
    registry: new Map(),
    loadRegion: (region) => (loaded.push(`region:${region}`), Promise.resolve()),
    loadLocale: (locale) => (loaded.push(`locale:${locale}`), Promise.resolve()),
    sent,
    loaded,
    ...overrides,
  };
}

describe('early start: repeated facts match their sources', () => {
  it('sends the protocol headers and knows the shipped locales', () => {
    assert.equal(EARLY_HEADERS.version, VERSION_HEADER);
    assert.equal(EARLY_HEADERS.versionValue, PROTOCOL_VERSION);
    assert.deepEqual([...EARLY_LOCALES], [...SUPPORTED_LOCALES]);
  });

  it('guesses the locale the library will resolve', () => {
    const tags = [
      ...SUPPORTED_LOCALES, 'th-TH', 'zh', 'zh-HK', 'zh-MO', 'zh-SG', 'zh-Hant', 'zh-Hans-HK', 'yue', 'es-AR', 'es-ES', 'es-419', 'pt', 'pt-PT',
      'tl', 'in', 'ar-SA', 'ar-EG', 'de-CH', 'fr-CA', 'en-GB', 'nl-BE', 'ko-KR', 'ja-JP', 'hi-IN', 'ms-MY', 'vi-VN', 'fil-PH', 'id-ID', 'tr-TR',
      'pl-PL', 'sv-SE', 'xx', 'th_TH', 'de-DE-u-co-phonebk',
    ];
    for (const tag of tags) {
      const library = resolveLocale([tag]);
      assert.equal(likelyLocale(tag) ?? 'en', library, tag);
    }
  });

  it('normalizes the endpoint exactly as the element does', () => {
    for (const value of ['https://a.example/v1', 'https://a.example/v1///', '/api/v1/', 'javascript:alert(1)', 'ftp://x/', '']) {
      assert.equal(earlyEndpoint(value, 'https://shop.example/p'), parseEndpoint(value, 'https://shop.example/p'), value);
    }
  });

  it('maps a buyer clock (and languages) to the catalog region of their country', () => {
    // [country, minutes east of UTC (standard or summer time), browser languages]
    const buyers: Array<[string, number, string[]]> = [
      ['NL', 60, ['nl-NL']], ['NL', 120, ['en-US']], ['GB', 0, ['en-GB']], ['PT', 60, ['pt-PT']], ['FI', 180, ['fi-FI']], ['TR', 180, ['tr-TR']],
      ['BR', -180, ['pt-BR']], ['US', -300, ['en-US']], ['US', -480, ['en-US']], ['MX', -360, ['es-MX']], ['TH', 420, ['th-TH']],
      ['ID', 420, ['id-ID']], ['JP', 540, ['ja-JP']], ['IN', 330, ['hi-IN', 'en-IN']], ['AU', 600, ['en-AU']], ['NZ', 780, ['en-NZ']],
      ['SA', 180, ['ar-SA']], ['AE', 240, ['ar-AE', 'en']], ['KW', 180, ['en-US']], ['EG', 120, ['ar-EG']], ['KE', 180, ['en-KE', 'sw']],
      ['NG', 60, ['en-NG']], ['ZA', 120, ['en-ZA']],
    ];
    for (const [country, minutes, languages] of buyers) assert.equal(regionOfClock(minutes, languages), REGION_OF[country], `${country} ${minutes} ${languages}`);
    assert.equal(regionOfClock(900, ['en']), null);
  });
});

describe('early start: requests and hand-off', () => {
  it('starts the session request, the likely region and language at once', () => {
    const env = environment({ languages: ['th-TH', 'en'], utcOffsetMinutes: 420 });
    startEarly(env);
    assert.equal(env.sent.length, 1);
    assert.equal(env.sent[0]!.url, 'https://api.shop.example/checkout/v1/session');
    assert.deepEqual(env.sent[0]!.init.headers, { Accept: 'application/json', Authorization: 'Bearer tok_early', [VERSION_HEADER]: PROTOCOL_VERSION });
    assert.equal(env.sent[0]!.init.credentials, 'omit');
    assert.deepEqual(env.loaded, ['region:asia-pacific', 'locale:th']);
    // A second copy of the script does not send it again.
    startEarly({ ...env, loadRegion: () => Promise.resolve(), loadLocale: () => Promise.resolve() });
    assert.equal(env.sent.length, 1);
  });

  it('leaves out checkouts without a usable endpoint or token, and English buyers need no chunk', () => {
    const env = environment({
      checkouts: [{ endpoint: 'javascript:alert(1)', token: 't', locale: null }, { endpoint: 'https://a.example', token: '  ', locale: 'en' }],
      languages: ['th'],
    });
    startEarly(env);
    assert.equal(env.sent.length, 0);
    assert.deepEqual(env.loaded, ['region:europe']);
  });

  it('the client takes the early response once, for its own endpoint and token only', async () => {
    const env = environment();
    startEarly(env);
    const registry = Symbol.for('checkout-kit.early-responses');
    (globalThis as Record<symbol, unknown>)[registry] = env.registry;
    try {
      let ownFetches = 0;
      const fetch = async () => (ownFetches++, new Response(JSON.stringify(SESSION), { status: 200 }));
      const other = new ProtocolClient({ endpoint: 'https://api.shop.example/checkout/v1', token: 'another_token', fetch });
      assert.ok((await other.getSession()).ok);
      assert.equal(ownFetches, 1, 'another token does not get the early response');
      const client = new ProtocolClient({ endpoint: 'https://api.shop.example/checkout/v1', token: 'tok_early', fetch });
      const first = await client.getSession();
      assert.ok(first.ok && first.value.id === 'cs_early');
      assert.equal(ownFetches, 1, 'the early response was used');
      assert.ok((await client.getSession()).ok);
      assert.equal(ownFetches, 2, 'and only once');
      assert.equal(env.registry.size, 0);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[registry];
    }
  });

  it('an early request that failed is retried by the client like its own', async () => {
    const env = environment({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    startEarly(env);
    const registry = Symbol.for('checkout-kit.early-responses');
    (globalThis as Record<symbol, unknown>)[registry] = env.registry;
    try {
      let ownFetches = 0;
      const fetch = async () => (ownFetches++, new Response(JSON.stringify(SESSION), { status: 200 }));
      const client = new ProtocolClient({ endpoint: 'https://api.shop.example/checkout/v1', token: 'tok_early', fetch, backoff: { baseMs: 1, maxMs: 1 } as never });
      const outcome = await client.getSession();
      assert.ok(outcome.ok);
      assert.equal(ownFetches, 1);
      assert.ok(earlyKey('a', 'b').includes('\n'));
    } finally {
      delete (globalThis as Record<symbol, unknown>)[registry];
    }
  });
});
