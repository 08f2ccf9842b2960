/**
 * Read models of the dashboard over the `events` and `payments` tables: one
 * row per exposed session of an experiment, and one row per payment attempt
 * for the monitoring board. Both read through the indexes of migration 5
 * (`events(type, session_id)`, `payments(created_at)`), so the cost grows with
 * the rows asked for, not the whole table.
 */
import type { Db } from './database.js';

/** One session exposed to a variant, with what happened next. */
export interface ExposureRow {
  experiment: string;
  variant: string;
  /** Server time the exposure arrived (ms): the day it counts in. */
  receivedAt: number;
  /** Client time of the exposure and of the first success (ISO, same clock): time to pay. */
  exposedAt: string;
  paidAt: string | null;
  /** Minor units and currency of the success. */
  amount: number | null;
  currency: string | null;
  submitted: number;
  failed: number;
}

/**
 * Every exposure with its session's outcome; `experiment` narrows to one.
 * Four range scans of `events(type, session_id)` (exposures, successes,
 * submissions, failures) joined in memory by session: no sort or temporary
 * B-tree over all payment events (a single SQL join with GROUP BY took
 * seconds per 100,000 events).
 */
export function exposureRows(db: Db, experiment?: string): ExposureRow[] {
  const counts = (type: string): Map<string, number> => {
    const result = new Map<string, number>();
    const rows = db.prepare('SELECT session_id, COUNT(*) FROM events WHERE type = ? GROUP BY session_id').raw().iterate(type) as Iterable<[string, number]>;
    for (const [session, n] of rows) result.set(session, n);
    return result;
  };
  const submitted = counts('payment.submitted');
  const failed = counts('payment.failed');
  const paid = new Map<string, { at: string; amount: number | null; currency: string | null }>();
  const successes = db
    .prepare(`SELECT session_id, at, json_extract(data_json, '$.amount'), json_extract(data_json, '$.currency') FROM events WHERE type = 'payment.succeeded'`)
    .raw()
    .iterate() as Iterable<[string, string, unknown, unknown]>;
  for (const [session, at, amount, currency] of successes) {
    const earlier = paid.get(session);
    if (earlier && earlier.at <= at) continue;
    paid.set(session, {
      at,
      amount: typeof amount === 'number' && Number.isFinite(amount) ? amount : null,
      currency: typeof currency === 'string' ? currency : null,
    });
  }
  const exposures = new Map<string, ExposureRow>();
  const exposed = db
    .prepare(`SELECT session_id, json_extract(data_json, '$.experiment'), json_extract(data_json, '$.variant'), received_at, at FROM events WHERE type = 'experiment.exposed'`)
    .raw()
    .iterate() as Iterable<[string, unknown, unknown, number, string]>;
  for (const [session, key, variant, receivedAt, at] of exposed) {
    if (typeof key !== 'string' || typeof variant !== 'string' || (experiment !== undefined && key !== experiment)) continue;
    // One row per session, experiment and variant: a reloaded page sends its exposure again.
    const id = JSON.stringify([session, key, variant]);
    const earlier = exposures.get(id);
    if (earlier) {
      earlier.receivedAt = Math.min(earlier.receivedAt, receivedAt);
      if (at < earlier.exposedAt) earlier.exposedAt = at;
      continue;
    }
    const success = paid.get(session);
    exposures.set(id, {
      experiment: key,
      variant,
      receivedAt,
      exposedAt: at,
      paidAt: success?.at ?? null,
      amount: success?.amount ?? null,
      currency: success?.currency ?? null,
      submitted: submitted.get(session) ?? 0,
      failed: failed.get(session) ?? 0,
    });
  }
  return [...exposures.values()];
}

/** One payment attempt, as the monitoring board sees it. */
export interface AttemptRow {
  method: string;
  country: string;
  status: string;
  failureCode: string | null;
  createdAt: number;
  /** When it last changed: for a final status, when the result was known. */
  updatedAt: number;
}

/** Payment attempts created at or after `since` (ms). */
export function attemptRows(db: Db, since: number): AttemptRow[] {
  return db
    .prepare(
      `SELECT p.method, s.country, p.status, p.failure_code AS failureCode, p.created_at AS createdAt, p.updated_at AS updatedAt
       FROM payments p JOIN sessions s ON s.id = p.session_id WHERE p.created_at >= ? ORDER BY p.created_at`,
    )
    .all(since) as AttemptRow[];
}
