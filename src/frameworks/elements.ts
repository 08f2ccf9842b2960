/**
 * What a framework template may set on each checkout-kit element: the element's class and the
 * public properties a store writes. Types only; `react.ts` and `vue.ts` build their typings on it,
 * so a property renamed on an element fails the type check here instead of drifting.
 */
import type { CkAmount } from '../elements/amount/amount.js';
import type { CkCheckout } from '../elements/checkout/checkout.js';
import type { CkMethodPicker } from '../elements/method-picker/method-picker.js';
import type { CkPaymentAction } from '../elements/payment-action/payment-action.js';
import type { CkEventMap } from '../events.js';

/** Each tag's element class. */
export interface CkElementClasses {
  'ck-checkout': CkCheckout;
  'ck-method-picker': CkMethodPicker;
  'ck-amount': CkAmount;
  'ck-payment-action': CkPaymentAction;
}

/** The settable public properties of each element (read-only reflections such as `state` are left out). */
export interface CkElementProperties {
  'ck-checkout': Partial<Pick<CkCheckout, 'sessionToken' | 'endpoint' | 'locale' | 'returnUrl'>>;
  'ck-method-picker': Partial<Pick<CkMethodPicker, 'methods' | 'amount' | 'country' | 'locale' | 'value' | 'disabled'>>;
  'ck-amount': Partial<Pick<CkAmount, 'value' | 'currency' | 'locale' | 'display' | 'settlementCurrency' | 'rate'>>;
  'ck-payment-action': Partial<
    Pick<
      CkPaymentAction,
      'action' | 'amount' | 'method' | 'methodId' | 'paymentId' | 'locale' | 'sandbox' | 'autoRedirect' | 'mobile' | 'navigate' | 'openWindow' | 'print' | 'now'
    >
  >;
}

/** Tags of checkout-kit elements. */
export type CkTag = keyof CkElementClasses;

/**
 * A listener for one `ck-*` event. Every `ck-*` event bubbles and is composed, so each element
 * accepts a listener for each of them: `<ck-checkout>` hears its children's events too.
 */
export type CkEventListener<K extends keyof CkEventMap> = (event: CkEventMap[K]) => void;

/** `ck-payment-succeeded` → `CkPaymentSucceeded`: how Vue names the handler of a kebab-case event (`onCkPaymentSucceeded`). */
export type PascalEventName<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalEventName<Capitalize<Tail>>}`
  : Capitalize<S>;
