/**
 * The backend's side of PSP callbacks (docs/protocol.md, "PSP callbacks"),
 * written the way any store backend must: verify the signature over the raw
 * body in constant time, refuse timestamps outside the replay window, store
 * each event once by its id, apply it in the same transaction, answer fast.
 * Events may arrive twice or out of order: applying one is idempotent and
 * does not depend on what came before (a final payment outcome is kept, refunds
 * and chargebacks are keyed by their own ids). The callback, not the browser's
 * return, is what moves a payment to its outcome.
 */
import { Hono } from 'hono';
import type { AppEnv, ServerContext } from '../context.js';
import { findPayment, savePayment } from '../db/payments.js';
import { ApiError, handleError } from '../http/errors.js';
import { complete, isFinal } from '../psp/engine.js';
import { PspEvent } from '../psp/webhooks.js';
import { sessionLock } from '../checkout/live-payment.js';
import type { Sql } from '../storage/storage.js';
import { WEBHOOK_ID_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, verifyWebhook } from './signature.js';

export interface WebhookAnswer {
  received: true;
  /** True when this event id had been stored before: nothing was applied again. */
  duplicate: boolean;
}

export function webhookRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);

  app.post('/psp', async (c) => {
    const body = await c.req.text();
    const verdict = verifyWebhook(
      ctx.webhookSecret,
      { timestamp: c.req.header(WEBHOOK_TIMESTAMP_HEADER), signature: c.req.header(WEBHOOK_SIGNATURE_HEADER) },
      body,
      ctx.now(),
    );
    if (!verdict.ok) {
      // One answer for every verification failure: nothing to learn about which part was wrong.
      throw new ApiError(401, 'unauthorized', 'The webhook signature is missing, wrong or outside the replay window.');
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new ApiError(400, 'invalid_request', 'The webhook body must be JSON.');
    }
    const parsed = PspEvent.safeParse(json);
    if (!parsed.success) throw new ApiError(400, 'invalid_request', 'The webhook body is not a PSP event.');
    const event = parsed.data;
    if (c.req.header(WEBHOOK_ID_HEADER) !== event.id) throw new ApiError(400, 'invalid_request', `${WEBHOOK_ID_HEADER} differs from the event id.`);
    const duplicate = await receiveEvent(ctx.store, event, ctx.now());
    const answer: WebhookAnswer = { received: true, duplicate };
    return c.json(answer, 200);
  });

  app.all('*', (c) => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}

/**
 * Stores a verified event once and applies it, in one transaction. Returns
 * true when the event id was already stored (then nothing happens). The inbox
 * row's primary key decides between deliveries racing on several instances:
 * the second insert waits for the first transaction and then does nothing, so
 * only the delivery whose insert changed a row applies the event.
 */
export async function receiveEvent(db: Sql, event: PspEvent, now: number): Promise<boolean> {
  return db.transaction(async (tx): Promise<boolean> => {
    const stored = await tx.run(
      'INSERT INTO webhook_events (id, type, payment_id, body, occurred_at, received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      [event.id, event.type, event.data.paymentId, JSON.stringify(event), event.createdAt, now],
    );
    if (stored.changes !== 1) return true;
    await applyEvent(tx, event, now);
    return false;
  });
}

async function applyEvent(tx: Sql, event: PspEvent, now: number): Promise<void> {
  const known = await findPayment(tx, event.data.paymentId);
  // An event for a payment we do not know stays stored for reconciliation ("missing on our side").
  if (!known) return;
  const { data } = event;
  switch (event.type) {
    case 'payment.succeeded':
    case 'payment.failed': {
      // The payment is read again under its session's lock: a poll or a cancel on another instance writes it too.
      await tx.lock(sessionLock(known.sessionId));
      const payment = (await findPayment(tx, known.id)) ?? known;
      const completion =
        event.type === 'payment.succeeded' ? ({ outcome: 'succeeded' } as const) : ({ outcome: 'failed', code: data.failureCode ?? 'processing_error' } as const);
      // The PSP's word beats what we only inferred locally (a QR code we took for expired was paid at the last second);
      // any other final outcome was confirmed by the PSP already, and the first one stays.
      const base = payment.status === 'failed' && payment.failureCode === 'expired' ? { ...payment, status: 'requires_action' as const, failureCode: null, actionExpiresAt: null } : payment;
      if (isFinal(base)) return;
      const next = complete(base, completion, now);
      if (next !== payment) await savePayment(tx, next);
      return;
    }
    case 'refund.succeeded':
    case 'refund.failed': {
      if (!data.refundId) return;
      const status = event.type === 'refund.succeeded' ? 'succeeded' : 'failed';
      // Created at the PSP's dashboard rather than through us: recorded all the same.
      await tx.run(
        `INSERT INTO refunds (id, payment_id, amount_value, currency, status, reason, idempotency_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at WHERE refunds.status = 'pending'`,
        [data.refundId, known.id, data.amount.value, data.amount.currency, status, now, now],
      );
      return;
    }
    case 'chargeback.created': {
      if (!data.chargebackId) return;
      await tx.run('INSERT INTO chargebacks (id, payment_id, amount_value, currency, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [
        data.chargebackId,
        known.id,
        data.amount.value,
        data.amount.currency,
        now,
      ]);
      return;
    }
    default:
      // Unknown types are stored (above) and otherwise ignored: a PSP may add types at any time.
      return;
  }
}
