/**
 * `/dashboard` on the reference backend's API origin: the experiment and
 * payment monitoring dashboard behind the merchant login.
 *
 * - `GET /dashboard`: the page, or the sign-in form. `POST /dashboard/login`
 *   (form field `secret`, the merchant secret) sets an HttpOnly, SameSite=Strict
 *   cookie holding a random session id (only its hash is kept, in memory, 8 hours);
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
  /** Session id hash → expiry (ms). In memory: a restart signs everyone out, which is fine for a sandbox. */
  const sessions = new Map<string, number>();
  const assets = new Map<string, string>();

  const signedIn = (c: Context<AppEnv>): boolean => {
    const cookie = getCookie(c, COOKIE);
    if (cookie && /^[A-Za-z0-9_-]{43}$/.test(cookie)) {
      const expires = sessions.get(hash(cookie));
      if (expires !== undefined && expires > ctx.now()) return true;
    }
    const bearer = bearerOf(c);
    return bearer !== undefined && checkSecret(c, bearer);
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
      ok = checkSecret(c, secret);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) return c.html(loginPage('tooMany'), 429);
      throw error;
    }
    if (!ok) return c.html(loginPage('wrong'), 401);
    const id = randomBytes(32).toString('base64url');
    const now = ctx.now();
    for (const [key, expires] of sessions) if (expires <= now || sessions.size >= MAX_SESSIONS) sessions.delete(key);
    sessions.set(hash(id), now + SESSION_MS);
    setCookie(c, COOKIE, id, {
      path: '/dashboard',
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: SESSION_MS / 1000,
    });
    return c.redirect('/dashboard', 303);
  });

  app.post('/logout', (c) => {
    if (!sameOrigin(c)) throw new ApiError(403, 'invalid_request', 'Sign out from the dashboard page.');
    const cookie = getCookie(c, COOKIE);
    if (cookie) sessions.delete(hash(cookie));
    deleteCookie(c, COOKIE, { path: '/dashboard' });
    return c.redirect('/dashboard', 303);
  });

  const board = (windows: number) => {
    const now = ctx.now();
    return buildBoard(attemptRows(ctx.db, now - windows * WINDOW_MS), now, windows, degradedKeys(ctx));
  };

  app.get('/', (c) => {
    if (!signedIn(c)) return c.html(loginPage(), 401);
    const { settings } = loadAlertSettings(ctx.db);
    return c.html(dashboardPage(experimentReports(ctx), board(boardWindows(c.req.query('windows'))), listAlerts(ctx.db, 20), settings), 200);
  });

  const requireSignedIn = (c: Context<AppEnv>) => {
    if (!signedIn(c)) throw new ApiError(401, 'unauthorized', 'Sign in at /dashboard, or send the merchant secret as "Authorization: Bearer <secret>".');
  };

  app.get('/api/experiments', (c) => {
    requireSignedIn(c);
    return c.json({ experiments: experimentReports(ctx) }, 200);
  });
  app.get('/api/monitoring', (c) => {
    requireSignedIn(c);
    return c.json({ board: board(boardWindows(c.req.query('windows'))), alerts: listAlerts(ctx.db, 50).map((a) => ({ ...a, body: JSON.parse(a.body) as unknown })), settings: loadAlertSettings(ctx.db).settings }, 200);
  });

  app.get('/export/:file', (c) => {
    requireSignedIn(c);
    const match = /^([A-Za-z0-9_-]{1,140})\.csv$/.exec(c.req.param('file'));
    if (!match) throw new ApiError(404, 'not_found', 'No such table.');
    const tables = [
      ...experimentReports(ctx).flatMap(experimentTables),
      ...monitoringTables(board(boardWindows(c.req.query('windows'))), listAlerts(ctx.db, 1000)),
    ];
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
