/**
 * `npm run bench:analytics` (not a timed test): what the analytics path of the
 * reference backend sustains, on this machine, in one process on 127.0.0.1.
 *
 * 1. Event ingestion: CONCURRENCY clients POST batches of 50 events
 *    (`POST /events`, each its own session and token, as widgets do) for
 *    SECONDS seconds; reports events and requests per second and request p50/p95.
 * 2. Dashboard over one million stored events: bulk-inserts sessions whose
 *    events (viewed, shown, exposure, selected, submitted, succeeded or failed)
 *    total EVENTS rows straight into the storage, plus an hour of payment attempts
 *    for the monitoring board, then times `GET /dashboard/api/experiments`,
 *    `GET /dashboard/api/monitoring` and the HTML page `GET /dashboard`
 *    (median and max of RUNS each), and prints the database's plan for the
 *    exposure scan so an unindexed scan shows.
 *
 * On a temporary SQLite file by default; on PostgreSQL with `--database-url`
 * or `DATABASE_URL` (use an empty database: the bench writes a million rows).
 *
 *   npm run bench:analytics -- --events 1000000 --seconds 10 --concurrency 16 --runs 5
 *   DATABASE_URL=postgres://… npm run bench:analytics
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { createSession, startTestServers } from '../server/test-support.js';
import { quantile } from '../server/analytics/report.js';
import type { Sql, SqlValue } from '../server/storage/storage.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    runs: { type: 'string', default: '5' },
    'database-url': { type: 'string' },
  },
});
const DATABASE_URL = values['database-url'] ?? process.env['DATABASE_URL'];
const TOTAL_EVENTS = Number(values.events);
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const RUNS = Number(values.runs);

const servers = await startTestServers({
  ...(DATABASE_URL ? { databaseUrl: DATABASE_URL } : {}),
  rateLimits: { storeSessions: { limit: 1e9, windowMs: 60_000 }, paymentsPerClient: { limit: 1e9, windowMs: 60_000 } },
});
const auth = { Authorization: `Bearer ${servers.merchantSecret}` };
const ms = (n: number | null) => (n === null ? 'n/a' : `${n.toFixed(1)} ms`);
console.log(`Storage: ${servers.store.dialect.name}`);

/** Rows in multi-row INSERTs of a few hundred, so a million rows take thousands of statements, not a million. */
function bulkInsert(tx: Sql, table: string, columns: readonly string[], before?: () => Promise<void>) {
  const pending: SqlValue[][] = [];
  const flush = async () => {
    if (!pending.length) return;
    // Rows referenced by these first (foreign keys are checked per statement).
    await before?.();
    const values = pending.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, pending.flat());
    pending.length = 0;
  };
  return {
    async add(row: SqlValue[]) {
      pending.push(row);
      if (pending.length >= 500) await flush();
    },
    flush,
  };
}

try {
  // 1. Ingestion through HTTP.
  const clients = await Promise.all(Array.from({ length: CONCURRENCY }, () => createSession(servers)));
  const latencies: number[] = [];
  let events = 0;
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    clients.map(async (credentials) => {
      while (performance.now() < until) {
        const at = new Date().toISOString();
        const body = JSON.stringify({ events: Array.from({ length: 50 }, (_, i) => ({ id: randomUUID(), type: 'method.selected', at, data: { method: 'card', position: i } })) });
        const started = performance.now();
        const response = await fetch(`${credentials.endpoint}/events`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${credentials.sessionToken}`, 'Checkout-Kit-Version': '1', 'Content-Type': 'application/json' },
          body,
        });
        await response.arrayBuffer();
        if (response.status !== 202) throw new Error(`POST /events answered ${response.status}`);
        latencies.push(performance.now() - started);
        events += 50;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  console.log(`Ingestion: ${CONCURRENCY} clients, batches of 50, ${SECONDS} s`);
  console.log(`  ${(events / SECONDS).toFixed(0)} events/s, ${(latencies.length / SECONDS).toFixed(0)} requests/s, request p50 ${ms(quantile(latencies, 0.5))}, p95 ${ms(quantile(latencies, 0.95))}`);

  // 2. One million stored events, inserted directly.
  const store = servers.store;
  const existing = (await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM events'))?.n ?? 0;
  const insertStarted = performance.now();
  const now = Date.now();
  let stored = existing;
  let sessions = 0;
  const countries = ['ID', 'NL', 'DE', 'BR'];
  await store.transaction(async (tx) => {
    const insertSession = bulkInsert(tx, 'sessions', ['id', 'amount_value', 'currency', 'country', 'methods_json', 'faults_json', 'fault_state_json', 'ttl_seconds', 'created_at']);
    const insertEvent = bulkInsert(tx, 'events', ['session_id', 'id', 'type', 'at', 'data_json', 'received_at'], insertSession.flush);
    while (stored < existing + TOTAL_EVENTS) {
      const id = `cs_bench_${sessions}`;
      const receivedAt = now - Math.floor(Math.random() * 28) * 86_400_000;
      const at = (offset: number) => new Date(receivedAt + offset).toISOString();
      await insertSession.add([id, 10000, 'EUR', countries[sessions % 4]!, '[]', '{}', '{}', 1800, receivedAt]);
      const variant = sessions % 2 ? 'gopay' : 'control';
      const rows: [string, string, string | null][] = [
        ['checkout.viewed', at(0), JSON.stringify({ country: 'ID', currency: 'EUR', amount: 10000 })],
        ['methods.shown', at(300), JSON.stringify({ methods: 'gopay,card', count: 2, experiments: `gopay-first:${variant}` })],
        ['experiment.exposed', at(300), JSON.stringify({ experiment: 'gopay-first', variant })],
        ['method.selected', at(4000), JSON.stringify({ method: 'gopay', position: 1 })],
        ['payment.submitted', at(8000), JSON.stringify({ method: 'gopay', attempt: 1 })],
      ];
      if (Math.random() < (variant === 'gopay' ? 0.36 : 0.3)) rows.push(['payment.succeeded', at(20_000), JSON.stringify({ method: 'gopay', amount: 10000, currency: 'EUR' })]);
      else rows.push(['payment.failed', at(20_000), JSON.stringify({ method: 'gopay', code: 'card_declined', attempt: 1 })]);
      for (const [type, time, data] of rows) {
        if (stored >= existing + TOTAL_EVENTS) break;
        await insertEvent.add([id, randomUUID(), type, time, data, receivedAt]);
        stored++;
      }
      sessions++;
    }
    await insertEvent.flush();
    await insertSession.flush();
    // An hour of payment attempts for the monitoring board: 20,000 over 4 methods and 4 countries.
    const insertPayment = bulkInsert(tx, 'payments', ['id', 'session_id', 'idempotency_key', 'method', 'method_type', 'amount_value', 'currency', 'status', 'failure_code', 'return_url', 'created_at', 'updated_at']);
    const methods = ['gopay', 'ovo', 'card', 'ideal'];
    for (let i = 0; i < 20_000; i++) {
      const created = now - Math.floor(Math.random() * 3_600_000);
      const roll = Math.random();
      const [status, code] = roll < 0.9 ? ['succeeded', null] : roll < 0.95 ? ['failed', 'cancelled'] : ['failed', 'issuer_unavailable'];
      await insertPayment.add([`pay_bench_${i}`, `cs_bench_${i % sessions}`, `k${i}`, methods[i % 4]!, 'wallet', 10000, 'EUR', status, code, 'http://127.0.0.1/', created, created + 500 + Math.floor(Math.random() * 4000)]);
    }
    await insertPayment.flush();
  });
  await store.run('ANALYZE');
  console.log(`Stored: ${stored.toLocaleString('en')} events in ${sessions.toLocaleString('en')} sessions (+20,000 payments), inserted in ${((performance.now() - insertStarted) / 1000).toFixed(1)} s`);

  const scan = `SELECT session_id FROM events WHERE type = 'experiment.exposed'`;
  const plan =
    store.dialect.name === 'sqlite'
      ? (await store.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${scan}`)).map((p) => p.detail)
      : (await store.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${scan}`)).map((p) => p['QUERY PLAN'].trim());
  console.log(`  query plan of the exposure scan: ${plan.join('; ')}`);

  for (const [name, path] of [
    ['GET /dashboard/api/experiments', '/dashboard/api/experiments'],
    ['GET /dashboard/api/monitoring', '/dashboard/api/monitoring'],
    ['GET /dashboard (HTML)', '/dashboard'],
  ] as const) {
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      // A kept-alive socket the server closed while idle (during the bulk insert) resets once; that try is not timed.
      let response: Response;
      let started: number;
      try {
        started = performance.now();
        response = await fetch(`${servers.apiUrl}${path}`, { headers: auth });
      } catch {
        started = performance.now();
        response = await fetch(`${servers.apiUrl}${path}`, { headers: auth });
      }
      bytes = (await response.arrayBuffer()).byteLength;
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${name}: median ${ms(quantile(times, 0.5))}, max ${ms(times.at(-1) ?? null)} over ${RUNS} runs (${(bytes / 1024).toFixed(1)} KiB)`);
  }
} finally {
  await servers.dispose();
}
