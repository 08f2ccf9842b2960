/**
 * The analytics guarantees across instances, on SQLite and on Postgres (two
 * PostgresStorage instances on one fresh database, as two app processes
 * behind a load balancer; SQLite runs one process, so both handles are the
 * same storage): a batch of events posted to both at once is stored once;
 * the monitor run by both at once over a failing window raises ONE alert,
 * marks the method degraded once and sends ONE webhook; a dashboard sign-in
 * made on one instance holds on the other.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { AnalyticsEvent } from '../../src/core/protocol/schemas.js';
import { STORAGE_PAIRS, closePair } from '../../test/shared/postgres.js';
import { createDashboardSession, dashboardSessionValid } from '../db/dashboard.js';
import { countEvents, insertEvents } from '../db/events.js';
import { listAlerts, listDegraded, saveAlertSettings } from '../db/monitoring.js';
import type { Storage } from '../storage/storage.js';
import { insertAttempts, insertBareSession } from './fixtures.js';
import { evaluateMonitoring, WINDOW_MS } from './monitoring.js';

const backends = STORAGE_PAIRS;

/** A webhook receiver that counts what it gets; answers slowly so concurrent senders would overlap. */
async function startReceiver(): Promise<{ server: Server; url: string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(body);
      setTimeout(() => response.writeHead(204).end(), 50);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`, received };
}

for (const backend of backends) {
  describe(`analytics across instances: ${backend.name}`, () => {
    let a: Storage;
    let b: Storage;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    before(async () => {
      [a, b] = await backend.open();
      receiver = await startReceiver();
    });
    after(async () => {
      await new Promise((resolve) => receiver.server.close(resolve));
      await closePair([a, b]);
    });

    it('stores a batch posted to both instances at once once, in the batch order', async () => {
      const session = `cs_events_${randomUUID()}`;
      await insertBareSession(a, session, 'NL', Date.now());
      const at = new Date().toISOString();
      const batch: AnalyticsEvent[] = Array.from({ length: 50 }, (_, i) => ({ id: randomUUID(), type: 'method.selected', at, data: { method: 'card', position: i } }));
      // The same batch four times, two through each instance, plus an overlapping half reversed.
      const half = batch.slice(0, 25).reverse();
      const accepted = await Promise.all([
        insertEvents(a, session, batch, 1),
        insertEvents(b, session, batch, 2),
        insertEvents(a, session, half, 3),
        insertEvents(b, session, batch, 4),
      ]);
      assert.deepEqual(accepted, [50, 50, 25, 50], 'duplicates count as accepted');
      assert.equal(await countEvents(a, session), 50);
      assert.equal(await countEvents(b, session), 50);
      const ids = await a.all<{ id: string }>('SELECT id FROM events WHERE session_id = ? ORDER BY rowid', [session]);
      assert.equal(new Set(ids.map((row) => row.id)).size, 50);
    });

    it('raises one alert, marks the method degraded once and sends one webhook when both instances evaluate a failing window at once', async () => {
      let now = Date.UTC(2026, 11, 2, 10, 0, 0);
      await saveAlertSettings(a, { url: receiver.url, threshold: 0.9, minAttempts: 100, windows: 2, markDegraded: true }, now);
      // Two closed windows at 80% success on 120 attempts each.
      await insertAttempts(a, { method: 'gopay', country: 'ID', count: 120, failures: 24, at: now });
      await insertAttempts(b, { method: 'gopay', country: 'ID', count: 120, failures: 24, at: now + WINDOW_MS });
      now += 2 * WINDOW_MS;
      const instances = [a, b, a, b].map((store) => ({ store, now: () => now }));
      const first = await Promise.all(instances.map((ctx) => evaluateMonitoring(ctx)));
      assert.equal(first.flatMap((e) => e.raised).length, 1, 'one instance raised it');
      assert.equal(first.reduce((n, e) => n + e.delivered, 0), 1, 'one instance delivered it');
      assert.equal(receiver.received.length, 1, 'the receiver got one request');
      assert.equal((await listAlerts(b)).length, 1);
      assert.deepEqual((await listDegraded(b)).map((m) => `${m.method} ${m.country}`), ['gopay ID']);
      // A minute later, both again: the streak is the same, the alert delivered.
      now += 60_000;
      const second = await Promise.all(instances.map((ctx) => evaluateMonitoring(ctx)));
      assert.equal(second.flatMap((e) => e.raised).length, 0);
      assert.equal(receiver.received.length, 1);
      const [alert] = await listAlerts(a);
      assert.ok(alert?.deliveredAt !== null && alert?.lastStatus === 204, 'recorded as delivered');
      assert.equal(JSON.parse(receiver.received[0]!).id, alert.id, 'the stored alert is the one sent');

      // A good window with volume: the mark is lifted once.
      await insertAttempts(a, { method: 'gopay', country: 'ID', count: 120, failures: 1, at: now });
      now += WINDOW_MS;
      const third = await Promise.all(instances.map((ctx) => evaluateMonitoring(ctx)));
      assert.deepEqual(third.flatMap((e) => e.recovered), [{ method: 'gopay', country: 'ID' }]);
      assert.deepEqual(await listDegraded(a), []);
    });

    it('keeps a dashboard sign-in made on one instance valid on the other until it expires', async () => {
      const hash = randomUUID();
      await createDashboardSession(a, hash, 1_000, 2_000, 10);
      assert.equal(await dashboardSessionValid(b, hash, 1_500), true);
      assert.equal(await dashboardSessionValid(b, hash, 2_000), false);
      assert.equal(await dashboardSessionValid(b, 'unknown', 1_500), false);
    });
  });
}
