/**
 * One live payment per session (docs/protocol.md, "One live payment per
 * session"). Idempotency keys stop one tab from paying twice; this stops two
 * tabs — each with its own key — from paying twice: while a session has a
 * payment that succeeded or is still open, a new POST /payments answers with
 * that payment instead of creating another one. The buyer leaves an open
 * payment only by cancelling it (POST /payments/{id}/cancel).
 *
 * Every decision runs in one `BEGIN IMMEDIATE` transaction: better-sqlite3 never
 * yields inside it, so two requests of this process cannot interleave, and the
 * write lock keeps a second process (a test or a tool on the same file) out.
 */
import type { PaymentResult } from '../../src/core/protocol/schemas.js';
import type { Db } from '../db/database.js';
import { completeKey } from '../db/idempotency.js';
import { findPayment, insertPayment, savePayment, toResult, type PaymentRecord } from '../db/payments.js';
import { complete, expire, POLL_AFTER_MS } from '../psp/engine.js';
import { pspDecision } from '../psp/webhooks.js';

/** Statuses that hold the session: a success (nothing more to pay) or a payment the buyer may still complete. */
const LIVE_STATUSES = ['succeeded', 'pending', 'requires_action'] as const;

export interface Admission {
  /** The payment the request is answered with: the new one, or the session's live one. */
  record: PaymentRecord;
  result: PaymentResult;
  /** False when the session already had a live payment and `candidate` was discarded. */
  created: boolean;
}

/**
 * The session's live payment, after applying expiry (an unpaid QR code past its
 * time is no longer live). A success wins over an open payment; among open
 * ones, the oldest. Call inside a transaction: expiry is written back.
 */
export function findLivePayment(db: Db, sessionId: string, now: number): PaymentRecord | undefined {
  const ids = db
    .prepare(`SELECT id FROM payments WHERE session_id = ? AND status IN (${LIVE_STATUSES.map(() => '?').join(', ')}) ORDER BY created_at, rowid`)
    .all(sessionId, ...LIVE_STATUSES) as Array<{ id: string }>;
  const live: PaymentRecord[] = [];
  for (const { id } of ids) {
    const stored = findPayment(db, id);
    if (!stored) continue;
    const current = expire(stored, now);
    if (current !== stored) savePayment(db, current);
    if (current.status !== 'failed') live.push(current);
  }
  return live.find((p) => p.status === 'succeeded') ?? live[0];
}

/**
 * Stores `candidate` (the PSP's answer to this request) unless the session
 * already has a live payment, and records the answer under the request's
 * Idempotency-Key in the same transaction, so a replay of either key is
 * consistent with what was stored.
 */
export function admitPayment(db: Db, sessionId: string, key: string, candidate: PaymentRecord, now: number): Admission {
  return db
    .transaction((): Admission => {
      const live = findLivePayment(db, sessionId, now);
      if (live) {
        const result = toResult(live, POLL_AFTER_MS);
        completeKey(db, sessionId, key, 200, result);
        return { record: live, result, created: false };
      }
      insertPayment(db, candidate);
      const result = toResult(candidate, POLL_AFTER_MS);
      completeKey(db, sessionId, key, 201, result);
      return { record: candidate, result, created: true };
    })
    .immediate();
}

/**
 * The buyer abandons an open payment (chose another method, or closed the QR
 * code). A final payment keeps its outcome: cancelling a success answers the
 * success, because the backend's word is final and the buyer has paid.
 * `undefined` when the payment is not in this session.
 */
export function cancelPayment(db: Db, sessionId: string, paymentId: string, now: number): PaymentRecord | undefined {
  return db
    .transaction((): PaymentRecord | undefined => {
      const stored = findPayment(db, paymentId);
      if (!stored || stored.sessionId !== sessionId) return undefined;
      // Cancelling asks the PSP: if it has already decided (its callback may still be on the way), that decision stands.
      const next = complete(stored, pspDecision(db, paymentId) ?? { outcome: 'failed', code: 'cancelled' }, now);
      if (next !== stored) savePayment(db, next);
      return next;
    })
    .immediate();
}
