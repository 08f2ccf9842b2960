/**
 * Protocol v1, part 1: what the widget needs before the buyer can choose —
 * the session, its method offers, money, and the error envelope of every call.
 * Kept apart from the payment messages so that the first paint only pulls
 * these schemas (and the zod code they use). `schemas.ts` re-exports all parts.
 */
import * as z from 'zod/mini';

/** Sent as the `Checkout-Kit-Version` header on every request. */
export const PROTOCOL_VERSION = '1';
export const VERSION_HEADER = 'Checkout-Kit-Version';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Non-empty text of bounded length, shared by every message. */
export const nonEmpty = () => z.string().check(z.minLength(1), z.maxLength(512));

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
  /** An `https:` or `data:` URL: nothing the page would load over plain http. */
  icon: z.optional(z.url({ protocol: /^(https|data)$/ })),
  minAmount: z.optional(z.int().check(z.nonnegative())),
  maxAmount: z.optional(z.int().check(z.nonnegative())),
  status: z.optional(MethodStatus),
});

/** A payment method id as offered (`PaymentMethodOffer.id`). */
const MethodId = z.string().check(z.regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/));
/** An experiment or variant key: short, lowercase, safe in an analytics event and a CSV cell. */
export const ExperimentKey = z.string().check(z.regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/));

/**
 * How the merchant wants the offers ordered. Without it the widget uses the
 * buyer country's usual order. Ids that are not offered are ignored.
 */
export const MethodOrdering = z.object({
  /** `merchant`: show `paymentMethods` in the order sent; `regional`: the widget's order for the buyer's country. */
  source: z.enum(['merchant', 'regional']),
  /** Shown first, in this order (the first one is preselected). */
  pin: z.optional(z.array(MethodId).check(z.maxLength(64))),
  /** Offered (a fallback may still suggest them) but not listed. */
  hide: z.optional(z.array(MethodId).check(z.maxLength(64))),
  /** Methods kept next to each other, in the group's order, where the group's first member would be. */
  groups: z.optional(z.array(z.array(MethodId).check(z.minLength(2), z.maxLength(64))).check(z.maxLength(16))),
});

/**
 * The buyer's variant of a merchant experiment, assigned by the backend
 * (sticky for the buyer it knows). The widget reports it with each event of
 * the checkout and applies `order`.
 */
export const ExperimentAssignment = z.object({
  key: ExperimentKey,
  variant: ExperimentKey,
  /** Method ids this variant lists first, in this order; the others follow as they were. Absent: the order is not changed (a control). */
  order: z.optional(z.array(MethodId).check(z.maxLength(64))),
});

/** Optional presentment note: the amount the merchant settles in, at a quoted rate. */
export const Settlement = z.object({
  currency: CurrencyCode,
  /** Units of the settlement currency per unit of the session currency. */
  rate: z.number().check(z.positive()),
});

/**
 * Card payments on the payment origin (issue 13): where the card frame is and
 * what binds its tokens to this session, and the instalment plans offered.
 */
export const CardOffer = z.object({
  /** The card frame page, on the payment origin (never the store's). */
  frameUrl: z.url({ protocol: /^https?$/ }),
  /** Ties the frame's tokens to this session. Not a secret: it can create tokens, never read a card. */
  frameKey: nonEmpty(),
  /** Instalment counts the buyer may choose besides paying at once (Brazil, Mexico, Japan); interest-free when `interestFree`. */
  instalments: z.optional(
    z.object({
      counts: z.array(z.int().check(z.gte(2), z.lte(48))).check(z.minLength(1), z.maxLength(24)),
      interestFree: z.boolean(),
    }),
  ),
});

/**
 * A device wallet the session offers (`wallets.apple_pay`, `wallets.google_pay`):
 * the Payment Request method `data` for it, decided by the backend (Apple Pay's
 * merchant identifier and networks, Google Pay's gateway and merchant id), passed
 * to `new PaymentRequest()` unchanged. Nothing in it is secret.
 */
export const WalletOffer = z.object({
  data: z.record(z.string(), z.unknown()),
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
  /** The merchant's order and rules; absent: the buyer country's usual order. */
  ordering: z.optional(MethodOrdering),
  /** Experiments this buyer takes part in, at most one variant each. */
  experiments: z.optional(z.array(ExperimentAssignment).check(z.maxLength(8))),
  /** Present when a card method is offered: the card frame and instalments. */
  card: z.optional(CardOffer),
  /** Present when Apple Pay or Google Pay is offered: each wallet's Payment Request data, by method id. */
  wallets: z.optional(z.record(z.string(), WalletOffer)),
});

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

/**
 * What the buyer does after choosing a method: stay on the page (`inline`:
 * card form, wallet sheet, phone number), leave for the provider's page
 * (`redirect`), scan a code (`qr`) or pay later with a reference (`voucher`).
 * One vocabulary for the catalog (what the widget expects) and a PSP (what it does).
 */
export type MethodFlow = 'inline' | 'redirect' | 'qr' | 'voucher';

/** The usual flow of each method type; a method may differ (WeChat Pay is a wallet paid by scanning a code). */
export const DEFAULT_FLOW_BY_TYPE: Readonly<Record<MethodType, MethodFlow>> = {
  card: 'inline',
  wallet: 'redirect',
  bank_redirect: 'redirect',
  bank_transfer: 'voucher',
  qr: 'qr',
  voucher: 'voucher',
  bnpl: 'redirect',
  cash_on_delivery: 'inline',
};
export type MethodStatus = z.infer<typeof MethodStatus>;
export type PaymentMethodOffer = z.infer<typeof PaymentMethodOffer>;
export type Settlement = z.infer<typeof Settlement>;
export type Session = z.infer<typeof Session>;
export type CardOffer = z.infer<typeof CardOffer>;
export type WalletOffer = z.infer<typeof WalletOffer>;
export type MethodOrdering = z.infer<typeof MethodOrdering>;
export type ExperimentAssignment = z.infer<typeof ExperimentAssignment>;
export type ErrorCode = z.infer<typeof ErrorCode>;
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
