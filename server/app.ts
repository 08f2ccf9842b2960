/**
 * Starts the reference backend: the API origin (checkout API, merchant API,
 * sandbox PSP pages) and the demo store origin (index.html, dist/, demo/,
 * the store's checkout route, and a same-origin mount of the checkout API).
 * Two listeners so the widget is exercised cross-origin by default.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { checkoutApi } from './checkout/routes.js';
import { beaconRoute } from './analytics/beacon.js';
import { experimentsFromEnv } from './analytics/experiments.js';
import { rolloutRoutes } from './analytics/rollouts.js';
import { experimentRoutes, monitoringRoutes } from './analytics/routes.js';
import { evaluateMonitoring } from './analytics/monitoring.js';
import { dashboardRoutes } from './dashboard/routes.js';
import type { ExperimentDefinition } from '../src/core/protocol/bucketing.js';
import { DEFAULT_TOKEN_TTL_SECONDS, merchantSecretFromEnv } from './config.js';
import type { AppEnv, ServerContext } from './context.js';
import type { Synchronous } from './db/database.js';
import { purgeKeys } from './db/idempotency.js';
import { openStorage } from './storage/open.js';
import type { Storage } from './storage/storage.js';
import { limitBody } from './http/body-limit.js';
import { ApiError, handleError } from './http/errors.js';
import { DEFAULT_RATE_LIMITS, RateLimiter, resolveClientAddress, type RateLimits } from './http/rate-limit.js';
import { merchantApi } from './merchant/routes.js';
import { sandboxRoutes } from './sandbox/routes.js';
import { storeRoutes } from './store/routes.js';
import { deliverDue } from './psp/webhooks.js';
import { webhookRoutes } from './webhooks/receiver.js';
import { reconciliationSandbox } from './reconciliation/sandbox.js';
import { webhookSecretFromEnv } from './webhooks/signature.js';
import { createSupport, SUPPORT_PATHS, type MountedSupport, type SupportOptions } from './support/index.js';
import { isServedPath, readStatic, staticResponse } from './store/static.js';
import { cardOrigin } from './card-frame/routes.js';

export interface StartOptions {
  /** Interface to bind; the sandbox is meant for this machine only. */
  host?: string;
  /** 0 picks a free port. */
  storePort?: number;
  apiPort?: number;
  /** The payment origin (card frame and sandbox vault); 0 picks a free port. */
  cardPort?: number;
  /** SQLite file; created with its folder if missing. Unused when `databaseUrl` is set. */
  dbPath: string;
  /**
   * A `postgres://` URL: store everything in Postgres instead of the SQLite file, so several
   * instances can serve one store behind a load balancer (docs/deploy.md). Defaults to none.
   */
  databaseUrl?: string;
  /** Postgres connections per instance (default 10). */
  maxConnections?: number;
  /**
   * The URLs buyers and the PSP reach this instance by, when they differ from the listeners'
   * (behind a load balancer or a TLS proxy): used in redirect URLs, the sandbox PSP's callbacks
   * and as an allowed store origin. Each without a trailing slash.
   */
  publicUrls?: { api?: string; store?: string; card?: string };
  /**
   * Addresses of the load balancers in front of this instance: from them, the client's address is
   * read from X-Forwarded-For (rate limits key on it); from anyone else that header is ignored.
   */
  trustedProxies?: ReadonlySet<string>;
  /**
   * On close, how long in-flight requests may take to finish before their connections are cut
   * (default 10 s). Support sockets and long-polls are handed over at once (code 1012: the client
   * resumes on another instance from its cursor).
   */
  drainTimeoutMs?: number;
  /** Folder that holds index.html, dist/ and demo/ (the repository root). */
  storeRoot: string;
  /** Defaults to `CHECKOUT_KIT_MERCHANT_SECRET` or the documented sandbox secret. */
  merchantSecret?: string;
  /** Further origins allowed by CORS and to frame the 3-D Secure page (e.g. a test page's origin). */
  extraStoreOrigins?: readonly string[];
  /** Default session token lifetime (seconds); 30 minutes unless set. */
  tokenTtlSeconds?: number;
  /** Clock override for tests. */
  now?: () => number;
  /** The support chat service: business hours and agents (docs/support.md). */
  support?: SupportOptions;
  /** `FULL` syncs every commit to disk (survives power loss); `NORMAL` (default) survives process crashes. */
  synchronous?: Synchronous;
  /** Overrides of the per-client rate limits (server/http/rate-limit.ts). */
  rateLimits?: Partial<RateLimits>;
  /** Secret of PSP callbacks; defaults to `CHECKOUT_KIT_WEBHOOK_SECRET` or the documented sandbox secret. */
  webhookSecret?: string;
  /** Where the sandbox PSP sends callbacks; defaults to this backend's `/webhooks/psp`. */
  webhookUrl?: string;
  /** Experiments on the method order, assigned per buyer in `GET /session`; defaults to `CHECKOUT_KIT_EXPERIMENTS` (docs/experiments.md). */
  experiments?: ExperimentDefinition[];
}

export interface RunningServers {
  /** e.g. `http://127.0.0.1:5173` (no trailing slash). */
  storeUrl: string;
  /** e.g. `http://127.0.0.1:8787`; the checkout API is at `${apiUrl}/checkout/v1`. */
  apiUrl: string;
  /** The payment origin: the card frame (`/card-frame/v1`) and the sandbox vault. */
  cardUrl: string;
  merchantSecret: string;
  /** Secret of PSP callbacks to `${apiUrl}/webhooks/psp`. */
  webhookSecret: string;
  /** The storage every service uses (what tests should assert on once `db` is gone). */
  store: Storage;
  /** The support chat service (status refresh, socket count for the load test). */
  support: MountedSupport;
  /** Where this instance's listeners are bound (differs from the URLs above behind a load balancer). */
  listeners: { store: string; api: string; card: string };
  /** Makes /readyz answer 503 (draining) while everything else still serves; `close()` does it too. */
  startDraining(): void;
  /** Drains and stops: readiness fails, sockets are handed over, requests in flight finish, the storage closes. */
  close(): Promise<void>;
}

/**
 * Where browsers fetch Apple Pay's and Google Pay's payment-method manifests when the widget asks
 * `canMakePayment()`: without them in `connect-src` a strict page reports violations and the wallets are
 * simply not offered.
 */
export const WALLET_MANIFEST_ORIGINS = 'https://apple.com https://google.com https://pay.google.com';

/** `script-src 'self'` and no inline anything: the store page proves the widget runs under a strict CSP. */
export function storeCsp(apiOrigin: string, cardOrigin = ''): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: ${apiOrigin}`,
    // Chromium fetches the wallets' payment-method manifests for canMakePayment() under the page's connect-src.
    `connect-src 'self' ${apiOrigin} ${WALLET_MANIFEST_ORIGINS}`,
    `frame-src 'self' ${apiOrigin}${cardOrigin ? ` ${cardOrigin}` : ''}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

function listen(app: Hono<AppEnv>, host: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(server));
    server.once('error', reject);
  });
}

function urlOf(server: ServerType, host: string): string {
  const { port } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Stops accepting connections, lets requests in flight finish (up to `timeoutMs`), then cuts what
 * is left. Idle keep-alive sockets are closed at once: they would otherwise hold close() open.
 */
function closeServer(server: ServerType, timeoutMs = 0): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    const cut = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, timeoutMs);
    cut.unref();
  });
}

/** Liveness and readiness for a load balancer (docs/deploy.md): ready means the database answers and the instance is not draining. */
function healthRoutes(storage: Storage, draining: () => boolean): Hono<AppEnv> {
  const health = new Hono<AppEnv>();
  health.get('/healthz', (c) => c.json({ status: 'ok' }, 200, { 'Cache-Control': 'no-store' }));
  health.get('/readyz', async (c) => {
    const headers = { 'Cache-Control': 'no-store' };
    if (draining()) return c.json({ status: 'draining' }, 503, headers);
    try {
      await storage.ping();
      return c.json({ status: 'ready', storage: storage.dialect.name }, 200, headers);
    } catch {
      // The reason may name the database host; it stays in this process's log.
      console.error('[checkout-kit server] readiness: the database does not answer');
      return c.json({ status: 'database_unavailable' }, 503, headers);
    }
  });
  return health;
}

export async function startServers(options: StartOptions): Promise<RunningServers> {
  const host = options.host ?? '127.0.0.1';
  if (options.dbPath !== ':memory:' && isServedPath(options.storeRoot, options.dbPath)) {
    throw new Error(`The database ${options.dbPath} is inside a served folder of the store; keep it out of index.html, dist/ and demo/.`);
  }
  // Assigned once the support service exists: after a lost LISTEN connection it re-reads from cursors.
  let onListenGap = (): void => undefined;
  const storage = await openStorage({
    sqlitePath: options.dbPath,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
    ...(options.synchronous ? { synchronous: options.synchronous } : {}),
    onListenGap: () => onListenGap(),
  });
  let draining = false;
  const now = options.now ?? Date.now;
  const ctx: ServerContext = {
    store: storage,
    now,
    merchantSecret: options.merchantSecret ?? merchantSecretFromEnv(),
    tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    storeOrigins: new Set(options.extraStoreOrigins ?? []),
    apiUrl: '',
    storeUrl: '',
    limiter: new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits }, storage, now),
    webhookSecret: options.webhookSecret ?? webhookSecretFromEnv(),
    webhookUrl: () => options.webhookUrl ?? `${ctx.apiUrl}/webhooks/psp`,
    experiments: options.experiments ?? experimentsFromEnv(process.env['CHECKOUT_KIT_EXPERIMENTS']),
  };
  let storeUrl = '';
  // Every instance purges: deleting what is past retention twice is harmless.
  let sweepSupportLimits = (): Promise<number> => Promise.resolve(0);
  const purge = (): Promise<void> =>
    Promise.all([purgeKeys(storage, ctx.now()), ctx.limiter.sweep(), sweepSupportLimits()]).then(
      () => undefined,
      (error: unknown) => console.error('[checkout-kit server] idempotency and rate-limit purge', error),
    );
  /**
   * A job run every `everyMs`, never overlapping itself; `stop()` ends the timer and waits for a
   * run in progress, so the storage is never closed under it.
   */
  const periodic = (name: string, everyMs: number, job: () => Promise<unknown>) => {
    let running: Promise<void> | undefined;
    const timer = setInterval(() => {
      running ??= job()
        .then(() => undefined)
        .catch((error: unknown) => console.error(`[checkout-kit server] ${name}`, error))
        .finally(() => (running = undefined));
    }, everyMs);
    timer.unref();
    return {
      async stop() {
        clearInterval(timer);
        await running;
      },
    };
  };
  await purge();
  const jobs = [
    periodic('idempotency and rate-limit purge', 60 * 60 * 1000, purge),
    // Callbacks the backend did not acknowledge are retried with backoff (server/psp/webhooks.ts).
    periodic('webhook delivery', 5_000, () => deliverDue(ctx)),
    // The payment monitor judges closed 5-minute windows; once a minute is often enough (server/analytics/monitoring.ts).
    periodic('payment monitoring', 60_000, () => evaluateMonitoring(ctx)),
  ];
  const stopJobs = () => Promise.all(jobs.map((job) => job.stop()));

  const trustedProxies = options.trustedProxies ?? new Set<string>();
  // Resolved once per request, before any rule counts it: rate limits key on it (server/http/rate-limit.ts).
  const clientAddress: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('clientAddress', resolveClientAddress(c.env.incoming.socket.remoteAddress, c.req.header('X-Forwarded-For'), trustedProxies));
    await next();
  };
  const notFound = (c: { req: { method: string; path: string } }): never => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  };
  // Mounted before the global body limit: the support routes set their own (small frames, 2 MB images).
  const support = createSupport(ctx, options.support);
  sweepSupportLimits = () => support.service.sweepLimits();
  // Notifications sent while this instance's LISTEN connection was down are lost: re-read from every connection's cursor.
  onListenGap = () => {
    support.service.resync().catch((error: unknown) => console.error('[checkout-kit server] support resync', error));
  };
  const api = new Hono<AppEnv>();
  api.onError(handleError);
  api.use(clientAddress);
  api.route('/', healthRoutes(storage, () => draining));
  api.route(SUPPORT_PATHS.api, support.buyerRoutes);
  api.route(SUPPORT_PATHS.agent, support.agentRoutes);
  api.notFound(notFound);
  api.use(limitBody());
  // Beacons carry their token in the body: ahead of the checkout API, whose middleware wants headers.
  api.route('/checkout/v1/events/beacon', beaconRoute(ctx));
  api.route('/checkout/v1', checkoutApi(ctx, { sandboxBase: () => `${ctx.apiUrl}/sandbox` }));
  // Before /sandbox, whose catch-all would answer first.
  api.route('/sandbox/reconciliation', reconciliationSandbox(ctx));
  api.route('/sandbox', sandboxRoutes(ctx));
  // Ahead of the merchant API, whose catch-all would answer first; same merchant secret.
  api.route('/merchant/v1/rollouts', rolloutRoutes(ctx));
  api.route('/merchant/v1/experiments', experimentRoutes(ctx));
  api.route('/merchant/v1/monitoring', monitoringRoutes(ctx));
  api.route('/dashboard', dashboardRoutes(ctx));
  api.route('/merchant/v1', merchantApi(ctx));
  api.route('/webhooks', webhookRoutes(ctx));
  api.get('/', (c) =>
    c.json({ service: 'checkout-kit reference backend', checkout: `${ctx.apiUrl}/checkout/v1`, docs: 'docs/protocol.md' }),
  );

  const store = new Hono<AppEnv>();
  store.onError(handleError);
  store.use(clientAddress);
  store.route('/', healthRoutes(storage, () => draining));
  store.route(SUPPORT_PATHS.store, support.buyerRoutes);
  store.use(limitBody());
  store.use(async (c, next) => {
    await next();
    // Sandbox pages on the same-origin mount bring their own, stricter policy.
    if (!c.res.headers.has('Content-Security-Policy')) {
      c.res.headers.set('Content-Security-Policy', storeCsp(new URL(ctx.apiUrl).origin, ctx.cardUrl ? new URL(ctx.cardUrl).origin : ''));
    }
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  });
  store.route('/api/checkout/v1/events/beacon', beaconRoute(ctx));
  store.route('/api/checkout/v1', checkoutApi(ctx, { sandboxBase: () => `${storeUrl}/api/sandbox` }));
  store.route('/api/sandbox', sandboxRoutes(ctx));
  store.route('/store', storeRoutes(ctx, () => storeUrl));
  // Compressed and cached like a CDN would (staticResponse: brotli/gzip, immutable hashed chunks, ETag/304).
  const serveFile = async (request: Request, folder: string, relative: string) => {
    const file = await readStatic(resolve(options.storeRoot, folder), relative);
    if (!file) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    return staticResponse(request, file, new URL(request.url).pathname);
  };
  store.get('/', (c) => serveFile(c.req.raw, '.', 'index.html'));
  store.get('/index.html', (c) => serveFile(c.req.raw, '.', 'index.html'));
  // Each folder is its own root: nothing above dist/ or demo/ is reachable, however the path is encoded.
  store.get('/dist/*', (c) => serveFile(c.req.raw, 'dist', c.req.path.slice('/dist/'.length)));
  store.get('/demo/*', (c) => serveFile(c.req.raw, 'demo', c.req.path.slice('/demo/'.length)));
  store.get('/themes/*', (c) => serveFile(c.req.raw, 'themes', c.req.path.slice('/themes/'.length)));

  // Listen only once the chat hears the other instances: a buyer connecting now must get what they write.
  await support.service.ready();
  const apiServer = await listen(api, host, options.apiPort ?? 0);
  let storeServer: ServerType;
  let cardServer: ServerType;
  try {
    storeServer = await listen(store, host, options.storePort ?? 0);
  } catch (error) {
    await support.close();
    await Promise.all([closeServer(apiServer), stopJobs()]);
    await storage.close();
    throw error;
  }
  try {
    cardServer = await listen(cardOrigin(ctx, { storeRoot: options.storeRoot }), host, options.cardPort ?? 0);
  } catch (error) {
    await support.close();
    await Promise.all([closeServer(apiServer), closeServer(storeServer), stopJobs()]);
    await storage.close();
    throw error;
  }
  support.sockets.attach(apiServer, { buyer: `${SUPPORT_PATHS.api}/ws`, agent: `${SUPPORT_PATHS.agent}/ws` });
  support.sockets.attach(storeServer, { buyer: `${SUPPORT_PATHS.store}/ws` });
  ctx.apiUrl = options.publicUrls?.api ?? urlOf(apiServer, host);
  storeUrl = options.publicUrls?.store ?? urlOf(storeServer, host);
  ctx.storeUrl = storeUrl;
  ctx.cardUrl = options.publicUrls?.card ?? urlOf(cardServer, host);
  ctx.storeOrigins.add(new URL(storeUrl).origin);
  // The same page opened as localhost instead of 127.0.0.1 is the same store.
  if (host === '127.0.0.1') ctx.storeOrigins.add(storeUrl.replace('127.0.0.1', 'localhost'));

  let closed = false;
  return {
    storeUrl,
    apiUrl: ctx.apiUrl,
    cardUrl: ctx.cardUrl,
    merchantSecret: ctx.merchantSecret,
    webhookSecret: ctx.webhookSecret,
    store: storage,
    support,
    listeners: { store: urlOf(storeServer, host), api: urlOf(apiServer, host), card: urlOf(cardServer, host) },
    startDraining() {
      draining = true;
    },
    async close() {
      if (closed) return;
      closed = true;
      // Timers stop; a delivery or monitoring run in progress finishes before the storage closes.
      const jobsStopped = stopJobs();
      // Readiness fails first, so a load balancer polling /readyz stops sending here.
      draining = true;
      // Sockets and long-polls are told to reconnect (to another instance) now; requests in flight finish.
      await support.close();
      const grace = options.drainTimeoutMs ?? 10_000;
      await Promise.all([closeServer(apiServer, grace), closeServer(storeServer, grace), closeServer(cardServer, grace), jobsStopped]);
      await storage.close();
    },
  };
}
