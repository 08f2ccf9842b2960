/**
 * Mutation test of the conformance kit: a kit that passes a backend breaking
 * the protocol is worse than none. Each case wraps the real reference backend
 * in a Hono middleware that breaks exactly one rule of docs/protocol.md, runs
 * the whole kit against it, and requires the named check(s) to fail. The
 * unmutated wrapper must pass every check, so a failure is the plant's doing.
 *
 * Prints the table "violation → caught by" (node --test shows it as a diagnostic).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { formatResults, runConformance, type CheckResult, type ConformanceOptions } from './conformance.js';
import { createSession, merchant, startTestServers, type TestServers } from '../../server/test-support.js';

const MUTANT = 'http://mutant.invalid';

interface Mutation {
  /** The rule broken, as a reader of the table needs it. */
  violation: string;
  /** Checks that must fail (more may). */
  caughtBy: readonly string[];
  /** Breaks the rule; a fresh one per run, so state never leaks between cases. */
  plant: (env: PlantEnv) => MiddlewareHandler;
}

interface PlantEnv {
  /** Origin of the real reference API behind the wrapper. */
  real: string;
  /** The store origin the backend is configured for. */
  store: string;
}

const json = (body: unknown, status: number, headers: HeadersInit = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...Object.fromEntries(new Headers(headers)) } });

/** Copies a response with a new status, body or headers (the rest kept). */
async function remake(res: Response, change: { status?: number; body?: (body: unknown) => unknown; headers?: (headers: Headers) => void }): Promise<Response> {
  const headers = new Headers(res.headers);
  change.headers?.(headers);
  let text = await res.text();
  if (change.body && text) text = JSON.stringify(change.body(JSON.parse(text) as unknown));
  const status = change.status ?? res.status;
  return new Response(status === 204 ? null : text, { status, headers });
}

const isPayments = (c: Context) => c.req.method === 'POST' && /\/payments$/.test(c.req.path);
const after_ = (fn: (c: Context) => Promise<void> | void): MiddlewareHandler => async (c, next) => {
  await next();
  await fn(c);
};
const record = (value: unknown) => value as Record<string, unknown>;
/** Hono merges the old response's headers into one assigned to `c.res`; a plant that removes or overrides a header must drop the old one first. */
function replaceRes(c: Context, res: Response): void {
  c.res = undefined;
  c.res = res;
}

const MUTATIONS: readonly Mutation[] = [
  {
    violation: 'session amount sent as a decimal string',
    caughtBy: ['session.shape'],
    plant: () => after_(async (c) => {
      if (c.req.path.endsWith('/session') && c.res.status === 200) {
        c.res = await remake(c.res, { body: (b) => ({ ...record(b), amount: { value: '100.00', currency: 'EUR' } }) });
      }
    }),
  },
  {
    violation: 'JSON answered as text/plain',
    caughtBy: ['session.shape'],
    plant: () => after_(async (c) => {
      if (c.res.status === 200) c.res = await remake(c.res, { headers: (h) => h.set('Content-Type', 'text/plain; charset=utf-8') });
    }),
  },
  {
    violation: 'Checkout-Kit-Version not enforced',
    caughtBy: ['version.missing'],
    plant: () => async (c, next) => {
      if (!c.req.header('Checkout-Kit-Version')) c.req.raw.headers.set('Checkout-Kit-Version', '1');
      await next();
    },
  },
  {
    violation: 'token checked before the version header',
    caughtBy: ['version.before_auth'],
    plant: () => async (c, next) => {
      if (c.req.header('Checkout-Kit-Version') || c.req.method === 'OPTIONS') return next();
      c.req.raw.headers.set('Checkout-Kit-Version', '1');
      await next();
      if (c.res.status !== 401) c.res = json({ error: { code: 'unsupported_version', message: 'planted' } }, 400);
    },
  },
  {
    violation: 'missing or unknown token answered 403',
    caughtBy: ['auth.missing', 'auth.unknown'],
    plant: () => after_(async (c) => {
      if (c.res.status === 401) c.res = await remake(c.res, { status: 403 });
    }),
  },
  {
    violation: 'error envelope flattened to {code,message}',
    caughtBy: ['version.missing', 'auth.missing', 'payments.key_required', 'payments.unknown'],
    plant: () => after_(async (c) => {
      if (c.res.status >= 400) c.res = await remake(c.res, { body: (b) => record(record(b)['error']) });
    }),
  },
  {
    violation: 'unknown route answered with a plain-text 404',
    caughtBy: ['routes.unknown'],
    plant: () => async (c, next) => {
      if (/conformance-unknown-route/.test(c.req.path)) return c.text('Not found', 404);
      return next();
    },
  },
  {
    violation: 'payment created with 200 instead of 201',
    caughtBy: ['payments.create'],
    plant: () => after_(async (c) => {
      if (isPayments(c) && c.res.status === 201) c.res = await remake(c.res, { status: 200 });
    }),
  },
  {
    violation: 'payment amount differs from the session amount',
    caughtBy: ['payments.create'],
    plant: () => after_(async (c) => {
      if (isPayments(c) && c.res.ok) {
        c.res = await remake(c.res, { body: (b) => ({ ...record(b), amount: { ...record(record(b)['amount']), value: Number(record(record(b)['amount'])['value']) + 1 } }) });
      }
    }),
  },
  {
    violation: 'a request rejected with 400/422 consumes its Idempotency-Key',
    caughtBy: ['payments.create'],
    plant: () => {
      const spent = new Set<string>();
      return async (c, next) => {
        const key = c.req.header('Idempotency-Key');
        if (isPayments(c) && key && spent.has(key)) return json({ error: { code: 'idempotency_key_reused', message: 'planted' } }, 422);
        await next();
        if (isPayments(c) && key && c.res.status >= 400) spent.add(key);
      };
    },
  },
  {
    violation: 'returnUrl not validated (javascript: accepted)',
    caughtBy: ['payments.return_url'],
    plant: ({ real, store }) => async (c, next) => {
      const body = isPayments(c) ? record(await c.req.json()) : {};
      if (typeof body['returnUrl'] !== 'string' || /^https?:/.test(body['returnUrl'])) return next();
      // What a backend that never looks at returnUrl does: carries on as if it were a store URL.
      const safe = JSON.stringify({ ...body, returnUrl: `${store}/checkout` });
      const headers = new Headers(c.req.raw.headers);
      headers.delete('content-length');
      return fetch(c.req.raw.url.replace(MUTANT, real), { method: 'POST', headers, body: safe });
    },
  },
  {
    violation: 'replay answers another status than the first answer',
    caughtBy: ['payments.replay'],
    plant: () => after_(async (c) => {
      if (isPayments(c) && c.res.headers.get('Idempotent-Replayed') === 'true') c.res = await remake(c.res, { status: 200 });
    }),
  },
  {
    violation: 'same key with another body is not refused (422 becomes a new attempt)',
    caughtBy: ['payments.key_reused'],
    plant: ({ real }) => async (c, next) => {
      if (!isPayments(c)) return next();
      const body = await c.req.text();
      await next();
      if (c.res.status === 422) {
        const headers = new Headers(c.req.raw.headers);
        headers.set('Idempotency-Key', crypto.randomUUID());
        c.res = await fetch(c.req.raw.url.replace(MUTANT, real), { method: 'POST', headers, body });
      }
    },
  },
  {
    violation: 'idempotency keys shared across sessions',
    caughtBy: ['payments.key_scope'],
    plant: () => {
      const byKey = new Map<string, Response>();
      return async (c, next) => {
        const key = c.req.header('Idempotency-Key');
        const first = key ? byKey.get(key) : undefined;
        if (isPayments(c) && first) return first.clone();
        await next();
        if (isPayments(c) && key && c.res.status === 201) byKey.set(key, c.res.clone());
      };
    },
  },
  {
    violation: 'a second tab (new key) opens a second live payment',
    caughtBy: ['payments.one_live'],
    plant: () => {
      let n = 0;
      return after_(async (c) => {
        if (isPayments(c) && c.res.status === 200) c.res = await remake(c.res, { status: 201, body: (b) => ({ ...record(b), id: `${String(record(b)['id'])}_tab${++n}` }) });
      });
    },
  },
  {
    violation: 'twin requests in flight answered 500 instead of 409 or the replay',
    caughtBy: ['payments.concurrent_twins'],
    plant: () => {
      const inFlight = new Set<string>();
      return async (c, next) => {
        const key = c.req.header('Idempotency-Key');
        if (!isPayments(c) || !key) return next();
        if (inFlight.has(key)) return json({ error: { code: 'internal_error', message: 'planted' } }, 500);
        inFlight.add(key);
        try {
          await next();
        } finally {
          inFlight.delete(key);
        }
      };
    },
  },
  {
    violation: "another session's token reads a payment",
    caughtBy: ['payments.cross_session'],
    plant: ({ real }) => {
      const owner = new Map<string, string>();
      return async (c, next) => {
        await next();
        if (isPayments(c) && c.res.ok) owner.set(String(record(await c.res.clone().json())['id']), c.req.header('Authorization') ?? '');
        const id = /\/payments\/([^/]+)$/.exec(c.req.path)?.[1];
        const token = id ? owner.get(decodeURIComponent(id)) : undefined;
        if (c.req.method === 'GET' && token && c.res.status === 404) {
          const headers = new Headers(c.req.raw.headers);
          headers.set('Authorization', token);
          c.res = await fetch(c.req.raw.url.replace(MUTANT, real), { headers });
        }
      };
    },
  },
  {
    violation: "another session's payment answered 403 instead of 404",
    caughtBy: ['payments.cross_session', 'payments.unknown'],
    plant: () => after_(async (c) => {
      if (/\/payments\/[^/]+/.test(c.req.path) && c.res.status === 404) c.res = json({ error: { code: 'not_found', message: 'planted' } }, 403);
    }),
  },
  {
    violation: 'no POST /payments/{id}/cancel',
    caughtBy: ['payments.cancel'],
    plant: () => async (c, next) => (c.req.path.endsWith('/cancel') ? json({ error: { code: 'not_found', message: 'planted' } }, 404) : next()),
  },
  {
    violation: 'events answered 200 instead of 202',
    caughtBy: ['events.accepted'],
    plant: () => after_(async (c) => {
      if (c.req.path.endsWith('/events') && c.res.status === 202) c.res = await remake(c.res, { status: 200 });
    }),
  },
  {
    violation: 'empty event batch accepted',
    caughtBy: ['events.invalid'],
    plant: () => async (c, next) => {
      if (c.req.path.endsWith('/events') && (record(await c.req.json())['events'] as unknown[]).length === 0) return json({ accepted: 0 }, 202);
      return next();
    },
  },
  {
    violation: 'event batch over 100 accepted',
    caughtBy: ['events.too_many'],
    plant: () => async (c, next) => {
      const events = c.req.path.endsWith('/events') ? (record(await c.req.json())['events'] as unknown[]) : [];
      if (events.length > 100) return json({ accepted: events.length }, 202);
      return next();
    },
  },
  {
    violation: 'CORS preflight answered 200',
    caughtBy: ['cors.preflight'],
    plant: () => after_(async (c) => {
      if (c.req.method === 'OPTIONS' && c.res.status === 204) c.res = await remake(c.res, { status: 200 });
    }),
  },
  {
    violation: 'CORS Access-Control-Allow-Origin: * for everyone',
    caughtBy: ['cors.preflight', 'cors.actual', 'cors.denied'],
    plant: () => after_(async (c) => {
      replaceRes(c, await remake(c.res, { headers: (h) => h.set('Access-Control-Allow-Origin', '*') }));
    }),
  },
  {
    violation: 'CORS answers without Vary: Origin',
    caughtBy: ['cors.actual'],
    plant: () => after_(async (c) => {
      replaceRes(c, await remake(c.res, { headers: (h) => h.delete('Vary') }));
    }),
  },
  {
    violation: 'CORS Access-Control-Allow-Credentials: true',
    caughtBy: ['cors.preflight', 'cors.actual'],
    plant: () => after_(async (c) => {
      if (c.res.headers.has('Access-Control-Allow-Origin')) c.res = await remake(c.res, { headers: (h) => h.set('Access-Control-Allow-Credentials', 'true') });
    }),
  },
  {
    violation: 'expired or revoked token answered 401 unauthorized, not session_expired',
    caughtBy: ['auth.expired', 'auth.revoked'],
    plant: () => after_(async (c) => {
      if (c.res.status === 401) c.res = await remake(c.res, { body: () => ({ error: { code: 'unauthorized', message: 'planted' } }) });
    }),
  },
  {
    violation: 'expired token still accepted',
    caughtBy: ['auth.expired'],
    plant: () => after_(async (c) => {
      if (c.req.path.endsWith('/session') && c.res.status === 401 && (await c.res.clone().text()).includes('session_expired')) {
        c.res = json({ id: 'cs_planted', amount: { value: 10000, currency: 'EUR' }, country: 'NL', paymentMethods: [{ id: 'card', type: 'card' }], expiresAt: new Date(Date.now() + 60_000).toISOString() }, 200);
      }
    }),
  },
];

describe('conformance kit, mutation-tested against the reference backend', () => {
  let servers: TestServers;
  before(async () => {
    // ~30 kit runs from one client: the per-client limits (unknown tokens, new payments) would stop them, which is not the point here.
    const many = { limit: 1_000_000, windowMs: 60_000 };
    servers = await startTestServers({ rateLimits: { authFailures: many, paymentsPerClient: many } });
  });
  after(() => servers.dispose());

  /** The real checkout API behind `plant`, reached by the kit through Hono's fetch (no extra listener). */
  const mutant = (plant: MiddlewareHandler): typeof fetch => {
    const app = new Hono();
    app.use('*', plant);
    app.all('*', async (c) => {
      const headers = new Headers(c.req.raw.headers);
      headers.delete('host');
      // HonoRequest caches the body, so a plant may have read it already.
      const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await c.req.arrayBuffer();
      return fetch(c.req.raw.url.replace(MUTANT, servers.apiUrl), { method: c.req.method, headers, ...(body ? { body } : {}) });
    });
    return (input, init) => Promise.resolve(app.fetch(new Request(input, init)));
  };

  const options = (doFetch: typeof fetch): ConformanceOptions => {
    const sessions = new Map<string, string>();
    return {
      endpoint: `${MUTANT}/checkout/v1`,
      origin: servers.storeUrl,
      fetch: doFetch,
      webhook: { url: `${MUTANT}/webhooks/psp`, secret: servers.webhookSecret },
      freshToken: async () => {
        const created = await createSession(servers);
        sessions.set(created.sessionToken, created.sessionId);
        return created.sessionToken;
      },
      revokeToken: async (token) => {
        await merchant(servers, 'POST', `/sessions/${sessions.get(token)}/revoke`);
      },
      expiredToken: async () => {
        const created = await createSession(servers, { ttlSeconds: 1 });
        servers.advance(2_000);
        return created.sessionToken;
      },
    };
  };

  it('the unmutated wrapper passes every check, none skipped', async () => {
    const results = await runConformance(options(mutant(async (_c, next) => next())));
    assert.deepEqual(results.filter((r) => r.status !== 'pass'), [], formatResults(results));
  });

  it('every planted violation is caught by the check named for it', async (t) => {
    const rows: Array<{ violation: string; failed: string[]; missed: string[] }> = [];
    for (const mutation of MUTATIONS) {
      const results: CheckResult[] = await runConformance(options(mutant(mutation.plant({ real: servers.apiUrl, store: servers.storeUrl }))));
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
