/**
 * The one storage interface of the reference services (docs/deploy.md). Every
 * service — checkout, PSP sandbox, analytics, dashboard, support chat — reads
 * and writes through `Sql`, and runs on either implementation:
 *
 * - SQLite (server/storage/sqlite.ts): the embedded default of `npm start`, one
 *   process on one file.
 * - PostgreSQL (server/storage/postgres.ts), chosen by `DATABASE_URL`: several
 *   instances on one database behind a load balancer.
 *
 * SQL is written once, in the dialect both accept: `?` placeholders,
 * `ON CONFLICT … DO NOTHING / DO UPDATE`, `RETURNING`, `COALESCE`, quoted
 * camelCase aliases (`AS "createdAt"`: Postgres folds unquoted names to lower
 * case). What differs is asked of `dialect` (JSON fields) or hidden behind a
 * method (`lock`, `notify`).
 *
 * Guarantees across instances come from the database, never from an
 * in-process lock: unique constraints, `transaction`, and `lock(key)`, which
 * Postgres maps to a transaction-scoped advisory lock.
 */

/** What a placeholder may carry. Booleans are stored as 0/1 integers, as SQLite does. */
export type SqlValue = string | number | bigint | null | Uint8Array;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export type DialectName = 'sqlite' | 'postgres';

/** The few expressions the two dialects spell differently. */
export interface Dialect {
  readonly name: DialectName;
  /** The text of `key` in a JSON object stored as TEXT in `column` (`NULL` when absent). */
  jsonText(column: string, key: string): string;
}

/** Statements, on the storage itself or inside a transaction. */
export interface Sql {
  readonly dialect: Dialect;
  /** Every row of a query. */
  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** The first row of a query, `undefined` when none. */
  get<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined>;
  /** A statement that returns no rows (or whose rows are not wanted). */
  run(sql: string, params?: readonly SqlValue[]): Promise<RunResult>;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when
   * it throws. Inside a transaction it nests as a savepoint. Postgres retries
   * the whole of `work` on a serialization failure or deadlock, so `work` must
   * have no effect outside the database before it resolves.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Holds `key` until the current transaction ends: a second transaction
   * locking the same key, on any instance, waits. Use it where the rule spans
   * rows that no unique constraint covers (one live payment per session).
   * Only inside `transaction`.
   */
  lock(key: string): Promise<void>;
  /**
   * Publishes `payload` on `channel` to every instance's subscribers (this one
   * included) — after commit when called inside a transaction, never when it
   * rolls back. Payloads are small (≤ 7,000 bytes): a pointer to rows, not the rows.
   */
  notify(channel: string, payload: string): Promise<void>;
}

/** A storage connection: statements plus what a process needs to run and stop. */
export interface Storage extends Sql {
  /**
   * Calls `listener` with each payload notified on `channel` by any instance.
   * Resolves once listening; the returned function stops it.
   */
  subscribe(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>>;
  /** Throws when the database cannot answer (the readiness probe). */
  ping(): Promise<void>;
  /** Closes every connection; later calls reject. */
  close(): Promise<void>;
}

/** Channel names are fixed strings of ours; checked so nothing else ever reaches a LISTEN. */
export function assertChannel(channel: string): void {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Invalid notification channel "${channel}".`);
}

export const MAX_NOTIFY_BYTES = 7000;
