/**
 * Session-token protocol v1: the one source of truth for every message between
 * checkout-kit and a merchant backend. Types are inferred from these schemas,
 * `npm run schema` turns them into JSON Schema, and the reference backend in
 * `server/` validates against the same objects. See docs/protocol.md.
 *
 * Built on `zod/mini` because the full zod API costs ~17 KB gzip more in the
 * drop-in bundle and we need only parsing and JSON Schema export.
 */
import { z } from 'zod/mini';

/** Sent as the `Checkout-Kit-Version` header on every request. */
export const PROTOCOL_VERSION = '1';
export const VERSION_HEADER = 'Checkout-Kit-Version';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

const nonEmpty = () => z.string().check(z.minLength(1), z.maxLength(512));

/** ISO 4217 alphabetic code. Whether it is a *known* currency is checked by the money module. */
export const CurrencyCode = z.string().check(z.regex(/^[A-Z]{3}$/));
/** ISO 3166-1 alpha-2 country code. */
export const CountryCode = z.string().check(z.regex(/^[A-Z]{2}$/));
/** A BCP 47 language tag such as `pt-BR`; checked loosely, resolved by the i18n module. */
export const LocaleTag = z.string().check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/));

/** An amount in ISO 4217 minor units (cents for EUR, yen for JPY, fils/1000 for KWD). */
export const Money = z.object({
  value: z.int(),
  currency: CurrencyCode,
});

/** How a method is paid; decides grouping in the picker and the default flow. */
export const METHOD_TYPES = [
  'card',
  'wallet',
  'bank_redirect',
  'bank_transfer',
  'qr',
  'voucher',
  'bnpl',
  'cash_on_delivery',
] as const;
export const MethodType = z.enum(METHOD_TYPES);

/**
 * Health of a method as the merchant's backend sees it: `degraded` is shown
 * lower with a notice, `down` is hidden. Lets a store react to a PSP channel
 * outage without a deploy.
 */
export const MethodStatus = z.enum(['available', 'degraded', 'down']);

/** One payment method the session offers. Display fields override the built-in catalog. */
export const PaymentMethodOffer = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/)),
  type: MethodType,
  name: z.optional(nonEmpty()),
  icon: z.optional(z.url({ protocol: /^(https?|data)$/ })),
  minAmount: z.optional(z.int().check(z.nonnegative())),
  maxAmount: z.optional(z.int().check(z.nonnegative())),
  status: z.optional(MethodStatus),
});

/** Optional presentment note: the amount the merchant settles in, at a quoted rate. */
export const Settlement = z.object({
  currency: CurrencyCode,
  /** Units of the settlement currency per unit of the session currency. */
  rate: z.number().check(z.positive()),
});

/** `GET {endpoint}/session` response body. */
export const Session = z.object({
  id: nonEmpty(),
  amount: Money,
  country: CountryCode,
  locale: z.optional(LocaleTag),
  paymentMethods: z.array(PaymentMethodOffer),
  expiresAt: z.iso.datetime(),
  settlement: z.optional(Settlement),
  /** `sandbox` sessions allow `http://127.0.0.1` and `http://localhost` action URLs. */
  mode: z.enum(['live', 'sandbox']),
});

/**
 * Closed list of failure codes. Each has a localized buyer-facing message;
 * `network_error` and `timeout` are also produced by the widget itself.
 */
export const FAILURE_CODES = [
  'insufficient_funds',
  'card_declined',
  'expired_card',
  'incorrect_cvc',
  'authentication_failed',
  'risk_blocked',
  'limit_exceeded',
  'method_unavailable',
  'issuer_unavailable',
  'cancelled',
  'expired',
  'network_error',
  'timeout',
  'processing_error',
] as const;
export const FailureCode = z.enum(FAILURE_CODES);

/** Full-page (or popup) navigation to a PSP or bank page that returns to `returnUrl`. */
export const RedirectAction = z.object({
  type: z.literal('redirect'),
  url: z.url(),
  /** Wallets that support it may be opened in a popup instead of leaving the store. */
  popup: z.optional(z.boolean()),
});

/** A QR code the buyer scans with a banking or wallet app (Pix, PromptPay, QRIS ...). */
export const QrAction = z.object({
  type: z.literal('qr'),
  payload: z.string().check(z.minLength(1), z.maxLength(2048)),
  expiresAt: z.iso.datetime(),
  /** Opens the wallet app directly on mobile. */
  deepLink: z.optional(z.url()),
});

/** A reference paid later at a bank, store or ATM (Boleto, konbini, OXXO, virtual account). */
export const VoucherAction = z.object({
  type: z.literal('voucher'),
  reference: nonEmpty(),
  /** Free text from the PSP in the session's locale, shown as-is. */
  instructions: z.optional(z.string().check(z.maxLength(2000))),
  expiresAt: z.iso.datetime(),
  /** Barcode content where the voucher has one (Boleto's 44/47 digits). */
  barcode: z.optional(z.string().check(z.regex(/^[0-9]{1,64}$/))),
  /** Where the buyer pays; affects the heading only. */
  kind: z.optional(z.enum(['boleto', 'konbini', 'oxxo', 'bank_transfer', 'other'])),
});

/** 3-D Secure or wallet authorisation, by redirect or in an embedded frame. */
export const ChallengeAction = z.object({
  type: z.literal('challenge'),
  url: z.url(),
  mode: z.enum(['redirect', 'iframe']),
});

export const PaymentAction = z.discriminatedUnion('type', [
  RedirectAction,
  QrAction,
  VoucherAction,
  ChallengeAction,
]);

const resultBase = {
  id: nonEmpty(),
  method: nonEmpty(),
  amount: Money,
  createdAt: z.iso.datetime(),
};

export const SucceededResult = z.object({ ...resultBase, status: z.literal('succeeded') });
export const PendingResult = z.object({
  ...resultBase,
  status: z.literal('pending'),
  /** Hint for the next poll; the client still applies its own backoff bounds. */
  pollAfterMs: z.optional(z.int().check(z.positive())),
});
export const RequiresActionResult = z.object({
  ...resultBase,
  status: z.literal('requires_action'),
  action: PaymentAction,
});
export const FailedResult = z.object({
  ...resultBase,
  status: z.literal('failed'),
  failure: z.object({
    code: FailureCode,
    /** Whether a new attempt with the same method may succeed. */
    retryable: z.boolean(),
  }),
});

/** Response of `POST /payments` and `GET /payments/{id}`. */
export const PaymentResult = z.discriminatedUnion('status', [
  SucceededResult,
  PendingResult,
  RequiresActionResult,
  FailedResult,
]);

/** `POST {endpoint}/payments` request body. */
export const PaymentRequest = z.object({
  method: z.string().check(z.regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/)),
  /** Where redirects come back to; the backend appends `ck_payment=<id>`. */
  returnUrl: z.url(),
  /** Method-specific, non-secret fields (never card numbers: those live in an isolated frame). */
  fields: z.optional(z.record(z.string(), z.string().check(z.maxLength(256)))),
});

/** One analytics event; later work (A/B tests, monitoring) adds `type`s. */
export const AnalyticsEvent = z.object({
  id: z.uuid(),
  type: z.string().check(z.regex(/^[a-z][a-z0-9_.]{0,63}$/)),
  at: z.iso.datetime(),
  data: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});

/** `POST {endpoint}/events` request body; answered with 202 and {@link EventsAccepted}. */
export const EventBatch = z.object({
  events: z.array(AnalyticsEvent).check(z.minLength(1), z.maxLength(100)),
});
export const EventsAccepted = z.object({ accepted: z.int().check(z.nonnegative()) });

/** Error codes of the error envelope. */
export const ERROR_CODES = [
  'session_expired',
  'unauthorized',
  'invalid_request',
  'unsupported_version',
  'not_found',
  'method_not_offered',
  'idempotency_key_reused',
  'idempotency_conflict',
  'rate_limited',
  'internal_error',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);

/** Every non-2xx response body. */
export const ErrorEnvelope = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
  }),
});

export type Money = z.infer<typeof Money>;
export type MethodType = z.infer<typeof MethodType>;
export type MethodStatus = z.infer<typeof MethodStatus>;
export type PaymentMethodOffer = z.infer<typeof PaymentMethodOffer>;
export type Settlement = z.infer<typeof Settlement>;
export type Session = z.infer<typeof Session>;
export type FailureCode = z.infer<typeof FailureCode>;
export type PaymentAction = z.infer<typeof PaymentAction>;
export type RedirectAction = z.infer<typeof RedirectAction>;
export type QrAction = z.infer<typeof QrAction>;
export type VoucherAction = z.infer<typeof VoucherAction>;
export type ChallengeAction = z.infer<typeof ChallengeAction>;
export type PaymentResult = z.infer<typeof PaymentResult>;
export type PaymentRequest = z.infer<typeof PaymentRequest>;
export type AnalyticsEvent = z.infer<typeof AnalyticsEvent>;
export type EventBatch = z.infer<typeof EventBatch>;
export type ErrorCode = z.infer<typeof ErrorCode>;
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** Every message schema, by name: drives `npm run schema` and the protocol tests. */
export const MESSAGES = {
  Session,
  PaymentMethodOffer,
  PaymentRequest,
  PaymentResult,
  PaymentAction,
  EventBatch,
  EventsAccepted,
  ErrorEnvelope,
} as const;
