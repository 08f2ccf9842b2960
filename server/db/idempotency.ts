/**
 * Idempotency records for POST /payments, keyed per session. A request first
 * *reserves* its key; only the request holding the reservation may create a
 * payment, and it stores its response in the same transaction as the payment
 * row. The reservation is an `INSERT … ON CONFLICT DO NOTHING` on the key's
 * primary key, so of any number of twins — on any number of instances — the
 * database lets exactly one insert; the others read the row it wrote. (A
 * SELECT-then-INSERT would let two twins both see "no row" under Postgres's
 * READ COMMITTED.) Taking over an abandoned reservation is a conditional
 * UPDATE on the `locked_at` that was read, so only one twin wins that too.
 */
import { IDEMPOTENCY_LOCK_MS, IDEMPOTENCY_RETENTION_MS } from '../config.js';
import type { Sql } from '../storage/storage.js';

export type Reservation =
  /** `lockedAt` identifies this holder's reservation: a takeover after a crash gives the next holder its own. */
  | { kind: 'reserved'; lockedAt: number }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'reused' }
  | { kind: 'in_flight' };

interface KeyRow {
  request_hash: string;
  state: 'in_flight' | 'done';
  response_status: number | null;
  response_body: string | null;
  locked_at: number;
}

/**
 * Rounds of insert-or-read: a round only repeats when the row it conflicted
 * with vanished before it was read (released or purged meanwhile) or another
 * twin took an abandoned reservation over first; each repeat follows a
 * committed change by someone else, so a few rounds always settle.
 */
const MAX_ROUNDS = 5;

export async function reserveKey(db: Sql, sessionId: string, key: string, requestHash: string, now: number): Promise<Reservation> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const inserted = await db.run(
      `INSERT INTO idempotency_keys (session_id, key, request_hash, state, locked_at, created_at) VALUES (?, ?, ?, 'in_flight', ?, ?)
       ON CONFLICT (session_id, key) DO NOTHING`,
      [sessionId, key, requestHash, now, now],
    );
    if (inserted.changes === 1) return { kind: 'reserved', lockedAt: now };
    const row = await db.get<KeyRow>(
      'SELECT request_hash, state, response_status, response_body, locked_at FROM idempotency_keys WHERE session_id = ? AND key = ?',
      [sessionId, key],
    );
    if (!row) continue;
    if (row.request_hash !== requestHash) return { kind: 'reused' };
    if (row.state === 'done' && row.response_status !== null && row.response_body !== null) {
      return { kind: 'replay', status: row.response_status, body: JSON.parse(row.response_body) as unknown };
    }
    if (row.state === 'in_flight' && now - row.locked_at > IDEMPOTENCY_LOCK_MS) {
      // The holder died without finishing (crash or restart): take the lock over —
      // only if nobody else did since we read it.
      const taken = await db.run(
        `UPDATE idempotency_keys SET locked_at = ? WHERE session_id = ? AND key = ? AND state = 'in_flight' AND locked_at = ?`,
        [now, sessionId, key, row.locked_at],
      );
      if (taken.changes === 1) return { kind: 'reserved', lockedAt: now };
      continue;
    }
    return { kind: 'in_flight' };
  }
  // Only reachable under constant churn on one key; the client's retry will find it settled.
  return { kind: 'in_flight' };
}

/** Stores the response to replay; call inside the transaction that writes the payment. */
export async function completeKey(db: Sql, sessionId: string, key: string, status: number, body: unknown): Promise<void> {
  await db.run(`UPDATE idempotency_keys SET state = 'done', response_status = ?, response_body = ? WHERE session_id = ? AND key = ?`, [
    status,
    JSON.stringify(body),
    sessionId,
    key,
  ]);
}

/**
 * Frees a reservation whose request failed before committing anything, so a re-send can proceed —
 * only the caller's own: when a slow request's reservation was taken over meanwhile (its
 * `lockedAt` changed), the new holder's stays.
 */
export async function releaseKey(db: Sql, sessionId: string, key: string, lockedAt: number): Promise<void> {
  await db.run(`DELETE FROM idempotency_keys WHERE session_id = ? AND key = ? AND state = 'in_flight' AND locked_at = ?`, [sessionId, key, lockedAt]);
}

/**
 * Forgets keys past their retention; the payments themselves are kept. Safe on
 * every instance at once: each DELETE removes what is still there, so the
 * instances' counts add up to the rows removed.
 */
export async function purgeKeys(db: Sql, now: number): Promise<number> {
  return (await db.run('DELETE FROM idempotency_keys WHERE created_at < ?', [now - IDEMPOTENCY_RETENTION_MS])).changes;
}
