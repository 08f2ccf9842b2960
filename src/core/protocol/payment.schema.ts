/**
 * Protocol v1, part 2: paying — the request, the result and its actions, and
 * the closed list of failure codes. Loaded with the payment flow, after the
 * method list is on screen.
 */
import * as z from 'zod/mini';
import { Money, nonEmpty } from './session.schema.js';
import { WALLET_TOKEN_MAX_LENGTH } from './wallet.schema.js';

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
  // Added in protocol v1.1 (issue 17): the store's own risk limits; appended so older indexes keep their meaning.
  'store_limit',
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

/**
 * `PaymentRequest.fields` of a card payment: the vault's single-use token
 * (never the card itself) and, when the session offers them, the instalment count.
 */
export const CARD_TOKEN_FIELD = 'cardToken';
export const INSTALMENTS_FIELD = 'instalments';

/** `POST {endpoint}/payments` request body. */
export const PaymentRequest = z.object({
  method: z.string().check(z.regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/)),
  /** Where redirects come back to; the backend appends `ck_payment=<id>`. */
  returnUrl: z.url(),
  /** Method-specific, non-secret fields (never card numbers: those live in an isolated frame). */
  fields: z.optional(z.record(z.string(), z.string().check(z.maxLength(256)))),
  /** Apple Pay / Google Pay: the wallet sheet's encrypted payment token, as JSON text; only the PSP can decrypt it. */
  walletToken: z.optional(z.string().check(z.minLength(2), z.maxLength(WALLET_TOKEN_MAX_LENGTH))),
});


export type FailureCode = z.infer<typeof FailureCode>;
export type PaymentAction = z.infer<typeof PaymentAction>;
export type RedirectAction = z.infer<typeof RedirectAction>;
export type QrAction = z.infer<typeof QrAction>;
export type VoucherAction = z.infer<typeof VoucherAction>;
export type ChallengeAction = z.infer<typeof ChallengeAction>;
export type PaymentResult = z.infer<typeof PaymentResult>;
export type PaymentRequest = z.infer<typeof PaymentRequest>;
