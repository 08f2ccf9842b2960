import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ErrorEnvelope, PaymentResult, Session } from '../../src/core/protocol/schemas.js';
import { call, createSession, merchant, pay, paymentRows, startTestServers, type TestServers } from '../test-support.js';

describe('fault injection', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers();
  });
  after(() => servers.dispose());

  it('latencyMs delays every checkout API answer', async () => {
    const credentials = await createSession(servers, { methods: ['card'], faults: { latencyMs: 250 } });
    for (const run of [() => call(credentials, 'GET', '/session'), () => pay(credentials, 'card')]) {
      const started = performance.now();
      const answer = await run();
      assert.ok(answer.status < 300);
      assert.ok(performance.now() - started >= 240, 'answered too early');
    }
  });

  it('failRequests answers the next N calls with that 5xx envelope, then recovers; /events is exempt', async () => {
    const credentials = await createSession(servers, { methods: ['card'], faults: { failRequests: { count: 2, status: 503 } } });
    const events = { events: [{ id: randomUUID(), type: 'checkout.viewed', at: new Date().toISOString() }] };
    assert.equal((await call(credentials, 'POST', '/events', { body: events })).status, 202);
    const first = await call(credentials, 'GET', '/session');
    assert.equal(first.status, 503);
    assert.equal(ErrorEnvelope.parse(first.body).error.code, 'internal_error');
    assert.equal((await pay(credentials, 'card')).status, 503);
    assert.equal((await paymentRows(servers, credentials.sessionId)).length, 0);
    assert.equal((await call(credentials, 'GET', '/session')).status, 200);
  });

  it('malformed: session breaks the GET /session body (2xx)', async () => {
    const credentials = await createSession(servers, { faults: { malformed: 'session' } });
    const answer = await call(credentials, 'GET', '/session');
    assert.equal(answer.status, 200);
    assert.equal(Session.safeParse(answer.body).success, false);
  });

  it('malformed: payment breaks the POST body but stores the payment; a re-send with the same key also comes back broken until the count runs out', async () => {
    const credentials = await createSession(servers, { methods: ['card'], faults: { malformed: 'payment', malformedCount: 1 } });
    const key = randomUUID();
    const broken = await pay(credentials, 'card', { key });
    assert.equal(broken.status, 201);
    assert.equal(PaymentResult.safeParse(broken.body).success, false);
    assert.equal((await paymentRows(servers, credentials.sessionId)).length, 1);
    const replay = await pay(credentials, 'card', { key });
    assert.equal(PaymentResult.parse(replay.body).status, 'succeeded');
    assert.equal((await paymentRows(servers, credentials.sessionId)).length, 1);
  });

  it('malformed: poll breaks GET /payments/:id only', async () => {
    const credentials = await createSession(servers, { methods: ['card'], faults: { malformed: 'poll' } });
    const created = PaymentResult.parse((await pay(credentials, 'card')).body);
    const polled = await call(credentials, 'GET', `/payments/${created.id}`);
    assert.equal(polled.status, 200);
    assert.equal(PaymentResult.safeParse(polled.body).success, false);
    assert.equal(Session.safeParse((await call(credentials, 'GET', '/session')).body).success, true);
  });

  it('dropAfterCommit: the payment is stored, the connection drops unanswered, and the re-send replays it', async () => {
    const credentials = await createSession(servers, { methods: ['card'], faults: { dropAfterCommit: 1 } });
    const key = randomUUID();
    await assert.rejects(pay(credentials, 'card', { key }), TypeError);
    const rows = await paymentRows(servers, credentials.sessionId);
    assert.equal(rows.length, 1);
    const resent = await pay(credentials, 'card', { key });
    assert.equal(resent.status, 201);
    assert.equal(PaymentResult.parse(resent.body).id, rows[0]!.id);
    assert.equal((await paymentRows(servers, credentials.sessionId)).length, 1);
  });

  it('pollStaysPending keeps a pending payment pending; only the hook settles it', async () => {
    const credentials = await createSession(servers, { methods: ['card'], scenario: 'pending:1', faults: { pollStaysPending: true } });
    const created = PaymentResult.parse((await pay(credentials, 'card')).body);
    for (let i = 0; i < 4; i++) {
      assert.equal(PaymentResult.parse((await call(credentials, 'GET', `/payments/${created.id}`)).body).status, 'pending');
    }
    await fetch(`${servers.apiUrl}/sandbox/payments/${created.id}/complete`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ outcome: 'succeeded' }),
    });
    assert.equal(PaymentResult.parse((await call(credentials, 'GET', `/payments/${created.id}`)).body).status, 'succeeded');
  });

  for (const method of ['pix', 'boleto'] as const) {
    it(`actionExpiresInMs: an unpaid ${method} fails as expired (retryable) after its expiry`, async () => {
      const credentials = await createSession(servers, {
        methods: [method], country: 'BR', amount: { value: 12000, currency: 'BRL' }, faults: { actionExpiresInMs: 5000 },
      });
      const created = PaymentResult.parse((await pay(credentials, method)).body);
      assert.ok(created.status === 'requires_action');
      assert.equal(Date.parse(created.action.type === 'qr' || created.action.type === 'voucher' ? created.action.expiresAt : '') - Date.parse(created.createdAt), 5000);
      assert.equal(PaymentResult.parse((await call(credentials, 'GET', `/payments/${created.id}`)).body).status, 'requires_action');
      servers.advance(5001);
      try {
        const expired = PaymentResult.parse((await call(credentials, 'GET', `/payments/${created.id}`)).body);
        assert.deepEqual(expired.status === 'failed' && expired.failure, { code: 'expired', retryable: true });
        // Paying after expiry is too late.
        const late = await fetch(`${servers.apiUrl}/sandbox/payments/${created.id}/complete`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ outcome: 'succeeded' }),
        });
        assert.equal(late.status, 409);
        assert.match(ErrorEnvelope.parse(await late.json()).error.message, /already failed \(expired\)/);
        const listed = await merchant<{ payments: Array<{ status: string }> }>(servers, 'GET', `/sessions/${credentials.sessionId}/payments`);
        assert.deepEqual(listed.body.payments.map((p) => p.status), ['failed']);
      } finally {
        servers.advance(-5001);
      }
    });
  }
});
