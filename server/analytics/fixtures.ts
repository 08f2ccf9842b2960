/**
 * Test data for the analytics and dashboard suites, written through the
 * storage interface so the same rows land in SQLite or Postgres: payment
 * attempts for the monitoring board, and raw event rows for the experiment report.
 */
import { randomUUID } from 'node:crypto';
import type { Sql } from '../storage/storage.js';

/** A minimal stored session (the `events` and `payments` rows reference one). */
export async function insertBareSession(db: Sql, id: string, country: string, at: number): Promise<void> {
  await db.run(
    `INSERT INTO sessions (id, amount_value, currency, country, methods_json, faults_json, fault_state_json, ttl_seconds, created_at)
     VALUES (?, 1000, 'IDR', ?, '[]', '{}', '{}', 1800, ?) ON CONFLICT (id) DO NOTHING`,
    [id, country, at],
  );
}

export interface AttemptBatch {
  method: string;
  country: string;
  count: number;
  /** The first `failures` fail with `issuer_unavailable`, the next `cancelled` are cancelled by the buyer, the rest succeed. */
  failures: number;
  cancelled?: number;
  /** Created at (ms); attempt i is final at `at + 1000 + i`. */
  at: number;
  /** Ids are random unless given (to load the same rows into two databases). */
  prefix?: string;
}

/** `count` payment attempts of one method in one country, in one new session. */
export async function insertAttempts(db: Sql, batch: AttemptBatch): Promise<void> {
  const prefix = batch.prefix ?? randomUUID();
  const session = `cs_mon_${prefix}`;
  const cancelled = batch.cancelled ?? 0;
  await db.transaction(async (tx) => {
    await insertBareSession(tx, session, batch.country, batch.at);
    for (let i = 0; i < batch.count; i++) {
      const status = i < batch.failures + cancelled ? 'failed' : 'succeeded';
      const code = i < batch.failures ? 'issuer_unavailable' : i < batch.failures + cancelled ? 'cancelled' : null;
      await tx.run(
        `INSERT INTO payments (id, session_id, idempotency_key, method, method_type, amount_value, currency, status, failure_code, return_url, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'wallet', 1000, 'IDR', ?, ?, 'http://127.0.0.1/', ?, ?)`,
        [`pay_${prefix}_${i}`, session, `key_${i}`, batch.method, status, code, batch.at, batch.at + 1000 + i],
      );
    }
  });
}
