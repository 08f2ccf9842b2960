/**
 * PostgreSQL behind the storage interface, chosen by `DATABASE_URL`: any
 * number of instances on one database (docs/deploy.md). node-postgres (`pg`)
 * is the client: a pool for statements and transactions, one dedicated
 * connection for LISTEN, re-opened with backoff when it drops.
 *
 * - Placeholders: SQL is written with `?` (as for SQLite) and numbered here.
 * - Numbers: BIGINT and NUMERIC come back as JavaScript numbers, as SQLite's
 *   do. Amounts are minor units and timestamps milliseconds, far below 2^53.
 * - Transactions: READ COMMITTED, with unique constraints and `lock(key)`
 *   (a transaction-scoped advisory lock) carrying the cross-instance rules.
 *   A serialization failure or deadlock re-runs the whole transaction.
 * - Notifications: `pg_notify`, delivered after commit to every instance.
 */
import pg from 'pg';
import { setTimeout as delay } from 'node:timers/promises';
import { checkJsonKey } from './sqlite.js';
import { assertChannel, MAX_NOTIFY_BYTES, type Dialect, type RunResult, type Sql, type SqlValue, type Storage } from './storage.js';

const POSTGRES_DIALECT: Dialect = {
  name: 'postgres',
  jsonText: (column, key) => `(${column}::jsonb ->> '${checkJsonKey(key)}')`,
};

const INT8_OID = 20;
const NUMERIC_OID = 1700;
/** SQLSTATEs after which re-running the transaction is correct: serialization_failure, deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

/** Rewrites `?` placeholders as `$1, $2, …`, leaving quoted text, quoted names and comments alone. */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (ch === '?') {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((value) => {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value);
    return value;
  });
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** One text → one numbered text; the same few hundred statements run millions of times. */
const numbered = new Map<string, string>();
function prepare(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    text = numberPlaceholders(sql);
    numbered.set(sql, text);
  }
  return text;
}

async function query<Row>(on: Queryable, sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult<pg.QueryResultRow & Row>> {
  return on.query<pg.QueryResultRow & Row>(prepare(sql), bind(params));
}

function checkNotify(channel: string, payload: string): void {
  assertChannel(channel);
  if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) throw new Error(`Notification on ${channel} exceeds ${MAX_NOTIFY_BYTES} bytes.`);
}

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database`; never logged. */
  connectionString: string;
  /** Pool size per instance (default 10). */
  maxConnections?: number;
  /** Reported when the LISTEN connection drops and comes back: notifications in between may be lost, so re-read state. */
  onListenGap?: () => void;
}

export class PostgresStorage implements Storage {
  readonly dialect = POSTGRES_DIALECT;
  private readonly pool: pg.Pool;
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  private listener: pg.Client | undefined;
  private listenerReady: Promise<pg.Client> | undefined;
  private readonly types = new pg.TypeOverrides();
  private closed = false;

  constructor(private readonly options: PostgresOptions) {
    this.types.setTypeParser(INT8_OID, (text: string) => Number(text));
    this.types.setTypeParser(NUMERIC_OID, (text: string) => Number(text));
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10, types: this.types });
    // An idle client that loses its server emits here; without a handler the process would exit.
    this.pool.on('error', (error) => console.error('[checkout-kit storage] idle Postgres connection lost:', error.message));
  }

  async all<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return (await query<Row>(this.pool, sql, params)).rows;
  }

  async get<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row | undefined> {
    return (await query<Row>(this.pool, sql, params)).rows[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    return { changes: (await query(this.pool, sql, params)).rowCount ?? 0 };
  }

  lock(): Promise<void> {
    return Promise.reject(new Error('lock() is only valid inside a transaction.'));
  }

  async notify(channel: string, payload: string): Promise<void> {
    checkNotify(channel, payload);
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    for (let attemptNumber = 1; ; attemptNumber++) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(new PostgresTransaction(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attemptNumber >= MAX_ATTEMPTS) throw error;
        // Twins that collided retry a little apart, so they do not collide again.
        await delay(Math.floor(Math.random() * 20 * attemptNumber));
      } finally {
        client.release(broken);
      }
    }
  }

  async subscribe(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>> {
    assertChannel(channel);
    let set = this.listeners.get(channel);
    const first = !set;
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    const client = await this.listenConnection();
    if (first) await client.query(`LISTEN ${channel}`);
    return async () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(channel) === set) {
        this.listeners.delete(channel);
        if (this.listener && !this.closed) await this.listener.query(`UNLISTEN ${channel}`).catch(() => undefined);
      }
    };
  }

  /** @internal The pool, for the migrations run on start (server/storage/migrations.ts). */
  migrationPool(): pg.Pool {
    return this.pool;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /** The LISTEN connection, opened on first use; when it drops, re-opened with backoff and every channel listened again. */
  private listenConnection(): Promise<pg.Client> {
    if (this.listener) return Promise.resolve(this.listener);
    this.listenerReady ??= this.openListener().finally(() => (this.listenerReady = undefined));
    return this.listenerReady;
  }

  private async openListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.connectionString, types: this.types });
    client.on('notification', (message) => {
      const set = this.listeners.get(message.channel);
      if (!set) return;
      for (const listener of [...set]) {
        try {
          listener(message.payload ?? '');
        } catch (error) {
          console.error('[checkout-kit storage] notification listener failed:', error);
        }
      }
    });
    // reopenListener retries until it succeeds or the storage closes; it does not reject.
    const reopen = (): void => {
      this.reopenListener(client).catch((error: unknown) => console.error('[checkout-kit storage] LISTEN reconnect', error));
    };
    client.on('error', (error) => {
      console.error('[checkout-kit storage] LISTEN connection lost:', error.message);
      reopen();
    });
    client.on('end', reopen);
    await client.connect();
    for (const channel of this.listeners.keys()) await client.query(`LISTEN ${channel}`);
    this.listener = client;
    return client;
  }

  private async reopenListener(lost: pg.Client): Promise<void> {
    if (this.closed || this.listener !== lost) return;
    this.listener = undefined;
    lost.removeAllListeners('end');
    for (let attemptNumber = 0; !this.closed; attemptNumber++) {
      try {
        await this.listenConnection();
        this.options.onListenGap?.();
        return;
      } catch {
        await delay(Math.min(5000, 100 * 2 ** attemptNumber));
      }
    }
  }
}

/** Statements on the transaction's own connection. */
class PostgresTransaction implements Sql {
  readonly dialect = POSTGRES_DIALECT;
  private savepoints = 0;

  constructor(private readonly client: pg.PoolClient) {}

  async all<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return (await query<Row>(this.client, sql, params)).rows;
  }

  async get<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row | undefined> {
    return (await query<Row>(this.client, sql, params)).rows[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    return { changes: (await query(this.client, sql, params)).rowCount ?? 0 };
  }

  async lock(key: string): Promise<void> {
    await this.client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
  }

  async notify(channel: string, payload: string): Promise<void> {
    checkNotify(channel, payload);
    // Inside a transaction Postgres holds the notification until COMMIT and drops it on ROLLBACK.
    await this.client.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const name = `sp_${++this.savepoints}`;
    await this.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await work(this);
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }
}
