import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ErrorEnvelope, PaymentResult, Session } from '../../src/core/protocol/schemas.js';
import { call, createSession, merchant, pay, paymentRows, startTestServers, type TestServers } from '../test-support.js';

function assertError(answer: { status: number; body: unknown }, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  const envelope = ErrorEnvelope.parse(answer.body);
  assert.equal(envelope.error.code, code);
  assert.ok(envelope.error.message.length > 0);
}

describe('checkout API /checkout/v1', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers();
  });
  after(() => servers.dispose());

  describe('GET /session', () => {
    it('returns the session the merchant created, valid against the protocol schema', async () => {
      const credentials = await createSession(servers, { amount: { value: 4999, currency: 'EUR' }, country: 'NL', locale: 'nl-NL' });
      const answer = await call(credentials, 'GET', '/session');
      assert.equal(answer.status, 200);
      const session = Session.parse(answer.body);
      assert.equal(session.id, credentials.sessionId);
      assert.deepEqual(session.amount, { value: 4999, currency: 'EUR' });
      assert.equal(session.country, 'NL');
      assert.equal(session.locale, 'nl-NL');
      assert.equal(session.mode, 'sandbox');
      assert.equal(session.expiresAt, credentials.expiresAt);
      assert.deepEqual(
        session.paymentMethods.map((m) => m.id),
        ['ideal', 'card', 'apple_pay', 'paypal', 'klarna', 'sepa_debit'],
      );
      assert.deepEqual(session.paymentMethods.find((m) => m.id === 'klarna'), {
        id: 'klarna', type: 'bnpl', status: 'available', minAmount: 3500, maxAmount: 500_000,
      });
    });
  });

  describe('headers and auth', () => {
    it('answers 400 unsupported_version without or with another Checkout-Kit-Version', async () => {
      const credentials = await createSession(servers);
      assertError(await call(credentials, 'GET', '/session', { version: null }), 400, 'unsupported_version');
      assertError(await call(credentials, 'GET', '/session', { version: '2' }), 400, 'unsupported_version');
    });

    it('answers 401 unauthorized without a token or with an unknown one', async () => {
      const credentials = await createSession(servers);
      const missing = await call(credentials, 'GET', '/session', { token: null });
      assertError(missing, 401, 'unauthorized');
      assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer/);
      assertError(await call(credentials, 'GET', '/session', { token: `ck_st_${'x'.repeat(43)}` }), 401, 'unauthorized');
      assertError(await call(credentials, 'GET', '/session', { headers: { Authorization: 'Basic abc' }, token: null }), 401, 'unauthorized');
    });

    it('answers 401 session_expired once the token is past its lifetime', async () => {
      const credentials = await createSession(servers, { ttlSeconds: 60 });
      assert.equal((await call(credentials, 'GET', '/session')).status, 200);
      servers.advance(61_000);
      try {
        assertError(await call(credentials, 'GET', '/session'), 401, 'session_expired');
        assertError(await pay(credentials, 'card'), 401, 'session_expired');
      } finally {
        servers.advance(-61_000);
      }
    });

    it('tokens default to a 30-minute lifetime', async () => {
      const before = Date.now();
      const credentials = await createSession(servers);
      const lifetime = Date.parse(credentials.expiresAt) - before;
      assert.ok(lifetime > 29 * 60_000 && lifetime <= 30 * 60_000 + 1000, `lifetime ${lifetime}`);
    });

    it('answers 401 session_expired after the merchant revokes the session', async () => {
      const credentials = await createSession(servers);
      const revoked = await merchant(servers, 'POST', `/sessions/${credentials.sessionId}/revoke`);
      assert.equal(revoked.status, 200);
      assertError(await call(credentials, 'GET', '/session'), 401, 'session_expired');
    });

    it('stores only a hash of the token', async () => {
      const credentials = await createSession(servers);
      const rows = await servers.store.all<{ token_hash: string }>('SELECT token_hash FROM tokens WHERE session_id = ?', [credentials.sessionId]);
      assert.equal(rows.length, 1);
      assert.notEqual(rows[0]!.token_hash, credentials.sessionToken);
      assert.match(rows[0]!.token_hash, /^[0-9a-f]{64}$/);
      const dump = JSON.stringify(await servers.store.all('SELECT * FROM sessions'));
      assert.ok(!dump.includes(credentials.sessionToken));
    });
  });

  describe('POST /payments and GET /payments/:id', () => {
    it('creates a payment, stores it, and returns it again on GET', async () => {
      const credentials = await createSession(servers, { methods: ['card'] });
      const created = await pay(credentials, 'card');
      assert.equal(created.status, 201);
      const result = PaymentResult.parse(created.body);
      assert.equal(result.status, 'succeeded');
      assert.equal(result.method, 'card');
      assert.deepEqual(result.amount, { value: 10000, currency: 'EUR' });
      assert.deepEqual(await paymentRows(servers, credentials.sessionId), [{ id: result.id, status: 'succeeded', method: 'card' }]);
      const fetched = await call(credentials, 'GET', `/payments/${result.id}`);
      assert.equal(fetched.status, 200);
      assert.deepEqual(fetched.body, created.body);
    });

    it('requires a UUID Idempotency-Key', async () => {
      const credentials = await createSession(servers);
      const body = { method: 'card', returnUrl: 'http://127.0.0.1:5173/' };
      assertError(await call(credentials, 'POST', '/payments', { body }), 400, 'invalid_request');
      assertError(await call(credentials, 'POST', '/payments', { body, idempotencyKey: 'not-a-uuid' }), 400, 'invalid_request');
      assert.equal((await paymentRows(servers, credentials.sessionId)).length, 0);
    });

    it('rejects invalid bodies with 400 invalid_request and stores nothing', async () => {
      const credentials = await createSession(servers);
      for (const body of [{ method: 'card' }, { method: 'Card!', returnUrl: 'http://127.0.0.1/' }, { method: 'card', returnUrl: 'javascript:alert(1)' }, 'text']) {
        assertError(await call(credentials, 'POST', '/payments', { body, idempotencyKey: randomUUID() }), 400, 'invalid_request');
      }
      const notJson = await fetch(`${credentials.endpoint}/payments`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${credentials.sessionToken}`, 'Checkout-Kit-Version': '1', 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' },
        body: '{',
      });
      assertError({ status: notJson.status, body: await notJson.json() }, 400, 'invalid_request');
      assert.equal((await paymentRows(servers, credentials.sessionId)).length, 0);
    });

    it('answers 422 method_not_offered for a method outside the session', async () => {
      const credentials = await createSession(servers, { methods: ['ideal'] });
      assertError(await pay(credentials, 'card'), 422, 'method_not_offered');
      assert.equal((await paymentRows(servers, credentials.sessionId)).length, 0);
    });

    it('fails a payment for a method the merchant marked down with method_unavailable', async () => {
      const credentials = await createSession(servers, { methods: ['card', 'paypal'] });
      await merchant(servers, 'PUT', `/sessions/${credentials.sessionId}/methods/paypal`, { status: 'down' });
      const result = PaymentResult.parse((await pay(credentials, 'paypal')).body);
      assert.equal(result.status, 'failed');
      assert.deepEqual(result.status === 'failed' && result.failure, { code: 'method_unavailable', retryable: false });
    });

    it('answers 404 not_found for an unknown payment and for another session\'s payment', async () => {
      const a = await createSession(servers, { methods: ['card'] });
      const b = await createSession(servers, { methods: ['card'] });
      assertError(await call(a, 'GET', '/payments/pay_unknown'), 404, 'not_found');
      const paid = PaymentResult.parse((await pay(b, 'card')).body);
      assertError(await call(a, 'GET', `/payments/${paid.id}`), 404, 'not_found');
    });

    it('answers unknown routes with the error envelope', async () => {
      const credentials = await createSession(servers);
      assertError(await call(credentials, 'GET', '/refunds'), 404, 'not_found');
    });
  });

  describe('POST /events', () => {
    it('accepts a batch with 202 and stores each event once', async () => {
      const credentials = await createSession(servers);
      const events = [
        { id: randomUUID(), type: 'checkout.viewed', at: new Date().toISOString() },
        { id: randomUUID(), type: 'method.selected', at: new Date().toISOString(), data: { method: 'ideal', position: 1 } },
      ];
      const first = await call(credentials, 'POST', '/events', { body: { events } });
      assert.equal(first.status, 202);
      assert.deepEqual(first.body, { accepted: 2 });
      const resent = await call(credentials, 'POST', '/events', { body: { events } });
      assert.deepEqual(resent.body, { accepted: 2 });
      const stored = await servers.store.all('SELECT type FROM events WHERE session_id = ? ORDER BY type', [credentials.sessionId]);
      assert.deepEqual(stored, [{ type: 'checkout.viewed' }, { type: 'method.selected' }]);
    });

    it('refuses bodies over 64 KB with 413 and the error envelope', async () => {
      const credentials = await createSession(servers);
      const events = Array.from({ length: 100 }, () => ({ id: randomUUID(), type: 'x', at: new Date().toISOString(), data: { pad: 'p'.repeat(800) } }));
      assertError(await call(credentials, 'POST', '/events', { body: { events } }), 413, 'invalid_request');
    });

    it('rejects a malformed batch with 400 invalid_request', async () => {
      const credentials = await createSession(servers);
      assertError(await call(credentials, 'POST', '/events', { body: { events: [] } }), 400, 'invalid_request');
      assertError(await call(credentials, 'POST', '/events', { body: { events: [{ id: 'x', type: 'a', at: 'now' }] } }), 400, 'invalid_request');
    });
  });
});
