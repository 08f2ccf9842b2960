// Side-effect entry: defines <ck-payment-action>. <ck-checkout> imports it lazily,
// the first time a payment needs an action, so the QR encoder stays off first paint.
import { CkPaymentAction } from '../elements/payment-action/payment-action.js';

CkPaymentAction.define('ck-payment-action');
