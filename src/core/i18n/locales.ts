/**
 * Which locales ship and how a requested tag falls back to one of them.
 * Pure: no i18next, no DOM, so it is tested in Node.
 */

/** Every locale with a full translation in `locales/`. `en` is bundled; the rest load lazily. */
export const SUPPORTED_LOCALES = [
  'en', 'zh-CN', 'zh-TW', 'ja', 'ko', 'id', 'th', 'ms', 'vi', 'fil',
  'hi', 'pt-BR', 'es', 'es-MX', 'fr', 'de', 'nl', 'pl', 'tr', 'ar',
] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

export const DEFAULT_LOCALE: SupportedLocale = 'en';

/**
 * Pseudo-locale for Storybook and QA (accented, ~40% longer English from
 * `locales/pseudo.ts`). Never shipped as a chunk: it renders only once its
 * messages are registered with `addMessages`, and shows English otherwise.
 */
export const PSEUDO_LOCALE = 'en-XA';

/** A locale messages can be rendered in: a shipped one or the pseudo-locale. */
export type RenderLocale = SupportedLocale | typeof PSEUDO_LOCALE;

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'ckb', 'dv', 'yi']);

/**
 * Where a language we ship only in a regional form, or under another code,
 * should land. `pt-PT` and other European Portuguese reach `pt-BR` through
 * this: the written language is shared and a Portuguese buyer reads Brazilian
 * checkout copy without trouble (some words differ, e.g. ecrã/tela), which
 * beats English. `tl` and `in` are the old codes of Filipino and Indonesian
 * that some systems still send when their Intl does not canonicalize them.
 */
const LANGUAGE_DEFAULTS: Record<string, SupportedLocale> = { pt: 'pt-BR', tl: 'fil', in: 'id' };

/** The shipped locale spelled `candidate` in any letter case. */
function shipped(candidate: string): SupportedLocale | undefined {
  return SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === candidate.toLowerCase());
}

/**
 * Spanish-speaking regions of the Americas, whose buyers read `es-MX` more
 * naturally than Spain's Spanish (monto, método de pago, simple past), then
 * fall back to `es`. Spain and any other region get `es` alone: it is the
 * base language, and the Mexican variant would not read better there.
 */
const LATIN_AMERICAN_SPANISH = new Set([
  '419', 'AR', 'BO', 'CL', 'CO', 'CR', 'CU', 'DO', 'EC', 'GT', 'HN', 'MX', 'NI', 'PA', 'PE', 'PR', 'PY', 'SV', 'US', 'UY', 'VE',
]);

/** Where Chinese is written in Traditional characters when a tag names no script. */
const TRADITIONAL_CHINESE_REGIONS = new Set(['TW', 'HK', 'MO']);

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

/** Language, script and region of a tag; extensions (`-u-nu-thai`) and private use are ignored. */
function subtags(tag: string): { language: string; script?: string; region?: string } | undefined {
  try {
    const { language, script, region } = new Intl.Locale(tag);
    return { language, script, region };
  } catch {
    return undefined;
  }
}

/**
 * Chinese never falls back across scripts: a buyer in Taipei or Hong Kong who
 * is shown Simplified characters (or a Beijing buyer shown Traditional) reads
 * it as a foreign, careless page, and a page mixing both is worse. An explicit
 * script decides; otherwise Taiwan, Hong Kong and Macau mean Traditional and
 * everything else (zh, zh-CN, zh-SG, zh-MY) Simplified. Written Cantonese
 * (`yue`) follows the same rule, Hong Kong's Traditional by default.
 */
function chineseLocale(script: string | undefined, region: string | undefined): SupportedLocale {
  if (script === 'Hant') return 'zh-TW';
  if (script === 'Hans') return 'zh-CN';
  return region && TRADITIONAL_CHINESE_REGIONS.has(region) ? 'zh-TW' : 'zh-CN';
}

/**
 * Fallback chain for one tag, most specific first, ending in `en`:
 * `pt-PT` → `pt-BR` → `en`; `es-AR` → `es-MX` → `es` → `en`;
 * `zh-HK` → `zh-TW` → `en` (never through `zh-CN`, see `chineseLocale`).
 */
export function fallbackChain(tag: string): RenderLocale[] {
  const tagCanonical = canonical(tag);
  if (tagCanonical === PSEUDO_LOCALE) return [PSEUDO_LOCALE, DEFAULT_LOCALE];
  const chain: SupportedLocale[] = [];
  const add = (locale: SupportedLocale | undefined) => {
    if (locale && !chain.includes(locale)) chain.push(locale);
  };
  const parts = tagCanonical ? subtags(tagCanonical) : undefined;
  if (parts) {
    const { language, script, region } = parts;
    if (language === 'zh' || language === 'yue') {
      // Bare `yue` is Hong Kong Cantonese.
      add(chineseLocale(script, region ?? (language === 'yue' ? 'HK' : undefined)));
    } else {
      if (language === 'es' && region) add(LATIN_AMERICAN_SPANISH.has(region) ? 'es-MX' : 'es');
      if (region) add(shipped(`${language}-${region}`));
      add(shipped(language) ?? LANGUAGE_DEFAULTS[language]);
    }
  }
  add(DEFAULT_LOCALE);
  return chain;
}

/**
 * The locale to show: the first of `candidates` (attribute, session hint,
 * `navigator.languages`, in that order) that resolves to something we ship
 * other than the final English fallback.
 */
export function resolveLocale(candidates: readonly (string | null | undefined)[]): RenderLocale {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const chain = fallbackChain(candidate);
    const first = chain[0];
    if (first && (first !== DEFAULT_LOCALE || canonical(candidate)?.split('-')[0] === 'en')) return first;
  }
  return DEFAULT_LOCALE;
}

/** Text direction of a locale. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  const language = (canonical(locale) ?? locale).split('-')[0] ?? '';
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}
