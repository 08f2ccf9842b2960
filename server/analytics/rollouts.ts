/**
 * Gradual rollout of payment methods on the reference backend.
 *
 * - `PUT /merchant/v1/rollouts/{method}` `{ shares: { "ID": 0.1, "*": 0 }, guardrail?: { margin, minAttempts, windowMinutes } }`
 *   widens, narrows or halts (share 0) a method per buyer country, without a deploy; `GET /merchant/v1/rollouts` lists them.
 * - When the widget loads a session, a rolled-out method stays in the offers only for buyers
 *   whose hash of (`rollout:<method>`, buyer id or session id) is below their country's share
 *   (sticky: widening keeps everyone already in). A method taken out is taken out of the session,
 *   so `POST /payments` refuses it too.
 * - The guardrail halts the rollout by itself when the method's failure rate over the window
 *   exceeds the other methods' by more than `margin`, on at least `minAttempts` final attempts.
 */
import { Hono } from 'hono';
import { z } from 'zod/mini';
import { inRollout } from '../../src/core/protocol/bucketing.js';
import type { PaymentMethodOffer } from '../../src/core/protocol/schemas.js';
import type { AppEnv, ServerContext } from '../context.js';
import { haltRollout, listRollouts, outcomeCounts, putRollout, type Guardrail } from '../db/experiments.js';
import { saveMethods, type SessionRecord } from '../db/sessions.js';
import { ApiError, describeIssues, handleError, readJson } from '../http/errors.js';
import { requireMerchant } from '../merchant/auth.js';

const Share = z.number().check(z.gte(0), z.lte(1));
const RolloutBody = z.object({
  shares: z.record(z.string().check(z.regex(/^([A-Z]{2}|\*)$/)), Share),
  guardrail: z.optional(
    z.object({
      margin: z.number().check(z.gt(0), z.lte(1)),
      minAttempts: z.int().check(z.gte(1)),
      windowMinutes: z.int().check(z.gte(1), z.lte(7 * 24 * 60)),
    }),
  ),
});
const MethodId = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** True when the method fails more than the others by over the margin, on enough attempts. */
export function guardrailTripped(method: { attempts: number; failures: number }, others: { attempts: number; failures: number }, guardrail: Guardrail): boolean {
  if (method.attempts < guardrail.minAttempts || method.attempts <= 0) return false;
  const baseline = others.attempts > 0 ? others.failures / others.attempts : 0;
  return method.failures / method.attempts - baseline > guardrail.margin;
}

/**
 * The session's offers after the rollouts: methods outside their rollout for
 * this buyer are removed (and removed from the stored session). Trips guardrails on the way.
 */
export async function applyRollouts(ctx: Pick<ServerContext, 'store' | 'now'>, session: SessionRecord): Promise<PaymentMethodOffer[]> {
  const offered = new Set(session.methods.map((m) => m.id));
  const unit = session.buyerId ?? session.id;
  const hidden = new Set<string>();
  for (const rollout of await listRollouts(ctx.store)) {
    if (!offered.has(rollout.method)) continue;
    let halted = rollout.haltedAt !== null;
    if (!halted && rollout.guardrail) {
      const counts = await outcomeCounts(ctx.store, rollout.method, ctx.now() - rollout.guardrail.windowMinutes * 60_000);
      if (guardrailTripped(counts.method, counts.others, rollout.guardrail)) {
        const rate = (n: { attempts: number; failures: number }) => (n.attempts ? ((100 * n.failures) / n.attempts).toFixed(1) : '0.0');
        await haltRollout(ctx.store, rollout.method, `failure rate ${rate(counts.method)}% vs ${rate(counts.others)}% of the other methods`, ctx.now());
        halted = true;
      }
    }
    const share = halted ? 0 : (rollout.shares[session.country] ?? rollout.shares['*'] ?? 0);
    if (!inRollout(rollout.method, unit, share)) hidden.add(rollout.method);
  }
  if (!hidden.size) return session.methods;
  const methods = session.methods.filter((m) => !hidden.has(m.id));
  await saveMethods(ctx.store, session.id, methods);
  return methods;
}

/** `/merchant/v1/rollouts`, with the merchant secret like the rest of the merchant API. */
export function rolloutRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use(requireMerchant(ctx));
  app.get('/', async (c) => c.json({ rollouts: await listRollouts(ctx.store) }, 200));
  app.put('/:method', async (c) => {
    const method = c.req.param('method');
    if (!MethodId.test(method)) throw new ApiError(400, 'invalid_request', 'The method id is not a protocol method id.');
    const parsed = RolloutBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const rollout = await putRollout(ctx.store, { method, shares: parsed.data.shares, guardrail: parsed.data.guardrail ?? null }, ctx.now());
    return c.json(rollout, 200);
  });
  app.all('*', (c) => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}
