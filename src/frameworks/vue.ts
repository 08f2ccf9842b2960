/**
 * Vue 3 `GlobalComponents` entries, so Volar / vue-tsc type-check `<ck-checkout>`,
 * `<ck-method-picker>`, `<ck-amount>` and `<ck-payment-action>` in templates.
 * `import type {} from 'checkout-kit/vue'` once in the app:
 *
 * ```vue
 * <ck-checkout endpoint="/api/checkout/v1" :session-token="token"
 *   @ck-payment-succeeded="(event) => router.push(`/thanks/${event.detail.paymentId}`)" />
 * ```
 *
 * Tell Vue's compiler these are custom elements (`compilerOptions.isCustomElement: (tag) =>
 * tag.startsWith('ck-')`), so it binds properties and listens to events instead of resolving a
 * component. `@ck-payment-succeeded` is checked as `onCkPaymentSucceeded`, `:session-token` as
 * `sessionToken`; a misspelt event or property is an error under `strictTemplates`.
 */
import type { HTMLAttributes, ReservedProps } from 'vue';
import type { CkEventMap } from '../events.js';
import type { CkElementClasses, CkElementProperties, CkEventListener, CkTag, PascalEventName } from './elements.js';

/** `onCkReady`, `onCkPaymentSucceeded`, …: what Vue compiles `@ck-ready`, `@ck-payment-succeeded` to. */
export type CkVueEventProps = { [K in keyof CkEventMap as `on${PascalEventName<K>}`]?: CkEventListener<K> };

/** The template props of one checkout-kit element in Vue 3: HTML attributes, its properties and `ck-*` listeners. */
export type CkVueProps<Tag extends CkTag> = HTMLAttributes & ReservedProps & CkElementProperties[Tag] & CkVueEventProps;

/**
 * A checkout-kit element as Vue's type checker sees a component: an instance whose `$props` are
 * the element's template props; the element itself is what a template `ref` gets.
 */
export type CkVueElement<Tag extends CkTag> = new () => CkElementClasses[Tag] & {
  /** For template type checking only; not a property of the element. */
  $props: CkVueProps<Tag>;
};

declare module 'vue' {
  interface GlobalComponents {
    /** The whole checkout: session, method list, payment, actions. */
    'ck-checkout': CkVueElement<'ck-checkout'>;
    /** The localized list of payment methods. */
    'ck-method-picker': CkVueElement<'ck-method-picker'>;
    /** An amount in any ISO 4217 currency, formatted exactly. */
    'ck-amount': CkVueElement<'ck-amount'>;
    /** What the buyer does outside the page: redirect, QR code, voucher, challenge. */
    'ck-payment-action': CkVueElement<'ck-payment-action'>;
  }
}
