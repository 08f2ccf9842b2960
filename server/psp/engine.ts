/**
 * The sandbox PSP: turns a payment request into a stored payment and moves
 * it along (polls, expiry, the buyer's answer on a sandbox page, test hooks).
 * Pure functions over records; the routes persist what they return.
 */
import type {
  FailureCode,
  PaymentAction,
  PaymentMethodOffer,
  PaymentRequest,
} from '../../src/core/protocol/schemas.js';
import type { PaymentRecord } from '../db/payments.js';
import type { SessionRecord } from '../db/sessions.js';
import { minorUnitsOf } from '../money.js';
import { allowsPopup, naturalFlow, type Flow } from './flows.js';
import { qrPayload } from './qr.js';
import { resolveScenario, type ActionKind } from './scenarios.js';
import { voucherAction } from './vouchers.js';

/** How long a QR code stays payable unless `actionExpiresInMs` says otherwise. */
export const QR_EXPIRY_MS = 15 * 60 * 1000;
/** How long a voucher stays payable (Boleto, konbini and OXXO commonly allow three days). */
export const VOUCHER_EXPIRY_MS = 3 * 24 * 60 * 60 * 1000;
/** The poll interval the sandbox suggests for pending payments. */
export const POLL_AFTER_MS = 1000;

export interface AuthorizeInput {
  paymentId: string;
  idempotencyKey: string;
  session: SessionRecord;
  offer: PaymentMethodOffer;
  request: PaymentRequest;
  now: number;
  /** Absolute base URL of the sandbox pages on the origin the request came in on. */
  sandboxBase: string;
  /** Payments the session already has, for `decline-once:<code>` (only the first one declines). */
  earlierPayments?: number;
  /** The outcome a sandbox test card asks for (server/vault/test-cards.ts); the session's own scenario wins. */
  cardScenario?: string;
}

/** Decides the outcome of a new payment, deterministically from the session's scenario and amount. */
export function authorize(input: AuthorizeInput): PaymentRecord {
  const { session, offer, request, now } = input;
  const record: PaymentRecord = {
    id: input.paymentId,
    sessionId: session.id,
    idempotencyKey: input.idempotencyKey,
    method: offer.id,
    methodType: offer.type,
    amount: session.amount,
    status: 'succeeded',
    failureCode: null,
    action: null,
    returnUrl: request.returnUrl,
    fields: request.fields ?? null,
    polls: 0,
    pollsToSettle: null,
    actionExpiresAt: null,
    createdAt: now,
    updatedAt: now,
  };
  if (offer.status === 'down') return fail(record, 'method_unavailable');
  const resolved = resolveScenario(session.scenario ?? input.cardScenario, session.amount.value);
  const scenario = resolved.kind === 'decline' && resolved.once && (input.earlierPayments ?? 0) > 0 ? { kind: 'success' as const } : resolved;
  switch (scenario.kind) {
    case 'decline':
      return fail(record, scenario.code);
    case 'pending':
      return { ...record, status: 'pending', pollsToSettle: scenario.polls };
    case 'action':
      return withAction(record, input, scenario.action, scenario.challengeMode ?? 'iframe');
    case 'success': {
      const flow: Flow = naturalFlow(offer.id, offer.type);
      return flow === 'inline' ? record : withAction(record, input, flow, 'iframe');
    }
  }
}

function fail(record: PaymentRecord, code: FailureCode): PaymentRecord {
  return { ...record, status: 'failed', failureCode: code };
}

function withAction(
  record: PaymentRecord,
  input: AuthorizeInput,
  kind: ActionKind,
  challengeMode: 'iframe' | 'redirect',
): PaymentRecord {
  const { session, now, sandboxBase } = input;
  const page = (name: string) => `${sandboxBase}/${name}/${encodeURIComponent(record.id)}`;
  let action: PaymentAction;
  let actionExpiresAt: number | null = null;
  switch (kind) {
    case 'redirect':
      action = { type: 'redirect', url: page('redirect'), ...(allowsPopup(record.methodType) ? { popup: true } : {}) };
      break;
    case 'challenge':
      action = { type: 'challenge', url: page('challenge'), mode: challengeMode };
      break;
    case 'qr': {
      actionExpiresAt = now + (session.faults.actionExpiresInMs ?? QR_EXPIRY_MS);
      action = {
        type: 'qr',
        payload: qrPayload({
          method: record.method,
          paymentId: record.id,
          amountMinor: record.amount.value,
          currency: record.amount.currency,
          minorUnits: minorUnitsOf(record.amount.currency),
          country: session.country,
        }),
        expiresAt: new Date(actionExpiresAt).toISOString(),
        // In the sandbox the "wallet app" is the approval page.
        deepLink: page('redirect'),
      };
      break;
    }
    case 'voucher':
      actionExpiresAt = now + (session.faults.actionExpiresInMs ?? VOUCHER_EXPIRY_MS);
      action = voucherAction({
        method: record.method,
        paymentId: record.id,
        amountMinor: record.amount.value,
        expiresAt: new Date(actionExpiresAt),
        locale: session.locale,
      });
      break;
  }
  return { ...record, status: 'requires_action', action, actionExpiresAt };
}

export function isFinal(record: PaymentRecord): boolean {
  return record.status === 'succeeded' || record.status === 'failed';
}

/** Applies expiry: an unpaid QR code or voucher past its time fails as `expired`. */
export function expire(record: PaymentRecord, now: number): PaymentRecord {
  if (record.status === 'requires_action' && record.actionExpiresAt !== null && now >= record.actionExpiresAt) {
    return { ...fail(record, 'expired'), updatedAt: now };
  }
  return record;
}

/** One status poll: counts it, and settles a pending payment once it has been polled enough. */
export function poll(record: PaymentRecord, session: SessionRecord, now: number): PaymentRecord {
  const current = expire(record, now);
  if (current.status !== 'pending') return current;
  const polls = current.polls + 1;
  const settles = !session.faults.pollStaysPending && current.pollsToSettle !== null && polls >= current.pollsToSettle;
  return settles
    ? { ...current, polls, status: 'succeeded', updatedAt: now }
    : { ...current, polls, updatedAt: now };
}

// Completion keeps `action`: the sandbox pages still need to know how they were opened (framed or not).
export type Completion = { outcome: 'succeeded' } | { outcome: 'failed'; code: FailureCode };

/**
 * The buyer's answer (sandbox page) or a test hook. A final payment keeps its
 * outcome: the first answer wins, like at a real PSP.
 */
export function complete(record: PaymentRecord, completion: Completion, now: number): PaymentRecord {
  const current = expire(record, now);
  if (isFinal(current)) return current;
  return completion.outcome === 'succeeded'
    ? { ...current, status: 'succeeded', updatedAt: now }
    : { ...fail(current, completion.code), updatedAt: now };
}
