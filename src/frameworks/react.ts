/**
 * JSX typings for React 19, which sets properties on custom elements and listens to their events
 * natively. `import type {} from 'checkout-kit/react'` once in the app
 * and `<ck-checkout>`, `<ck-method-picker>`, `<ck-amount>` and `<ck-payment-action>` are typed:
 *
 * ```tsx
 * import 'checkout-kit/checkout';
 * <ck-checkout endpoint="/api/checkout/v1" sessionToken={token}
 *   onck-payment-succeeded={(event) => navigate(`/thanks/${event.detail.paymentId}`)} />
 * ```
 *
 * Properties are camelCase (`sessionToken`, `returnUrl`): React 19 sets them as properties when the
 * element is defined, so import the element's entry before the first render. Event handlers are
 * `on` + the exact event name (`onck-ready`), which is how React 19 names listeners of custom events.
 * TypeScript does not report unknown hyphenated JSX attributes, but a handler under a misspelt name
 * gets no event type, so a handler that reads its event fails the check (`noImplicitAny`).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CkEventMap } from '../events.js';
import type { CkElementClasses, CkElementProperties, CkEventListener, CkTag } from './elements.js';

/** `onck-ready`, `onck-payment-succeeded`, …: a typed listener for every `ck-*` event. */
export type CkReactEventProps = { [K in keyof CkEventMap as `on${K}`]?: CkEventListener<K> };

/** The JSX props of one checkout-kit element in React 19: HTML attributes, `ref`, its properties and `ck-*` listeners. */
export type CkReactProps<Tag extends CkTag> = DetailedHTMLProps<HTMLAttributes<CkElementClasses[Tag]>, CkElementClasses[Tag]> &
  CkElementProperties[Tag] &
  CkReactEventProps;

declare module 'react' {
  // React 19's JSX types live in `React.JSX`; augmenting it types the tags in every .tsx file.
  namespace JSX {
    interface IntrinsicElements {
      /** The whole checkout: session, method list, payment, actions. */
      'ck-checkout': CkReactProps<'ck-checkout'>;
      /** The localized list of payment methods. */
      'ck-method-picker': CkReactProps<'ck-method-picker'>;
      /** An amount in any ISO 4217 currency, formatted exactly. */
      'ck-amount': CkReactProps<'ck-amount'>;
      /** What the buyer does outside the page: redirect, QR code, voucher, challenge. */
      'ck-payment-action': CkReactProps<'ck-payment-action'>;
    }
  }
}
