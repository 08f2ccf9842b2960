/**
 * Merchant API of experiments and monitoring, with the merchant secret:
 * - `PUT /merchant/v1/experiments/{key}/plan` `{ baseline?, minimumDetectableEffect, alpha?, power? }`: the sample-size plan.
 * - `GET /merchant/v1/experiments`: the dashboard's experiment report as JSON.
 * - `GET|PUT /merchant/v1/monitoring/alerts`: alert settings (PUT answers the signing secret of the alerts), recent alerts.
 * - `GET /merchant/v1/monitoring/board?windows=12`: the monitoring board as JSON.
 * - `POST /merchant/v1/monitoring/evaluate`: one pass of the monitor now (it also runs every minute).
 * - `DELETE /merchant/v1/monitoring/degraded/{method}/{country}`: lifts a degraded mark by hand.
 */
import { Hono } from 'hono';
import { z } from 'zod/mini';
import type { AppEnv, ServerContext } from '../context.js';
import { attemptRows } from '../db/analytics.js';
import { DEFAULT_PLAN, putPlan } from '../db/experiments.js';
import { clearDegraded, listAlerts, listDegraded, loadAlertSettings, saveAlertSettings } from '../db/monitoring.js';
import { ApiError, describeIssues, handleError, readJson } from '../http/errors.js';
import { requireMerchant } from '../merchant/auth.js';
import { buildBoard, degradedKeys, evaluateMonitoring, WINDOW_MS } from './monitoring.js';
import { experimentReports } from './report.js';

const PlanBody = z.object({
  baseline: z.optional(z.number().check(z.gt(0), z.lt(1))),
  minimumDetectableEffect: z.number().check(z.gt(0), z.lte(10)),
  alpha: z.optional(z.number().check(z.gt(0), z.lt(0.5))),
  power: z.optional(z.number().check(z.gte(0.5), z.lt(1))),
});

/** Only http(s) URLs without credentials: the secret that signs alerts is the only credential. */
const WebhookUrl = z.string().check(
  z.maxLength(2048),
  z.refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'url must be an http(s) URL without user or password'),
);

const AlertBody = z.object({
  url: z.nullable(WebhookUrl),
  threshold: z.optional(z.number().check(z.gt(0), z.lte(1))),
  minAttempts: z.optional(z.int().check(z.gte(1), z.lte(1_000_000))),
  windows: z.optional(z.int().check(z.gte(1), z.lte(288))),
  markDegraded: z.optional(z.boolean()),
});

const ExperimentKey = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const MethodId = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const Country = /^[A-Z]{2}$/;

/** How many windows a board shows: 1 to 288 (a day), 12 (an hour) by default. */
export function boardWindows(raw: string | undefined): number {
  if (raw === undefined) return 12;
  const n = /^[0-9]{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= 288)) throw new ApiError(400, 'invalid_request', 'windows must be an integer from 1 to 288.');
  return n;
}

export function experimentRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use(requireMerchant(ctx));
  app.get('/', async (c) => c.json({ experiments: await experimentReports(ctx) }, 200));
  app.put('/:key/plan', async (c) => {
    const key = c.req.param('key');
    if (!ExperimentKey.test(key)) throw new ApiError(400, 'invalid_request', 'The experiment key is not a protocol experiment key.');
    const parsed = PlanBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const plan = { ...DEFAULT_PLAN, ...parsed.data };
    await putPlan(ctx.store, key, plan, ctx.now());
    return c.json({ experiment: key, plan }, 200);
  });
  app.all('*', (c) => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}

export function monitoringRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use(requireMerchant(ctx));
  app.get('/alerts', async (c) => {
    const [{ settings }, alerts, degraded] = await Promise.all([loadAlertSettings(ctx.store), listAlerts(ctx.store, 50), listDegraded(ctx.store)]);
    return c.json({ settings, alerts: alerts.map((a) => JSON.parse(a.body) as unknown), degraded }, 200);
  });
  app.put('/alerts', async (c) => {
    const parsed = AlertBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const settings = { ...(await loadAlertSettings(ctx.store)).settings, ...parsed.data };
    const signingSecret = await saveAlertSettings(ctx.store, settings, ctx.now());
    return c.json({ settings, signingSecret }, 200);
  });
  app.get('/board', async (c) => {
    const count = boardWindows(c.req.query('windows'));
    const now = ctx.now();
    const [attempts, degraded] = await Promise.all([attemptRows(ctx.store, now - count * WINDOW_MS), degradedKeys(ctx)]);
    return c.json(buildBoard(attempts, now, count, degraded), 200);
  });
  app.post('/evaluate', async (c) => c.json(await evaluateMonitoring(ctx), 200));
  app.delete('/degraded/:method/:country', async (c) => {
    const method = c.req.param('method');
    const country = c.req.param('country');
    if (!MethodId.test(method) || !Country.test(country)) throw new ApiError(400, 'invalid_request', 'A protocol method id and an ISO country code, please.');
    if (!(await clearDegraded(ctx.store, method, country))) throw new ApiError(404, 'not_found', 'That method is not marked degraded in that country.');
    return c.json({ method, country, degraded: false }, 200);
  });
  app.all('*', (c) => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}
