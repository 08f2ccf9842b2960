/**
 * SQLite behind the storage interface: the embedded default, one process on
 * one file. better-sqlite3 is synchronous; the interface is not, so a
 * transaction's `work` can await between statements. A queue keeps every
 * other statement of this process out of an open transaction (they would
 * otherwise run inside it on the one connection), and `BEGIN IMMEDIATE` keeps
 * a second process on the same file out. Notifications stay in this process:
 * several instances need Postgres (docs/deploy.md).
 */
import type { Database, Statement } from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { assertChannel, MAX_NOTIFY_BYTES, type Dialect, type RunResult, type Sql, type SqlValue, type Storage } from './storage.js';

const SQLITE_DIALECT: Dialect = {
  name: 'sqlite',
  jsonText: (column, key) => `json_extract(${column}, '$.${checkJsonKey(key)}')`,
};

/** JSON keys in SQL are ours (`amount`, `cardToken`); checked so no caller can splice text into a statement. */
export function checkJsonKey(key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`Invalid JSON key "${key}".`);
  return key;
}

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value) : value));
}

export class SqliteStorage implements Storage {
  readonly dialect = SQLITE_DIALECT;
  private readonly statements = new Map<string, Statement>();
  private readonly channels = new EventEmitter();
  /** Resolves when the transaction ahead of the next caller has ended. */
  private tail: Promise<void> = Promise.resolve();
  /** Transactions holding or waiting for the connection; statements outside them queue while any do. */
  private queued = 0;
  private closed = false;

  constructor(
    /** The open file (server/db/database.ts), migrated. */
    readonly database: Database,
  ) {
    this.channels.setMaxListeners(0);
  }

  all<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return this.outside(() => this.statement(sql).all(...bind(params)) as Row[]);
  }

  get<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row | undefined> {
    return this.outside(() => this.statement(sql).get(...bind(params)) as Row | undefined);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    return this.outside(() => ({ changes: this.statement(sql).run(...bind(params)).changes }));
  }

  lock(): Promise<void> {
    return Promise.reject(new Error('lock() is only valid inside a transaction.'));
  }

  notify(channel: string, payload: string): Promise<void> {
    return this.outside(() => this.publish([[channel, payload]]));
  }

  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    this.queued++;
    const turn = this.tail.then(async () => {
      this.assertOpen();
      const pending: Array<[string, string]> = [];
      this.database.prepare('BEGIN IMMEDIATE').run();
      try {
        const result = await work(new SqliteTransaction(this, pending));
        this.database.prepare('COMMIT').run();
        this.publish(pending);
        return result;
      } catch (error) {
        if (this.database.inTransaction) this.database.prepare('ROLLBACK').run();
        throw error;
      } finally {
        this.queued--;
      }
    });
    this.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  subscribe(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>> {
    assertChannel(channel);
    this.channels.on(channel, listener);
    return Promise.resolve(() => {
      this.channels.off(channel, listener);
      return Promise.resolve();
    });
  }

  ping(): Promise<void> {
    return this.get('SELECT 1 AS ok').then(() => undefined);
  }

  close(): Promise<void> {
    // Let open transactions finish: a graceful stop must not roll back a payment being written.
    return this.tail.then(() => {
      if (this.closed) return;
      this.closed = true;
      this.channels.removeAllListeners();
      this.database.close();
    });
  }

  /** @internal Runs one statement on the connection, inside whatever transaction is open. */
  statement(sql: string): Statement {
    this.assertOpen();
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.database.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** A statement outside any transaction: now when none is open or waiting, else after them (in order). */
  private outside<T>(run: () => T): Promise<T> {
    if (this.queued === 0) {
      try {
        return Promise.resolve(run());
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    const turn = this.tail.then(run);
    this.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private publish(notifications: ReadonlyArray<[string, string]>): void {
    for (const [channel, payload] of notifications) {
      assertChannel(channel);
      if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) throw new Error(`Notification on ${channel} exceeds ${MAX_NOTIFY_BYTES} bytes.`);
    }
    // Delivered asynchronously, as Postgres does, so a listener never runs inside the notifier's call.
    if (notifications.length > 0) {
      setImmediate(() => {
        for (const [channel, payload] of notifications) this.channels.emit(channel, payload);
      });
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The storage is closed.');
  }
}

/** Statements inside an open SQLite transaction: straight to the connection, which the queue keeps to this transaction. */
class SqliteTransaction implements Sql {
  readonly dialect = SQLITE_DIALECT;
  private savepoints = 0;

  constructor(
    private readonly storage: SqliteStorage,
    private readonly pending: Array<[string, string]>,
  ) {}

  all<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return attempt(() => this.storage.statement(sql).all(...bind(params)) as Row[]);
  }

  get<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row | undefined> {
    return attempt(() => this.storage.statement(sql).get(...bind(params)) as Row | undefined);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    return attempt(() => ({ changes: this.storage.statement(sql).run(...bind(params)).changes }));
  }

  /** `BEGIN IMMEDIATE` already holds the file's write lock, and the queue this process's connection. */
  lock(): Promise<void> {
    return Promise.resolve();
  }

  notify(channel: string, payload: string): Promise<void> {
    assertChannel(channel);
    this.pending.push([channel, payload]);
    return Promise.resolve();
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const name = `sp_${++this.savepoints}`;
    const mark = this.pending.length;
    this.storage.statement(`SAVEPOINT ${name}`).run();
    try {
      const result = await work(this);
      this.storage.statement(`RELEASE ${name}`).run();
      return result;
    } catch (error) {
      this.storage.statement(`ROLLBACK TO ${name}`).run();
      this.storage.statement(`RELEASE ${name}`).run();
      this.pending.length = mark;
      throw error;
    }
  }
}

function attempt<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error as Error);
  }
}
