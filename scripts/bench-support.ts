/**
 * A bounded load test of the reference support service in one process, on
 * 127.0.0.1 only. A step opens BUYERS WebSocket connections (each its own
 * conversation), has each send one message per second for SECONDS seconds
 * (the service's per-conversation limit), and one agent console receive them
 * all. It reports concurrent connections, messages per second and the
 * delivery latency from a buyer's send to the agent's socket (p50, p95, max).
 * A step "holds" when nothing is lost and p95 is under 200 ms.
 *
 *   npm run bench:support -- --buyers 300 --seconds 10     one step; exits 1 when it does not hold
 *   npm run bench:support -- --ramp 800 --seconds 5        25, 50, 100 … 800 buyers, stopping at the
 *                                                          first step that does not hold; prints a table
 *
 * `npm run bench` runs the ramp too (scripts/bench.ts, BENCH_SUPPORT_RAMP).
 * Each step is a fresh service and database, so steps do not share state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startServers } from '../server/app.js';
import { agentClient, buyerClient, type FrameClient } from '../server/support/test-client.js';
import type { BuyerServerFrame } from '../src/core/protocol/support.schema.js';

export const SUPPORT_BENCH_LIMITS = { buyers: 2000, seconds: 60 };
/** The latency a step must stay under (p95, buyer send → agent socket). */
export const P95_BUDGET_MS = 200;

export interface SupportStep {
  concurrentBuyerConnections: number;
  connectMs: number;
  messagesSent: number;
  messagesDelivered: number;
  messagesPerSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
  /** Nothing lost and p95 under the budget. */
  holds: boolean;
}

/** One step: `buyers` connections sending one message a second each for `seconds` seconds. */
export async function supportLoadStep(buyers: number, seconds: number): Promise<SupportStep> {
  if (!Number.isInteger(buyers) || buyers < 1 || buyers > SUPPORT_BENCH_LIMITS.buyers) throw new Error(`buyers must be 1–${SUPPORT_BENCH_LIMITS.buyers}`);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > SUPPORT_BENCH_LIMITS.seconds) throw new Error(`seconds must be 1–${SUPPORT_BENCH_LIMITS.seconds}`);
  const dir = mkdtempSync(join(tmpdir(), 'ck-bench-support-'));
  const servers = await startServers({ host: '127.0.0.1', storePort: 0, apiPort: 0, dbPath: join(dir, 'bench.sqlite'), storeRoot: process.cwd() });
  const wsUrl = `${servers.apiUrl.replace(/^http/, 'ws')}/support/v1/ws`;
  const clients: FrameClient<BuyerServerFrame>[] = [];
  try {
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    // Measured on arrival; frames are not kept (the agent sees thousands).
    const agent = await agentClient(servers.apiUrl, 'ana', 'sandbox-agent-ana', {
      keep: false,
      onFrame(frame) {
        if (frame.type !== 'message') return;
        const started = sentAt.get(frame.message.clientId ?? '');
        if (started !== undefined) latencies.push(performance.now() - started);
      },
    });

    // Conversations are created in-process: the HTTP start endpoint is rate-limited per address, and every bench client shares 127.0.0.1.
    const connecting = performance.now();
    for (let i = 0; i < buyers; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, buyers - i) }, async (_, j) => {
          const grant = await servers.support.service.startConversation({ locale: 'en', timeZone: 'UTC' }, `bench-${i + j}`);
          const client = await buyerClient(wsUrl, grant.credential);
          await client.next('welcome');
          return client;
        }),
      );
      clients.push(...batch);
    }
    const connectMs = performance.now() - connecting;

    let sent = 0;
    const start = performance.now();
    for (let second = 0; second < seconds; second++) {
      const tickStart = performance.now();
      // Spread each second's sends over the second, as real buyers would be.
      for (const [index, client] of clients.entries()) {
        const at = tickStart + (index / clients.length) * 1000;
        const wait = at - performance.now();
        if (wait > 1) await new Promise((done) => setTimeout(done, wait));
        const clientId = randomUUID();
        sentAt.set(clientId, performance.now());
        client.send({ type: 'send', clientId, text: `load ${second}` });
        sent++;
      }
      const rest = tickStart + 1000 - performance.now();
      if (rest > 0) await new Promise((done) => setTimeout(done, rest));
    }
    // Let the last messages arrive (bounded).
    const drainUntil = performance.now() + 5000;
    while (latencies.length < sent && performance.now() < drainUntil) await new Promise((done) => setTimeout(done, 20));
    const elapsed = (performance.now() - start) / 1000;
    await agent.close();

    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    const latencyMs = { p50: +pct(50).toFixed(1), p95: +pct(95).toFixed(1), max: +(latencies.at(-1) ?? NaN).toFixed(1) };
    return {
      concurrentBuyerConnections: clients.length,
      connectMs: Math.round(connectMs),
      messagesSent: sent,
      messagesDelivered: latencies.length,
      messagesPerSecond: Math.round(latencies.length / elapsed),
      latencyMs,
      holds: latencies.length === sent && latencyMs.p95 < P95_BUDGET_MS,
    };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await servers.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Steps of 25, 50, 100, 200 … up to `max` buyers; stops after the first step that does not hold. */
export async function supportRamp(max: number, seconds: number, log: (line: string) => void = () => undefined): Promise<SupportStep[]> {
  const steps: SupportStep[] = [];
  for (let buyers = Math.min(25, max); ; buyers = Math.min(buyers * 2, max)) {
    const step = await supportLoadStep(buyers, seconds);
    log(`  ${buyers} buyers: ${step.messagesPerSecond} msg/s, p95 ${step.latencyMs.p95} ms${step.holds ? '' : ' (does not hold)'}`);
    steps.push(step);
    if (!step.holds || buyers >= max) return steps;
  }
}

/** The steps as a Markdown table, with the largest step that held. */
export function supportTable(steps: readonly SupportStep[], seconds: number): string {
  const held = steps.filter((s) => s.holds).at(-1);
  return [
    `| buyers (sockets) | connect | messages sent / delivered in ${seconds} s | msg/s | p50 | p95 | max | holds (p95 < ${P95_BUDGET_MS} ms, none lost) |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...steps.map((s) => `| ${s.concurrentBuyerConnections} | ${s.connectMs} ms | ${s.messagesSent} / ${s.messagesDelivered} | ${s.messagesPerSecond} | ${s.latencyMs.p50} ms | ${s.latencyMs.p95} ms | ${s.latencyMs.max} ms | ${s.holds ? 'yes' : 'no'} |`),
    '',
    held
      ? `One process held ${held.concurrentBuyerConnections} concurrent buyer connections at ${held.messagesPerSecond} messages/s with p95 ${held.latencyMs.p95} ms.`
      : `No step held (p95 < ${P95_BUDGET_MS} ms with nothing lost) on this machine now.`,
  ].join('\n');
}

function arg(name: string, fallback: number, max: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`--${name} must be an integer from 1 to ${max}.`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const seconds = arg('seconds', 10, SUPPORT_BENCH_LIMITS.seconds);
  if (process.argv.includes('--ramp')) {
    const steps = await supportRamp(arg('ramp', 800, SUPPORT_BENCH_LIMITS.buyers), seconds, console.log);
    console.log(supportTable(steps, seconds));
    if (!steps.some((s) => s.holds)) process.exitCode = 1;
    return;
  }
  const step = await supportLoadStep(arg('buyers', 300, SUPPORT_BENCH_LIMITS.buyers), seconds);
  console.log(JSON.stringify(step, null, 2));
  if (step.messagesDelivered < step.messagesSent) console.error(`${step.messagesSent - step.messagesDelivered} messages were not delivered.`);
  else if (!step.holds) console.error(`p95 delivery latency is ${P95_BUDGET_MS} ms or more.`);
  if (!step.holds) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
