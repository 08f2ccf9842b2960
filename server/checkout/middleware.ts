/** Checks every checkout API call goes through before its handler: version, token, injected faults. */
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROTOCOL_VERSION, VERSION_HEADER } from '../../src/core/protocol/schemas.js';
import type { AppEnv, ServerContext } from '../context.js';
import { ApiError } from '../http/errors.js';
import { checkToken } from '../db/sessions.js';
import { consumeFault } from './faults.js';
import { clientKey } from '../http/rate-limit.js';

/** 400 `unsupported_version` unless `Checkout-Kit-Version: 1`. Checked before auth: a client from another protocol version should learn that first. */
export function requireVersion(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.header(VERSION_HEADER) !== PROTOCOL_VERSION) {
      throw new ApiError(400, 'unsupported_version', `Send the header ${VERSION_HEADER}: ${PROTOCOL_VERSION}.`);
    }
    await next();
  };
}

/**
 * Resolves the bearer token: unknown → 401 `unauthorized`, expired or revoked → 401 `session_expired`.
 * The scheme is case-insensitive (RFC 9110 §11.1). Unknown tokens count as authentication
 * failures of the client: past the limit it gets 429 `rate_limited`, so tokens cannot be guessed.
 */
export function requireSession(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const client = clientKey(c);
    await ctx.limiter.assertAllowed('authFailures', client);
    const match = /^Bearer +([A-Za-z0-9._~+/=-]{1,512}) *$/i.exec(c.req.header('Authorization') ?? '');
    if (!match?.[1]) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new ApiError(401, 'unauthorized', 'Send the session token as "Authorization: Bearer <token>".');
    }
    const check = await checkToken(ctx.store, match[1], ctx.now());
    if (check.kind === 'unknown') {
      await ctx.limiter.record('authFailures', client);
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new ApiError(401, 'unauthorized', 'The session token is not known.');
    }
    if (check.kind === 'expired') {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new ApiError(401, 'session_expired', 'The session token has expired or was revoked; ask the store for a new one.');
    }
    c.set('session', check.session);
    c.set('tokenExpiresAt', check.expiresAt);
    await next();
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * `failRequests` and `latencyMs`. `/events` is exempt from `failRequests` so
 * that background analytics cannot eat the failures a test injected for the
 * buyer's calls; POST /payments takes its latency while holding the
 * idempotency key (see the payments handler).
 */
export function injectFaults(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = c.get('session');
    const latency = session.faults.latencyMs ?? 0;
    const isEvents = c.req.path.endsWith('/events');
    const isCreate = c.req.method === 'POST' && c.req.path.endsWith('/payments');
    if (!isEvents && session.faults.failRequests && (await consumeFault(ctx.store, session.id, 'fail'))) {
      if (latency > 0) await sleep(latency);
      const status = session.faults.failRequests.status as ContentfulStatusCode;
      throw new ApiError(status, 'internal_error', `Injected fault: failRequests (${status}).`);
    }
    if (latency > 0 && !isCreate) await sleep(latency);
    await next();
  };
}
