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

/** Every exposure with its session's outcome; `experiment` narrows to one. */
export function exposureRows(db: Db, experiment?: string): ExposureRow[] {
  return db
    .prepare(
      `WITH exposed AS (
         SELECT session_id, json_extract(data_json, '$.experiment') AS experiment, json_extract(data_json, '$.variant') AS variant,
                MIN(received_at) AS received_at, MIN(at) AS exposed_at
         FROM events WHERE type = 'experiment.exposed'
         GROUP BY session_id, experiment, variant
       ),
       outcome AS (
         SELECT session_id,
                MIN(CASE WHEN type = 'payment.succeeded' THEN at END) AS paid_at,
                MAX(CASE WHEN type = 'payment.succeeded' THEN json_extract(data_json, '$.amount') END) AS amount,
                MAX(CASE WHEN type = 'payment.succeeded' THEN json_extract(data_json, '$.currency') END) AS currency,
                SUM(type = 'payment.submitted') AS submitted,
                SUM(type = 'payment.failed') AS failed
         FROM events WHERE type IN ('payment.succeeded', 'payment.submitted', 'payment.failed')
         GROUP BY session_id
       )
       SELECT e.experiment, e.variant, e.received_at AS receivedAt, e.exposed_at AS exposedAt, o.paid_at AS paidAt, o.amount, o.currency,
              COALESCE(o.submitted, 0) AS submitted, COALESCE(o.failed, 0) AS failed
       FROM exposed e LEFT JOIN outcome o ON o.session_id = e.session_id
       WHERE typeof(e.experiment) = 'text' AND typeof(e.variant) = 'text' AND (? IS NULL OR e.experiment = ?)`,
    )
    .all(experiment ?? null, experiment ?? null) as ExposureRow[];
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
