// Side-effect entry: defines <ck-payment-action>. <ck-checkout> imports it lazily,
// the first time a payment needs an action, so the QR encoder stays off first paint.
// It also exports the class, so `checkout-kit/payment-action` carries the element's types.
import { CkPaymentAction } from '../elements/payment-action/payment-action.js';

CkPaymentAction.define('ck-payment-action');

// A re-export (not `export { CkPaymentAction }`) so the manifest points at the class's own module.
export { CkPaymentAction } from '../elements/payment-action/payment-action.js';
