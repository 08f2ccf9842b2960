import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ErrorEnvelope, PaymentResult } from '../../src/core/protocol/schemas.js';
import { openStorage } from '../storage/open.js';
import { purgeKeys, releaseKey, reserveKey } from '../db/idempotency.js';
import { IDEMPOTENCY_LOCK_MS, IDEMPOTENCY_RETENTION_MS } from '../config.js';
import { call, createSession, merchant, pay, paymentRows, startTestServers, type TestServers, storedSession } from '../test-support.js';
import { canonicalJson } from './canonical.js';

describe('Idempotency-Key on POST /payments', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers();
  });
  after(() => servers.dispose());

  it('replays the first response (same status and body) for the same key and body', async () => {
    const credentials = await createSession(servers, { methods: ['ideal'] });
    const key = randomUUID();
    const first = await pay(credentials, 'ideal', { key });
    const second = await pay(credentials, 'ideal', { key });
    assert.equal(first.status, 201);
    assert.equal(second.status, first.status);
    assert.deepEqual(second.body, first.body);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal((await paymentRows(servers, credentials.sessionId)).length, 1);
  });

  it('treats bodies with the same content in another key order as the same request', async () => {
    const credentials = await createSession(servers, { methods: ['card'] });
    const key = randomUUID();
    const a = await call(credentials, 'POST', '/payments', { idempotencyKey: key, body: { method: 'card', returnUrl: 'http://127.0.0.1:5173/' } });
    const b = await call(credentials, 'POST', '/payments', { idempotencyKey: key, body: { returnUrl: 'http://127.0.0.1:5173/', method: 'card' } });
    assert.deepEqual(b.body, a.body);
  });

  it('answers 422 idempotency_key_reused for the same key with another body, creating nothing', async () => {
    const credentials = await createSession(servers, { methods: ['card', 'paypal'] });
    const key = randomUUID();
    await pay(credentials, 'card', { key });
    const reused = await pay(credentials, 'paypal', { key });
    assert.equal(reused.status, 422);
    assert.equal(ErrorEnvelope.parse(reused.body).error.code, 'idempotency_key_reused');
    assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((row) => row.method), ['card']);
  });

  it('scopes keys per session: the same key in another session is a new payment', async () => {
    const a = await createSession(servers, { methods: ['card'] });
    const b = await createSession(servers, { methods: ['card'] });
    const key = randomUUID();
    const inA = PaymentResult.parse((await pay(a, 'card', { key })).body);
    const inB = await pay(b, 'card', { key });
    assert.equal(inB.status, 201);
    assert.notEqual(PaymentResult.parse(inB.body).id, inA.id);
    assert.equal((await paymentRows(servers, a.sessionId)).length, 1);
    assert.equal((await paymentRows(servers, b.sessionId)).length, 1);
  });

  it('creates exactly one payment for 20 concurrent POSTs with one key; every answer is that payment', async () => {
    const credentials = await createSession(servers, { methods: ['card'] });
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => pay(credentials, 'card', { key })));
    const rows = await paymentRows(servers, credentials.sessionId);
    assert.equal(rows.length, 1);
    for (const answer of answers) {
      if (answer.status === 409) {
        assert.equal(ErrorEnvelope.parse(answer.body).error.code, 'idempotency_conflict');
      } else {
        assert.equal(answer.status, 201);
        assert.equal(PaymentResult.parse(answer.body).id, rows[0]!.id);
      }
    }
  });

  it('answers 409 idempotency_conflict while the twin is in flight, then replays once it finished', async () => {
    const credentials = await createSession(servers, { methods: ['card'], faults: { latencyMs: 300 } });
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => pay(credentials, 'card', { key })));
    const created = answers.filter((answer) => answer.status === 201);
    const conflicts = answers.filter((answer) => answer.status === 409);
    assert.equal(created.length, 1);
    assert.equal(conflicts.length, 19);
    for (const conflict of conflicts) assert.equal(ErrorEnvelope.parse(conflict.body).error.code, 'idempotency_conflict');
    const resent = await pay(credentials, 'card', { key });
    assert.equal(resent.status, 201);
    assert.deepEqual(resent.body, created[0]!.body);
    assert.equal((await paymentRows(servers, credentials.sessionId)).length, 1);
  });

  it('frees the key when the request fails before committing, so a re-send can create the payment', async () => {
    const credentials = await createSession(servers, { methods: ['card'], faults: { failRequests: { count: 1, status: 503 } } });
    const key = randomUUID();
    assert.equal((await pay(credentials, 'card', { key })).status, 503);
    assert.equal((await paymentRows(servers, credentials.sessionId)).length, 0);
    assert.equal((await pay(credentials, 'card', { key })).status, 201);
    assert.equal((await paymentRows(servers, credentials.sessionId)).length, 1);
    // And the merchant view agrees.
    const listed = await merchant<{ payments: unknown[] }>(servers, 'GET', `/sessions/${credentials.sessionId}/payments`);
    assert.equal(listed.body.payments.length, 1);
  });
});

describe('idempotency records (db)', () => {
  const setup = async (t: TestContext) => {
    const db = await openStorage({ sqlitePath: ':memory:' });
    t.after(() => db.close());
    const { id } = await storedSession(db, { amount: { value: 100, currency: 'EUR' }, methods: [], ttlSeconds: 60, createdAt: 0 });
    return { db, id };
  };

  it('lets a re-send take over a reservation abandoned by a crashed request', async (t) => {
    const { db, id } = await setup(t);
    assert.deepEqual(await reserveKey(db, id, 'k', 'h', 1000), { kind: 'reserved', lockedAt: 1000 });
    assert.deepEqual(await reserveKey(db, id, 'k', 'h', 1000 + IDEMPOTENCY_LOCK_MS - 1), { kind: 'in_flight' });
    const takenOver = 1000 + IDEMPOTENCY_LOCK_MS + 1;
    assert.deepEqual(await reserveKey(db, id, 'k', 'h', takenOver), { kind: 'reserved', lockedAt: takenOver });
    assert.deepEqual(await reserveKey(db, id, 'k', 'other', 1000), { kind: 'reused' });
    // The slow first holder fails late: its release must not free the reservation the re-send now holds.
    await releaseKey(db, id, 'k', 1000);
    assert.deepEqual(await reserveKey(db, id, 'k', 'h', takenOver + 1), { kind: 'in_flight' });
    await releaseKey(db, id, 'k', takenOver);
    assert.deepEqual(await reserveKey(db, id, 'k', 'other', 2000), { kind: 'reserved', lockedAt: 2000 });
  });

  it('forgets keys after the retention period', async (t) => {
    const { db, id } = await setup(t);
    await reserveKey(db, id, 'old', 'h', 0);
    await reserveKey(db, id, 'new', 'h', IDEMPOTENCY_RETENTION_MS);
    assert.equal(await purgeKeys(db, IDEMPOTENCY_RETENTION_MS + 1), 1);
    assert.deepEqual(await reserveKey(db, id, 'new', 'x', IDEMPOTENCY_RETENTION_MS + 2), { kind: 'reused' });
  });

  it('canonical JSON ignores key order but not values', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }), '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    assert.notEqual(canonicalJson({ a: 1 }), canonicalJson({ a: '1' }));
  });
});
