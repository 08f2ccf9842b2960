import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PaymentResult } from '../../src/core/protocol/schemas.js';
import { createSession, merchant, pay, startTestServers, type Answer, type TestServers } from '../test-support.js';
import { STORAGES } from '../../test/shared/postgres.js';

interface Refund {
  id: string;
  status: string;
  amount: { value: number; currency: string };
}

for (const storage of STORAGES) describe(`refunds through the merchant API (${storage.name})`, () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers(await storage.options());
  });
  after(() => servers.dispose());

  const paid = async (faults: Record<string, unknown> = {}) => {
    const credentials = await createSession(servers, { methods: ['card'], amount: { value: 10000, currency: 'EUR' }, faults });
    const result = PaymentResult.parse((await pay(credentials, 'card')).body);
    assert.equal(result.status, 'succeeded');
    return { ...credentials, paymentId: result.id };
  };
  const refund = async (paymentId: string, body: Record<string, unknown>, key: string = randomUUID()): Promise<Answer<Refund>> => {
    const response = await fetch(`${servers.apiUrl}/merchant/v1/payments/${paymentId}/refunds`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${servers.merchantSecret}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Refund };
  };
  const refunded = async (sessionId: string) =>
    (await merchant<{ payments: Array<{ refundedAmount: { value: number } }> }>(servers, 'GET', `/sessions/${sessionId}/payments`)).body.payments[0]!.refundedAmount.value;

  it('refunds in full, once: the PSP\'s callback settles it and the payment listing shows it', async () => {
    const { sessionId, paymentId } = await paid();
    const full = await refund(paymentId, { reason: 'customer request' });
    assert.equal(full.status, 201);
    assert.deepEqual([full.body.status, full.body.amount], ['succeeded', { value: 10000, currency: 'EUR' }]);
    assert.equal(await refunded(sessionId), 10000);
    assert.equal((await refund(paymentId, {})).status, 409);
  });

  it('refunds in parts, never beyond what was paid', async () => {
    const { sessionId, paymentId } = await paid();
    assert.equal((await refund(paymentId, { amount: 3000 })).status, 201);
    assert.equal((await refund(paymentId, { amount: 7001 })).status, 422);
    assert.equal((await refund(paymentId, { amount: 7000 })).status, 201);
    assert.equal((await refund(paymentId, { amount: 1 })).status, 409);
    assert.equal(await refunded(sessionId), 10000);
  });

  it('one refund per Idempotency-Key, and concurrent refunds cannot overdraw', async () => {
    const { sessionId, paymentId } = await paid();
    const key = randomUUID();
    const first = await refund(paymentId, { amount: 1000 }, key);
    const again = await refund(paymentId, { amount: 1000 }, key);
    assert.deepEqual([first.status, again.status, again.body.id], [201, 200, first.body.id]);
    assert.equal((await refund(paymentId, { amount: 2000 }, key)).status, 422);
    const burst = await Promise.all(Array.from({ length: 10 }, () => refund(paymentId, { amount: 3000 })));
    assert.equal(burst.filter((r) => r.status === 201).length, 3);
    assert.equal(await refunded(sessionId), 10000);
  });

  it('refuses what cannot be refunded', async () => {
    const credentials = await createSession(servers, { methods: ['ideal'] });
    const open = PaymentResult.parse((await pay(credentials, 'ideal')).body);
    assert.equal((await refund(open.id, {})).status, 409);
    assert.equal((await refund('pay_nope', {})).status, 404);
    const { paymentId } = await paid();
    for (const body of [{ amount: 0 }, { amount: -5 }, { amount: 1.5 }, { reason: 'x'.repeat(201) }]) assert.equal((await refund(paymentId, body)).status, 400, JSON.stringify(body));
    const noKey = await fetch(`${servers.apiUrl}/merchant/v1/payments/${paymentId}/refunds`, {
      method: 'POST', headers: { Authorization: `Bearer ${servers.merchantSecret}`, 'Content-Type': 'application/json' }, body: '{}',
    });
    assert.equal(noKey.status, 400);
  });

  it('stays pending until the PSP\'s callback arrives, however often it arrives', async () => {
    const { sessionId, paymentId } = await paid({ webhooks: 'hold' });
    const pending = await refund(paymentId, { amount: 2500 });
    assert.equal(pending.body.status, 'pending');
    assert.equal(await refunded(sessionId), 0);
    await fetch(`${servers.apiUrl}/sandbox/webhooks/release`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ paymentId, times: 3 }) });
    assert.equal(await refunded(sessionId), 2500);
    const listed = await merchant<{ refunds: Refund[] }>(servers, 'GET', `/payments/${paymentId}/refunds`);
    assert.deepEqual(listed.body.refunds.map((r) => [r.status, r.amount.value]), [['succeeded', 2500]]);
  });
});
