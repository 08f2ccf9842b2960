/**
 * Opens the SQLite file that holds sessions, tokens, payments, idempotency
 * records and events. One synchronous connection per process: better-sqlite3
 * runs every statement to completion on the event loop, so a transaction is
 * never interleaved with another request's — which is what makes the
 * idempotency reservation race-free without extra locking.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { APPOINTMENTS_MIGRATION } from './appointments.js';
import { SUPPORT_MIGRATION } from './support.js';
import { ANALYTICS_MIGRATION } from './analytics.js';
import { RATE_LIMIT_MIGRATION } from '../http/rate-limit.js';

export type Db = Database.Database;


const MIGRATION_1 = `
CREATE TABLE sessions (
  id            TEXT PRIMARY KEY,
  amount_value  INTEGER NOT NULL,
  currency      TEXT NOT NULL,
  country       TEXT NOT NULL,
  locale        TEXT,
  methods_json  TEXT NOT NULL,
  scenario      TEXT,
  faults_json   TEXT NOT NULL,
  fault_state_json TEXT NOT NULL,
  settlement_json TEXT,
  ttl_seconds   INTEGER NOT NULL,
  revoked_at    INTEGER,
  created_at    INTEGER NOT NULL
);
CREATE TABLE tokens (
  token_hash  TEXT PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions(id),
  expires_at  INTEGER NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX tokens_session ON tokens(session_id);
CREATE TABLE payments (
  id              TEXT PRIMARY KEY,
  session_id      TEXT NOT NULL REFERENCES sessions(id),
  idempotency_key TEXT NOT NULL,
  method          TEXT NOT NULL,
  method_type     TEXT NOT NULL,
  amount_value    INTEGER NOT NULL,
  currency        TEXT NOT NULL,
  status          TEXT NOT NULL,
  failure_code    TEXT,
  action_json     TEXT,
  return_url      TEXT NOT NULL,
  fields_json     TEXT,
  polls           INTEGER NOT NULL DEFAULT 0,
  polls_to_settle INTEGER,
  action_expires_at INTEGER,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  UNIQUE (session_id, idempotency_key)
);
CREATE INDEX payments_session ON payments(session_id);
CREATE TABLE idempotency_keys (
  session_id      TEXT NOT NULL REFERENCES sessions(id),
  key             TEXT NOT NULL,
  request_hash    TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
  response_status INTEGER,
  response_body   TEXT,
  locked_at       INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (session_id, key)
);
CREATE INDEX idempotency_created ON idempotency_keys(created_at);
CREATE TABLE events (
  session_id  TEXT NOT NULL REFERENCES sessions(id),
  id          TEXT NOT NULL,
  type        TEXT NOT NULL,
  at          TEXT NOT NULL,
  data_json   TEXT,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, id)
);
`;

/**
 * Signed PSP callbacks (docs/protocol.md, "PSP callbacks"): the PSP's outbox of
 * events with their delivery state, the backend's inbox keyed by event id (each
 * event applied once), refunds and chargebacks as the backend knows them.
 */
const MIGRATION_2 = `
CREATE TABLE psp_outbox (
  id              TEXT PRIMARY KEY,
  type            TEXT NOT NULL,
  payment_id      TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  held            INTEGER NOT NULL DEFAULT 0,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  delivered_at    INTEGER
);
CREATE INDEX psp_outbox_due ON psp_outbox(delivered_at, next_attempt_at);
CREATE INDEX psp_outbox_payment ON psp_outbox(payment_id);
CREATE TABLE webhook_events (
  id          TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  payment_id  TEXT NOT NULL,
  body        TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX webhook_events_payment ON webhook_events(payment_id);
CREATE TABLE refunds (
  id              TEXT PRIMARY KEY,
  payment_id      TEXT NOT NULL REFERENCES payments(id),
  amount_value    INTEGER NOT NULL,
  currency        TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  reason          TEXT,
  idempotency_key TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  UNIQUE (payment_id, idempotency_key)
);
CREATE INDEX refunds_payment ON refunds(payment_id);
CREATE TABLE chargebacks (
  id           TEXT PRIMARY KEY,
  payment_id   TEXT NOT NULL REFERENCES payments(id),
  amount_value INTEGER NOT NULL,
  currency     TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);
`;

/**
 * Risk limits (docs/protocol.md, "Risk limits"): the merchant's settings, the
 * buyer a session belongs to (for per-buyer velocity), and why an attempt was stopped.
 */
const MIGRATION_3 = `
ALTER TABLE sessions ADD COLUMN buyer_id TEXT;
CREATE INDEX sessions_buyer ON sessions(buyer_id);
CREATE INDEX payments_created ON payments(created_at);
CREATE TABLE risk_settings (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  json        TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE risk_decisions (
  payment_id  TEXT PRIMARY KEY REFERENCES payments(id),
  rule        TEXT NOT NULL,
  detail      TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
`;

/**
 * Daily reconciliation (docs/protocol.md, "Daily reconciliation"): the sandbox
 * PSP's own ledger of money moved — captures, refunds, chargebacks — written
 * when the PSP decides, independently of whether the backend heard about it.
 */
const MIGRATION_4 = `
CREATE TABLE psp_ledger (
  kind         TEXT NOT NULL CHECK (kind IN ('capture', 'refund', 'chargeback')),
  reference    TEXT NOT NULL,
  payment_id   TEXT NOT NULL,
  method       TEXT NOT NULL,
  amount_value INTEGER NOT NULL,
  currency     TEXT NOT NULL,
  at           INTEGER NOT NULL,
  PRIMARY KEY (kind, reference)
);
CREATE INDEX psp_ledger_at ON psp_ledger(at);
`;

/**
 * Experiment statistics and payment monitoring (docs/experiments.md): indexes
 * the dashboard's queries need over millions of events, the merchant's
 * sample-size plans, alert settings, alerts sent, and methods marked degraded.
 */
const MIGRATION_5 = `
CREATE INDEX events_type_session ON events(type, session_id);
CREATE INDEX payments_method_created ON payments(method, created_at);
CREATE TABLE experiment_plans (
  experiment   TEXT PRIMARY KEY,
  json         TEXT NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE TABLE monitoring_settings (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  json        TEXT NOT NULL,
  signing_secret TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE monitoring_alerts (
  id           TEXT PRIMARY KEY,
  method       TEXT NOT NULL,
  country      TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  body         TEXT NOT NULL,
  delivered_at INTEGER,
  last_status  INTEGER,
  created_at   INTEGER NOT NULL,
  UNIQUE (method, country, window_start)
);
CREATE TABLE degraded_methods (
  method     TEXT NOT NULL,
  country    TEXT NOT NULL,
  reason     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (method, country)
);
`;

/**
 * Migrations in order, for both SQLite and Postgres (server/storage/migrations.ts
 * translates the column types); SQLite's `user_version` is the number applied.
 * Never edit one that has shipped: append. The support tables came last with
 * `IF NOT EXISTS`: older files created them when the chat service started.
 */
export const MIGRATIONS: readonly string[] = [
  MIGRATION_1,
  MIGRATION_2,
  MIGRATION_3,
  MIGRATION_4,
  MIGRATION_5,
  APPOINTMENTS_MIGRATION,
  SUPPORT_MIGRATION,
  ANALYTICS_MIGRATION,
  RATE_LIMIT_MIGRATION,
];

/**
 * How hard a commit waits for the disk (docs/protocol.md, "Durability"):
 * - `NORMAL` (default): in WAL mode the WAL is synced only at checkpoints. A
 *   crashed *process* (SIGKILL, OOM) loses nothing — committed pages are in the
 *   OS cache — but a power cut or kernel panic may roll back the transactions
 *   committed since the last checkpoint: a payment the buyer was told succeeded
 *   could be missing after the machine restarts. The file itself stays consistent.
 * - `FULL`: the WAL is synced on every commit, so a commit that returned
 *   survives power loss too, at the cost of one fsync per payment write.
 */
export type Synchronous = 'NORMAL' | 'FULL';

export interface OpenOptions {
  synchronous?: Synchronous;
}

/** Reads `CHECKOUT_KIT_DB_SYNCHRONOUS` (`NORMAL` or `FULL`, any case); `undefined` when unset, an error when invalid. */
export function synchronousFromEnv(env: NodeJS.ProcessEnv = process.env): Synchronous | undefined {
  const raw = env['CHECKOUT_KIT_DB_SYNCHRONOUS'];
  if (raw === undefined || raw === '') return undefined;
  const value = raw.toUpperCase();
  if (value !== 'NORMAL' && value !== 'FULL') throw new Error(`CHECKOUT_KIT_DB_SYNCHRONOUS must be NORMAL or FULL, got "${raw}".`);
  return value;
}

/** Opens (creating if needed) the database at `path`; `:memory:` works for throwaway use. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets readers proceed during a write and survives a crash without a
  // torn file; busy_timeout covers a second process (e.g. a test) reading it.
  db.pragma('journal_mode = WAL');
  // A fixed string from a closed type, never user input.
  db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= MIGRATIONS.length) return;
  db.transaction(() => {
    for (let next = version; next < MIGRATIONS.length; next++) db.exec(MIGRATIONS[next]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}
