/**
 * What each protocol failure code means and whether the same method may
 * succeed on a new attempt. The sandbox PSP answers with exactly these
 * values, and docs/protocol.md prints this table.
 */
import type { FailureCode } from '../../src/core/protocol/schemas.js';

export interface FailureInfo {
  /** A new attempt with the same method may succeed (the widget offers "Try again"). */
  readonly retryable: boolean;
  /** For backend implementers: when to answer with this code. */
  readonly meaning: string;
}

export const FAILURES: Readonly<Record<FailureCode, FailureInfo>> = {
  insufficient_funds: { retryable: false, meaning: 'The account or card has not enough balance or credit.' },
  card_declined: { retryable: false, meaning: 'The issuer declined without a more specific reason.' },
  expired_card: { retryable: false, meaning: 'The card is past its expiry date.' },
  incorrect_cvc: { retryable: true, meaning: 'The security code did not match; the buyer may re-enter it.' },
  authentication_failed: { retryable: true, meaning: '3-D Secure, bank or wallet authentication failed or was refused.' },
  risk_blocked: { retryable: false, meaning: "The PSP's or merchant's fraud rules blocked the payment." },
  limit_exceeded: { retryable: false, meaning: 'A per-transaction or daily limit of the method or account was reached.' },
  method_unavailable: { retryable: false, meaning: 'The method or its channel is down or not available for this payment.' },
  issuer_unavailable: { retryable: true, meaning: 'The issuer or bank did not answer in time; a later attempt may pass.' },
  cancelled: { retryable: true, meaning: 'The buyer cancelled at the bank, wallet or 3-D Secure page.' },
  expired: { retryable: true, meaning: 'The QR code, voucher or redirect was not completed before it expired.' },
  network_error: { retryable: true, meaning: 'The PSP could not be reached.' },
  timeout: { retryable: true, meaning: 'The PSP did not answer in time and the payment was voided.' },
  processing_error: { retryable: true, meaning: 'An unexpected error at the PSP; nothing was charged.' },
  store_limit: {
    retryable: false,
    meaning: "The merchant's own risk limits stopped the attempt before the PSP (amount limit of the method, attempts per buyer or card, block list); nothing was charged.",
  },
};

export function isRetryable(code: FailureCode): boolean {
  return FAILURES[code].retryable;
}
