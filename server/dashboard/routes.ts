/**
 * `/dashboard` on the reference backend's API origin: the experiment and
 * payment monitoring dashboard behind the merchant login.
 *
 * - `GET /dashboard`: the page, or the sign-in form. `POST /dashboard/login`
 *   (form field `secret`, the merchant secret) sets an HttpOnly, SameSite=Strict
 *   cookie holding a random session id (only its hash is stored, in `dashboard_sessions`, 8 hours,
 *   so the sign-in holds on every instance);
 *   `POST /dashboard/logout` ends it. Wrong secrets count against the same
 *   per-client limit as the merchant API.
 * - `GET /dashboard/api/experiments`, `GET /dashboard/api/monitoring?windows=`: the data as JSON.
 * - `GET /dashboard/export/{table}.csv`: every table of the page as CSV.
 * - `GET /dashboard/assets/*`: uPlot, the chart script and the styles.
 * The API and export also accept `Authorization: Bearer <merchant secret>` (scripts, `npm run simulate`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { AppEnv, ServerContext } from '../context.js';
import { attemptRows } from '../db/analytics.js';
import { createDashboardSession, dashboardSessionValid, deleteDashboardSession } from '../db/dashboard.js';
import { listAlerts, loadAlertSettings } from '../db/monitoring.js';
import { ApiError, handleError } from '../http/errors.js';
import { bearerOf, merchantSecretChecker } from '../merchant/auth.js';
import { boardWindows } from '../analytics/routes.js';
import { buildBoard, degradedKeys, WINDOW_MS } from '../analytics/monitoring.js';
import { experimentReports } from '../analytics/report.js';
import { DASHBOARD_CSP, dashboardPage, loginPage } from './html.js';
import { experimentTables, monitoringTables, tableCsv } from './tables.js';

const COOKIE = 'ck_dashboard';
const SESSION_MS = 8 * 60 * 60 * 1000;
const MAX_SESSIONS = 1000;

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const ASSETS: Record<string, { path: string; type: string }> = {
  'uPlot.iife.min.js': { path: require.resolve('uplot/dist/uPlot.iife.min.js'), type: 'text/javascript; charset=utf-8' },
  'uPlot.min.css': { path: require.resolve('uplot/dist/uPlot.min.css'), type: 'text/css; charset=utf-8' },
  'dashboard.js': { path: join(here, 'assets', 'dashboard.js'), type: 'text/javascript; charset=utf-8' },
  'dashboard.css': { path: join(here, 'assets', 'dashboard.css'), type: 'text/css; charset=utf-8' },
};

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

export function dashboardRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  const checkSecret = merchantSecretChecker(ctx);
  const assets = new Map<string, string>();

  const signedIn = async (c: Context<AppEnv>): Promise<boolean> => {
    const cookie = getCookie(c, COOKIE);
    if (cookie && /^[A-Za-z0-9_-]{43}$/.test(cookie) && (await dashboardSessionValid(ctx.store, hash(cookie), ctx.now()))) return true;
    const bearer = bearerOf(c);
    return bearer !== undefined && (await checkSecret(c, bearer));
  };
  /** Form posts only from this origin (SameSite=Strict already keeps the cookie off cross-site posts). */
  const sameOrigin = (c: Context<AppEnv>): boolean => {
    const origin = c.req.header('Origin');
    return origin === undefined || origin === new URL(ctx.apiUrl).origin;
  };

  app.use(async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', DASHBOARD_CSP);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on the login form, which the origin check must refuse.
    c.res.headers.set('Referrer-Policy', 'same-origin');
    if (!c.req.path.startsWith('/dashboard/assets/')) c.res.headers.set('Cache-Control', 'no-store');
  });

  app.get('/assets/:name', (c) => {
    const asset = ASSETS[c.req.param('name')];
    if (!asset) throw new ApiError(404, 'not_found', 'No such asset.');
    let text = assets.get(asset.path);
    if (text === undefined) {
      text = readFileSync(asset.path, 'utf8');
      assets.set(asset.path, text);
    }
    return c.body(text, 200, { 'Content-Type': asset.type, 'Cache-Control': 'max-age=300' });
  });

  app.post('/login', async (c) => {
    if (!sameOrigin(c)) throw new ApiError(403, 'invalid_request', 'Sign in from the dashboard page.');
    const form = await c.req.parseBody();
    const secret = typeof form['secret'] === 'string' ? form['secret'] : undefined;
    let ok: boolean;
    try {
      ok = await checkSecret(c, secret);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) return c.html(loginPage('tooMany'), 429);
      throw error;
    }
    if (!ok) return c.html(loginPage('wrong'), 401);
    const id = randomBytes(32).toString('base64url');
    const now = ctx.now();
    await createDashboardSession(ctx.store, hash(id), now, now + SESSION_MS, MAX_SESSIONS);
    setCookie(c, COOKIE, id, {
      path: '/dashboard',
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: SESSION_MS / 1000,
    });
    return c.redirect('/dashboard', 303);
  });

  app.post('/logout', async (c) => {
    if (!sameOrigin(c)) throw new ApiError(403, 'invalid_request', 'Sign out from the dashboard page.');
    const cookie = getCookie(c, COOKIE);
    if (cookie) await deleteDashboardSession(ctx.store, hash(cookie));
    deleteCookie(c, COOKIE, { path: '/dashboard' });
    return c.redirect('/dashboard', 303);
  });

  const board = async (windows: number) => {
    const now = ctx.now();
    const [attempts, degraded] = await Promise.all([attemptRows(ctx.store, now - windows * WINDOW_MS), degradedKeys(ctx)]);
    return buildBoard(attempts, now, windows, degraded);
  };

  app.get('/', async (c) => {
    if (!(await signedIn(c))) return c.html(loginPage(), 401);
    const windows = boardWindows(c.req.query('windows'));
    const [{ settings }, reports, monitoring, alerts] = await Promise.all([loadAlertSettings(ctx.store), experimentReports(ctx), board(windows), listAlerts(ctx.store, 20)]);
    return c.html(dashboardPage(reports, monitoring, alerts, settings), 200);
  });

  const requireSignedIn = async (c: Context<AppEnv>) => {
    if (!(await signedIn(c))) throw new ApiError(401, 'unauthorized', 'Sign in at /dashboard, or send the merchant secret as "Authorization: Bearer <secret>".');
  };

  app.get('/api/experiments', async (c) => {
    await requireSignedIn(c);
    return c.json({ experiments: await experimentReports(ctx) }, 200);
  });
  app.get('/api/monitoring', async (c) => {
    await requireSignedIn(c);
    const windows = boardWindows(c.req.query('windows'));
    const [monitoring, alerts, { settings }] = await Promise.all([board(windows), listAlerts(ctx.store, 50), loadAlertSettings(ctx.store)]);
    return c.json({ board: monitoring, alerts: alerts.map((a) => ({ ...a, body: JSON.parse(a.body) as unknown })), settings }, 200);
  });

  app.get('/export/:file', async (c) => {
    await requireSignedIn(c);
    const match = /^([A-Za-z0-9_-]{1,140})\.csv$/.exec(c.req.param('file'));
    if (!match) throw new ApiError(404, 'not_found', 'No such table.');
    const windows = boardWindows(c.req.query('windows'));
    const [reports, monitoring, alerts] = await Promise.all([experimentReports(ctx), board(windows), listAlerts(ctx.store, 1000)]);
    const tables = [...reports.flatMap(experimentTables), ...monitoringTables(monitoring, alerts)];
    const table = tables.find((t) => t.id === match[1]);
    if (!table) throw new ApiError(404, 'not_found', 'No such table.');
    return c.body(tableCsv(table), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      // The id matched [A-Za-z0-9_-] above: nothing else reaches this header.
      'Content-Disposition': `attachment; filename="${table.id}.csv"`,
    });
  });

  app.all('*', (c) => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}
