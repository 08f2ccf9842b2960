/**
 * The support conformance kit (support-conformance.ts) against the reference
 * service, and mutation-tested: a kit that passes a broken service is worse
 * than none. Each case puts a "broken service" in front of the real one, a
 * proxy on 127.0.0.1 that breaks exactly one rule of docs/support.md in its
 * HTTP answers or its WebSocket frames (re-sending the message at the
 * cursor, dropping one, not de-duplicating, leaking another conversation's
 * image …), runs the whole kit against it and requires the named checks to
 * fail. The unmutated proxy must pass every check, none skipped.
 *
 * Prints the table "violation → caught by" as a test diagnostic.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import WebSocket, { WebSocketServer } from 'ws';
import { MAX_ATTACHMENT_BYTES } from '../../src/core/protocol/support.schema.js';
import { startTestServers, type TestServers } from '../../server/test-support.js';
import { formatSupportResults, referenceAgent, runSupportConformance, type CheckResult } from './support-conformance.js';

type Frame = Record<string, unknown>;

/** What one broken service remembers across its connections. */
interface PlantState {
  /** Credentials the service handed out, in order. */
  credentials: string[];
  /** Attachment id → the credential that uploaded it. */
  uploads: Map<string, string>;
  /** clientIds seen so far, and the fresh ones a plant substituted (fresh → original). */
  clientIds: Set<string>;
  substituted: Map<string, string>;
}

interface Plant {
  /** Runs around the forwarded HTTP request (may rewrite the request, the answer, or answer itself). */
  http?: (state: PlantState) => MiddlewareHandler;
  /** Buyer → service frames on the buyer socket. */
  fromBuyer?: (frame: Frame, state: PlantState) => Frame[];
  /** Service → buyer frames on the buyer socket. */
  toBuyer?: (frame: Frame, state: PlantState) => Frame[];
}

interface Mutation {
  violation: string;
  /** Checks that must fail (more may). */
  caughtBy: readonly string[];
  plant: Plant;
}

const json = (body: unknown, status: number) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const around = (fn: (c: Context, next: () => Promise<void>, state: PlantState) => Promise<void | Response>) => (state: PlantState): MiddlewareHandler =>
  async (c, next) => fn(c, next, state);
const fakeAttachment = () => ({ id: `att_planted${Date.now()}`, type: 'image/png', size: 68 });
/** Replaces the JSON body of a request before it is forwarded. */
const rewriteBody = async (c: Context, change: (body: Frame) => Frame) => {
  const body = (await c.req.json()) as Frame;
  const next = new Request(c.req.raw.url, { method: c.req.method, headers: c.req.raw.headers, body: JSON.stringify(change(body)) });
  next.headers.delete('content-length');
  c.req.raw = next;
};

const MUTATIONS: readonly Mutation[] = [
  {
    violation: 'WebSocket resume re-sends the message at the cursor (seq >= after)',
    caughtBy: ['resume.cursor', 'resume.agent_message'],
    plant: { fromBuyer: (f) => [f['type'] === 'hello' && Number(f['after']) > 0 ? { ...f, after: Number(f['after']) - 1 } : f] },
  },
  {
    violation: 'WebSocket resume drops the first message after the cursor',
    caughtBy: ['resume.cursor'],
    plant: { fromBuyer: (f) => [f['type'] === 'hello' && Number(f['after']) > 0 ? { ...f, after: Number(f['after']) + 1 } : f] },
  },
  {
    violation: 'history on a fresh page (after = 0) sends each message twice',
    caughtBy: ['history.full'],
    plant: { toBuyer: (f) => (f['type'] === 'message' && (f['message'] as Frame)['author'] === 'buyer' ? [f, f] : [f]) },
  },
  {
    violation: 'long-poll resume re-sends the message at the cursor',
    caughtBy: ['fallback.poll_resume'],
    plant: {
      http: around(async (c, next) => {
        if (c.req.path.endsWith('/poll')) await rewriteBody(c, (b) => (Number(b['after']) > 0 ? { ...b, after: Number(b['after']) - 1 } : b));
        await next();
      }),
    },
  },
  {
    violation: 'a waiting long poll does not wake for a new message',
    caughtBy: ['fallback.poll_wait'],
    plant: {
      http: around(async (c, next) => {
        await next();
        if (c.req.path.endsWith('/poll') && c.res.status === 200) {
          const body = (await c.res.json()) as { frames: Frame[] };
          c.res = json({ frames: body.frames.filter((f) => f['type'] !== 'message' || Number((f['message'] as Frame)['seq']) <= 2) }, 200);
        }
      }),
    },
  },
  {
    violation: 'a resent clientId is stored again (WebSocket)',
    caughtBy: ['send.dedupe'],
    plant: {
      fromBuyer: (f, state) => {
        if (f['type'] !== 'send') return [f];
        const id = String(f['clientId']);
        if (!state.clientIds.has(id)) {
          state.clientIds.add(id);
          return [f];
        }
        const fresh = crypto.randomUUID();
        state.substituted.set(fresh, id);
        return [{ ...f, clientId: fresh }];
      },
      toBuyer: (f, state) => {
        const original = state.substituted.get(String(f['clientId']));
        return [original ? { ...f, clientId: original } : f];
      },
    },
  },
  {
    violation: 'a resent clientId is stored again (long-poll fallback)',
    caughtBy: ['fallback.frames'],
    plant: {
      http: around(async (c, next, state) => {
        if (!c.req.path.endsWith('/frames')) return next();
        let original: string | undefined;
        await rewriteBody(c, (b) => {
          if (b['type'] !== 'send') return b;
          const id = String(b['clientId']);
          if (!state.clientIds.has(id)) {
            state.clientIds.add(id);
            return b;
          }
          original = id;
          return { ...b, clientId: crypto.randomUUID() };
        });
        await next();
        if (original && c.res.status === 200) {
          const body = (await c.res.json()) as { frames: Frame[] };
          c.res = json({ frames: body.frames.map((f) => (f['type'] === 'sent' ? { ...f, clientId: original } : f)) }, 200);
        }
      }),
    },
  },
  {
    violation: "any credential reads any conversation's image",
    caughtBy: ['isolation.attachment'],
    plant: {
      http: around(async (c, next, state) => {
        const match = /\/attachments\/([^/]+)$/.exec(c.req.path);
        const owner = match ? state.uploads.get(decodeURIComponent(match[1]!)) : undefined;
        if (c.req.method === 'GET' && owner) {
          const headers = new Headers(c.req.raw.headers);
          headers.set('Authorization', `Bearer ${owner}`);
          c.req.raw = new Request(c.req.raw.url, { method: 'GET', headers });
        }
        await next();
      }),
    },
  },
  {
    violation: 'an unknown credential on the socket opens the latest conversation',
    caughtBy: ['auth.ws_unknown'],
    plant: {
      fromBuyer: (f, state) => {
        if (f['type'] !== 'hello' || state.credentials.includes(String(f['credential']))) return [f];
        return [{ ...f, credential: state.credentials.at(-1) ?? f['credential'] }];
      },
    },
  },
  {
    violation: 'an image is accepted on its Content-Type alone (bytes not checked)',
    caughtBy: ['attachments.wrong_type', 'attachments.type_mismatch'],
    plant: {
      http: around(async (c, next) => {
        await next();
        if (c.req.path.endsWith('/attachments') && c.res.status === 415) c.res = json(fakeAttachment(), 201);
      }),
    },
  },
  {
    violation: 'images over the 2 MB limit are accepted',
    caughtBy: ['attachments.too_large'],
    plant: {
      http: around(async (c, next) => {
        if (c.req.path.endsWith('/attachments') && Number(c.req.header('content-length') ?? 0) > MAX_ATTACHMENT_BYTES) {
          return json(fakeAttachment(), 201);
        }
        await next();
      }),
    },
  },
  {
    violation: 'rate_limited errors without retryAfterMs',
    caughtBy: ['limits.rate'],
    plant: {
      toBuyer: (f) => {
        if (f['type'] !== 'error') return [f];
        const { retryAfterMs: _dropped, ...error } = f['error'] as Frame;
        return [{ ...f, error }];
      },
    },
  },
  {
    violation: 'a too-long text refused invalid_frame without its clientId (the client would resend it for ever)',
    caughtBy: ['limits.text'],
    plant: {
      toBuyer: (f) => (f['type'] === 'error' && (f['error'] as Frame)['code'] === 'too_large' ? [{ type: 'error', error: { code: 'invalid_frame', message: 'planted' } }] : [f]),
    },
  },
  {
    violation: 'the agent typing is not relayed to the buyer',
    caughtBy: ['typing.agent_to_buyer'],
    plant: { toBuyer: (f) => (f['type'] === 'typing' ? [] : [f]) },
  },
  {
    violation: 'read receipts never reach the buyer',
    caughtBy: ['receipt.read_by_agent'],
    plant: { toBuyer: (f) => (f['type'] === 'receipt' ? [] : [f]) },
  },
  {
    violation: 'buyer acks are dropped (the agent never sees delivered)',
    caughtBy: ['cursor.delivered_read'],
    plant: { fromBuyer: (f) => (f['type'] === 'ack' || f['type'] === 'read' ? [] : [f]) },
  },
  {
    violation: 'message text HTML-escaped by the service',
    caughtBy: ['send.sent'],
    plant: {
      toBuyer: (f) => {
        if (f['type'] !== 'sent' && f['type'] !== 'message') return [f];
        const message = f['message'] as Frame;
        return [{ ...f, message: { ...message, text: String(message['text']).replaceAll('<', '&lt;') } }];
      },
    },
  },
  {
    violation: 'a forged identity token is ignored and the conversation started anyway',
    caughtBy: ['start.identity_refused', 'start.identity_none'],
    plant: {
      http: around(async (c, next) => {
        if (c.req.path.endsWith('/conversations')) await rewriteBody(c, ({ identityToken: _ignored, ...b }) => b);
        await next();
      }),
    },
  },
  {
    violation: 'errors answered as text/plain',
    caughtBy: ['start.invalid', 'auth.http_missing', 'attachments.too_large'],
    plant: {
      http: around(async (c, next) => {
        await next();
        if (c.res.status >= 400) c.res = new Response(await c.res.text(), { status: c.res.status, headers: { 'Content-Type': 'text/plain' } });
      }),
    },
  },
];

interface Mutant {
  url: string;
  close(): Promise<void>;
}

/** A "service" on 127.0.0.1 that forwards to the reference one through `plant`. */
async function startMutant(real: string, plant: Plant): Promise<Mutant> {
  const state: PlantState = { credentials: [], uploads: new Map(), clientIds: new Set(), substituted: new Map() };
  const app = new Hono();
  // Records what the service handed out (credentials, uploads), which some plants misuse.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.endsWith('/conversations') && c.res.status === 201) {
      state.credentials.push(String(((await c.res.clone().json()) as Frame)['credential']));
    }
    if (c.req.path.endsWith('/attachments') && c.res.status === 201) {
      const credential = /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
      const id = String(((await c.res.clone().json()) as Frame)['id']);
      if (credential) state.uploads.set(id, credential);
    }
  });
  if (plant.http) app.use('*', plant.http(state));
  app.all('*', async (c) => {
    const headers = new Headers(c.req.raw.headers);
    headers.delete('host');
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await c.req.raw.arrayBuffer();
    const url = new URL(c.req.raw.url);
    const answer = await fetch(`${real}${url.pathname}${url.search}`, { method: c.req.method, headers, ...(body ? { body } : {}) });
    // Re-made so Hono owns the body (a fetch response's encoding headers no longer hold once read).
    const out = new Headers(answer.headers);
    out.delete('content-encoding');
    out.delete('content-length');
    return new Response(await answer.arrayBuffer(), { status: answer.status, headers: out });
  });

  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (client) => {
      const buyer = (req.url ?? '').endsWith('/support/v1/ws');
      const upstream = new WebSocket(`${real.replace(/^http/, 'ws')}${req.url ?? '/'}`);
      const queued: string[] = [];
      const relay = (to: WebSocket, data: string) => (to.readyState === to.OPEN ? to.send(data) : queued.push(data));
      upstream.on('open', () => {
        for (const data of queued.splice(0)) upstream.send(data);
      });
      const transform = (data: string, fn: Plant['fromBuyer']): string[] => {
        if (!buyer || !fn) return [data];
        try {
          return fn(JSON.parse(data) as Frame, state).map((f) => JSON.stringify(f));
        } catch {
          return [data];
        }
      };
      client.on('message', (data) => {
        for (const out of transform(data.toString(), plant.fromBuyer)) relay(upstream, out);
      });
      upstream.on('message', (data) => {
        for (const out of transform(data.toString(), plant.toBuyer)) if (client.readyState === client.OPEN) client.send(out);
      });
      // Close codes 1005/1006 cannot be sent; relay them as 1000.
      const code = (c: number) => (c === 1005 || c === 1006 ? 1000 : c);
      client.on('close', (c) => (upstream.readyState === upstream.CONNECTING ? upstream.terminate() : upstream.close(code(c))));
      upstream.on('close', (c) => client.close(code(c)));
      client.on('error', () => upstream.terminate());
      upstream.on('error', () => client.terminate());
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

describe('support conformance kit against the reference service, mutation-tested', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers();
  });
  after(() => servers.dispose());

  const run = async (plant: Plant): Promise<CheckResult[]> => {
    // Each run starts conversations, sends an offline message and signs an agent in: the per-address
    // budgets (20 starts a minute, 5 offline messages and 10 logins per 10 minutes) refill on the test clock.
    servers.advance(11 * 60_000);
    const mutant = await startMutant(servers.apiUrl, plant);
    try {
      return await runSupportConformance({
        endpoint: `${mutant.url}/support/v1`,
        agent: () => referenceAgent(`${mutant.url}/agent`, 'ana', 'sandbox-agent-ana'),
      });
    } finally {
      await mutant.close();
    }
  };

  it('the reference service, behind the unmutated proxy, passes every check, none skipped', async (t) => {
    const results = await run({});
    t.diagnostic(`\n${formatSupportResults(results)}`);
    assert.deepEqual(results.filter((r) => r.status !== 'pass'), [], formatSupportResults(results));
  });

  it('the reference service directly, without an agent: every buyer check passes, the agent checks skip', async () => {
    servers.advance(11 * 60_000);
    const results = await runSupportConformance({ endpoint: `${servers.storeUrl}/api/support/v1` });
    assert.deepEqual(results.filter((r) => r.status === 'fail'), [], formatSupportResults(results));
    assert.ok(results.some((r) => r.id === 'typing.agent_to_buyer' && r.status === 'skip'));
  });

  it('every planted violation is caught by the checks named for it', async (t) => {
    const rows: Array<{ violation: string; failed: string[]; missed: string[] }> = [];
    for (const mutation of MUTATIONS) {
      const results = await run(mutation.plant);
      const failed = results.filter((r) => r.status === 'fail').map((r) => r.id);
      rows.push({ violation: mutation.violation, failed, missed: mutation.caughtBy.filter((id) => !failed.includes(id)) });
    }
    const width = Math.max(...rows.map((r) => r.violation.length));
    const table = [
      `${'planted violation'.padEnd(width)}  caught by (failing checks)`,
      `${'-'.repeat(width)}  ${'-'.repeat(26)}`,
      ...rows.map((r) => `${r.violation.padEnd(width)}  ${r.failed.length ? r.failed.join(', ') : 'NOT CAUGHT'}${r.missed.length ? `  (expected also: ${r.missed.join(', ')})` : ''}`),
    ].join('\n');
    t.diagnostic(`\n${table}`);
    if (process.env['CK_PRINT_MUTATIONS']) console.log(table);
    assert.deepEqual(rows.filter((r) => r.missed.length > 0).map((r) => r.violation), [], table);
  });
});
