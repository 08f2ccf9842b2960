/**
 * One live payment per session (docs/protocol.md, "One live payment per
 * session"). Idempotency keys stop one tab from paying twice; this stops two
 * tabs — each with its own key — from paying twice: while a session has a
 * payment that succeeded or is still open, a new POST /payments answers with
 * that payment instead of creating another one. The buyer leaves an open
 * payment only by cancelling it (POST /payments/{id}/cancel).
 *
 * Every decision reads the session's payments and then writes, so each runs
 * in one transaction that first takes the session's lock (`session:<id>`): a
 * Postgres advisory lock held to the commit, so two instances deciding for one
 * session take turns and the second reads the first's row. On SQLite the
 * transaction itself serialises (the storage's queue and `BEGIN IMMEDIATE`).
 */
import type { PaymentResult } from '../../src/core/protocol/schemas.js';
import { completeKey } from '../db/idempotency.js';
import { findPayment, insertPayment, savePayment, toResult, type PaymentRecord } from '../db/payments.js';
import type { Sql } from '../storage/storage.js';
import { complete, expire, POLL_AFTER_MS } from '../psp/engine.js';
import { pspDecision, pspLock } from '../psp/webhooks.js';

/** Statuses that hold the session: a success (nothing more to pay) or a payment the buyer may still complete. */
const LIVE_STATUSES = ['succeeded', 'pending', 'requires_action'] as const;

/** The lock every read-then-write on one session's payments takes first. */
export function sessionLock(sessionId: string): string {
  return `session:${sessionId}`;
}

export interface Admission {
  /** The payment the request is answered with: the new one, or the session's live one. */
  record: PaymentRecord;
  result: PaymentResult;
  /** False when the session already had a live payment and `candidate` was discarded. */
  created: boolean;
}

/** What the caller adds inside the admission's transaction, all on the `tx` it is given. */
export interface AdmissionSteps {
  /**
   * After the session was found free, before the insert: the final say over
   * the candidate (the store's risk limits may turn it into a stopped attempt).
   */
  decide?: (tx: Sql, candidate: PaymentRecord) => Promise<PaymentRecord>;
  /** After the new payment's row is written, in the same transaction (risk decision, PSP ledger). */
  created?: (tx: Sql, record: PaymentRecord) => Promise<void>;
}

/**
 * The session's live payment, after applying expiry (an unpaid QR code past its
 * time is no longer live). A success wins over an open payment; among open
 * ones, the oldest. Call inside a transaction holding {@link sessionLock}: expiry is written back.
 */
export async function findLivePayment(db: Sql, sessionId: string, now: number): Promise<PaymentRecord | undefined> {
  const ids = await db.all<{ id: string }>(
    `SELECT id FROM payments WHERE session_id = ? AND status IN (${LIVE_STATUSES.map(() => '?').join(', ')}) ORDER BY created_at, rowid`,
    [sessionId, ...LIVE_STATUSES],
  );
  const live: PaymentRecord[] = [];
  for (const { id } of ids) {
    const stored = await findPayment(db, id);
    if (!stored) continue;
    const current = expire(stored, now);
    if (current !== stored) await savePayment(db, current);
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
export async function admitPayment(
  db: Sql,
  sessionId: string,
  key: string,
  candidate: PaymentRecord,
  now: number,
  steps: AdmissionSteps = {},
): Promise<Admission> {
  return db.transaction(async (tx): Promise<Admission> => {
    await tx.lock(sessionLock(sessionId));
    const live = await findLivePayment(tx, sessionId, now);
    if (live) {
      const result = toResult(live, POLL_AFTER_MS);
      await completeKey(tx, sessionId, key, 200, result);
      return { record: live, result, created: false };
    }
    const record = steps.decide ? await steps.decide(tx, candidate) : candidate;
    await insertPayment(tx, record);
    await steps.created?.(tx, record);
    const result = toResult(record, POLL_AFTER_MS);
    await completeKey(tx, sessionId, key, 201, result);
    return { record, result, created: true };
  });
}

/**
 * The buyer abandons an open payment (chose another method, or closed the QR
 * code). A final payment keeps its outcome: cancelling a success answers the
 * success, because the backend's word is final and the buyer has paid.
 * `undefined` when the payment is not in this session.
 */
export async function cancelPayment(db: Sql, sessionId: string, paymentId: string, now: number): Promise<PaymentRecord | undefined> {
  return db.transaction(async (tx): Promise<PaymentRecord | undefined> => {
    await tx.lock(sessionLock(sessionId));
    // Then the PSP's decision lock (always in this order): a decision being recorded elsewhere is either seen or waits.
    await tx.lock(pspLock(paymentId));
    const stored = await findPayment(tx, paymentId);
    if (!stored || stored.sessionId !== sessionId) return undefined;
    // Cancelling asks the PSP: if it has already decided (its callback may still be on the way), that decision stands.
    const next = complete(stored, (await pspDecision(tx, paymentId)) ?? { outcome: 'failed', code: 'cancelled' }, now);
    if (next !== stored) await savePayment(tx, next);
    return next;
  });
}
