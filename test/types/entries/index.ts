// `import … from 'checkout-kit'`: every element class, and every event detail type by name.
import { CkAmount, CkCheckout, CkMethodPicker, CkPaymentAction, VERSION, addMessages } from 'checkout-kit';
import type { MessageNamespaces, MessageOverrides } from 'checkout-kit';
import type {
  CkActionDetail,
  CkActionRedirectDetail,
  CkCardChangeDetail,
  CkCheckoutViewedDetail,
  CkErrorCode,
  CkErrorDetail,
  CkEventMap,
  CkFallbackChosenDetail,
  CkFallbackOfferedDetail,
  CkMethodSelectedDetail,
  CkPaymentFailedDetail,
  CkPaymentPendingDetail,
  CkPaymentSubmittedDetail,
  CkPaymentSucceededDetail,
  CkReadyDetail,
  CkSessionExpiredDetail,
  CkSupportClosedDetail,
  CkSupportMessageReceivedDetail,
  CkSupportCallDetail,
  CkSupportMessageSentDetail,
  CkSupportOpenedDetail,
  CkSupportRequestedDetail,
} from 'checkout-kit';

/** `true` only when `A` and `B` are the same type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The named export for each event's detail. A new event in CkEventMap fails here until it is listed (and exported). */
interface NamedDetails {
  'ck-checkout-viewed': CkCheckoutViewedDetail;
  'ck-payment-submitted': CkPaymentSubmittedDetail;
  'ck-ready': CkReadyDetail;
  'ck-method-selected': CkMethodSelectedDetail;
  'ck-payment-succeeded': CkPaymentSucceededDetail;
  'ck-payment-failed': CkPaymentFailedDetail;
  'ck-payment-pending': CkPaymentPendingDetail;
  'ck-session-expired': CkSessionExpiredDetail;
  'ck-error': CkErrorDetail;
  'ck-action-check': CkActionDetail;
  'ck-action-expired': CkActionDetail;
  'ck-action-retry': CkActionDetail;
  'ck-action-cancel': CkActionDetail;
  'ck-action-redirect': CkActionRedirectDetail;
  'ck-fallback-offered': CkFallbackOfferedDetail;
  'ck-fallback-chosen': CkFallbackChosenDetail;
  'ck-support-requested': CkSupportRequestedDetail;
  'ck-support-opened': CkSupportOpenedDetail;
  'ck-support-closed': CkSupportClosedDetail;
  'ck-support-message-sent': CkSupportMessageSentDetail;
  'ck-support-message-received': CkSupportMessageReceivedDetail;
  'ck-support-call': CkSupportCallDetail;
  'ck-card-change': CkCardChangeDetail;
}
const detailsMatch: { [K in keyof CkEventMap]: Same<CkEventMap[K]['detail'], NamedDetails[K & keyof NamedDetails]> } = {
  'ck-checkout-viewed': true,
  'ck-payment-submitted': true,
  'ck-ready': true,
  'ck-method-selected': true,
  'ck-payment-succeeded': true,
  'ck-payment-failed': true,
  'ck-payment-pending': true,
  'ck-session-expired': true,
  'ck-error': true,
  'ck-action-check': true,
  'ck-action-expired': true,
  'ck-action-retry': true,
  'ck-action-cancel': true,
  'ck-action-redirect': true,
  'ck-fallback-offered': true,
  'ck-fallback-chosen': true,
  'ck-support-requested': true,
  'ck-support-opened': true,
  'ck-support-closed': true,
  'ck-support-message-sent': true,
  'ck-support-message-received': true,
  'ck-support-call': true,
  'ck-card-change': true,
};
const codes: Same<CkErrorDetail['code'], CkErrorCode> = true;

const tags: [
  Same<HTMLElementTagNameMap['ck-checkout'], CkCheckout>,
  Same<HTMLElementTagNameMap['ck-method-picker'], CkMethodPicker>,
  Same<HTMLElementTagNameMap['ck-amount'], CkAmount>,
  Same<HTMLElementTagNameMap['ck-payment-action'], CkPaymentAction>,
] = [true, true, true, true];

// Every ck-* event is typed on any element (HTMLElementEventMap) and on document (GlobalEventHandlersEventMap).
document.body.addEventListener('ck-fallback-chosen', (event) => console.log(event.detail.chosen));
export { codes, detailsMatch, tags, VERSION };

// A store's own wording: any part of a namespace's English messages, plural messages in the locale's own forms.
addMessages('de', 'checkout', { pay: 'Jetzt {{amount}} zahlen', unavailable: { retry: 'Nochmal versuchen' } });
addMessages('pl', 'catalog', { picker: { resultCount_few: 'Znaleziono {{count}} metody' } });
addMessages('de', 'payment', { succeeded: { title: 'Zahlung eingegangen' } });
// A message in a namespace it is not in (moved to `payment` in December 2026) fails the check instead of never showing.
// @ts-expect-error `succeeded` is a payment message, not a checkout one
addMessages('de', 'checkout', { succeeded: { title: 'Zahlung eingegangen' } });
// @ts-expect-error a misspelt key
addMessages('de', 'checkout', { unavailable: { retyr: 'Nochmal versuchen' } });
// @ts-expect-error a message is text
addMessages('de', 'checkout', { pay: 42 });
const overrides: MessageOverrides<MessageNamespaces['checkout']> = { total: 'Summe' };
addMessages('de', 'checkout', overrides);
