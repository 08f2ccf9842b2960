import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ErrorEnvelope, PaymentResult } from '../../src/core/protocol/schemas.js';
import { call, createSession, pay, paymentRows, startTestServers, type TestServers } from '../test-support.js';

const BR = { country: 'BR', amount: { value: 12000, currency: 'BRL' } } as const;

describe('one live payment per session (two tabs)', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers();
  });
  after(() => servers.dispose());

  const cancel = (credentials: Parameters<typeof call>[0], id: string) => call(credentials, 'POST', `/payments/${encodeURIComponent(id)}/cancel`);

  it('two tabs paying at the same time with different keys create one payment; both get it', async () => {
    // The latency holds both requests inside the PSP call at once, like two tabs pressing Pay together.
    const credentials = await createSession(servers, { methods: ['card'], faults: { latencyMs: 200 } });
    const answers = await Promise.all([pay(credentials, 'card'), pay(credentials, 'card')]);
    const rows = await paymentRows(servers, credentials.sessionId);
    assert.deepEqual(rows.map((row) => row.status), ['succeeded']);
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 201]);
    for (const answer of answers) assert.equal(PaymentResult.parse(answer.body).id, rows[0]!.id);
  });

  it('twenty concurrent keys on an open QR code still make one payment', async () => {
    const credentials = await createSession(servers, { methods: ['pix'], ...BR });
    const answers = await Promise.all(Array.from({ length: 20 }, () => pay(credentials, 'pix')));
    const rows = await paymentRows(servers, credentials.sessionId);
    assert.deepEqual(rows.map((row) => row.status), ['requires_action']);
    assert.equal(answers.filter((a) => a.status === 201).length, 1);
    assert.ok(answers.every((a) => PaymentResult.parse(a.body).id === rows[0]!.id));
  });

  it('after a success, a new key gets the same succeeded payment (200) and nothing new is stored', async () => {
    const credentials = await createSession(servers, { methods: ['card', 'paypal'] });
    const first = PaymentResult.parse((await pay(credentials, 'card')).body);
    assert.equal(first.status, 'succeeded');
    const key = randomUUID();
    const second = await pay(credentials, 'paypal', { key });
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, first);
    assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((row) => [row.method, row.status]), [['card', 'succeeded']]);
    // The joining key replays like any other.
    const replay = await pay(credentials, 'paypal', { key });
    assert.equal(replay.status, 200);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(replay.body, first);
  });

  it('a second tab joins an open QR code, whatever method it chose', async () => {
    const credentials = await createSession(servers, { methods: ['pix', 'boleto'], ...BR });
    const qr = PaymentResult.parse((await pay(credentials, 'pix')).body);
    assert.equal(qr.status, 'requires_action');
    const joined = await pay(credentials, 'boleto');
    assert.equal(joined.status, 200);
    assert.deepEqual(joined.body, qr);
    assert.equal((await paymentRows(servers, credentials.sessionId)).length, 1);
  });

  it('a pending payment holds the session too, until it is cancelled', async () => {
    const credentials = await createSession(servers, { methods: ['card'], scenario: 'pending:50' });
    const pending = PaymentResult.parse((await pay(credentials, 'card')).body);
    assert.equal(pending.status, 'pending');
    assert.equal(PaymentResult.parse((await pay(credentials, 'card')).body).id, pending.id);
    const cancelled = PaymentResult.parse((await cancel(credentials, pending.id)).body);
    assert.deepEqual(cancelled.status === 'failed' && cancelled.failure.code, 'cancelled');
    const next = PaymentResult.parse((await pay(credentials, 'card')).body);
    assert.notEqual(next.id, pending.id);
    assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((row) => row.status), ['failed', 'pending']);
  });

  it('open QR, cancel, another method: the QR is cancelled and the new payment is created', async () => {
    const credentials = await createSession(servers, { methods: ['pix', 'card'], ...BR });
    const qr = PaymentResult.parse((await pay(credentials, 'pix')).body);
    const answer = await cancel(credentials, qr.id);
    assert.equal(answer.status, 200);
    const cancelled = PaymentResult.parse(answer.body);
    assert.equal(cancelled.id, qr.id);
    assert.deepEqual(cancelled.status === 'failed' && cancelled.failure, { code: 'cancelled', retryable: true });
    // Cancelling again is harmless and answers the same.
    assert.deepEqual((await cancel(credentials, qr.id)).body, cancelled);
    const card = await pay(credentials, 'card');
    assert.equal(card.status, 201);
    assert.equal(PaymentResult.parse(card.body).status, 'succeeded');
    assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((row) => [row.method, row.status]), [
      ['pix', 'failed'],
      ['card', 'succeeded'],
    ]);
    const polled = PaymentResult.parse((await call(credentials, 'GET', `/payments/${qr.id}`)).body);
    assert.deepEqual(polled.status === 'failed' && polled.failure.code, 'cancelled');
  });

  it('cancel after success answers the success and changes nothing', async () => {
    const credentials = await createSession(servers, { methods: ['pix'], ...BR });
    const qr = PaymentResult.parse((await pay(credentials, 'pix')).body);
    const paid = await fetch(`${servers.apiUrl}/sandbox/payments/${qr.id}/complete`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ outcome: 'succeeded' }),
    });
    assert.equal(paid.status, 200);
    const answer = await cancel(credentials, qr.id);
    assert.equal(answer.status, 200);
    assert.equal(PaymentResult.parse(answer.body).status, 'succeeded');
    assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((row) => row.status), ['succeeded']);
  });

  it('cancel racing the buyer\'s approval: exactly one of them wins, and the loser sees the winner', async () => {
    const credentials = await createSession(servers, { methods: ['ideal'] });
    const redirect = PaymentResult.parse((await pay(credentials, 'ideal')).body);
    assert.ok(redirect.status === 'requires_action' && redirect.action.type === 'redirect');
    const [cancelAnswer] = await Promise.all([
      cancel(credentials, redirect.id),
      fetch(redirect.action.url, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }), redirect: 'manual' }),
    ]);
    const rows = await paymentRows(servers, credentials.sessionId);
    assert.equal(rows.length, 1);
    assert.equal(PaymentResult.parse(cancelAnswer.body).status, rows[0]!.status);
  });

  it('an expired QR code no longer holds the session', async () => {
    const credentials = await createSession(servers, { methods: ['pix'], ...BR, faults: { actionExpiresInMs: 1000 } });
    const first = PaymentResult.parse((await pay(credentials, 'pix')).body);
    servers.advance(1001);
    try {
      const second = await pay(credentials, 'pix');
      assert.equal(second.status, 201);
      assert.notEqual(PaymentResult.parse(second.body).id, first.id);
      assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((row) => row.status), ['failed', 'requires_action']);
    } finally {
      servers.advance(-1001);
    }
  });

  it('a declined payment does not hold the session: the next attempt is a new payment', async () => {
    const credentials = await createSession(servers, { methods: ['card'], scenario: 'decline:card_declined' });
    const a = PaymentResult.parse((await pay(credentials, 'card')).body);
    const b = PaymentResult.parse((await pay(credentials, 'card')).body);
    assert.notEqual(a.id, b.id);
    assert.equal((await paymentRows(servers, credentials.sessionId)).length, 2);
  });

  it('cancel is 404 for an unknown payment or another session\'s, and needs the token like every call', async () => {
    const mine = await createSession(servers, { methods: ['ideal'] });
    const theirs = await createSession(servers, { methods: ['ideal'] });
    const payment = PaymentResult.parse((await pay(theirs, 'ideal')).body);
    const foreign = await cancel(mine, payment.id);
    assert.equal(foreign.status, 404);
    assert.equal(ErrorEnvelope.parse(foreign.body).error.code, 'not_found');
    assert.equal((await cancel(mine, 'pay_unknown')).status, 404);
    assert.equal((await call(mine, 'POST', `/payments/${payment.id}/cancel`, { token: null })).status, 401);
    assert.equal(PaymentResult.parse((await call(theirs, 'GET', `/payments/${payment.id}`)).body).status, 'requires_action');
  });
});
