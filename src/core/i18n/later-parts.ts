// The loaders of the locale parts that come after the method list (payment, support, call): a chunk
// of its own that i18n.ts fetches with the first of them, so their hashed file names are not among the
// bytes the list waits for. See `loadPart` in i18n.ts.
import type { Chunk } from './i18n.js';
import type { SupportedLocale } from './locales.js';

const payment: Record<SupportedLocale, Chunk> = {
  en: () => import('../../../locales/en/payment.js'),
  'zh-CN': () => import('../../../locales/zh-CN/payment.js'),
  'zh-TW': () => import('../../../locales/zh-TW/payment.js'),
  ja: () => import('../../../locales/ja/payment.js'),
  ko: () => import('../../../locales/ko/payment.js'),
  id: () => import('../../../locales/id/payment.js'),
  th: () => import('../../../locales/th/payment.js'),
  ms: () => import('../../../locales/ms/payment.js'),
  vi: () => import('../../../locales/vi/payment.js'),
  fil: () => import('../../../locales/fil/payment.js'),
  hi: () => import('../../../locales/hi/payment.js'),
  'pt-BR': () => import('../../../locales/pt-BR/payment.js'),
  es: () => import('../../../locales/es/payment.js'),
  'es-MX': () => import('../../../locales/es-MX/payment.js'),
  fr: () => import('../../../locales/fr/payment.js'),
  de: () => import('../../../locales/de/payment.js'),
  nl: () => import('../../../locales/nl/payment.js'),
  pl: () => import('../../../locales/pl/payment.js'),
  tr: () => import('../../../locales/tr/payment.js'),
  ar: () => import('../../../locales/ar/payment.js'),
};

const support: Record<SupportedLocale, Chunk> = {
  en: () => import('../../../locales/en/support.js'),
  'zh-CN': () => import('../../../locales/zh-CN/support.js'),
  'zh-TW': () => import('../../../locales/zh-TW/support.js'),
  ja: () => import('../../../locales/ja/support.js'),
  ko: () => import('../../../locales/ko/support.js'),
  id: () => import('../../../locales/id/support.js'),
  th: () => import('../../../locales/th/support.js'),
  ms: () => import('../../../locales/ms/support.js'),
  vi: () => import('../../../locales/vi/support.js'),
  fil: () => import('../../../locales/fil/support.js'),
  hi: () => import('../../../locales/hi/support.js'),
  'pt-BR': () => import('../../../locales/pt-BR/support.js'),
  es: () => import('../../../locales/es/support.js'),
  'es-MX': () => import('../../../locales/es-MX/support.js'),
  fr: () => import('../../../locales/fr/support.js'),
  de: () => import('../../../locales/de/support.js'),
  nl: () => import('../../../locales/nl/support.js'),
  pl: () => import('../../../locales/pl/support.js'),
  tr: () => import('../../../locales/tr/support.js'),
  ar: () => import('../../../locales/ar/support.js'),
};

/** Support video calls (`call`): fetched with the call chunk, when a call starts. */
const call: Record<SupportedLocale, Chunk> = {
  en: () => import('../../../locales/en/call.js'),
  'zh-CN': () => import('../../../locales/zh-CN/call.js'),
  'zh-TW': () => import('../../../locales/zh-TW/call.js'),
  ja: () => import('../../../locales/ja/call.js'),
  ko: () => import('../../../locales/ko/call.js'),
  id: () => import('../../../locales/id/call.js'),
  th: () => import('../../../locales/th/call.js'),
  ms: () => import('../../../locales/ms/call.js'),
  vi: () => import('../../../locales/vi/call.js'),
  fil: () => import('../../../locales/fil/call.js'),
  hi: () => import('../../../locales/hi/call.js'),
  'pt-BR': () => import('../../../locales/pt-BR/call.js'),
  es: () => import('../../../locales/es/call.js'),
  'es-MX': () => import('../../../locales/es-MX/call.js'),
  fr: () => import('../../../locales/fr/call.js'),
  de: () => import('../../../locales/de/call.js'),
  nl: () => import('../../../locales/nl/call.js'),
  pl: () => import('../../../locales/pl/call.js'),
  tr: () => import('../../../locales/tr/call.js'),
  ar: () => import('../../../locales/ar/call.js'),
};

export const LATER_PARTS: Record<'payment' | 'support' | 'call', Record<SupportedLocale, Chunk>> = { payment, support, call };
