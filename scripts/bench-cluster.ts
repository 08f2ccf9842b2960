/**
 * The reference services under load on each storage and instance count
 * (docs/deploy.md): SQLite with one instance, Postgres with one and with two
 * instances behind a round-robin balancer. Every instance is a real
 * `server/main.ts` process (scripts/cluster.ts); the load comes over HTTP and
 * WebSockets on loopback, bounded in count and time.
 *
 * - Payments: PAYMENTS sessions are created first (not timed), then one
 *   `POST /payments` each, CONCURRENCY at a time, each buyer with its own
 *   address (X-Forwarded-For through the balancer). Reports creations per
 *   second and p50/p99 latency, and checks the database holds one payment per session.
 * - Chat: BUYERS buyers, each on its own conversation, send one message a second
 *   (the service's per-conversation pace) for SECONDS seconds; one agent receives
 *   them. With two instances the buyers' sockets go to the first and the agent's
 *   to the second, so every message crosses instances. Reports messages per
 *   second delivered and p95 send → agent latency, and counts anything lost.
 *
 *   npm run bench:cluster                      the three set-ups (needs PostgreSQL: Debian's postgresql)
 *   npm run bench:cluster -- --payments 200 --buyers 100 --seconds 5
 *
 * Timings on a shared machine are noisy: compare the set-ups within one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { agentClient, buyerClient, type FrameClient } from '../server/support/test-client.js';
import type { BuyerServerFrame, ConversationGrant } from '../src/core/protocol/support.schema.js';
import { createDatabase } from '../test/shared/postgres-database.js';
import { startCluster, type Cluster } from './cluster.js';
import { startPostgres } from './postgres.js';

const MERCHANT_SECRET = 'ck_sandbox_secret_do_not_use_in_production';
const LIMITS = { payments: 2000, concurrency: 64, buyers: 500, seconds: 30 };

export interface ClusterFigures {
  setup: string;
  payments: { count: number; perSecond: number; p50Ms: number; p99Ms: number; stored: number };
  chat: { buyers: number; sent: number; delivered: number; perSecond: number; p50Ms: number; p95Ms: number };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
}

/** Runs `work` for each index, at most `concurrency` at a time. */
async function pool<T>(count: number, concurrency: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await work(index);
      }
    }),
  );
  return results;
}

/** A documentation-range address per simulated buyer, so per-client limits see separate buyers. */
const buyerAddress = (index: number): string => `198.18.${Math.floor(index / 250)}.${(index % 250) + 1}`;

async function benchPayments(cluster: Cluster, count: number, concurrency: number, countStored: (sessionIds: string[]) => Promise<number>): Promise<ClusterFigures['payments']> {
  const sessions = await pool(count, 16, async () => {
    const response = await fetch(`${cluster.api.url}/merchant/v1/sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${MERCHANT_SECRET}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ amount: { value: 2500, currency: 'EUR' }, country: 'NL' }),
    });
    if (response.status !== 201) throw new Error(`session: ${response.status} ${await response.text()}`);
    return (await response.json()) as { sessionId: string; sessionToken: string; endpoint: string };
  });
  const latencies: number[] = [];
  const started = performance.now();
  await pool(count, concurrency, async (index) => {
    const session = sessions[index]!;
    const sent = performance.now();
    const response = await fetch(`${session.endpoint}/payments`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${session.sessionToken}`,
        'Checkout-Kit-Version': '1',
        'Idempotency-Key': randomUUID(),
        'Content-Type': 'application/json',
        'X-Forwarded-For': buyerAddress(index),
      },
      body: JSON.stringify({ method: 'ideal', returnUrl: `${cluster.store.url}/?step=pay` }),
    });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`payment: ${response.status}`);
    latencies.push(performance.now() - sent);
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count,
    perSecond: Math.round(count / seconds),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    stored: await countStored(sessions.map((session) => session.sessionId)),
  };
}

async function benchChat(cluster: Cluster, buyers: number, seconds: number): Promise<ClusterFigures['chat']> {
  const buyerInstance = cluster.instances[0]!;
  const agentInstance = cluster.instances.at(-1)!;
  cluster.api.pinUpgrades(buyerInstance.listeners.api);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const agent = await agentClient(agentInstance.listeners.api, 'ana', 'sandbox-agent-ana', {
    keep: false,
    onFrame(frame) {
      if (frame.type !== 'message') return;
      const at = sentAt.get(frame.message.clientId ?? '');
      if (at !== undefined) {
        latencies.push(performance.now() - at);
        sentAt.delete(frame.message.clientId ?? '');
      }
    },
  });
  const clients: FrameClient<BuyerServerFrame>[] = [];
  try {
    const wsUrl = `${cluster.api.url.replace(/^http/, 'ws')}/support/v1/ws`;
    clients.push(
      ...(await pool(buyers, 16, async (index) => {
        const response = await fetch(`${cluster.api.url}/support/v1/conversations`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': buyerAddress(index) },
          body: JSON.stringify({ locale: 'en', timeZone: 'UTC' }),
        });
        if (response.status !== 201) throw new Error(`conversation: ${response.status} ${await response.text()}`);
        const grant = (await response.json()) as ConversationGrant;
        const client = await buyerClient(wsUrl, grant.credential);
        await client.next('welcome', undefined, 15_000);
        return client;
      })),
    );
    let sent = 0;
    const start = performance.now();
    for (let second = 0; second < seconds; second++) {
      const tick = performance.now();
      for (const [index, client] of clients.entries()) {
        // Spread over the second, as real buyers would be.
        const wait = tick + (index / clients.length) * 1000 - performance.now();
        if (wait > 1) await new Promise((done) => setTimeout(done, wait));
        const clientId = randomUUID();
        sentAt.set(clientId, performance.now());
        client.send({ type: 'send', clientId, text: `load ${second}` });
        sent++;
      }
      const rest = tick + 1000 - performance.now();
      if (rest > 0) await new Promise((done) => setTimeout(done, rest));
    }
    // The last messages arrive (bounded).
    const until = performance.now() + 10_000;
    while (latencies.length < sent && performance.now() < until) await new Promise((done) => setTimeout(done, 20));
    const elapsed = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      buyers,
      sent,
      delivered: latencies.length,
      perSecond: Math.round(latencies.length / elapsed),
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
    };
  } finally {
    cluster.api.pinUpgrades(undefined);
    await Promise.all(clients.map((client) => client.close()));
    await agent.close();
  }
}

export interface ClusterBenchOptions {
  payments: number;
  concurrency: number;
  buyers: number;
  seconds: number;
  log?: (line: string) => void;
}

/** The three set-ups in one run, so their figures compare. Starts (and stops) its own PostgreSQL unless TEST_DATABASE_URL names one. */
export async function benchCluster(options: ClusterBenchOptions): Promise<ClusterFigures[]> {
  const log = options.log ?? (() => undefined);
  let clusterUrl = process.env['TEST_DATABASE_URL'];
  const postgres = clusterUrl ? undefined : await startPostgres();
  clusterUrl ??= postgres!.url;
  const figures: ClusterFigures[] = [];
  try {
    const setups: Array<{ setup: string; instances: number; postgres: boolean }> = [
      { setup: 'SQLite, 1 instance', instances: 1, postgres: false },
      { setup: 'Postgres, 1 instance', instances: 1, postgres: true },
      { setup: 'Postgres, 2 instances', instances: 2, postgres: true },
    ];
    for (const { setup, instances, postgres: onPostgres } of setups) {
      log(`${setup}: starting`);
      const dir = mkdtempSync(join(tmpdir(), 'ck-bench-cluster-'));
      const databaseUrl = onPostgres ? await createDatabase(clusterUrl) : undefined;
      const sqlitePath = join(dir, 'bench.sqlite');
      const cluster = await startCluster({ instances, ...(databaseUrl ? { databaseUrl } : { sqlitePath }) });
      const database = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 2 }) : undefined;
      try {
        const countStored = async (sessionIds: string[]): Promise<number> => {
          if (database) return (await database.query('SELECT COUNT(*)::int AS n FROM payments WHERE session_id = ANY($1)', [sessionIds])).rows[0].n as number;
          const { default: Database } = await import('better-sqlite3');
          const file = new Database(sqlitePath, { readonly: true });
          try {
            return (file.prepare(`SELECT COUNT(*) AS n FROM payments`).get() as { n: number }).n;
          } finally {
            file.close();
          }
        };
        const payments = await benchPayments(cluster, options.payments, options.concurrency, countStored);
        log(`${setup}: ${payments.perSecond} payments/s, p99 ${payments.p99Ms} ms`);
        const chat = await benchChat(cluster, options.buyers, options.seconds);
        log(`${setup}: ${chat.perSecond} messages/s, p95 ${chat.p95Ms} ms, ${chat.delivered}/${chat.sent} delivered`);
        figures.push({ setup, payments, chat });
      } finally {
        await database?.end();
        await cluster.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await postgres?.stop();
  }
  return figures;
}

export function clusterTable(figures: readonly ClusterFigures[]): string {
  const rows = [
    '| set-up | payments/s | p50 ms | p99 ms | stored | chat buyers | messages/s | p50 ms | p95 ms | delivered |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...figures.map(
      (f) =>
        `| ${f.setup} | ${f.payments.perSecond} | ${f.payments.p50Ms} | ${f.payments.p99Ms} | ${f.payments.stored}/${f.payments.count} | ${f.chat.buyers} | ${f.chat.perSecond} | ${f.chat.p50Ms} | ${f.chat.p95Ms} | ${f.chat.delivered}/${f.chat.sent} |`,
    ),
  ];
  return rows.join('\n');
}

function arg(name: string, fallback: number, max: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
  return value;
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const figures = await benchCluster({
    payments: arg('payments', 300, LIMITS.payments),
    concurrency: arg('concurrency', 16, LIMITS.concurrency),
    buyers: arg('buyers', 100, LIMITS.buyers),
    seconds: arg('seconds', 8, LIMITS.seconds),
    log: (line) => console.log(line),
  });
  console.log(`\n${clusterTable(figures)}`);
  const lost = figures.filter((f) => f.payments.stored !== f.payments.count || f.chat.delivered !== f.chat.sent);
  if (lost.length) {
    console.error(`Lost or doubled: ${lost.map((f) => f.setup).join(', ')}`);
    process.exit(1);
  }
}
