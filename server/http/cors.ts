/**
 * CORS for the checkout API and the sandbox hooks: only configured store
 * origins get CORS headers; any other origin gets none at all, so the
 * browser blocks the call. Hand-written rather than hono/cors because that
 * one still sends the allow-headers list to origins it rejects.
 */
import type { MiddlewareHandler } from 'hono';
import { IDEMPOTENCY_HEADER, VERSION_HEADER } from '../../src/core/protocol/schemas.js';

export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', IDEMPOTENCY_HEADER, VERSION_HEADER] as const;

/**
 * Checks one configured store origin and returns it, or throws an Error whose
 * message says what is wrong and what to write instead. An origin is compared
 * byte for byte with the browser's `Origin` header, so only the exact
 * serialization counts: `http(s)://host[:port]`, lower-case host, no default
 * port, no path (not even `/`), no query, no credentials, no wildcard.
 */
export function checkStoreOrigin(entry: string): string {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new Error(`"${entry}" is not an origin; write it like https://shop.example or http://localhost:5173.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`"${entry}" is not an http(s) origin; only http: and https: store pages can call the checkout API.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error(`"${entry}" contains credentials; write only the origin, like ${url.origin}.`);
  }
  if (entry !== url.origin) {
    throw new Error(`"${entry}" is not an exact origin (no path, query, trailing slash or default port); write ${url.origin}.`);
  }
  return entry;
}

/**
 * Parses a comma-separated list of store origins (spaces around entries and
 * empty entries are ignored). Throws on the first malformed entry, naming it.
 */
export function parseStoreOrigins(list: string): string[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(checkStoreOrigin);
}

/** Preflight answers may be cached this long (seconds). */
const MAX_AGE = 600;

export function storeCors(origins: ReadonlySet<string>, allowMethods: readonly string[] = ['GET', 'POST']): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    const allowed = origin !== undefined && origins.has(origin);
    if (c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method') !== undefined) {
      const headers: Record<string, string> = { Vary: 'Origin' };
      if (allowed) {
        headers['Access-Control-Allow-Origin'] = origin;
        headers['Access-Control-Allow-Methods'] = allowMethods.join(', ');
        headers['Access-Control-Allow-Headers'] = CORS_ALLOW_HEADERS.join(', ');
        headers['Access-Control-Max-Age'] = String(MAX_AGE);
      }
      return c.body(null, 204, headers);
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      // Tokens travel in the Authorization header, never in cookies: no Allow-Credentials.
      c.res.headers.set('Access-Control-Expose-Headers', 'Idempotent-Replayed');
    }
  };
}
