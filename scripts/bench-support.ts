/**
 * `npm run bench:support`: a bounded load test of the reference support
 * service in one process, on 127.0.0.1 only. Opens BUYERS WebSocket
 * connections (each its own conversation), has each send one message per
 * second for SECONDS seconds (the service's per-conversation limit), and one
 * agent console receive them all. Reports concurrent connections, messages per
 * second and the delivery latency from a buyer's send to the agent's socket
 * (p50, p95, max). Exits non-zero when p95 is 200 ms or more.
 *
 *   npm run bench:support -- --buyers 300 --seconds 10
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startServers } from '../server/app.js';
import { agentClient, buyerClient, type FrameClient } from '../server/support/test-client.js';
import type { BuyerServerFrame } from '../src/core/protocol/support.schema.js';

const LIMITS = { buyers: 2000, seconds: 60 };

function arg(name: string, fallback: number, max: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`--${name} must be an integer from 1 to ${max}.`);
    process.exit(2);
  }
  return value;
}

const buyers = arg('buyers', 300, LIMITS.buyers);
const seconds = arg('seconds', 10, LIMITS.seconds);
const dir = mkdtempSync(join(tmpdir(), 'ck-bench-support-'));
const servers = await startServers({ host: '127.0.0.1', storePort: 0, apiPort: 0, dbPath: join(dir, 'bench.sqlite'), storeRoot: process.cwd() });
const wsUrl = `${servers.apiUrl.replace(/^http/, 'ws')}/support/v1/ws`;

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
  const clients: FrameClient<BuyerServerFrame>[] = [];
  for (let i = 0; i < buyers; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, buyers - i) }, async (_, j) => {
        const grant = servers.support.service.startConversation({ locale: 'en', timeZone: 'UTC' }, `bench-${i + j}`);
        const client = await buyerClient(wsUrl, grant.credential);
        await client.next('welcome');
        return client;
      }),
    );
    clients.push(...batch);
  }
  const connectMs = performance.now() - connecting;
  console.log(`${clients.length} buyer connections open (server counts ${servers.support.sockets.size} sockets) in ${Math.round(connectMs)} ms`);

  let sent = 0;
  const start = performance.now();
  for (let second = 0; second < seconds; second++) {
    const tickStart = performance.now();
    // Spread each second's sends over the second, as real buyers would be.
    for (const [index, client] of clients.entries()) {
      const at = tickStart + (index / clients.length) * 1000;
      const wait = at - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const clientId = randomUUID();
      sentAt.set(clientId, performance.now());
      client.send({ type: 'send', clientId, text: `load ${second}` });
      sent++;
    }
    const rest = tickStart + 1000 - performance.now();
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  }
  // Let the last messages arrive (bounded).
  const drainUntil = performance.now() + 5000;
  while (latencies.length < sent && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 20));
  const elapsed = (performance.now() - start) / 1000;

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  const result = {
    concurrentBuyerConnections: clients.length,
    messagesSent: sent,
    messagesDelivered: latencies.length,
    messagesPerSecond: Math.round(latencies.length / elapsed),
    latencyMs: { p50: +pct(50).toFixed(1), p95: +pct(95).toFixed(1), max: +(latencies.at(-1) ?? NaN).toFixed(1) },
  };
  console.log(JSON.stringify(result, null, 2));
  await Promise.all(clients.map((client) => client.close()));
  await agent.close();
  if (latencies.length < sent) {
    console.error(`${sent - latencies.length} messages were not delivered.`);
    process.exitCode = 1;
  } else if (result.latencyMs.p95 >= 200) {
    console.error('p95 delivery latency is 200 ms or more.');
    process.exitCode = 1;
  }
} finally {
  await servers.close();
  rmSync(dir, { recursive: true, force: true });
}
