/**
 * Refunds through the merchant API (docs/protocol.md, "Refunds"): full or
 * partial, never more than was paid, once per Idempotency-Key. The backend
 * records the refund `pending` and asks the PSP; the PSP's signed
 * `refund.succeeded` / `refund.failed` callback settles it.
 */
import type { Hono } from 'hono';
import { z } from 'zod/mini';
import { IDEMPOTENCY_HEADER } from '../../src/core/protocol/schemas.js';
import type { AppEnv, ServerContext } from '../context.js';
import { findPayment } from '../db/payments.js';
import { committedRefunds, findRefund, findRefundByKey, insertRefund, listRefunds, refundedAmount, type RefundRecord } from '../db/refunds.js';
import { randomId } from '../db/sessions.js';
import type { Sql } from '../storage/storage.js';
import { ApiError, describeIssues, readJson } from '../http/errors.js';
import { deliverEvent, enqueueEvent } from '../psp/webhooks.js';

/** `POST /merchant/v1/payments/{id}/refunds` body; without `amount`, whatever is left is refunded. */
export const RefundBody = z.object({
  amount: z.optional(z.int().check(z.positive())),
  reason: z.optional(z.string().check(z.maxLength(200))),
});

const Key = z.uuid();

/** The refund as the merchant API shows it. */
export function refundView(refund: RefundRecord) {
  return {
    id: refund.id,
    paymentId: refund.paymentId,
    amount: refund.amount,
    status: refund.status,
    ...(refund.reason ? { reason: refund.reason } : {}),
    createdAt: new Date(refund.createdAt).toISOString(),
  };
}

/** What a refund request asks, once its header and body are valid. */
export interface RefundRequest {
  paymentId: string;
  /** The request's Idempotency-Key: one refund per (payment, key). */
  key: string;
  /** Minor units; without it, whatever is left. */
  amount?: number;
  reason?: string;
  now: number;
}

export interface RefundOutcome {
  refund: RefundRecord;
  /** `false` when the key had been used already: a replay of that refund. */
  created: boolean;
  payment: { sessionId: string; method: string };
}

/**
 * Decides a refund in one transaction, on the storage or inside a caller's
 * transaction. Every refund of a payment takes the same lock (a Postgres
 * advisory lock, across instances; SQLite's one writer already serialises),
 * so two refunds racing on two instances cannot both pass the balance check:
 * the second reads the first's row. The key's uniqueness is the database's
 * constraint, so a replay never inserts twice whatever the lock does.
 */
export async function createRefund(db: Sql, request: RefundRequest): Promise<RefundOutcome> {
  const { paymentId, key } = request;
  return db.transaction(async (tx) => {
    await tx.lock(`payment:${paymentId}`);
    const payment = await findPayment(tx, paymentId);
    if (!payment) throw new ApiError(404, 'not_found', 'No such payment.');
    const replay = async (existing: RefundRecord): Promise<RefundOutcome> => {
      if (request.amount !== undefined && request.amount !== existing.amount.value) {
        throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a refund of another amount.');
      }
      return { refund: existing, created: false, payment };
    };
    const earlier = await findRefundByKey(tx, paymentId, key);
    if (earlier) return replay(earlier);
    if (payment.status !== 'succeeded') throw new ApiError(409, 'invalid_request', `Only a paid payment can be refunded; this one is ${payment.status}.`);
    const left = payment.amount.value - (await committedRefunds(tx, paymentId));
    const value = request.amount ?? left;
    if (left <= 0) throw new ApiError(409, 'invalid_request', 'The payment has been refunded in full already.');
    if (value > left) throw new ApiError(422, 'invalid_request', `At most ${left} (minor units) can still be refunded.`);
    const refund: RefundRecord = {
      id: randomId('re'),
      paymentId,
      amount: { value, currency: payment.amount.currency },
      status: 'pending',
      reason: request.reason ?? null,
      idempotencyKey: key,
      createdAt: request.now,
      updatedAt: request.now,
    };
    if (await insertRefund(tx, refund)) return { refund, created: true, payment };
    // The same key won on another connection in between: answer with its refund.
    const winner = await findRefundByKey(tx, paymentId, key);
    if (!winner) throw new Error(`Refund of ${paymentId} under a taken key vanished.`);
    return replay(winner);
  });
}

/** The sandbox PSP refunds what it is asked: it answers by callback, like for payments. */
async function askPsp(ctx: ServerContext, outcome: RefundOutcome): Promise<void> {
  const { refund, payment } = outcome;
  const { event, held } = await enqueueEvent(ctx, {
    type: 'refund.succeeded',
    payment: { id: refund.paymentId, sessionId: payment.sessionId, method: payment.method },
    amount: refund.amount,
    refundId: refund.id,
  });
  if (!held) await deliverEvent(ctx, event.id);
}

export function mountRefunds(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.post('/payments/:id/refunds', async (c) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (!key || !Key.safeParse(key).success) {
      throw new ApiError(400, 'invalid_request', `Send a UUID as the ${IDEMPOTENCY_HEADER} header: a refund must never be paid out twice.`);
    }
    const parsed = RefundBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const outcome = await createRefund(ctx.store, {
      paymentId: c.req.param('id'),
      key,
      amount: parsed.data.amount,
      reason: parsed.data.reason,
      now: ctx.now(),
    });
    if (outcome.created) await askPsp(ctx, outcome);
    const current = (await findRefund(ctx.store, outcome.refund.id)) ?? outcome.refund;
    return c.json(refundView(current), outcome.created ? 201 : 200);
  });

  app.get('/payments/:id/refunds', async (c) => {
    const payment = await findPayment(ctx.store, c.req.param('id'));
    if (!payment) throw new ApiError(404, 'not_found', 'No such payment.');
    const [refunded, refunds] = await Promise.all([refundedAmount(ctx.store, payment.id), listRefunds(ctx.store, payment.id)]);
    return c.json({ paymentId: payment.id, refundedAmount: { value: refunded, currency: payment.amount.currency }, refunds: refunds.map(refundView) }, 200);
  });
}
