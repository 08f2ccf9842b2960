/**
 * The card frame's own i18next instance and strings (`locales/<lng>/card-frame.json`).
 * Only the buyer's locale is fetched, as its own small chunk; English is the fallback.
 */
import i18next, { type i18n } from 'i18next';
import { resolveLocale, type SupportedLocale } from '../core/i18n/locales.js';
import type en from '../../locales/en/card-frame.json';

type Strings = typeof en;
type Loader = () => Promise<{ default: Strings }>;

const LOADERS: Record<SupportedLocale, Loader> = {
  en: () => import('../../locales/en/card-frame.json'),
  'zh-CN': () => import('../../locales/zh-CN/card-frame.json'),
  'zh-TW': () => import('../../locales/zh-TW/card-frame.json'),
  ja: () => import('../../locales/ja/card-frame.json'),
  ko: () => import('../../locales/ko/card-frame.json'),
  id: () => import('../../locales/id/card-frame.json'),
  th: () => import('../../locales/th/card-frame.json'),
  ms: () => import('../../locales/ms/card-frame.json'),
  vi: () => import('../../locales/vi/card-frame.json'),
  fil: () => import('../../locales/fil/card-frame.json'),
  hi: () => import('../../locales/hi/card-frame.json'),
  'pt-BR': () => import('../../locales/pt-BR/card-frame.json'),
  es: () => import('../../locales/es/card-frame.json'),
  'es-MX': () => import('../../locales/es-MX/card-frame.json'),
  fr: () => import('../../locales/fr/card-frame.json'),
  de: () => import('../../locales/de/card-frame.json'),
  nl: () => import('../../locales/nl/card-frame.json'),
  pl: () => import('../../locales/pl/card-frame.json'),
  tr: () => import('../../locales/tr/card-frame.json'),
  ar: () => import('../../locales/ar/card-frame.json'),
};

/** Dotted keys of the frame's strings, checked against English. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type FrameKey = Leaves<Strings>;
export type Translate = (key: FrameKey, values?: Record<string, string | number>) => string;

/**
 * A translator for `locale` (any BCP 47 tag: it resolves to a shipped locale).
 * Falls back to English when the locale's chunk cannot be fetched.
 */
export async function loadStrings(locale: string): Promise<{ locale: string; t: Translate }> {
  const resolved = resolveLocale([locale]);
  const shipped: SupportedLocale = resolved === 'en-XA' ? 'en' : resolved;
  const [english, own] = await Promise.all([LOADERS.en(), shipped === 'en' ? null : LOADERS[shipped]().catch(() => null)]);
  const instance: i18n = i18next.createInstance();
  await instance.init({
    lng: own ? shipped : 'en',
    fallbackLng: 'en',
    resources: { en: { frame: english.default }, ...(own ? { [shipped]: { frame: own.default } } : {}) },
    defaultNS: 'frame',
    ns: ['frame'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return { locale: own ? shipped : 'en', t: (key, values) => instance.t(key, values ?? {}) };
}
