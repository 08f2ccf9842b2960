// `import … from 'checkout-kit'`: every element class, and every event detail type by name.
import { CkAmount, CkCheckout, CkMethodPicker, CkPaymentAction, VERSION } from 'checkout-kit';
import type {
  CkActionDetail,
  CkActionRedirectDetail,
  CkErrorCode,
  CkErrorDetail,
  CkEventMap,
  CkFallbackChosenDetail,
  CkFallbackOfferedDetail,
  CkMethodSelectedDetail,
  CkPaymentFailedDetail,
  CkPaymentPendingDetail,
  CkPaymentSucceededDetail,
  CkReadyDetail,
  CkSessionExpiredDetail,
} from 'checkout-kit';

/** Fails unless `A` and `B` are the same type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const detailsMatch: [
  Same<CkEventMap['ck-ready']['detail'], CkReadyDetail>,
  Same<CkEventMap['ck-method-selected']['detail'], CkMethodSelectedDetail>,
  Same<CkEventMap['ck-payment-succeeded']['detail'], CkPaymentSucceededDetail>,
  Same<CkEventMap['ck-payment-failed']['detail'], CkPaymentFailedDetail>,
  Same<CkEventMap['ck-payment-pending']['detail'], CkPaymentPendingDetail>,
  Same<CkEventMap['ck-session-expired']['detail'], CkSessionExpiredDetail>,
  Same<CkEventMap['ck-error']['detail'], CkErrorDetail>,
  Same<CkEventMap['ck-action-check']['detail'], CkActionDetail>,
  Same<CkEventMap['ck-action-redirect']['detail'], CkActionRedirectDetail>,
  Same<CkEventMap['ck-fallback-offered']['detail'], CkFallbackOfferedDetail>,
  Same<CkEventMap['ck-fallback-chosen']['detail'], CkFallbackChosenDetail>,
  Same<CkErrorDetail['code'], CkErrorCode>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];

const tags: [
  Same<HTMLElementTagNameMap['ck-checkout'], CkCheckout>,
  Same<HTMLElementTagNameMap['ck-method-picker'], CkMethodPicker>,
  Same<HTMLElementTagNameMap['ck-amount'], CkAmount>,
  Same<HTMLElementTagNameMap['ck-payment-action'], CkPaymentAction>,
] = [true, true, true, true];

// Every ck-* event is typed on any element (HTMLElementEventMap) and on document (GlobalEventHandlersEventMap).
document.body.addEventListener('ck-fallback-chosen', (event) => console.log(event.detail.chosen));
export { detailsMatch, tags, VERSION };
