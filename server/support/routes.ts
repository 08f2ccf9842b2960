/**
 * HTTP side of the reference support service: starting a conversation, the
 * long-poll fallback transport (`/frames` + `/poll`, the same frames as the
 * WebSocket), image attachments, the offline form and the service status —
 * and, under `/agent`, the console page and its login. Credentials travel in
 * the `Authorization` header only.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { readFile } from 'node:fs/promises';
import { BuyerFrame, MAX_ATTACHMENT_BYTES, MAX_FRAME_BYTES, PollRequest } from '../../src/core/protocol/support.schema.js';
import type { AppEnv } from '../context.js';
import { storeCors } from '../http/cors.js';
// The client behind trusted load balancers too, as every other limit keys on it.
import { clientKey } from '../http/rate-limit.js';
import { addAgentAppointmentRoutes, addBuyerAppointmentRoutes } from './appointments-routes.js';
import { callCoreModule } from './call-console.js';
import { SupportFailure, refuseBuyerFrame, toError, type SupportService } from './service.js';

const bearer = (c: Context): string | undefined => /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(c.req.header('Authorization') ?? '')?.[1];

function fail(c: Context, failure: unknown): Response {
  const error = toError(failure);
  const status: ContentfulStatusCode = failure instanceof SupportFailure ? failure.status : 500;
  if (error.retryAfterMs !== undefined) c.header('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
  // The rest of an oversized body is not read: the connection must not be reused. A stopping
  // instance (503) closes it too, so the client's next request reaches another instance.
  if (status === 413 || status === 503) c.header('Connection', 'close');
  return c.json({ error }, status);
}

async function jsonBody(c: Context, limit = MAX_FRAME_BYTES): Promise<unknown> {
  const length = Number(c.req.header('Content-Length') ?? '0');
  if (length > limit) throw new SupportFailure(413, 'too_large', `Request bodies may be at most ${limit} bytes.`);
  const text = await c.req.text();
  if (text.length > limit) throw new SupportFailure(413, 'too_large', `Request bodies may be at most ${limit} bytes.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SupportFailure(400, 'invalid_frame', 'The request body must be JSON.');
  }
}

/** Buyer endpoints, mounted at `/support/v1` (API origin, CORS for store origins) and `/api/support/v1` (store origin). */
export function supportRoutes(service: SupportService, storeOrigins: ReadonlySet<string>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(storeCors(storeOrigins));
  app.onError((error, c) => fail(c, error));
  // Counts streamed bytes too, so a chunked upload without Content-Length is cut at the limit.
  const tooLarge = (limit: number) => () => {
    throw new SupportFailure(413, 'too_large', `Request bodies here may be at most ${limit} bytes.`);
  };
  app.use('/attachments', bodyLimit({ maxSize: MAX_ATTACHMENT_BYTES, onError: tooLarge(MAX_ATTACHMENT_BYTES) }));
  app.use('/:path{conversations|frames|poll|offline}', bodyLimit({ maxSize: MAX_FRAME_BYTES, onError: tooLarge(MAX_FRAME_BYTES) }));
  app.get('/status', (c) => c.json({ status: service.status() }));
  app.post('/conversations', async (c) => c.json(await service.startConversation(await jsonBody(c), clientKey(c)), 201));
  app.post('/frames', async (c) => {
    const conversation = await service.authenticate(bearer(c));
    const body = await jsonBody(c);
    const parsed = BuyerFrame.safeParse(body);
    if (!parsed.success) {
      // A refused send is answered like on the socket (an error frame naming its clientId), so the client marks it failed.
      const refusal = refuseBuyerFrame(body);
      if (refusal.type === 'error' && refusal.clientId) return c.json({ frames: [refusal] });
    }
    if (!parsed.success || parsed.data.type === 'hello') throw new SupportFailure(400, 'invalid_frame', 'Expected one buyer frame other than hello.');
    return c.json({ frames: await service.handleBuyerFrame(conversation, parsed.data) });
  });
  app.post('/poll', async (c) => {
    const conversation = await service.authenticate(bearer(c));
    const parsed = PollRequest.safeParse(await jsonBody(c));
    if (!parsed.success) throw new SupportFailure(400, 'invalid_frame', 'Expected { after, waitMs } with waitMs ≤ 30000.');
    const abort = new AbortController();
    c.env?.incoming?.once('close', () => abort.abort());
    const welcome = parsed.data.first ? [await service.welcomeFrame(conversation)] : [];
    const frames = await service.poll(conversation, parsed.data.after, welcome.length ? 0 : parsed.data.waitMs, abort.signal);
    return c.json({ frames: [...welcome, ...frames] });
  });
  app.post('/attachments', async (c) => {
    const conversation = await service.authenticate(bearer(c));
    const length = Number(c.req.header('Content-Length') ?? '0');
    if (length > MAX_ATTACHMENT_BYTES) throw new SupportFailure(413, 'too_large', `Images may be at most ${MAX_ATTACHMENT_BYTES} bytes.`);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await service.uploadAttachment(conversation, c.req.header('Content-Type'), bytes), 201);
  });
  app.get('/attachments/:id', async (c) => {
    const conversation = await service.authenticate(bearer(c));
    return attachmentResponse(await service.readAttachment(c.req.param('id'), { conversationId: conversation.id }));
  });
  app.post('/offline', async (c) => c.json(await service.offlineMessage(await jsonBody(c), clientKey(c)), 201));
  addBuyerAppointmentRoutes(app, service);
  return app;
}

function attachmentResponse(file: { type: string; bytes: Buffer }): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.type,
      'Content-Disposition': 'inline',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=3600',
    },
  });
}

const CONSOLE_FILES: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'call.js': 'text/javascript; charset=utf-8',
};

/** The agent console (`/agent`): its page, its script, login and the offline inbox. */
export function agentRoutes(service: SupportService): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError((error, c) => fail(c, error));
  app.use('/api/*', bodyLimit({ maxSize: MAX_FRAME_BYTES, onError: () => { throw new SupportFailure(413, 'too_large', 'Request body too large.'); } }));
  const file = (name: string) => readFile(new URL(`./console/${name}`, import.meta.url));
  const security = {
    'Content-Security-Policy': "default-src 'self'; img-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  app.get('/', async (c) => c.body(new Uint8Array(await file('agent.html')), 200, { ...security, 'Content-Type': 'text/html; charset=utf-8' }));
  // The console's call logic is the tested core machine, bundled on first request (call-console.ts).
  app.get('/call-core.js', async (c) => c.body(await callCoreModule(), 200, { ...security, 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/:file{console\\.(js|css)|call\\.js}', async (c) => {
    const name = c.req.param('file');
    return c.body(new Uint8Array(await file(name)), 200, { ...security, 'Content-Type': CONSOLE_FILES[name] ?? 'text/plain' });
  });
  app.post('/api/login', async (c) => {
    const body = (await jsonBody(c)) as { id?: unknown; password?: unknown } | null;
    return c.json(await service.login(body?.id, body?.password, clientKey(c)));
  });
  app.post('/api/logout', async (c) => {
    const token = bearer(c);
    if (token) await service.logout(token);
    return c.body(null, 204);
  });
  addAgentAppointmentRoutes(app, service);
  app.get('/api/offline', async (c) => {
    await service.agentByToken(bearer(c));
    return c.json({ messages: (await service.offlineMessages()).map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() })) });
  });
  app.get('/api/attachments/:id', async (c) => {
    const agent = await service.agentByToken(bearer(c));
    return attachmentResponse(await service.readAttachment(c.req.param('id'), { agentId: agent.id }));
  });
  return app;
}
