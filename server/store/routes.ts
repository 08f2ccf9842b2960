/**
 * The demo store's own server routes: its catalog, and checkout, which asks
 * the merchant API for a session with the merchant secret. The secret stays
 * on this side; the browser only ever receives the session token.
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod/mini';
import { CountryCode, CurrencyCode, ErrorEnvelope, LocaleTag } from '../../src/core/protocol/schemas.js';
import type { AppEnv, ServerContext } from '../context.js';
import { ApiError, describeIssues, handleError, readJson } from '../http/errors.js';
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
  /** Use the store origin's `/api/checkout/v1` mount instead of the API origin. */
  sameOrigin: z.optional(z.boolean()),
});

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

  app.post('/checkout', async (c) => {
    const parsed = StoreCheckoutBody.safeParse(await readJson(c));
    if (!parsed.success) throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    const body = parsed.data;
    // The total is computed here from the catalog, never taken from the browser.
    const total = cartTotal(body.items, body.currency);
    if (total === undefined) throw new ApiError(400, 'invalid_request', 'Unknown product or currency.');
    const amount = { value: total, currency: body.currency };
    const credentials = await merchant('/sessions', {
      amount,
      country: body.country,
      ...(body.locale ? { locale: body.locale } : {}),
      ...(body.scenario ? { scenario: body.scenario } : {}),
      ...(body.faults ? { faults: body.faults } : {}),
      ...(body.methods ? { methods: body.methods } : {}),
    });
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
    const credentials = await merchant(`/sessions/${encodeURIComponent(c.req.param('id'))}/token`, {});
    return c.json(
      { sessionId: credentials.sessionId, sessionToken: credentials.sessionToken, endpoint: endpointFor(credentials, sameOrigin), expiresAt: credentials.expiresAt },
      201,
    );
  });

  app.all('*', (c) => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}
