/**
 * Read models of the dashboard over the `events` and `payments` tables: one
 * row per exposed session of an experiment, and one row per payment attempt
 * for the monitoring board. The database does the aggregation (one row per
 * exposure, not one per event), through the indexes of migration 5
 * (`events(type, session_id)`, `payments(created_at)`), on SQLite and Postgres alike.
 */
import { checkJsonKey } from '../storage/sqlite.js';
import type { Sql } from '../storage/storage.js';

/**
 * The analytics tables that came after migration 5 (append to MIGRATIONS in
 * server/db/database.ts):
 * - `rollouts`: was created on first use, hence `IF NOT EXISTS` (older files have it).
 * - `dashboard_sessions`: dashboard sign-ins by the hash of their cookie, so a
 *   sign-in works on every instance behind the load balancer.
 * - `monitoring_alerts.claimed_until`: the instance delivering an alert claims
 *   it until then, so N instances running the monitor send each alert once.
 */
export const ANALYTICS_MIGRATION = `
CREATE TABLE IF NOT EXISTS rollouts (
  method         TEXT PRIMARY KEY,
  shares_json    TEXT NOT NULL,
  guardrail_json TEXT,
  halted_at      INTEGER,
  halted_reason  TEXT,
  updated_at     INTEGER NOT NULL
);
CREATE TABLE dashboard_sessions (
  token_hash  TEXT PRIMARY KEY,
  expires_at  INTEGER NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX dashboard_sessions_expires ON dashboard_sessions(expires_at);
ALTER TABLE monitoring_alerts ADD COLUMN claimed_until INTEGER;
`;

/**
 * The JSON string at `key` of `column`, NULL when absent or not a string (a
 * number, boolean or null there is not a variant key or a currency).
 * The two dialects name JSON types differently; the key is checked before it reaches SQL.
 */
export function jsonString(db: Sql, column: string, key: string): string {
  const text = db.dialect.jsonText(column, checkJsonKey(key));
  return db.dialect.name === 'sqlite'
    ? `(CASE WHEN json_type(${column}, '$.${key}') = 'text' THEN ${text} END)`
    : `(CASE WHEN jsonb_typeof(${column}::jsonb -> '${key}') = 'string' THEN ${text} END)`;
}

/** The JSON number at `key` of `column` as an SQL number, NULL when absent or not a number (a numeric string is not an amount). */
export function jsonNumber(db: Sql, column: string, key: string): string {
  const text = db.dialect.jsonText(column, checkJsonKey(key));
  return db.dialect.name === 'sqlite'
    ? `(CASE WHEN json_type(${column}, '$.${key}') IN ('integer', 'real') THEN ${text} END)`
    : `(CASE WHEN jsonb_typeof(${column}::jsonb -> '${key}') = 'number' THEN (${text})::double precision END)`;
}

/**
 * `expression` compared byte by byte, as SQLite's default BINARY collation
 * does: Postgres would otherwise compare text by the database's locale, which
 * may order client timestamps and session ids differently.
 */
export function binary(db: Sql, expression: string): string {
  return db.dialect.name === 'sqlite' ? expression : `(${expression} COLLATE "C")`;
}

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
 * Every exposure with its session's outcome, in one statement; `experiment`
 * narrows to one. Per (session, experiment, variant): the earliest arrival and
 * client time of the exposure (a reloaded page sends it again); the session's
 * first success by client time (ties: the first stored) with its amount and
 * currency; its submitted and failed attempts. Rows come in session id order,
 * then the order the session's exposures were first stored.
 *
 * The exposures are grouped the same way on both; how each gets its session's
 * outcome follows each planner's strength (the results are the same, checked in
 * server/analytics/dialects.test.ts):
 * - Postgres hash-joins the per-session aggregates; each exposure's JSON is
 *   parsed once (the materialized `exposure_events`: it would otherwise parse
 *   `data_json` once per field), a success's only when it is the session's first.
 * - SQLite looks each session up in `events(type, session_id)` (correlated
 *   subqueries), which beats materializing the aggregates and indexing them
 *   for the join by about 40% at 100,000 sessions.
 * The order is applied here, not in SQL: a sort on Postgres's joined estimate
 * made it JIT-compile the query, which cost more than running it.
 */
export async function exposureRows(db: Sql, experiment?: string): Promise<ExposureRow[]> {
  const postgres = db.dialect.name === 'postgres';
  const exposed = `
    exposure_events AS ${postgres ? 'MATERIALIZED ' : ''}(
      SELECT session_id, received_at, at, rowid, ${postgres ? 'data_json::jsonb' : 'data_json'} AS j FROM events WHERE type = 'experiment.exposed'
    ),
    exposed AS (
      SELECT session_id, experiment, variant, MIN(received_at) AS received_at, MIN(${binary(db, 'at')}) AS exposed_at, MIN(rowid) AS first_rowid
      FROM (
        SELECT session_id, ${jsonString(db, 'j', 'experiment')} AS experiment, ${jsonString(db, 'j', 'variant')} AS variant, received_at, at, rowid
        FROM exposure_events
      ) e
      WHERE experiment IS NOT NULL AND variant IS NOT NULL${experiment === undefined ? '' : ' AND experiment = ?'}
      GROUP BY session_id, experiment, variant
    )`;
  const columns = `x.session_id AS "sessionId", x.first_rowid AS "firstRowid", x.experiment, x.variant, x.received_at AS "receivedAt", x.exposed_at AS "exposedAt",
      p.at AS "paidAt", ${jsonNumber(db, 'p.data_json', 'amount')} AS amount, ${jsonString(db, 'p.data_json', 'currency')} AS currency`;
  const sql = postgres
    ? `
    WITH ${exposed},
    paid AS (
      SELECT session_id, at, data_json, ROW_NUMBER() OVER (PARTITION BY session_id ORDER BY ${binary(db, 'at')}, rowid) AS n
      FROM events WHERE type = 'payment.succeeded'
    ),
    attempts AS (
      SELECT session_id,
        SUM(CASE WHEN type = 'payment.submitted' THEN 1 ELSE 0 END) AS submitted,
        SUM(CASE WHEN type = 'payment.failed' THEN 1 ELSE 0 END) AS failed
      FROM events WHERE type IN ('payment.submitted', 'payment.failed') GROUP BY session_id
    )
    SELECT ${columns}, COALESCE(a.submitted, 0) AS submitted, COALESCE(a.failed, 0) AS failed
    FROM exposed x
    LEFT JOIN paid p ON p.session_id = x.session_id AND p.n = 1
    LEFT JOIN attempts a ON a.session_id = x.session_id`
    : `
    WITH ${exposed}
    SELECT ${columns},
      (SELECT COUNT(*) FROM events s WHERE s.type = 'payment.submitted' AND s.session_id = x.session_id) AS submitted,
      (SELECT COUNT(*) FROM events f WHERE f.type = 'payment.failed' AND f.session_id = x.session_id) AS failed
    FROM exposed x
    LEFT JOIN events p ON p.session_id = x.session_id AND p.id = (
      SELECT w.id FROM events w WHERE w.type = 'payment.succeeded' AND w.session_id = x.session_id ORDER BY w.at, w.rowid LIMIT 1
    )`;
  const rows = await db.all<ExposureRow & { sessionId: string; firstRowid: number }>(sql, experiment === undefined ? [] : [experiment]);
  // Code-unit order is SQLite's BINARY order for the ASCII of session ids.
  rows.sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : a.firstRowid - b.firstRowid));
  return rows.map(({ sessionId: _session, firstRowid: _rowid, amount, ...row }) => ({ ...row, amount: amount !== null && Number.isFinite(amount) ? amount : null }));
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

/** Payment attempts created at or after `since` (ms), oldest first. */
export async function attemptRows(db: Sql, since: number): Promise<AttemptRow[]> {
  return db.all<AttemptRow>(
    `SELECT p.method, s.country, p.status, p.failure_code AS "failureCode", p.created_at AS "createdAt", p.updated_at AS "updatedAt"
     FROM payments p JOIN sessions s ON s.id = p.session_id WHERE p.created_at >= ? ORDER BY p.created_at, p.rowid`,
    [since],
  );
}
