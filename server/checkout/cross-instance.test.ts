/**
 * The checkout's rules held by the database, not by one process. On Postgres
 * two storages on one database stand for two app instances behind a load
 * balancer; on SQLite (one process, one file) both sides are the one storage,
 * whose writer queue is the guarantee.
 *
 * - One payment per Idempotency-Key: 100 twins of one request, split over both
 *   instances, each run as POST /payments does (reserve the key, then admit),
 *   leave one payment row and all answer the same.
 * - One live payment per session: 50 tabs, each with its own key, leave one.
 * - A PSP callback delivered to both instances at once is applied once.
 * - The PSP outbox, drained by both instances' timers at once, sends each event once.
 * - Both instances purging expired keys at once remove each once and keep the rest.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it, type TestContext } from 'node:test';
import { STORAGE_PAIRS, closePair } from '../../test/shared/postgres.js';
import { storedSession } from '../test-support.js';
import { purgeKeys, reserveKey } from '../db/idempotency.js';
import { IDEMPOTENCY_RETENTION_MS } from '../config.js';
import { findPayment, insertPayment, type PaymentRecord } from '../db/payments.js';
import { randomId } from '../db/sessions.js';
import { deliverDue, type PspEvent } from '../psp/webhooks.js';
import type { Storage } from '../storage/storage.js';
import { receiveEvent } from '../webhooks/receiver.js';
import { WEBHOOK_ID_HEADER } from '../webhooks/signature.js';
import { admitPayment } from './live-payment.js';

const TWINS = 100;
const TABS = 50;

const backends = STORAGE_PAIRS;

/** Both handles of a pair, closed when the test ends. */
async function openPair(backend: (typeof STORAGE_PAIRS)[number], t: TestContext): Promise<[Storage, Storage]> {
  const pair = await backend.open();
  t.after(() => closePair(pair));
  return pair;
}

async function newSession(db: Storage, now: number): Promise<string> {
  return (await storedSession(db, { createdAt: now })).id;
}

/** What the PSP answers a card payment: succeeded, with a fresh id per attempt (as `authorize` gives). */
function candidate(sessionId: string, key: string, now: number, status: PaymentRecord['status'] = 'succeeded'): PaymentRecord {
  return {
    id: randomId('pay'),
    sessionId,
    idempotencyKey: key,
    method: 'card',
    methodType: 'card',
    amount: { value: 2500, currency: 'EUR' },
    status,
    failureCode: null,
    action: status === 'requires_action' ? { type: 'redirect', url: 'https://psp.invalid/redirect' } : null,
    returnUrl: 'http://127.0.0.1:5173/checkout',
    fields: null,
    polls: 0,
    pollsToSettle: null,
    actionExpiresAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

interface Answer {
  status: number;
  body: unknown;
}

/**
 * One POST /payments on one instance, as the route runs it: reserve the key,
 * then admit the PSP's answer; a replay answers what was stored, and a 409
 * (`in_flight`) is re-sent, as the protocol asks clients to.
 */
async function postPayment(db: Storage, sessionId: string, key: string, now: number): Promise<Answer> {
  for (let sent = 0; sent < 100_000; sent++) {
    const reservation = await reserveKey(db, sessionId, key, 'request-hash', now);
    switch (reservation.kind) {
      case 'replay':
        return { status: reservation.status, body: reservation.body };
      case 'reused':
        throw new Error('the same request read as another one');
      case 'in_flight':
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      case 'reserved': {
        const admission = await admitPayment(db, sessionId, key, candidate(sessionId, key, now), now);
        return { status: admission.created ? 201 : 200, body: admission.result };
      }
    }
  }
  throw new Error(`key ${key} stayed in flight`);
}

const paymentIds = async (db: Storage, sessionId: string) =>
  (await db.all<{ id: string }>('SELECT id FROM payments WHERE session_id = ? ORDER BY rowid', [sessionId])).map((row) => row.id);

for (const backend of backends) {
  describe(`checkout across two instances (${backend.name})`, () => {
    it(`${TWINS} twins of one request on two instances: one payment, every answer the same`, async (t) => {
      const [a, b] = await openPair(backend, t);
      const now = Date.now();
      const sessionId = await newSession(a, now);
      const key = randomUUID();
      const answers = await Promise.all(Array.from({ length: TWINS }, (_, i) => postPayment(i % 2 ? b : a, sessionId, key, now)));
      const ids = await paymentIds(a, sessionId);
      assert.equal(ids.length, 1, `${ids.length} payments for one Idempotency-Key`);
      assert.equal(answers[0]!.status, 201);
      assert.equal((answers[0]!.body as { id: string }).id, ids[0]);
      for (const answer of answers) assert.deepEqual(answer, answers[0]);
    });

    it(`${TABS} tabs of one session, each with its own key, on two instances: one live payment`, async (t) => {
      const [a, b] = await openPair(backend, t);
      const now = Date.now();
      const sessionId = await newSession(a, now);
      const answers = await Promise.all(Array.from({ length: TABS }, (_, i) => postPayment(i % 2 ? b : a, sessionId, randomUUID(), now)));
      const ids = await paymentIds(b, sessionId);
      assert.equal(ids.length, 1, `${ids.length} payments in one session`);
      assert.equal(answers.filter((answer) => answer.status === 201).length, 1);
      for (const answer of answers) assert.equal((answer.body as { id: string }).id, ids[0]);
    });

    it('one PSP callback delivered to both instances at once is stored and applied once', async (t) => {
      const [a, b] = await openPair(backend, t);
      const now = Date.now();
      const sessionId = await newSession(a, now);
      const payment = candidate(sessionId, randomUUID(), now, 'requires_action');
      await insertPayment(a, payment);
      const event: PspEvent = {
        id: `evt_${randomUUID()}`,
        type: 'payment.succeeded',
        createdAt: new Date(now).toISOString(),
        data: { paymentId: payment.id, amount: payment.amount },
      };
      const duplicates = await Promise.all(Array.from({ length: 20 }, (_, i) => receiveEvent(i % 2 ? b : a, event, now + 1)));
      assert.equal(duplicates.filter((duplicate) => !duplicate).length, 1);
      const stored = await a.get<{ n: number }>('SELECT COUNT(*) AS n FROM webhook_events WHERE id = ?', [event.id]);
      assert.equal(stored?.n, 1);
      assert.equal((await findPayment(b, payment.id))?.status, 'succeeded');
    });

    it("the PSP outbox drained by both instances' timers at once sends each event once", async (t) => {
      const [a, b] = await openPair(backend, t);
      const now = Date.now();
      const received = new Map<string, number>();
      // The backend answers a little later, so both instances' sends would overlap if both sent.
      const server: Server = createServer((request, response) => {
        const id = String(request.headers[WEBHOOK_ID_HEADER.toLowerCase()]);
        received.set(id, (received.get(id) ?? 0) + 1);
        request.resume();
        request.on('end', () => setImmediate(() => response.writeHead(200).end('{}')));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/psp`;
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const id = `evt_${randomUUID()}`;
        ids.push(id);
        const body = JSON.stringify({ id, type: 'payment.succeeded', createdAt: new Date(now).toISOString(), data: { paymentId: `pay_${i}`, amount: { value: 1, currency: 'EUR' } } });
        await a.run('INSERT INTO psp_outbox (id, type, payment_id, body, created_at, held, next_attempt_at) VALUES (?, ?, ?, ?, ?, 0, ?)', [
          id,
          'payment.succeeded',
          `pay_${i}`,
          body,
          now,
          now,
        ]);
      }
      const instance = (store: Storage) => ({ store, now: () => now, webhookUrl: () => url, webhookSecret: 'whsec_cross_instance' });
      const delivered = await Promise.all([a, b, a, b].map((store) => deliverDue(instance(store))));
      assert.equal(delivered.reduce((sum, n) => sum + n, 0), ids.length);
      assert.deepEqual(
        ids.filter((id) => received.get(id) !== 1).map((id) => `${id}: ${received.get(id) ?? 0}`),
        [],
        'events not sent exactly once',
      );
      const left = await b.get<{ n: number }>('SELECT COUNT(*) AS n FROM psp_outbox WHERE delivered_at IS NULL');
      assert.equal(left?.n, 0);
    });

    it('both instances purging expired idempotency keys at once remove each once and keep the live ones', async (t) => {
      const [a, b] = await openPair(backend, t);
      const now = Date.now() + IDEMPOTENCY_RETENTION_MS;
      const sessionId = await newSession(a, now);
      for (let i = 0; i < 40; i++) await reserveKey(i % 2 ? b : a, sessionId, `key-${i}`, 'h', i < 20 ? now - IDEMPOTENCY_RETENTION_MS - 1 : now);
      const purged = await Promise.all([a, b, a, b].map((store) => purgeKeys(store, now)));
      assert.equal(purged.reduce((sum, n) => sum + n, 0), 20);
      const left = await b.all<{ key: string }>('SELECT key FROM idempotency_keys WHERE session_id = ? ORDER BY rowid', [sessionId]);
      assert.deepEqual(left.map((row) => row.key), Array.from({ length: 20 }, (_, i) => `key-${i + 20}`));
    });
  });
}
