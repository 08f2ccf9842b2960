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

export type Db = Database.Database;

const SCHEMA_VERSION = 1;

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

/** Opens (creating if needed) the database at `path`; `:memory:` works for throwaway use. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets readers proceed during a write and survives a crash without a
  // torn file; busy_timeout covers a second process (e.g. a test) reading it.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= SCHEMA_VERSION) return;
  db.transaction(() => {
    db.exec(MIGRATION_1);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
