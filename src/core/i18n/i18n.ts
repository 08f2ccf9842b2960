/**
 * checkout-kit's own i18next instance: never the page's global one, so a store
 * that uses i18next itself is not affected. English is bundled; every other
 * locale is fetched as its own chunk the first time an element needs it.
 */
import i18next, { type i18n } from 'i18next';
import en from '../../../locales/en/index.js';
import { DEFAULT_LOCALE, PSEUDO_LOCALE, fallbackChain, type RenderLocale, type SupportedLocale } from './locales.js';

type Namespaces = typeof en;
type Bundle = { [K in keyof Namespaces]: unknown };

/** Dotted paths of the leaves of a nested message object. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A message key, checked against the English source: `checkout:failed.title`. */
export type MessageKey = { [N in keyof Namespaces & string]: `${N}:${Leaves<Namespaces[N]>}` }[keyof Namespaces & string];

export type MessageValues = Record<string, string | number>;

const loaders: Record<Exclude<SupportedLocale, 'en'>, () => Promise<{ default: Bundle }>> = {
  'zh-CN': () => import('../../../locales/zh-CN/index.js'),
  'zh-TW': () => import('../../../locales/zh-TW/index.js'),
  ja: () => import('../../../locales/ja/index.js'),
  ko: () => import('../../../locales/ko/index.js'),
  id: () => import('../../../locales/id/index.js'),
  th: () => import('../../../locales/th/index.js'),
  ms: () => import('../../../locales/ms/index.js'),
  vi: () => import('../../../locales/vi/index.js'),
  fil: () => import('../../../locales/fil/index.js'),
  hi: () => import('../../../locales/hi/index.js'),
  'pt-BR': () => import('../../../locales/pt-BR/index.js'),
  es: () => import('../../../locales/es/index.js'),
  'es-MX': () => import('../../../locales/es-MX/index.js'),
  fr: () => import('../../../locales/fr/index.js'),
  de: () => import('../../../locales/de/index.js'),
  nl: () => import('../../../locales/nl/index.js'),
  pl: () => import('../../../locales/pl/index.js'),
  tr: () => import('../../../locales/tr/index.js'),
  ar: () => import('../../../locales/ar/index.js'),
};

let instance: i18n | undefined;
const pending = new Map<SupportedLocale, Promise<boolean>>();
// Tracked here, not via hasResourceBundle: a store's addMessages() override must not make a locale look loaded.
const loaded = new Set<RenderLocale>([DEFAULT_LOCALE]);

function getInstance(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    // initAsync would defer; resources are in memory so init completes synchronously.
    void instance.init({
      lng: DEFAULT_LOCALE,
      fallbackLng: DEFAULT_LOCALE,
      ns: Object.keys(en),
      defaultNS: 'checkout',
      resources: { en },
      // Lit escapes interpolated values when it renders them; escaping here would double-escape.
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    } as Parameters<i18n['init']>[0]);
  }
  return instance;
}

function addBundle(locale: SupportedLocale, bundle: Bundle): void {
  const i18n = getInstance();
  for (const [namespace, messages] of Object.entries(bundle)) {
    // No overwrite: overrides a store registered before the chunk arrived win over the shipped text.
    i18n.addResourceBundle(locale, namespace, messages, true, false);
  }
  loaded.add(locale);
}

/** True once `locale` can be rendered without waiting. */
export function isLocaleLoaded(locale: RenderLocale): boolean {
  // The pseudo-locale has no chunk: it counts as loaded once Storybook registered its messages.
  if (locale === PSEUDO_LOCALE) return getInstance().hasResourceBundle(locale, 'checkout');
  return loaded.has(locale);
}

/**
 * Loads a locale's messages once; concurrent callers share the request.
 * Resolves false (and English is used) when the chunk cannot be fetched.
 */
export function loadLocale(locale: RenderLocale): Promise<boolean> {
  if (isLocaleLoaded(locale)) return Promise.resolve(true);
  if (locale === PSEUDO_LOCALE) return Promise.resolve(false);
  let request = pending.get(locale);
  if (!request) {
    const loader = loaders[locale as Exclude<SupportedLocale, 'en'>];
    request = loader()
      .then((module) => {
        addBundle(locale, module.default);
        return true;
      })
      .catch(() => {
        pending.delete(locale);
        return false;
      });
    pending.set(locale, request);
  }
  return request;
}

/**
 * Translates `key` in `locale`, falling back along the locale's chain and then
 * to English. Plurals use i18next's `count` rules for the locale.
 */
export function translate(locale: RenderLocale, key: MessageKey, values?: MessageValues): string {
  const i18n = getInstance();
  return i18n.t(key, { ...values, lng: locale, fallbackLng: fallbackChain(locale) }) as string;
}

/** Registers extra messages at run time (the pseudo-locale in Storybook, a store's overrides). */
export function addMessages(locale: string, namespace: keyof Namespaces, messages: object): void {
  getInstance().addResourceBundle(locale, namespace, messages, true, true);
}
