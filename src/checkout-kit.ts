// The drop-in: one <script type="module"> defines every element (the support bubble once the page has one). Safe to load twice.
//
// This file stays tiny and imports the element code with import(), so that it runs at once and
// starts, in parallel with that code, what the first method list waits for: the session request
// (when the page already has the token), the buyer's likely region order and language. See
// src/early/start.ts. Only the element classes and `defineSupportBubble` are exported: a script-tag
// store needs nothing else; npm users get the full API from `checkout-kit`.
import { startEarly, EARLY_REGISTRY } from './early/start.js';
import { LOCALE_LOADERS, REGION_LOADERS } from './early/loaders.js';
import type * as Elements from './drop-in-elements.js';

if (typeof document !== 'undefined') {
  const registry = ((globalThis as Record<symbol, unknown>)[EARLY_REGISTRY] ??= new Map()) as Map<string, Promise<Response>>;
  startEarly({
    checkouts: [...document.querySelectorAll('ck-checkout')].map((el) => ({
      endpoint: el.getAttribute('endpoint'),
      token: el.getAttribute('session-token'),
      locale: el.getAttribute('locale'),
    })),
    baseUrl: location.href,
    languages: navigator.languages ?? [],
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
    fetch: (url, init) => fetch(url, init),
    registry,
    loadRegion: (region) => REGION_LOADERS[region](),
    loadLocale: (locale) => LOCALE_LOADERS[locale]?.() ?? Promise.resolve(),
  });
  // The first Intl.NumberFormat of a page loads ICU's number data: 0.1–0.4 s of main thread at
  // 4× CPU, which the Pay button and the total would otherwise pay on the critical path. Done
  // here, in its own task once the requests above are on their way, it fills time the page
  // spends waiting for the element code anyway.
  setTimeout(() => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(0), 0);
  // Likewise the page's first sessionStorage read (a synchronous round trip to the browser process),
  // which the checkout makes before its list to learn whether a payment of this tab is to be resumed.
  setTimeout(() => {
    try {
      sessionStorage.key(0);
    } catch {
      // Sandboxed frames and some privacy modes refuse storage; the checkout copes with that itself.
    }
  }, 0);
}

// The bundler reaches the element chunk through a one-line facade: preloading the chunk itself
// fetches both at once (the build writes its hashed name here, see scripts/preload-core-chunk.ts).
const coreChunk = '__CHECKOUT_KIT_CORE_CHUNK__';
if (typeof document !== 'undefined' && !coreChunk.startsWith('__')) {
  const preload = document.createElement('link');
  preload.rel = 'modulepreload';
  preload.href = new URL(coreChunk, import.meta.url).href;
  document.head.append(preload);
}
// <ck-support-bubble>'s launcher is a chunk of its own, fetched only by a page that uses it: beside the
// element code when the bubble is in the HTML (the list never waits for it), else once one is added (the
// observer is Web Awesome's autoloader pattern). A page without a bubble never downloads it. A launcher
// that cannot be fetched leaves no bubble, never a broken checkout.
const SUPPORT_TAG = 'ck-support-bubble';
let supportBubble: Promise<void> | undefined;

/**
 * Defines `<ck-support-bubble>`, fetching its launcher once. The drop-in calls it itself for a bubble
 * anywhere in the page's document; call it for a bubble inside your own component's shadow root, which
 * the drop-in cannot see. Resolves once the tag is defined, or without it when the launcher cannot be
 * fetched (then a later call tries again); never rejects.
 */
export function defineSupportBubble(): Promise<void> {
  supportBubble ??= import('./define/support-bubble.js').then(
    () => undefined,
    () => {
      supportBubble = undefined;
    },
  );
  return supportBubble;
}

if (typeof document !== 'undefined' && typeof MutationObserver === 'function' && !customElements.get(SUPPORT_TAG)) {
  const hasBubble = (node: Node): boolean =>
    node instanceof Element && (node.localName === SUPPORT_TAG || node.getElementsByTagName(SUPPORT_TAG).length > 0);
  if (document.getElementsByTagName(SUPPORT_TAG).length) defineSupportBubble().catch(() => undefined);
  else {
    const watcher = new MutationObserver((records) => {
      if (!records.some((record) => [...record.addedNodes].some(hasBubble))) return;
      watcher.disconnect();
      defineSupportBubble().catch(() => undefined);
    });
    watcher.observe(document.documentElement, { childList: true, subtree: true });
  }
}
const elements: typeof Elements = await import('./drop-in-elements.js');

export const { CkElement, VERSION, CkAmount, CkMethodPicker, CkCheckout } = elements;
export type CkElement = Elements.CkElement;
export type CkAmount = Elements.CkAmount;
export type CkMethodPicker = Elements.CkMethodPicker;
export type CkCheckout = Elements.CkCheckout;
// Type only: <ck-payment-action> loads lazily with the first payment action, but its tag is typed from the start.
export type { CkPaymentAction } from './elements/payment-action/payment-action.js';
export type * from './events.js';
