/**
 * Cross-site request forgery guard for the routes a browser can reach with
 * ambient authority: the store's own routes (its session cookie) and the
 * sandbox PSP pages and hooks (anyone who knows a payment id). The checkout
 * and merchant APIs need none: they authenticate with a bearer header, which
 * a cross-site page cannot make a browser send.
 *
 * A state-changing request (anything but GET, HEAD, OPTIONS) passes when
 * - Fetch Metadata says it came from the same origin or was typed by the user
 *   (`Sec-Fetch-Site: same-origin | none`) — this covers the sandbox pages'
 *   own forms, whose `Origin` is `null` under their `no-referrer` policy; or
 * - its `Origin` is one of the deployment's own origins (the API, the store,
 *   the configured store origins); or
 * - it carries neither header: not a browser, so no ambient credentials to abuse
 *   (the store's server, curl, tests).
 * Everything else is 403 in the error envelope. JSON routes additionally
 * require `Content-Type: application/json` (see {@link requireJson}), which a
 * cross-site form or a "simple" fetch cannot send without a CORS preflight.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** @param origins the deployment's own and configured store origins, read per request (ports bind late). */
export function sameOriginWrites(origins: () => ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('Sec-Fetch-Site');
    if (site === 'same-origin' || site === 'none') return next();
    const origin = c.req.header('Origin');
    if (origin !== undefined && origin !== 'null' && origins().has(origin)) return next();
    if (origin === undefined && site === undefined) return next();
    throw new ApiError(403, 'unauthorized', 'Cross-site requests may not change anything here.');
  };
}

/** 415 unless the body is declared JSON: keeps "simple" cross-site requests (text/plain, forms) out of JSON routes. */
export function requireJson(): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new ApiError(415, 'invalid_request', 'Send the body as JSON with "Content-Type: application/json".');
    }
    await next();
  };
}
