// The part of <ck-checkout> that only matters once the buyer pays or comes back
// to a payment: the flow, its failure and fallback rules and their views. The
// element imports this module dynamically so the method list never waits for it.
export { PaymentFlow } from '../../core/payment/flow.js';
export { failureInfo } from '../../core/payment/failures.js';
export { fallbackMethods, parseFallbackRules } from '../../core/payment/fallback.js';
export { failedView, paymentBody } from './payment.templates.js';
export { reportFlowChange } from './payment-events.js';
