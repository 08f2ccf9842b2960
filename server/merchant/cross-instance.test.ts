/**
 * Refunds across instances: the merchant API's two refund rules held by the
 * database, not by one process. On Postgres two storages on one database stand
 * for two app instances behind a load balancer; on SQLite (one process, one
 * file) both sides are the one storage, whose writer queue is the guarantee.
 *
 * - One refund per (payment, Idempotency-Key): ~50 requests with one key, split
 *   over both instances, create one refund and all answer with it.
 * - Never more than was captured: ~50 requests with different keys race on both
 *   instances; what they commit never exceeds the payment.
 *
 * Once on the rule itself (createRefund on two storages), once over HTTP at two
 * whole servers on one database, PSP callbacks included.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SERVER_PAIRS, STORAGE_PAIRS, closePair } from '../../test/shared/postgres.js';
import { insertPayment, type PaymentRecord } from '../db/payments.js';
import { committedRefunds, listRefunds } from '../db/refunds.js';
import { randomId } from '../db/sessions.js';
import { ApiError } from '../http/errors.js';
import type { Storage } from '../storage/storage.js';
import { createSession, pay, storedSession, type TestServers } from '../test-support.js';
import { PaymentResult } from '../../src/core/protocol/schemas.js';
import { createRefund, type RefundOutcome } from './refunds.js';

const REQUESTS = 50;
const CAPTURED = 10_000;

const backends = STORAGE_PAIRS;

/** A paid card payment of {@link CAPTURED} EUR cents, written as the checkout would. */
async function paidPayment(db: Storage): Promise<string> {
  const now = Date.now();
  const { id: sessionId } = await storedSession(db, { amount: { value: CAPTURED, currency: 'EUR' }, createdAt: now });
  const payment: PaymentRecord = {
    id: randomId('pay'),
    sessionId,
    idempotencyKey: randomUUID(),
    method: 'card',
    methodType: 'card',
    amount: { value: CAPTURED, currency: 'EUR' },
    status: 'succeeded',
    failureCode: null,
    action: null,
    returnUrl: 'http://127.0.0.1:5173/checkout',
    fields: null,
    polls: 0,
    pollsToSettle: null,
    actionExpiresAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await insertPayment(db, payment);
  return payment.id;
}

/** Fires every request at once, alternating instances, and sorts the answers. */
async function race(instances: [Storage, Storage], requests: ReadonlyArray<{ key: string; amount?: number }>, paymentId: string) {
  const settled = await Promise.allSettled(
    requests.map((request, i) => createRefund(instances[i % 2]!, { paymentId, key: request.key, amount: request.amount, now: Date.now() })),
  );
  const answered: RefundOutcome[] = [];
  const refused: ApiError[] = [];
  for (const result of settled) {
    if (result.status === 'fulfilled') answered.push(result.value);
    else if (result.reason instanceof ApiError) refused.push(result.reason);
    else throw result.reason;
  }
  return { answered, refused };
}

for (const backend of backends) {
  describe(`refunds across two instances (${backend.name})`, () => {
    let instances: [Storage, Storage];
    before(async () => {
      instances = await backend.open();
    });
    after(async () => {
      await closePair(instances);
    });

    it(`${REQUESTS} requests with one Idempotency-Key make one refund, and every answer is that refund`, async () => {
      const paymentId = await paidPayment(instances[0]);
      const key = randomUUID();
      const { answered, refused } = await race(instances, Array.from({ length: REQUESTS }, () => ({ key, amount: 2500 })), paymentId);
      assert.deepEqual(refused, []);
      assert.equal(answered.filter((outcome) => outcome.created).length, 1);
      assert.equal(new Set(answered.map((outcome) => outcome.refund.id)).size, 1);
      const stored = await listRefunds(instances[1], paymentId);
      assert.deepEqual(
        stored.map((refund) => [refund.idempotencyKey, refund.amount.value]),
        [[key, 2500]],
      );
    });

    it(`${REQUESTS} requests with different keys never refund more than was captured`, async () => {
      const paymentId = await paidPayment(instances[0]);
      // 14 × 700 = 9,800 fits; the 15th would make 10,500.
      const { answered, refused } = await race(instances, Array.from({ length: REQUESTS }, () => ({ key: randomUUID(), amount: 700 })), paymentId);
      const created = answered.filter((outcome) => outcome.created);
      assert.equal(created.length, 14, `${created.length} refunds of 700 committed against ${CAPTURED}`);
      assert.equal(refused.length, REQUESTS - 14);
      // What is left (200) is less than asked: a 422 naming it, never a second look at stale totals.
      for (const error of refused) assert.deepEqual([error.status, error.message], [422, 'At most 200 (minor units) can still be refunded.']);
      assert.equal(await committedRefunds(instances[1], paymentId), 9_800);
    });

    it('full refunds (no amount) racing on both instances: exactly one pays the whole amount back', async () => {
      const paymentId = await paidPayment(instances[1]);
      const { answered, refused } = await race(instances, Array.from({ length: REQUESTS }, () => ({ key: randomUUID() })), paymentId);
      assert.equal(answered.length, 1);
      assert.deepEqual([answered[0]!.created, answered[0]!.refund.amount.value], [true, CAPTURED]);
      for (const error of refused) assert.equal(error.status, 409);
      assert.equal(await committedRefunds(instances[0], paymentId), CAPTURED);
    });
  });
}

const serverBackends = SERVER_PAIRS;

interface RefundView {
  id: string;
  status: string;
  amount: { value: number };
}

for (const backend of serverBackends) {
  describe(`refund requests at two instances over HTTP (${backend.name})`, () => {
    let instances: [TestServers, TestServers];
    before(async () => {
      instances = await backend.start();
    });
    after(async () => {
      await instances[0].dispose();
      if (instances[1] !== instances[0]) await instances[1].dispose();
    });

    const paid = async (): Promise<string> => {
      const credentials = await createSession(instances[0], { methods: ['card'], amount: { value: CAPTURED, currency: 'EUR' } });
      const result = PaymentResult.parse((await pay(credentials, 'card')).body);
      assert.equal(result.status, 'succeeded');
      return result.id;
    };
    const refund = async (at: TestServers, paymentId: string, key: string, amount: number) => {
      const response = await fetch(`${at.apiUrl}/merchant/v1/payments/${paymentId}/refunds`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${at.merchantSecret}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({ amount }),
      });
      return { status: response.status, body: (await response.json()) as RefundView };
    };
    const listed = async (at: TestServers, paymentId: string) => {
      const response = await fetch(`${at.apiUrl}/merchant/v1/payments/${paymentId}/refunds`, { headers: { Authorization: `Bearer ${at.merchantSecret}` } });
      return (await response.json()) as { refundedAmount: { value: number }; refunds: RefundView[] };
    };

    it(`${REQUESTS} requests with one key at both instances: one 201, the rest replay it`, async () => {
      const paymentId = await paid();
      const key = randomUUID();
      const answers = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => refund(instances[i % 2]!, paymentId, key, 2500)));
      assert.deepEqual([answers.filter((a) => a.status === 201).length, answers.filter((a) => a.status === 200).length], [1, REQUESTS - 1]);
      assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
      const after = await listed(instances[1], paymentId);
      assert.deepEqual([after.refunds.length, after.refundedAmount.value], [1, 2500]);
    });

    it(`${REQUESTS} requests with different keys at both instances never refund more than was captured`, async () => {
      const paymentId = await paid();
      const answers = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => refund(instances[i % 2]!, paymentId, randomUUID(), 700)));
      assert.equal(answers.filter((a) => a.status === 201).length, 14);
      assert.equal(answers.filter((a) => a.status === 422).length, REQUESTS - 14);
      // Every accepted refund was settled by the PSP's callback, whichever instance received it.
      const after = await listed(instances[0], paymentId);
      assert.deepEqual([after.refunds.length, after.refundedAmount.value], [14, 9_800]);
    });
  });
}
