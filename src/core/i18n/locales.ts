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

/** Where a bare language or a regional variant we don't ship should land. */
const ALIASES: Record<string, SupportedLocale> = {
  zh: 'zh-CN', 'zh-Hans': 'zh-CN', 'zh-SG': 'zh-CN', 'zh-Hant': 'zh-TW', 'zh-HK': 'zh-TW', 'zh-MO': 'zh-TW',
  pt: 'pt-BR', tl: 'fil', in: 'id', nb: 'en',
  'es-419': 'es-MX', 'es-US': 'es-MX', 'es-AR': 'es-MX', 'es-CO': 'es-MX', 'es-CL': 'es-MX', 'es-PE': 'es-MX',
};

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

/**
 * Fallback chain for one tag, most specific first, ending in `en`:
 * `pt-PT` → `pt` (→ `pt-BR`) → `en`; `zh-Hant-HK` → `zh-TW`.
 */
export function fallbackChain(tag: string): RenderLocale[] {
  const tagCanonical = canonical(tag);
  if (tagCanonical === PSEUDO_LOCALE) return [PSEUDO_LOCALE, DEFAULT_LOCALE];
  const chain: SupportedLocale[] = [];
  const add = (candidate: string) => {
    const hit =
      SUPPORTED_LOCALES.find((l) => l.toLowerCase() === candidate.toLowerCase()) ??
      ALIASES[candidate];
    if (hit && !chain.includes(hit)) chain.push(hit);
  };
  if (tagCanonical) {
    const parts = tagCanonical.split('-');
    for (let n = parts.length; n > 0; n--) add(parts.slice(0, n).join('-'));
    // zh-Hant-HK: script and region both matter; try language-region too.
    if (parts.length > 2) add(`${parts[0]}-${parts[parts.length - 1]}`);
  }
  if (!chain.includes(DEFAULT_LOCALE)) chain.push(DEFAULT_LOCALE);
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
