/**
 * Sandbox scenario for reconciliation: plants each kind of difference on a
 * real payment, the way it happens in production, so a store can see its
 * reconciliation find it. `POST /sandbox/reconciliation/plant { kind, paymentId }`:
 * - `lost_callback` (→ `missing_in_backend`): the PSP captures an open payment,
 *   but its callback is lost on the way (marked delivered, never received);
 * - `trusted_browser` (→ `missing_at_psp`): the backend marks an open payment
 *   paid on the buyer's word, without the PSP;
 * - `partial_capture` (→ `amount_mismatch`): the PSP books a paid payment for
 *   less than the backend recorded (`amount`, default one minor unit less).
 */
import { Hono } from 'hono';
import { z } from 'zod/mini';
import type { AppEnv, ServerContext } from '../context.js';
import { findPayment } from '../db/payments.js';
import { ApiError, describeIssues, handleError, readJson } from '../http/errors.js';
import { requireJson, sameOriginWrites } from '../http/request-origin.js';
import { enqueueEvent } from '../psp/webhooks.js';

export const PlantBody = z.object({
  kind: z.enum(['lost_callback', 'trusted_browser', 'partial_capture']),
  paymentId: z.string().check(z.minLength(1), z.maxLength(128)),
  amount: z.optional(z.int().check(z.positive())),
});

export function reconciliationSandbox(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use(sameOriginWrites(() => new Set([ctx.apiUrl, ctx.storeUrl, ...ctx.storeOrigins])));

  app.post('/plant', requireJson(), async (c) => {
    const parsed = PlantBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const { kind, paymentId } = parsed.data;
    const payment = await findPayment(ctx.store, paymentId);
    if (!payment) throw new ApiError(404, 'not_found', 'No such payment.');
    const open = payment.status === 'pending' || payment.status === 'requires_action';
    const now = ctx.now();
    switch (kind) {
      case 'lost_callback': {
        if (!open) throw new ApiError(409, 'invalid_request', 'lost_callback needs an open payment.');
        // One transaction: no instance's retry timer ever sees the event undelivered and sends it.
        await ctx.store.transaction(async (tx) => {
          const { event } = await enqueueEvent(ctx, { type: 'payment.succeeded', payment, amount: payment.amount }, tx);
          await tx.run('UPDATE psp_outbox SET delivered_at = ?, held = 0 WHERE id = ?', [now, event.id]);
        });
        break;
      }
      case 'trusted_browser': {
        // Conditional on the payment still being open, so a decision landing meanwhile (on any instance) is not overwritten.
        const marked = open
          ? await ctx.store.run(
              `UPDATE payments SET status = 'succeeded', failure_code = NULL, updated_at = ? WHERE id = ? AND status IN ('pending', 'requires_action')`,
              [now, payment.id],
            )
          : { changes: 0 };
        if (marked.changes === 0) throw new ApiError(409, 'invalid_request', 'trusted_browser needs an open payment.');
        break;
      }
      case 'partial_capture': {
        const booked = await ctx.store.run(`UPDATE psp_ledger SET amount_value = ? WHERE kind = 'capture' AND reference = ?`, [
          parsed.data.amount ?? payment.amount.value - 1,
          payment.id,
        ]);
        if (booked.changes === 0) throw new ApiError(409, 'invalid_request', 'partial_capture needs a payment the PSP captured.');
        break;
      }
    }
    return c.json({ planted: kind, paymentId }, 200);
  });

  app.all('*', (c) => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}
