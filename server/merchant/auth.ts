/**
 * The merchant secret, checked in one place for every merchant-facing route:
 * the merchant API, rollouts, experiment plans, monitoring and the dashboard.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, ServerContext } from '../context.js';
import { ApiError } from '../http/errors.js';
import { clientKey } from '../http/rate-limit.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * A checker of candidate secrets for this deployment. Digests are compared in
 * constant time so the secret cannot be guessed byte by byte; a client that
 * sent too many wrong secrets is refused even with the right one (no
 * guessing oracle), and each wrong one is counted.
 */
export function merchantSecretChecker(ctx: ServerContext): (c: Context<AppEnv>, candidate: string | undefined) => Promise<boolean> {
  const expected = digest(ctx.merchantSecret);
  return async (c, candidate) => {
    const client = clientKey(c);
    await ctx.limiter.assertAllowed('authFailures', client);
    if (candidate && timingSafeEqual(digest(candidate), expected)) return true;
    await ctx.limiter.record('authFailures', client);
    return false;
  };
}

/** The secret of an `Authorization: Bearer <secret>` header, if any. */
export function bearerOf(c: Context<AppEnv>): string | undefined {
  return /^Bearer +(.+?) *$/i.exec(c.req.header('Authorization') ?? '')?.[1];
}

/** Middleware: `Authorization: Bearer <merchant secret>` or 401. */
export function requireMerchant(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  const check = merchantSecretChecker(ctx);
  return async (c, next) => {
    if (!(await check(c, bearerOf(c)))) throw new ApiError(401, 'unauthorized', 'Send the merchant secret as "Authorization: Bearer <secret>".');
    await next();
  };
}
