/**
 * Svelte 5 typings, so svelte-check types `<ck-checkout>`, `<ck-method-picker>`, `<ck-amount>` and
 * `<ck-payment-action>` in templates. `import type {} from 'checkout-kit/svelte'` once in the app:
 *
 * ```svelte
 * <ck-checkout endpoint="/api/checkout/v1" sessionToken={token}
 *   onck-payment-succeeded={(event) => goto(`/thanks/${event.detail.paymentId}`)}></ck-checkout>
 * ```
 *
 * Svelte 5 sets a prop on a custom element as a property when the element has one (so define the
 * element first: import its entry before mounting), and an `on…` attribute adds a listener for the
 * event named by the rest (`onck-ready` listens to `ck-ready`). A misspelt property or event is an
 * error, and a handler gets the typed event.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { CkEventMap } from '../events.js';
import type { CkElementClasses, CkElementProperties, CkEventListener, CkTag } from './elements.js';

/** `onck-ready`, `onck-payment-succeeded`, …: a typed listener for every `ck-*` event. */
export type CkSvelteEventProps = { [K in keyof CkEventMap as `on${K}`]?: CkEventListener<K> };

/** The template props of one checkout-kit element in Svelte 5: HTML attributes, its properties and `ck-*` listeners. */
export type CkSvelteProps<Tag extends CkTag> = HTMLAttributes<CkElementClasses[Tag]> & CkElementProperties[Tag] & CkSvelteEventProps;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    /** The whole checkout: session, method list, payment, actions. */
    'ck-checkout': CkSvelteProps<'ck-checkout'>;
    /** The localized list of payment methods. */
    'ck-method-picker': CkSvelteProps<'ck-method-picker'>;
    /** An amount in any ISO 4217 currency, formatted exactly. */
    'ck-amount': CkSvelteProps<'ck-amount'>;
    /** What the buyer does outside the page: redirect, QR code, voucher, challenge. */
    'ck-payment-action': CkSvelteProps<'ck-payment-action'>;
  }
}
