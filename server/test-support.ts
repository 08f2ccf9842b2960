/**
 * Shared helpers for the server's node:test suites: a throwaway pair of
 * listeners on a temp database, and thin HTTP helpers that speak protocol v1
 * the way the widget does.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startServers, type RunningServers, type StartOptions } from './app.js';
import type { SessionCredentials } from './merchant/routes.js';
import { insertSession, randomId, type SessionRecord } from './db/sessions.js';
import { initialFaultState } from './psp/faults.js';
import type { Sql } from './storage/storage.js';
import { createDatabase } from '../test/shared/postgres-database.js';

/** Origin of the helpers' default return URL; every test server allows it. */
export const DEFAULT_RETURN_ORIGIN = 'http://127.0.0.1:5173';

export interface TestServers extends RunningServers {
  dir: string;
  dbPath: string;
  /** Moves the injected clock forward. */
  advance(ms: number): void;
  /** Closes the servers and deletes the temp folder. */
  dispose(): Promise<void>;
}

/**
 * The Postgres cluster the suites' servers run on instead of SQLite files, when
 * `CHECKOUT_KIT_TEST_STORAGE=postgres` (with `TEST_DATABASE_URL`, as npm test
 * sets it): every HTTP-level assertion then holds on Postgres too. A test that
 * names `dbPath` or asks for `sqlite` (SQLite's own durability) keeps SQLite.
 */
function postgresClusterForTests(): string | undefined {
  if (process.env['CHECKOUT_KIT_TEST_STORAGE'] !== 'postgres') return undefined;
  const url = process.env['TEST_DATABASE_URL'];
  if (!url) throw new Error('CHECKOUT_KIT_TEST_STORAGE=postgres needs TEST_DATABASE_URL (a cluster URL; node scripts/postgres.js starts one).');
  return url;
}

/** Starts both listeners on free ports with a fresh database and a tiny store root. */
export async function startTestServers(options: Partial<StartOptions> & { dir?: string; sqlite?: boolean } = {}): Promise<TestServers> {
  const { sqlite, ...startOptions } = options;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ck-server-'));
  const storeRoot = join(dir, 'store');
  mkdirSync(join(storeRoot, 'dist'), { recursive: true });
  mkdirSync(join(storeRoot, 'demo'), { recursive: true });
  writeFileSync(join(storeRoot, 'index.html'), '<!doctype html><title>Test store</title><script type="module" src="/dist/checkout-kit.js"></script>');
  writeFileSync(join(storeRoot, 'dist', 'checkout-kit.js'), 'export {};\n');
  writeFileSync(join(storeRoot, 'demo', 'store.css'), 'body{}\n');
  writeFileSync(join(dir, 'secret.txt'), 'outside the store root\n');
  let offset = 0;
  const dbPath = options.dbPath ?? join(dir, 'db.sqlite');
  const cluster = sqlite || options.dbPath || options.databaseUrl ? undefined : postgresClusterForTests();
  const databaseUrl = options.databaseUrl ?? (cluster ? await createDatabase(cluster) : undefined);
  const servers = await startServers({
    storeRoot,
    now: () => Date.now() + offset,
    ...startOptions,
    // The return URL the helpers below send (a store on the default port) is a configured store origin.
    extraStoreOrigins: [DEFAULT_RETURN_ORIGIN, ...(options.extraStoreOrigins ?? [])],
    dbPath,
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  return {
    ...servers,
    dir,
    dbPath,
    advance(ms: number) {
      offset += ms;
    },
    async dispose() {
      await servers.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

async function answer<T>(response: Response): Promise<Answer<T>> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (an HTML page); the raw text is the body.
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/** Calls the merchant API with the test servers' secret. */
export async function merchant<T = unknown>(
  servers: RunningServers,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const response = await fetch(`${servers.apiUrl}/merchant/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${servers.merchantSecret}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return answer<T>(response);
}

/** Creates a session (default: 100.00 EUR in NL) and returns its credentials. */
export async function createSession(servers: RunningServers, body: Record<string, unknown> = {}): Promise<SessionCredentials> {
  const created = await merchant<SessionCredentials>(servers, 'POST', '/sessions', {
    amount: { value: 10000, currency: 'EUR' },
    country: 'NL',
    ...body,
    // Suites from before card fields pay by card without a vault token; card tests set `cardWithoutToken: false`.
    faults: { cardWithoutToken: true, ...(body['faults'] as Record<string, unknown> | undefined) },
  });
  if (created.status !== 201) throw new Error(`session creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

export interface CallOptions {
  body?: unknown;
  idempotencyKey?: string;
  headers?: Record<string, string>;
  token?: string | null;
  version?: string | null;
}

/** One checkout API call with the protocol headers (override or drop them via options). */
export async function call<T = unknown>(
  credentials: Pick<SessionCredentials, 'endpoint' | 'sessionToken'>,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? credentials.sessionToken : options.token;
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  const version = options.version === undefined ? '1' : options.version;
  if (version !== null) headers['Checkout-Kit-Version'] = version;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${credentials.endpoint}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return answer<T>(response);
}

/** POST /payments with a fresh (or given) Idempotency-Key. */
export function pay<T = unknown>(
  credentials: Pick<SessionCredentials, 'endpoint' | 'sessionToken'>,
  method: string,
  options: { key?: string; returnUrl?: string } = {},
): Promise<Answer<T>> {
  return call<T>(credentials, 'POST', '/payments', {
    idempotencyKey: options.key ?? randomUUID(),
    body: { method, returnUrl: options.returnUrl ?? 'http://127.0.0.1:5173/checkout?step=pay' },
  });
}

/** Rows in the payments table for a session, straight from the servers' storage (SQLite or Postgres), in insertion order. */
export function paymentRows(servers: Pick<RunningServers, 'store'>, sessionId: string): Promise<Array<{ id: string; status: string; method: string }>> {
  return servers.store.all<{ id: string; status: string; method: string }>(
    'SELECT id, status, method FROM payments WHERE session_id = ? ORDER BY rowid',
    [sessionId],
  );
}

/**
 * A session written straight to the storage (no HTTP), for tests of the storage rules: 25.00 EUR
 * in NL offering a card, with no faults, unless `overrides` says otherwise. Returns what was stored.
 */
export async function storedSession(db: Sql, overrides: Partial<SessionRecord> = {}): Promise<SessionRecord> {
  const session: SessionRecord = {
    id: randomId('cs'),
    amount: { value: 2500, currency: 'EUR' },
    country: 'NL',
    locale: null,
    methods: [{ id: 'card', type: 'card', status: 'available' }],
    scenario: null,
    faults: {},
    faultState: initialFaultState({}),
    settlement: null,
    ttlSeconds: 900,
    revokedAt: null,
    createdAt: Date.now(),
    buyerId: null,
    ...overrides,
  };
  await insertSession(db, session);
  return session;
}
