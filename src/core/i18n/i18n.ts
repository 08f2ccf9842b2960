/**
 * checkout-kit's own i18next instance: never the page's global one, so a store
 * that uses i18next itself is not affected. English's first-paint messages are
 * bundled; every other locale, and every locale's payment messages, is fetched
 * as its own chunk the first time an element needs it.
 */
import i18next, { type i18n } from 'i18next';
import en from '../../../locales/en/index.js';
import type enPayment from '../../../locales/en/payment.js';
import type enSupport from '../../../locales/en/support.js';
import type enCall from '../../../locales/en/call.js';
import { DEFAULT_LOCALE, PSEUDO_LOCALE, fallbackChain, type RenderLocale, type SupportedLocale } from './locales.js';

type Namespaces = typeof en & typeof enPayment & typeof enSupport & typeof enCall;

/**
 * Each locale ships in chunks: `base` (what the method list needs),
 * `payment` (failures, actions, retry), which is fetched with the payment flow,
 * `support` (the support bubble), fetched by `<ck-support-bubble>` only, and
 * `call` (support video calls), fetched with `<ck-support-call>` when a call starts.
 */
export type LocalePart = 'base' | 'payment' | 'support' | 'call';

/** Dotted paths of the leaves of a nested message object. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A message key, checked against the English source: `checkout:unavailable.title`. */
export type MessageKey = { [N in keyof Namespaces & string]: `${N}:${Leaves<Namespaces[N]>}` }[keyof Namespaces & string];

export type MessageValues = Record<string, string | number>;

/** A locale chunk's loader (a literal `import()`, so that the bundler emits the chunk). */
export type Chunk = () => Promise<{ default: Record<string, unknown> }>;

const baseLoaders: Record<Exclude<SupportedLocale, 'en'>, Chunk> = {
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

const NAMESPACES = ['checkout', 'catalog', 'payment', 'support', 'call'] as const;

let instance: i18n | undefined;
const pending = new Map<string, Promise<boolean>>();
// Tracked here, not via hasResourceBundle: a store's addMessages() override must not make a locale look loaded.
const loaded = new Set<string>([`${DEFAULT_LOCALE}:base`]);

function getInstance(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    // initAsync would defer; resources are in memory so init completes synchronously.
    // Its promise only mirrors that: i18next reports a bad resource through its logger, and there is
    // nothing to recover here, so the catch only keeps a rejection from going unhandled.
    instance
      .init({
      lng: DEFAULT_LOCALE,
      fallbackLng: DEFAULT_LOCALE,
      ns: [...NAMESPACES],
      defaultNS: 'checkout',
      resources: { en },
      // Lit escapes interpolated values when it renders them; escaping here would double-escape.
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    } as Parameters<i18n['init']>[0])
      .catch(() => undefined);
  }
  return instance;
}

function addBundle(locale: SupportedLocale, bundle: Record<string, unknown>): void {
  const i18n = getInstance();
  for (const [namespace, messages] of Object.entries(bundle)) {
    // No overwrite: overrides a store registered before the chunk arrived win over the shipped text.
    i18n.addResourceBundle(locale, namespace, messages, true, false);
  }
}

/** True once `locale` can be rendered without waiting (for the given parts; the first-paint part by default). */
export function isLocaleLoaded(locale: RenderLocale, parts: readonly LocalePart[] = ['base']): boolean {
  // The pseudo-locale has no chunk: it counts as loaded once Storybook registered its messages.
  if (locale === PSEUDO_LOCALE) return getInstance().hasResourceBundle(locale, 'checkout');
  return parts.every((part) => loaded.has(`${locale}:${part}`));
}

/**
 * Loads a locale's messages once (the first-paint part unless `parts` says
 * otherwise); concurrent callers share the request. Resolves false (and
 * English is used) when a chunk cannot be fetched.
 */
export function loadLocale(locale: RenderLocale, parts: readonly LocalePart[] = ['base']): Promise<boolean> {
  if (isLocaleLoaded(locale, parts)) return Promise.resolve(true);
  if (locale === PSEUDO_LOCALE) return Promise.resolve(false);
  const [only] = parts;
  if (parts.length === 1 && only) return loadPart(locale, only);
  return Promise.all(parts.map((part) => loadPart(locale, part))).then((results) => results.every(Boolean));
}

function loadPart(locale: SupportedLocale, part: LocalePart): Promise<boolean> {
  const id = `${locale}:${part}`;
  if (loaded.has(id)) return Promise.resolve(true);
  let request = pending.get(id);
  if (!request) {
    // Only the first-paint table is here: the tables of the later parts (60 hashed file names) are a
    // chunk of their own, fetched with the first of them, so the method list does not wait for their bytes.
    const chunk =
      part === 'base'
        ? baseLoaders[locale as Exclude<SupportedLocale, 'en'>]()
        : import('./later-parts.js').then(({ LATER_PARTS }) => LATER_PARTS[part][locale]());
    request = chunk
      .then((module) => {
        addBundle(locale, module.default);
        loaded.add(id);
        return true;
      })
      .catch(() => {
        pending.delete(id);
        return false;
      });
    pending.set(id, request);
  }
  return request;
}

/**
 * Creates the translator and translates one message, so that the first render does not pay for
 * i18next's set-up (20–50 ms at 4× CPU): a host calls it, in a task of its own, while it waits
 * for what it will render.
 */
export function warmTranslations(): void {
  translate(DEFAULT_LOCALE, 'checkout:title');
}

/**
 * Translates `key` in `locale`, falling back along the locale's chain and then
 * to English. Plurals use i18next's `count` rules for the locale.
 */
export function translate(locale: RenderLocale, key: MessageKey, values?: MessageValues): string {
  const i18n = getInstance();
  return i18n.t(key, { ...values, lng: locale, fallbackLng: chainOf(locale) }) as string;
}

/** Fallback chains by locale: a first paint translates a few hundred strings in one or two locales. */
const chains = new Map<RenderLocale, RenderLocale[]>();
function chainOf(locale: RenderLocale): RenderLocale[] {
  let chain = chains.get(locale);
  if (!chain) chains.set(locale, (chain = fallbackChain(locale)));
  return chain;
}

/** The plural forms i18next picks by `count` (CLDR categories); English uses two, Polish or Arabic more. */
type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';

/**
 * A store's wording for one namespace: any part of the English messages, nested the same way, with a
 * plural message in any of the locale's forms (`resultCount_few` for Polish). A key that is not a
 * message (misspelt, or moved to another namespace) fails the type check instead of never showing.
 */
export type MessageOverrides<T> = {
  [K in keyof T & string as T[K] extends string ? (K extends `${infer Stem}_${'one' | 'other'}` ? `${Stem}${PluralSuffix}` : K) : K]?: T[K] extends string
    ? string
    : MessageOverrides<T[K]>;
};

/** The namespaces whose messages a store may override, each with its messages. */
export type MessageNamespaces = Namespaces;

/**
 * Registers messages at run time: a store's own wording for any locale (it wins over the shipped text,
 * also over a locale chunk that arrives later), or a locale of its own. Storybook's pseudo-locale uses it too.
 */
export function addMessages<N extends keyof Namespaces>(locale: string, namespace: N, messages: MessageOverrides<Namespaces[N]>): void {
  getInstance().addResourceBundle(locale, namespace, messages, true, true);
}
