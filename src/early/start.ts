/**
 * What the drop-in's entry file does before the element code arrives: it
 * starts, at the same moment, every request the first method list waits for,
 * instead of one after another (entry → element code → `GET /session` → the
 * country's order → the language):
 *
 * - `GET /session` for every `<ck-checkout>` already in the page with its
 *   `endpoint` and `session-token` attributes (server-rendered pages). The
 *   response is handed to the protocol client through a registry on
 *   `globalThis` (see `src/core/protocol/early.ts`), used once, and only for the
 *   same endpoint and token.
 * - The catalog region of the buyer's likely country (from their clock) and
 *   the messages of their likely language (the element's `locale` attribute,
 *   else the browser's languages). A wrong guess costs one small chunk; the
 *   element then loads what the session says, as before.
 *
 * Self-contained on purpose: whatever this module imported from the rest of
 * the library would be bundled with the element code, and the browser would
 * have to fetch that before any of this could run. The few facts it repeats
 * (header names, the locale list) are checked against their sources in
 * `start.test.ts`.
 */

/** Where the entry leaves early responses for the protocol client: `Symbol.for`, so two copies of the script share it. */
export const EARLY_REGISTRY = Symbol.for('checkout-kit.early-responses');

/** Protocol headers, as `src/core/protocol` sends them (checked by a test). */
export const EARLY_HEADERS = { accept: 'Accept', auth: 'Authorization', version: 'Checkout-Kit-Version', versionValue: '1' } as const;

/** The locales that ship, as `SUPPORTED_LOCALES` (checked by a test). */
export const EARLY_LOCALES = ['en', 'zh-CN', 'zh-TW', 'ja', 'ko', 'id', 'th', 'ms', 'vi', 'fil', 'hi', 'pt-BR', 'es', 'es-MX', 'fr', 'de', 'nl', 'pl', 'tr', 'ar'] as const;

type Region = 'europe' | 'americas' | 'asia-pacific' | 'middle-east-africa';

/** Key of an early response: the request URL and the token it carried. */
export function earlyKey(url: string, token: string): string {
  return `${url}\n${token}`;
}

/** The API base URL as the element normalizes its `endpoint` attribute, or null. */
export function earlyEndpoint(value: string, base: string): string | null {
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href.replace(/\/+$/, '') : null;
  } catch {
    return null;
  }
}

/** Languages of the European countries whose clocks run at UTC+3 in summer (the rest of +3 is the Gulf and East Africa). */
const EUROPE_AT_PLUS_3 = /^(tr|el|fi|et|lv|lt|bg|ro|uk|he|cy)$/;
/** Countries of the Middle East and Africa whose clocks share Europe's UTC-1…+2. */
const AFRICA_IN_EUROPEAN_HOURS = /^(NG|ZA|EG|MA|DZ|TN|GH|SN|CM|CI|AO|CD)$/;

/**
 * The catalog region the buyer's clock points to: minutes east of UTC from
 * `Date#getTimezoneOffset` (which costs nothing, where asking for the time zone
 * by name loads ICU's zone data: 100–480 ms of main thread at 4× CPU), with the
 * browser's languages to tell apart regions that share hours.
 */
export function regionOfClock(minutesEastOfUtc: number, languages: readonly string[]): Region | null {
  const hours = minutesEastOfUtc / 60;
  const tags = languages.map((tag) => {
    try {
      const { language, region } = new Intl.Locale(tag);
      return { language, region: region ?? '' };
    } catch {
      return { language: '', region: '' };
    }
  });
  const speaks = (test: RegExp) => tags.some((tag) => test.test(tag.language));
  if (hours <= -2) return 'americas';
  if (hours < 3) {
    if (speaks(/^ar$/) || tags.some((tag) => AFRICA_IN_EUROPEAN_HOURS.test(tag.region))) return 'middle-east-africa';
    return 'europe';
  }
  if (hours < 4) return speaks(EUROPE_AT_PLUS_3) ? 'europe' : 'middle-east-africa';
  if (hours < 5) return 'middle-east-africa';
  if (hours <= 14) return 'asia-pacific';
  return null;
}

const LATIN_AMERICA = /^(419|AR|BO|CL|CO|CR|CU|DO|EC|GT|HN|MX|NI|PA|PE|PR|PY|SV|US|UY|VE)$/;

/** The shipped locale a tag most likely renders in (the first step of the library's fallback chain), or null for English or unknown. */
export function likelyLocale(tag: string): string | null {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag.replace(/_/g, '-'));
  } catch {
    return null;
  }
  const { language, script, region } = locale;
  if (language === 'zh' || language === 'yue') {
    if (script) return script === 'Hant' ? 'zh-TW' : 'zh-CN';
    return /^(TW|HK|MO)$/.test(region ?? (language === 'yue' ? 'HK' : '')) ? 'zh-TW' : 'zh-CN';
  }
  if (language === 'es' && region) return LATIN_AMERICA.test(region) ? 'es-MX' : 'es';
  const shipped = (candidate: string) => EARLY_LOCALES.find((l) => l.toLowerCase() === candidate.toLowerCase());
  const found = (region && shipped(`${language}-${region}`)) || shipped(language) || ({ pt: 'pt-BR', tl: 'fil', in: 'id' } as Record<string, string>)[language];
  return found && found !== 'en' ? found : null;
}

/** What the page offers the early start; injected so tests run it without a browser. */
export interface EarlyEnvironment {
  checkouts: readonly { endpoint: string | null; token: string | null; locale: string | null }[];
  baseUrl: string;
  languages: readonly string[];
  /** Minutes east of UTC (minus `Date#getTimezoneOffset()`). */
  utcOffsetMinutes: number;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  registry: Map<string, Promise<Response>>;
  loadRegion: (region: Region) => Promise<unknown>;
  loadLocale: (locale: string) => Promise<unknown>;
}

/**
 * Starts the early requests; never throws and never rejects (a failed early
 * request is simply not used: the element sends its own, with its retries).
 */
export function startEarly(env: EarlyEnvironment): void {
  for (const checkout of env.checkouts) {
    const endpoint = checkout.endpoint && earlyEndpoint(checkout.endpoint, env.baseUrl);
    const token = checkout.token?.trim();
    if (!endpoint || !token) continue;
    const url = `${endpoint}/session`;
    const key = earlyKey(url, token);
    if (env.registry.has(key)) continue;
    const response = env.fetch(url, {
      method: 'GET',
      headers: { [EARLY_HEADERS.accept]: 'application/json', [EARLY_HEADERS.auth]: `Bearer ${token}`, [EARLY_HEADERS.version]: EARLY_HEADERS.versionValue },
      credentials: 'omit',
      cache: 'no-store',
    });
    // Kept as it is, rejection included: the client treats it like its own fetch. Marked handled
    // here, because nobody may come to take it (the store changes the token first).
    response.catch(() => undefined);
    env.registry.set(key, response);
  }
  const region = regionOfClock(env.utcOffsetMinutes, env.languages);
  if (region) env.loadRegion(region).catch(() => undefined);
  const tags = [...env.checkouts.map((c) => c.locale), ...env.languages].filter((tag): tag is string => !!tag);
  for (const tag of tags) {
    const locale = likelyLocale(tag);
    if (locale) {
      env.loadLocale(locale).catch(() => undefined);
      break;
    }
    // An explicit English (attribute or first browser language) needs no chunk.
    if (/^en\b/i.test(tag)) break;
  }
}
