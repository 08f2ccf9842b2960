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
    const payment = findPayment(ctx.db, paymentId);
    if (!payment) throw new ApiError(404, 'not_found', 'No such payment.');
    const open = payment.status === 'pending' || payment.status === 'requires_action';
    const now = ctx.now();
    switch (kind) {
      case 'lost_callback': {
        if (!open) throw new ApiError(409, 'invalid_request', 'lost_callback needs an open payment.');
        const { event } = enqueueEvent(ctx, { type: 'payment.succeeded', payment, amount: payment.amount });
        ctx.db.prepare('UPDATE psp_outbox SET delivered_at = ?, held = 0 WHERE id = ?').run(now, event.id);
        break;
      }
      case 'trusted_browser':
        if (!open) throw new ApiError(409, 'invalid_request', 'trusted_browser needs an open payment.');
        ctx.db.prepare(`UPDATE payments SET status = 'succeeded', failure_code = NULL, updated_at = ? WHERE id = ?`).run(now, payment.id);
        break;
      case 'partial_capture': {
        const booked = ctx.db.prepare(`UPDATE psp_ledger SET amount_value = ? WHERE kind = 'capture' AND reference = ?`).run(
          parsed.data.amount ?? payment.amount.value - 1,
          payment.id,
        );
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
