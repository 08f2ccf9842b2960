import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorEnvelope, PaymentResult, Session } from '../../src/core/protocol/schemas.js';
import { COUNTRY_OFFERS, METHOD_TYPES_BY_ID } from '../psp/offers.js';
import { call, createSession, merchant, pay, startTestServers, type TestServers } from '../test-support.js';
import type { SessionCredentials } from './routes.js';
import { STORAGES } from '../../test/shared/postgres.js';

const REQUIRED_COUNTRIES = 'US GB NL DE FR ES PL BE AT CH SE PT ID TH MY SG PH VN JP KR CN IN BR MX CO SA AE KW EG KE TR'.split(' ');

for (const storage of STORAGES) describe(`merchant API /merchant/v1 (${storage.name})`, () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers({ merchantSecret: 'test-merchant-secret', ...(await storage.options()) });
  });
  after(() => servers.dispose());

  it('refuses calls without the merchant secret', async () => {
    for (const authorization of [undefined, 'Bearer wrong', 'test-merchant-secret']) {
      const response = await fetch(`${servers.apiUrl}/merchant/v1/sessions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
        body: JSON.stringify({ amount: { value: 100, currency: 'EUR' }, country: 'NL' }),
      });
      assert.equal(response.status, 401);
      assert.equal(ErrorEnvelope.parse(await response.json()).error.code, 'unauthorized');
    }
  });

  it('creates a session: 201 with id, opaque token, endpoint and expiry', async () => {
    const created = await merchant<SessionCredentials>(servers, 'POST', '/sessions', {
      amount: { value: 250000, currency: 'IDR' }, country: 'ID', locale: 'id', ttlSeconds: 600,
    });
    assert.equal(created.status, 201);
    assert.match(created.body.sessionId, /^cs_/);
    assert.match(created.body.sessionToken, /^ck_st_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.body.endpoint, `${servers.apiUrl}/checkout/v1`);
    const lifetime = Date.parse(created.body.expiresAt) - Date.now();
    assert.ok(lifetime > 590_000 && lifetime <= 600_000, String(lifetime));
    const session = Session.parse((await call(created.body, 'GET', '/session')).body);
    assert.deepEqual(session.paymentMethods.map((m) => m.id), COUNTRY_OFFERS['ID']!.methods);
  });

  it('rejects invalid session requests with 400 invalid_request', async () => {
    const bodies = [
      { amount: { value: 10.5, currency: 'EUR' }, country: 'NL' },
      { amount: { value: 0, currency: 'EUR' }, country: 'NL' },
      { amount: { value: 100, currency: 'XXQ' }, country: 'NL' },
      { amount: { value: 100, currency: 'EUR' }, country: 'nl' },
      { amount: { value: 100, currency: 'EUR' }, country: 'NL', methods: ['teleport'] },
      { amount: { value: 100, currency: 'EUR' }, country: 'NL', scenario: 'decline:bad_luck' },
      { amount: { value: 100, currency: 'EUR' }, country: 'NL', faults: { failRequests: { count: 1, status: 404 } } },
      { amount: { value: 100, currency: 'EUR' }, country: 'NL', ttlSeconds: 0 },
    ];
    for (const body of bodies) {
      const answer = await merchant(servers, 'POST', '/sessions', body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(ErrorEnvelope.parse(answer.body).error.code, 'invalid_request');
    }
  });

  it('offers the explicit method list when given, with protocol types from the PSP table', async () => {
    const credentials = await createSession(servers, { methods: ['wechat_pay', 'alipay', 'card'], country: 'CN', amount: { value: 9900, currency: 'CNY' } });
    const session = Session.parse((await call(credentials, 'GET', '/session')).body);
    assert.deepEqual(session.paymentMethods, [
      { id: 'wechat_pay', type: 'wallet', status: 'available' },
      { id: 'alipay', type: 'wallet', status: 'available' },
      { id: 'card', type: 'card', status: 'available' },
    ]);
  });

  it('has a default offer for every required country, all with known ids and types', () => {
    for (const country of REQUIRED_COUNTRIES) {
      const offer = COUNTRY_OFFERS[country];
      assert.ok(offer && offer.methods.length >= 2, country);
      for (const id of offer.methods) assert.ok(id in METHOD_TYPES_BY_ID, `${country}: ${id}`);
    }
  });

  it('uses the server-wide default token lifetime when the merchant sets none', async () => {
    const short = await startTestServers({ tokenTtlSeconds: 120 });
    try {
      const credentials = await createSession(short);
      const lifetime = Date.parse(credentials.expiresAt) - Date.now();
      assert.ok(lifetime > 110_000 && lifetime <= 120_000, String(lifetime));
    } finally {
      await short.dispose();
    }
  });

  it('falls back to card, PayPal and bank transfer for a country without an offer', async () => {
    const credentials = await createSession(servers, { country: 'NZ', amount: { value: 5000, currency: 'NZD' } });
    const session = Session.parse((await call(credentials, 'GET', '/session')).body);
    assert.deepEqual(session.paymentMethods.map((m) => m.id), ['card', 'paypal', 'bank_transfer']);
  });

  it('carries BNPL limits only in the currency they are defined in', async () => {
    const usd = Session.parse((await call(await createSession(servers, { country: 'US', amount: { value: 5000, currency: 'USD' } }), 'GET', '/session')).body);
    assert.deepEqual(usd.paymentMethods.find((m) => m.id === 'affirm'), { id: 'affirm', type: 'bnpl', status: 'available', minAmount: 5000, maxAmount: 3_000_000 });
    const cad = Session.parse((await call(await createSession(servers, { country: 'US', amount: { value: 5000, currency: 'CAD' } }), 'GET', '/session')).body);
    assert.deepEqual(cad.paymentMethods.find((m) => m.id === 'affirm'), { id: 'affirm', type: 'bnpl', status: 'available' });
  });

  it('passes settlement through to the session', async () => {
    const credentials = await createSession(servers, { settlement: { currency: 'USD', rate: 1.08 } });
    const session = Session.parse((await call(credentials, 'GET', '/session')).body);
    assert.deepEqual(session.settlement, { currency: 'USD', rate: 1.08 });
  });

  it('switches a method\'s health without a new session, reflected in GET /session', async () => {
    const credentials = await createSession(servers, { methods: ['ideal', 'card'] });
    for (const status of ['degraded', 'down', 'available'] as const) {
      const put = await merchant(servers, 'PUT', `/sessions/${credentials.sessionId}/methods/ideal`, { status });
      assert.equal(put.status, 200);
      assert.deepEqual(put.body, { id: 'ideal', status });
      const session = Session.parse((await call(credentials, 'GET', '/session')).body);
      assert.equal(session.paymentMethods.find((m) => m.id === 'ideal')?.status, status);
      assert.equal(session.paymentMethods.find((m) => m.id === 'card')?.status, 'available');
    }
    assert.equal((await merchant(servers, 'PUT', `/sessions/${credentials.sessionId}/methods/ideal`, { status: 'broken' })).status, 400);
    assert.equal((await merchant(servers, 'PUT', `/sessions/${credentials.sessionId}/methods/pix`, { status: 'down' })).status, 404);
    assert.equal((await merchant(servers, 'PUT', `/sessions/cs_nope/methods/ideal`, { status: 'down' })).status, 404);
  });

  it('issues a fresh token for the same session after the old one expired; the payments stay', async () => {
    const credentials = await createSession(servers, { methods: ['card'], ttlSeconds: 60 });
    const paid = PaymentResult.parse((await pay(credentials, 'card')).body);
    servers.advance(120_000);
    try {
      assert.equal((await call(credentials, 'GET', '/session')).status, 401);
      const fresh = await merchant<SessionCredentials>(servers, 'POST', `/sessions/${credentials.sessionId}/token`);
      assert.equal(fresh.status, 201);
      assert.equal(fresh.body.sessionId, credentials.sessionId);
      assert.notEqual(fresh.body.sessionToken, credentials.sessionToken);
      const again = await call(fresh.body, 'GET', `/payments/${paid.id}`);
      assert.equal(again.status, 200);
      assert.equal(PaymentResult.parse(again.body).id, paid.id);
    } finally {
      servers.advance(-120_000);
    }
  });

  it('revokes every token of a session and refuses new ones', async () => {
    const credentials = await createSession(servers);
    const second = await merchant<SessionCredentials>(servers, 'POST', `/sessions/${credentials.sessionId}/token`);
    assert.equal((await merchant(servers, 'POST', `/sessions/${credentials.sessionId}/revoke`)).status, 200);
    for (const token of [credentials.sessionToken, second.body.sessionToken]) {
      const answer = await call({ endpoint: credentials.endpoint, sessionToken: token }, 'GET', '/session');
      assert.equal(ErrorEnvelope.parse(answer.body).error.code, 'session_expired');
    }
    assert.equal((await merchant(servers, 'POST', `/sessions/${credentials.sessionId}/token`)).status, 409);
    assert.equal((await merchant(servers, 'POST', '/sessions/cs_unknown/revoke')).status, 404);
  });

  it('lists every payment stored for a session', async () => {
    const credentials = await createSession(servers, { methods: ['card', 'ideal'] });
    // The buyer abandons the bank redirect, then pays by card: two payments, one live.
    const a = PaymentResult.parse((await pay(credentials, 'ideal')).body);
    assert.equal((await call(credentials, 'POST', `/payments/${a.id}/cancel`)).status, 200);
    const b = PaymentResult.parse((await pay(credentials, 'card')).body);
    const listed = await merchant<{ sessionId: string; payments: Array<{ id: string; status: string; idempotencyKey: string }> }>(
      servers, 'GET', `/sessions/${credentials.sessionId}/payments`,
    );
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.payments.map((p) => [p.id, p.status]), [[a.id, 'failed'], [b.id, 'succeeded']]);
    for (const payment of listed.body.payments) assert.match(payment.idempotencyKey, /^[0-9a-f-]{36}$/);
  });

  it('replaces a session\'s faults', async () => {
    const credentials = await createSession(servers, { faults: { failRequests: { count: 5, status: 500 } } });
    assert.equal((await call(credentials, 'GET', '/session')).status, 500);
    const put = await merchant(servers, 'PUT', `/sessions/${credentials.sessionId}/faults`, {});
    assert.equal(put.status, 200);
    assert.equal((await call(credentials, 'GET', '/session')).status, 200);
    assert.equal((await merchant(servers, 'PUT', `/sessions/${credentials.sessionId}/faults`, { latencyMs: -1 })).status, 400);
  });
});
