// The drop-in: one <script type="module"> defines every element. Safe to load twice.
import './define/checkout.js';
import './define/support-bubble.js';

// Only the element classes: a script-tag store needs nothing else, and every
// further export (schemas, client, formatting) would load on every page. npm
// users get the full API from `checkout-kit`.
export { CkElement, VERSION } from './elements/base/ck-element.js';
export { CkAmount } from './elements/amount/amount.js';
export { CkMethodPicker } from './elements/method-picker/method-picker.js';
export { CkCheckout } from './elements/checkout/checkout.js';
// Type only: <ck-payment-action> loads lazily with the first payment action, but its tag is typed from the start.
export type { CkPaymentAction } from './elements/payment-action/payment-action.js';
export type * from './events.js';
