/**
 * The demo store's own server routes: its catalog, and checkout, which asks
 * the merchant API for a session with the merchant secret. The secret stays
 * on this side; the browser only ever receives the session token.
 *
 * A token goes only to the browser that created the session: checkout sets a
 * signed, HttpOnly, SameSite=Lax cookie naming the session, and the token
 * route mints a fresh token only for a session that cookie names. The
 * session id alone (it is in every return URL) opens nothing.
 */
import { Hono, type Context } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';
import { createHmac } from 'node:crypto';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod/mini';
import { CountryCode, CurrencyCode, ErrorEnvelope, LocaleTag } from '../../src/core/protocol/schemas.js';
import type { AppEnv, ServerContext } from '../context.js';
import { ApiError, describeIssues, handleError, readJson } from '../http/errors.js';
import { clientKey } from '../http/rate-limit.js';
import { requireJson, sameOriginWrites } from '../http/request-origin.js';
import { MAX_TOKEN_TTL_SECONDS, MIN_TOKEN_TTL_SECONDS } from '../config.js';
import type { SessionCredentials } from '../merchant/routes.js';
import { minorUnitsOf } from '../money.js';
import { Faults } from '../psp/faults.js';
import { CATALOG, cartTotal, STORE_CURRENCIES } from './catalog.js';

export const StoreCheckoutBody = z.object({
  items: z
    .array(z.object({ sku: z.string().check(z.minLength(1), z.maxLength(64)), quantity: z.int().check(z.gte(1), z.lte(99)) }))
    .check(z.minLength(1), z.maxLength(50)),
  country: CountryCode,
  currency: CurrencyCode,
  locale: z.optional(LocaleTag),
  /** Sandbox only: passed through so the demo and e2e tests can script outcomes. */
  scenario: z.optional(z.string()),
  faults: z.optional(Faults),
  methods: z.optional(z.array(z.string())),
  /** Sandbox only: a short first token, to test renewal after `ck-session-expired`. */
  ttlSeconds: z.optional(z.int().check(z.gte(MIN_TOKEN_TTL_SECONDS), z.lte(MAX_TOKEN_TTL_SECONDS))),
  /** Use the store origin's `/api/checkout/v1` mount instead of the API origin. */
  sameOrigin: z.optional(z.boolean()),
  /** Sandbox only: added to the (round) total so it ends in a magic amount (docs/protocol.md, 51–74). */
  magicEnding: z.optional(z.int().check(z.gte(51), z.lte(74))),
});

/** Body of `PUT /store/sessions/:id/methods/:method`: the demo's outage switch. */
const MethodStatusBody = z.object({ status: z.enum(['available', 'degraded', 'down']) });

/** Name of the store's cookie listing the checkout sessions this browser created. */
export const STORE_SESSIONS_COOKIE = 'ck_store_sessions';
/** Sessions remembered per browser (several tabs, a retried checkout); the oldest drop out. */
const REMEMBERED_SESSIONS = 5;
/** The cookie outlives any session token: a buyer may come back from a bank page a day later. */
const COOKIE_MAX_AGE_SECONDS = 24 * 60 * 60;

const TokenBody = z.object({ sameOrigin: z.optional(z.boolean()) });

export interface StoreCheckoutAnswer {
  sessionId: string;
  sessionToken: string;
  endpoint: string;
  expiresAt: string;
  amount: { value: number; currency: string };
}

export function storeRoutes(ctx: ServerContext, storeUrl: () => string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use(sameOriginWrites(() => new Set([storeUrl(), ...ctx.storeOrigins])));
  // A key of its own, derived from the merchant secret: a restart keeps cookies valid, and the secret never leaves the server.
  const cookieKey = createHmac('sha256', ctx.merchantSecret).update('checkout-kit demo store session cookie v1').digest('base64url');

  const ownedSessions = async (c: Context<AppEnv>): Promise<string[]> => {
    const value = await getSignedCookie(c, cookieKey, STORE_SESSIONS_COOKIE);
    return typeof value === 'string' && value !== '' ? value.split(',') : [];
  };
  const rememberSession = async (c: Context<AppEnv>, sessionId: string): Promise<void> => {
    const ids = [...(await ownedSessions(c)).filter((id) => id !== sessionId), sessionId].slice(-REMEMBERED_SESSIONS);
    await setSignedCookie(c, STORE_SESSIONS_COOKIE, ids.join(','), cookieKey, {
      path: '/store',
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: COOKIE_MAX_AGE_SECONDS,
    });
  };

  const merchant = async (path: string, body: unknown): Promise<SessionCredentials> => {
    const response = await fetch(`${ctx.apiUrl}/merchant/v1${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ctx.merchantSecret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json: unknown = await response.json().catch(() => undefined);
    if (response.ok) return json as SessionCredentials;
    const envelope = ErrorEnvelope.safeParse(json);
    if (envelope.success && response.status < 500) {
      throw new ApiError(response.status as ContentfulStatusCode, envelope.data.error.code, envelope.data.error.message);
    }
    throw new ApiError(502, 'internal_error', 'The payment service did not answer; try again.');
  };

  const endpointFor = (credentials: SessionCredentials, sameOrigin: boolean | undefined) =>
    sameOrigin ? `${storeUrl()}/api/checkout/v1` : credentials.endpoint;

  app.get('/products', (c) =>
    c.json({
      currencies: STORE_CURRENCIES.map((currency) => ({ code: currency.code, minorUnits: minorUnitsOf(currency.code) })),
      products: CATALOG,
    }),
  );

  app.post('/checkout', requireJson(), async (c) => {
    await ctx.limiter.hit('storeSessions', clientKey(c));
    const parsed = StoreCheckoutBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const body = parsed.data;
    // The total is computed here from the catalog, never taken from the browser.
    const total = cartTotal(body.items, body.currency);
    if (total === undefined) throw new ApiError(400, 'invalid_request', 'Unknown product or currency.');
    const amount = { value: total + (body.magicEnding ?? 0), currency: body.currency };
    const credentials = await merchant('/sessions', {
      amount,
      country: body.country,
      ...(body.locale ? { locale: body.locale } : {}),
      ...(body.scenario ? { scenario: body.scenario } : {}),
      ...(body.faults ? { faults: body.faults } : {}),
      ...(body.methods ? { methods: body.methods } : {}),
      ...(body.ttlSeconds ? { ttlSeconds: body.ttlSeconds } : {}),
    });
    await rememberSession(c, credentials.sessionId);
    const answer: StoreCheckoutAnswer = {
      sessionId: credentials.sessionId,
      sessionToken: credentials.sessionToken,
      endpoint: endpointFor(credentials, body.sameOrigin),
      expiresAt: credentials.expiresAt,
      amount,
    };
    return c.json(answer, 201);
  });

  // After `ck-session-expired` the page asks for a fresh token for the same session.
  app.post('/sessions/:id/token', async (c) => {
    const parsed = TokenBody.safeParse(await readJson(c).catch(() => ({})));
    const sameOrigin = parsed.success ? parsed.data.sameOrigin : undefined;
    const id = c.req.param('id');
    if (!(await ownedSessions(c)).includes(id)) {
      throw new ApiError(403, 'unauthorized', 'This browser did not start that checkout; start a new one.');
    }
    const credentials = await merchant(`/sessions/${encodeURIComponent(id)}/token`, {});
    return c.json(
      { sessionId: credentials.sessionId, sessionToken: credentials.sessionToken, endpoint: endpointFor(credentials, sameOrigin), expiresAt: credentials.expiresAt },
      201,
    );
  });

  // The demo's sandbox panel: a method of this browser's open checkout goes degraded, down or back, as a store reacting to a PSP outage would.
  app.put('/sessions/:id/methods/:method', requireJson(), async (c) => {
    const parsed = MethodStatusBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const id = c.req.param('id');
    if (!(await ownedSessions(c)).includes(id)) {
      throw new ApiError(403, 'unauthorized', 'This browser did not start that checkout; start a new one.');
    }
    const method = c.req.param('method');
    const response = await fetch(`${ctx.apiUrl}/merchant/v1/sessions/${encodeURIComponent(id)}/methods/${encodeURIComponent(method)}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ctx.merchantSecret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(parsed.data),
    });
    const json: unknown = await response.json().catch(() => undefined);
    if (response.ok) return c.json({ id: method, status: parsed.data.status }, 200);
    const envelope = ErrorEnvelope.safeParse(json);
    if (envelope.success && response.status < 500) {
      throw new ApiError(response.status as ContentfulStatusCode, envelope.data.error.code, envelope.data.error.message);
    }
    throw new ApiError(502, 'internal_error', 'The payment service did not answer; try again.');
  });

  app.all('*', (c) => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}
