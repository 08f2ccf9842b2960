/**
 * What each failure code means for the buyer: the message to show (what
 * happened and what to do), whether a new attempt with the same method may
 * help, and the one next step to put first. One table, so the checkout, the
 * fallback rules and the docs agree.
 *
 * `retryable` here is the default from docs/protocol.md; the backend's own
 * `failure.retryable` on a result always wins.
 */
import { FAILURE_CODES, type FailureCode } from '../protocol/payment.schema.js';
import type { MessageKey } from '../i18n/i18n.js';

export { FAILURE_CODES };
export type { FailureCode };

/**
 * The step the failure view puts first:
 * - `retry`: "Try again" with the same method (a new attempt, new key).
 * - `another_method`: the same method will most likely fail again; offer others.
 * - `contact`: neither helps by itself; the buyer needs the store or their bank.
 */
export type NextStep = 'retry' | 'another_method' | 'contact';

export interface FailureInfo {
  readonly code: FailureCode;
  /** Whether a new attempt with the same method may succeed, when the backend does not say. */
  readonly retryable: boolean;
  readonly next: NextStep;
  /** `payment:failure.<code>.title`: what happened, in a few words. */
  readonly titleKey: MessageKey;
  /** `payment:failure.<code>.body`: what happened and what to do. */
  readonly bodyKey: MessageKey;
}

const TABLE: Readonly<Record<FailureCode, { retryable: boolean; next: NextStep }>> = {
  insufficient_funds: { retryable: false, next: 'another_method' },
  card_declined: { retryable: false, next: 'another_method' },
  expired_card: { retryable: false, next: 'another_method' },
  incorrect_cvc: { retryable: true, next: 'retry' },
  authentication_failed: { retryable: true, next: 'retry' },
  risk_blocked: { retryable: false, next: 'contact' },
  limit_exceeded: { retryable: false, next: 'another_method' },
  method_unavailable: { retryable: false, next: 'another_method' },
  issuer_unavailable: { retryable: true, next: 'retry' },
  cancelled: { retryable: true, next: 'retry' },
  expired: { retryable: true, next: 'retry' },
  network_error: { retryable: true, next: 'retry' },
  timeout: { retryable: true, next: 'retry' },
  processing_error: { retryable: true, next: 'retry' },
  store_limit: { retryable: false, next: 'another_method' },
};

/** Every failure code with its defaults, in the protocol's order (drives docs and tests). */
export const FAILURES: readonly FailureInfo[] = FAILURE_CODES.map((code) => ({
  code,
  ...TABLE[code],
  titleKey: `payment:failure.${code}.title`,
  bodyKey: `payment:failure.${code}.body`,
}));

const BY_CODE = new Map(FAILURES.map((info) => [info.code, info]));

/** Message keys and defaults of `code`; an unknown code (a newer backend) reads as `processing_error`. */
export function failureInfo(code: FailureCode | string): FailureInfo {
  return BY_CODE.get(code as FailureCode) ?? BY_CODE.get('processing_error')!;
}

/**
 * The next step for a concrete failure: the backend's `retryable` overrides
 * the default, so a retryable decline still offers "Try again" first and a
 * non-retryable timeout does not.
 */
export function nextStep(code: FailureCode, retryable: boolean): NextStep {
  const info = failureInfo(code);
  if (retryable) return 'retry';
  return info.next === 'retry' ? 'another_method' : info.next;
}

/** Message keys for a 4xx the widget cannot fix (`rejected` phase). */
export const REJECTED_MESSAGE = {
  titleKey: 'payment:rejected.title',
  bodyKey: 'payment:rejected.body',
} as const satisfies { titleKey: MessageKey; bodyKey: MessageKey };
