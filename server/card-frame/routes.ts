/**
 * The payment origin of the reference backend: the card frame page, its
 * script bundle, and the sandbox vault that tokenizes the card. A listener of
 * its own (server/app.ts), so the store page and the card frame are
 * different origins and the page can never read the card.
 */
import { Hono } from 'hono';
import { resolve } from 'node:path';
import { VaultTokenRequest, VaultTokenResponse } from '../../src/core/protocol/card-frame.schema.js';
import type { AppEnv, ServerContext } from '../context.js';
import { findSession } from '../db/sessions.js';
import { limitBody } from '../http/body-limit.js';
import { ApiError, handleError, readJson } from '../http/errors.js';
import { readStatic, staticResponse } from '../store/static.js';
import { sessionOfFrameKey } from '../vault/frame-key.js';
import { tokenize } from '../vault/vault.js';
import { frameCsp, framePage } from './page.js';

export const FRAME_PATH = '/card-frame/v1';
export const FRAME_ASSETS = '/card-frame/assets';
export const VAULT_PATH = '/vault/v1/tokens';

export interface CardOriginOptions {
  /** The repository root: the frame's bundle is `dist/card-frame/` under it. */
  storeRoot: string;
}

export function cardOrigin(ctx: ServerContext, options: CardOriginOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use(limitBody());
  app.use(async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', frameCsp([...ctx.storeOrigins]));
  });

  app.get(FRAME_PATH, (c) => {
    const hostOrigins = [...ctx.storeOrigins];
    c.header('Cache-Control', 'no-store');
    return c.html(framePage({ hostOrigins, vaultPath: VAULT_PATH }, `${FRAME_ASSETS}/card-frame.js`));
  });

  app.get(`${FRAME_ASSETS}/*`, async (c) => {
    const relative = c.req.path.slice(FRAME_ASSETS.length + 1);
    const file = await readStatic(resolve(options.storeRoot, 'dist', 'card-frame'), relative);
    if (!file) return c.text('Not found', 404);
    return staticResponse(c.req.raw, file, c.req.path);
  });

  // Same origin as the frame: no CORS, so no other page's script can post cards here from a browser.
  app.post(VAULT_PATH, async (c) => {
    const parsed = VaultTokenRequest.safeParse(await readJson(c));
    // Never echo the issues: they could quote the card number.
    if (!parsed.success) throw new ApiError(400, 'invalid_request', 'The card is not valid.');
    const card = parsed.data;
    const sessionId = sessionOfFrameKey(ctx.merchantSecret, card.frameKey);
    const session = sessionId ? await findSession(ctx.store, sessionId) : undefined;
    if (!session || session.revokedAt !== null) throw new ApiError(401, 'unauthorized', 'Unknown frame key.');
    // The frame checks this too, in the buyer's calendar; the vault's month (UTC) is the one that counts.
    const today = new Date(ctx.now());
    if (card.expYear * 12 + card.expMonth - 1 < today.getUTCFullYear() * 12 + today.getUTCMonth()) {
      throw new ApiError(400, 'invalid_request', 'The card has expired.');
    }
    // Bounds card testing through one session, like fresh payment attempts do.
    await ctx.limiter.hit('paymentsPerSession', `vault:${session.id}`);
    const issued = await tokenize(
      ctx.store,
      session.id,
      { brand: card.brand, last4: card.number.slice(-4), expMonth: card.expMonth, expYear: card.expYear },
      ctx.now(),
    );
    c.header('Cache-Control', 'no-store');
    return c.json(VaultTokenResponse.parse({ token: issued.token, brand: card.brand, expiresAt: new Date(issued.expiresAt).toISOString() }), 201);
  });

  app.all('*', (c) => {
    throw new ApiError(404, 'not_found', `No route ${c.req.method} ${c.req.path}.`);
  });
  return app;
}
