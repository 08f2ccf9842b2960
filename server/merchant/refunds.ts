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

/** The sandbox PSP refunds what it is asked: it answers by callback, like for payments. */
async function askPsp(ctx: ServerContext, refund: RefundRecord, payment: { sessionId: string; method: string }): Promise<void> {
  const { event, held } = enqueueEvent(ctx, {
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
    const paymentId = c.req.param('id');
    // Decided in one synchronous transaction: two concurrent refunds cannot both pass the balance check.
    const outcome = ctx.db
      .transaction((): { refund: RefundRecord; created: boolean; payment: { sessionId: string; method: string } } => {
        const payment = findPayment(ctx.db, paymentId);
        if (!payment) throw new ApiError(404, 'not_found', 'No such payment.');
        const replay = findRefundByKey(ctx.db, paymentId, key);
        if (replay) {
          if (parsed.data.amount !== undefined && parsed.data.amount !== replay.amount.value) {
            throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a refund of another amount.');
          }
          return { refund: replay, created: false, payment };
        }
        if (payment.status !== 'succeeded') throw new ApiError(409, 'invalid_request', `Only a paid payment can be refunded; this one is ${payment.status}.`);
        const left = payment.amount.value - committedRefunds(ctx.db, paymentId);
        const value = parsed.data.amount ?? left;
        if (left <= 0) throw new ApiError(409, 'invalid_request', 'The payment has been refunded in full already.');
        if (value > left) throw new ApiError(422, 'invalid_request', `At most ${left} (minor units) can still be refunded.`);
        const now = ctx.now();
        const refund: RefundRecord = {
          id: randomId('re'),
          paymentId,
          amount: { value, currency: payment.amount.currency },
          status: 'pending',
          reason: parsed.data.reason ?? null,
          idempotencyKey: key,
          createdAt: now,
          updatedAt: now,
        };
        insertRefund(ctx.db, refund);
        return { refund, created: true, payment };
      })
      .immediate();
    if (outcome.created) await askPsp(ctx, outcome.refund, outcome.payment);
    const current = findRefund(ctx.db, outcome.refund.id) ?? outcome.refund;
    return c.json(refundView(current), outcome.created ? 201 : 200);
  });

  app.get('/payments/:id/refunds', (c) => {
    const payment = findPayment(ctx.db, c.req.param('id'));
    if (!payment) throw new ApiError(404, 'not_found', 'No such payment.');
    return c.json(
      { paymentId: payment.id, refundedAmount: { value: refundedAmount(ctx.db, payment.id), currency: payment.amount.currency }, refunds: listRefunds(ctx.db, payment.id).map(refundView) },
      200,
    );
  });
}
