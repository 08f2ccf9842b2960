/**
 * Idempotency records for POST /payments, keyed per session. A request first
 * *reserves* its key in one synchronous transaction; only the request holding
 * the reservation may create a payment, and it stores its response in the
 * same transaction as the payment row. Because better-sqlite3 never yields
 * inside a transaction, two concurrent twins cannot both reserve.
 */
import { IDEMPOTENCY_LOCK_MS, IDEMPOTENCY_RETENTION_MS } from '../config.js';
import type { Db } from './database.js';

export type Reservation =
  | { kind: 'reserved' }
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

export function reserveKey(db: Db, sessionId: string, key: string, requestHash: string, now: number): Reservation {
  return db.transaction((): Reservation => {
    const row = db
      .prepare('SELECT request_hash, state, response_status, response_body, locked_at FROM idempotency_keys WHERE session_id = ? AND key = ?')
      .get(sessionId, key) as KeyRow | undefined;
    if (!row) {
      db.prepare(
        `INSERT INTO idempotency_keys (session_id, key, request_hash, state, locked_at, created_at) VALUES (?, ?, ?, 'in_flight', ?, ?)`,
      ).run(sessionId, key, requestHash, now, now);
      return { kind: 'reserved' };
    }
    if (row.request_hash !== requestHash) return { kind: 'reused' };
    if (row.state === 'done' && row.response_status !== null && row.response_body !== null) {
      return { kind: 'replay', status: row.response_status, body: JSON.parse(row.response_body) as unknown };
    }
    if (now - row.locked_at > IDEMPOTENCY_LOCK_MS) {
      // The holder died without finishing (crash or restart): take the lock over.
      db.prepare('UPDATE idempotency_keys SET locked_at = ? WHERE session_id = ? AND key = ?').run(now, sessionId, key);
      return { kind: 'reserved' };
    }
    return { kind: 'in_flight' };
  })();
}

/** Stores the response to replay; call inside the transaction that writes the payment. */
export function completeKey(db: Db, sessionId: string, key: string, status: number, body: unknown): void {
  db.prepare(`UPDATE idempotency_keys SET state = 'done', response_status = ?, response_body = ? WHERE session_id = ? AND key = ?`).run(
    status,
    JSON.stringify(body),
    sessionId,
    key,
  );
}

/** Frees a reservation whose request failed before committing anything, so a re-send can proceed. */
export function releaseKey(db: Db, sessionId: string, key: string): void {
  db.prepare(`DELETE FROM idempotency_keys WHERE session_id = ? AND key = ? AND state = 'in_flight'`).run(sessionId, key);
}

/** Forgets keys past their retention; the payments themselves are kept. */
export function purgeKeys(db: Db, now: number): number {
  return db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').run(now - IDEMPOTENCY_RETENTION_MS).changes;
}
