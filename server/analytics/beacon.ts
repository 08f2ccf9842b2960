/**
 * `POST {checkout API}/events/beacon`: the widget's events sent with
 * `navigator.sendBeacon` as the page is hidden or closed. A beacon cannot set
 * headers, so the token and the protocol version come in the `text/plain`
 * JSON body (docs/protocol.md, Events). Mounted ahead of the checkout API,
 * whose middleware would ask for the headers a beacon cannot send.
 */
import { Hono } from 'hono';
import { EventBeacon, EventsAccepted } from '../../src/core/protocol/schemas.js';
import type { AppEnv, ServerContext } from '../context.js';
import { insertEvents } from '../db/events.js';
import { checkToken } from '../db/sessions.js';
import { ApiError, describeIssues, handleError } from '../http/errors.js';
import { clientKey } from '../http/rate-limit.js';

export function beaconRoute(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.post('/', async (c) => {
    const client = clientKey(c);
    await ctx.limiter.assertAllowed('authFailures', client);
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text()) as unknown;
    } catch {
      throw new ApiError(400, 'invalid_request', 'The beacon body must be JSON.');
    }
    const parsed = EventBeacon.safeParse(body);
    if (!parsed.success) {
      // A wrong version is named as such, as on every other call.
      const version = (body as { version?: unknown } | null)?.version;
      if (version !== undefined && version !== '1') throw new ApiError(400, 'unsupported_version', 'This backend speaks protocol version 1.');
      throw new ApiError(400, 'invalid_request', describeIssues(parsed.error.issues));
    }
    const check = await checkToken(ctx.store, parsed.data.token, ctx.now());
    if (check.kind === 'unknown') {
      await ctx.limiter.record('authFailures', client);
      throw new ApiError(401, 'unauthorized', 'The session token is not known.');
    }
    if (check.kind === 'expired') throw new ApiError(401, 'session_expired', 'The session token has expired or was revoked.');
    const accepted = await insertEvents(ctx.store, check.session.id, parsed.data.events, ctx.now());
    return c.json(EventsAccepted.parse({ accepted }), 202);
  });
  app.all('*', () => {
    throw new ApiError(405, 'invalid_request', 'Send beacons with POST.');
  });
  return app;
}
