/**
 * Every public `ck-*` event and its typed `detail`. All bubble and are composed,
 * so a store can listen on `document` whatever shadow roots sit in between.
 */
import type { FailureCode, PaymentAction, PaymentResult, PaymentMethodOffer, Session } from './core/protocol/schemas.js';

/** Kinds of `ck-error`; each also puts the element into a visible, localized state. */
export type CkErrorCode =
  | 'invalid_attribute'
  | 'unknown_currency'
  | 'unknown_method'
  | 'malformed_response'
  | 'network_error'
  | 'server_error'
  | 'session_expired'
  | 'request_rejected'
  | 'unsafe_action_url'
  /** An unexpected error inside the widget, caught by its error boundary; the buyer sees "Try again". */
  | 'internal_error';

export interface CkErrorDetail {
  code: CkErrorCode;
  /** Developer-facing explanation in English; never shown to the buyer. */
  message: string;
  /** Whether the element can continue by itself or with the store's help (e.g. a new token). */
  recoverable: boolean;
}

export interface CkReadyDetail {
  session: Session;
  /** Method ids in the order they are shown. */
  methods: string[];
  /** The experiments whose variant decided this order (from the session or client-side bucketing): the exposure. */
  experiments: { key: string; variant: string }[];
}

/** The session loaded: the buyer sees the checkout (the methods follow with `ck-ready`). Nothing personal. */
export interface CkCheckoutViewedDetail {
  sessionId: string;
  /** Buyer country, ISO 3166-1 alpha-2. */
  country: string;
  amount: { value: number; currency: string };
}

/** A payment attempt was sent to the backend. */
export interface CkPaymentSubmittedDetail {
  method: string;
  /** 1 for the first attempt in this checkout, 2 for the next ... */
  attempt: number;
}

export interface CkMethodSelectedDetail {
  method: string;
  type: PaymentMethodOffer['type'];
}

export interface CkPaymentSucceededDetail {
  paymentId: string;
  method: string;
  amount: PaymentResult['amount'];
}

export interface CkPaymentFailedDetail {
  paymentId: string | null;
  method: string;
  code: FailureCode;
  retryable: boolean;
  /** 1 for the first attempt in this checkout, 2 for the first retry ... */
  attempt: number;
}

export interface CkPaymentPendingDetail {
  paymentId: string;
  method: string;
  /** `voucher` or `qr` when the buyer still has to act outside the page, else `processing`. */
  reason: 'processing' | 'voucher' | 'qr';
}

export interface CkSessionExpiredDetail {
  sessionId: string | null;
}

/** Which payment action a `ck-action-*` event comes from. */
export interface CkActionDetail {
  /** `redirect`, `qr`, `voucher` or `challenge`. */
  action: PaymentAction['type'];
  /** The payment the action belongs to, when the host gave it (`paymentId` property). */
  paymentId: string | null;
}

/** Fired before the widget leaves the page or opens a popup; cancel it to navigate yourself. */
export interface CkActionRedirectDetail extends CkActionDetail {
  /** The checked `https:` URL (or loopback `http:` in sandbox). */
  url: string;
  /** True when a popup is opened instead of leaving the store page. */
  popup: boolean;
}

/** Other methods were suggested after a failure. */
export interface CkFallbackOfferedDetail {
  /** The method that failed. */
  method: string;
  code: FailureCode;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** Suggested method ids, best first. */
  offered: string[];
}

/** The buyer picked one of the suggested methods. */
export interface CkFallbackChosenDetail {
  /** The method that failed. */
  method: string;
  code: FailureCode;
  attempt: number;
  /** The method the buyer chose instead. */
  chosen: string;
}

/** The support panel opened: by the launcher, by the store (`open = true`), or from the checkout. */
export interface CkSupportOpenedDetail {
  reason: 'launcher' | 'store' | 'checkout';
}

export type CkSupportClosedDetail = Record<string, never>;

/** The service stored a buyer message. The text is never in the event. */
export interface CkSupportMessageSentDetail {
  messageId: string;
  attachment: boolean;
  /** Card numbers masked in it before it left the page. */
  maskedCardNumbers: number;
}

/** A message arrived from the agent. */
/** A support call's phase, and why it ended or failed (`hung-up`, `peer-left`, `permission-refused`, `dropped`, …). Never any media. */
export interface CkSupportCallDetail {
  phase: 'idle' | 'ringing' | 'connecting' | 'in-call' | 'reconnecting' | 'ended' | 'failed';
  reason: string | null;
}

export interface CkSupportMessageReceivedDetail {
  messageId: string;
  author: 'buyer' | 'agent' | 'system';
}

/** What a support agent may see about the checkout, with the buyer's consent: no card data, no token. */
export interface CkSupportContext {
  sessionId: string;
  amount: { value: number; currency: string };
  /** The method of the failed attempt. */
  method: string;
  code: FailureCode;
  /** The failed attempt's number in this checkout (1 for the first). */
  attempt: number;
  /** The locale the buyer reads the checkout in. */
  locale: string;
  /** Buyer country, ISO 3166-1 alpha-2. */
  country: string;
}

/** The buyer asked for help from the checkout (after a failure); a support bubble opens with this context. */
export interface CkSupportRequestedDetail {
  context: CkSupportContext;
}

/** The card form (`<ck-card-fields>`) changed brand or completeness. Never a digit of the card. */
export interface CkCardChangeDetail {
  /** The detected (or chosen) brand, e.g. `visa`, `mada`; `null` while unknown. */
  brand: string | null;
  /** On a co-badged card, the brands the buyer chooses between. */
  brands: string[];
  /** Every field is valid: Pay will tokenize. */
  complete: boolean;
  /** Nothing typed yet. */
  empty: boolean;
}

export interface CkEventMap {
  'ck-checkout-viewed': CustomEvent<CkCheckoutViewedDetail>;
  'ck-ready': CustomEvent<CkReadyDetail>;
  'ck-payment-submitted': CustomEvent<CkPaymentSubmittedDetail>;
  'ck-method-selected': CustomEvent<CkMethodSelectedDetail>;
  'ck-payment-succeeded': CustomEvent<CkPaymentSucceededDetail>;
  'ck-payment-failed': CustomEvent<CkPaymentFailedDetail>;
  'ck-payment-pending': CustomEvent<CkPaymentPendingDetail>;
  'ck-session-expired': CustomEvent<CkSessionExpiredDetail>;
  'ck-error': CustomEvent<CkErrorDetail>;
  /** The buyer says they paid (or asks to check): check the payment status now. */
  'ck-action-check': CustomEvent<CkActionDetail>;
  /** A QR code or voucher passed its expiry while shown. */
  'ck-action-expired': CustomEvent<CkActionDetail>;
  /** The buyer wants a new QR code or voucher after expiry (a new attempt). */
  'ck-action-retry': CustomEvent<CkActionDetail>;
  /** The buyer wants to choose another method instead of completing the action. */
  'ck-action-cancel': CustomEvent<CkActionDetail>;
  /** Cancelable: the widget is about to navigate to, or open a popup for, the action URL. */
  'ck-action-redirect': CustomEvent<CkActionRedirectDetail>;
  'ck-fallback-offered': CustomEvent<CkFallbackOfferedDetail>;
  'ck-fallback-chosen': CustomEvent<CkFallbackChosenDetail>;
  /** The buyer pressed "Need help?" after a failure; `<ck-support-bubble>` listens for it on the document. */
  'ck-support-requested': CustomEvent<CkSupportRequestedDetail>;
  'ck-support-opened': CustomEvent<CkSupportOpenedDetail>;
  'ck-support-closed': CustomEvent<CkSupportClosedDetail>;
  'ck-support-message-sent': CustomEvent<CkSupportMessageSentDetail>;
  'ck-support-message-received': CustomEvent<CkSupportMessageReceivedDetail>;
  /** A support video call changed phase (`<ck-support-call>`, inside the bubble). */
  'ck-support-call': CustomEvent<CkSupportCallDetail>;
  /** The card form's brand or completeness changed (`<ck-card-fields>`). */
  'ck-card-change': CustomEvent<CkCardChangeDetail>;
}

declare global {
  interface GlobalEventHandlersEventMap extends CkEventMap {}
  /** `element.addEventListener('ck-ready', (e) => e.detail…)` is typed on every element, ours or an ancestor. */
  interface HTMLElementEventMap extends CkEventMap {}
}
