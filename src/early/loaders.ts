// Literal import() calls for the early start: the same modules (so the same chunks) the catalog
// and i18n load later, which then find them already fetched.
type Loader = () => Promise<unknown>;

export const REGION_LOADERS: Record<'europe' | 'americas' | 'asia-pacific' | 'middle-east-africa', Loader> = {
  europe: () => import('../core/catalog/regions/europe.js'),
  americas: () => import('../core/catalog/regions/americas.js'),
  'asia-pacific': () => import('../core/catalog/regions/asia-pacific.js'),
  'middle-east-africa': () => import('../core/catalog/regions/middle-east-africa.js'),
};

export const LOCALE_LOADERS: Record<string, Loader> = {
  'zh-CN': () => import('../../locales/zh-CN/index.js'),
  'zh-TW': () => import('../../locales/zh-TW/index.js'),
  ja: () => import('../../locales/ja/index.js'),
  ko: () => import('../../locales/ko/index.js'),
  id: () => import('../../locales/id/index.js'),
  th: () => import('../../locales/th/index.js'),
  ms: () => import('../../locales/ms/index.js'),
  vi: () => import('../../locales/vi/index.js'),
  fil: () => import('../../locales/fil/index.js'),
  hi: () => import('../../locales/hi/index.js'),
  'pt-BR': () => import('../../locales/pt-BR/index.js'),
  es: () => import('../../locales/es/index.js'),
  'es-MX': () => import('../../locales/es-MX/index.js'),
  fr: () => import('../../locales/fr/index.js'),
  de: () => import('../../locales/de/index.js'),
  nl: () => import('../../locales/nl/index.js'),
  pl: () => import('../../locales/pl/index.js'),
  tr: () => import('../../locales/tr/index.js'),
  ar: () => import('../../locales/ar/index.js'),
};
