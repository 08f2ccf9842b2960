/**
 * Public API for npm users. Importing this module defines nothing; import
 * `checkout-kit/checkout` (or the drop-in `checkout-kit`) for that.
 */
export { CkElement, VERSION } from './elements/base/ck-element.js';
export { CkAmount } from './elements/amount/amount.js';
export { CkMethodPicker } from './elements/method-picker/method-picker.js';
export { CkCheckout } from './elements/checkout/checkout.js';
export { CkPaymentAction } from './elements/payment-action/payment-action.js';
export type {
  CkEventMap,
  CkErrorCode,
  CkErrorDetail,
  CkReadyDetail,
  CkCheckoutViewedDetail,
  CkPaymentSubmittedDetail,
  CkMethodSelectedDetail,
  CkPaymentSucceededDetail,
  CkPaymentFailedDetail,
  CkPaymentPendingDetail,
  CkSessionExpiredDetail,
  CkActionDetail,
  CkActionRedirectDetail,
  CkFallbackOfferedDetail,
  CkFallbackChosenDetail,
  CkSupportContext,
  CkSupportRequestedDetail,
  CkSupportOpenedDetail,
  CkSupportClosedDetail,
  CkSupportMessageSentDetail,
  CkSupportMessageReceivedDetail,
  CkSupportCallDetail,
  CkCardChangeDetail,
} from './events.js';
export * from './core/protocol/schemas.js';
export { ProtocolClient, type ProtocolFault, type ProtocolOutcome, type ParsedSession } from './core/protocol/client.js';
export { SUPPORTED_LOCALES, resolveLocale, fallbackChain, directionOf, type SupportedLocale } from './core/i18n/locales.js';
export { addMessages, loadLocale } from './core/i18n/i18n.js';
export type { MessageOverrides, MessageNamespaces } from './core/i18n/i18n.js';
export { CkSupportBubble, type SupportCorner } from './elements/support-bubble/support-bubble.js';
export type {
  SupportTransport,
  SupportEvent,
  TransportState,
  ConnectInit,
  KeyValueStore,
  Clock,
} from './core/support/transport.js';
export { SupportRequestError } from './core/support/transport.js';
export { ReferenceTransport, type ReferenceTransportOptions } from './core/support/reference-transport.js';
export { FaqAssistant, type FaqEntry, type SupportAssistant, type AssistantReply } from './core/support/assistant.js';
export { maskCardNumbers } from './core/support/card-mask.js';
export * as SupportProtocol from './core/protocol/support.schema.js';
// Video calls: the element loads with the bubble's call chunk; its types are public here.
export type { CkSupportCall } from './elements/support-call/support-call.js';
export type { CallState, CallPhase, EndReason, FailReason } from './core/support/call/call-machine.js';
export type { IceServer, CallSignal, Appointment, AppointmentOffer } from './core/protocol/support-call.schema.js';
// Card fields: the element loads with the card chunk when a card method is chosen; its type is public here.
export type { CkCardFields } from './elements/card-fields/card-fields.js';
