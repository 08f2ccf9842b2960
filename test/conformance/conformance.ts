/**
 * Protocol v1 conformance checks, written against docs/protocol.md (not
 * against the reference server's code), so any backend in any language can
 * be verified: `npm run verify-backend -- <endpoint> --token <token>`.
 *
 * Each check is independent and reports pass, fail or skip with a reason;
 * the checks create a few sandbox payments in the session they are given.
 */
import {
  ErrorEnvelope,
  EventsAccepted,
  IDEMPOTENCY_HEADER,
  PROTOCOL_VERSION,
  PaymentResult,
  Session,
  VERSION_HEADER,
  type ErrorCode,
  type PaymentResult as Result,
  type Session as SessionMessage,
} from '../../src/core/protocol/schemas.js';
import { createHmac } from 'node:crypto';

export interface ConformanceOptions {
  /** Base URL of the checkout API, e.g. `https://shop.example/checkout/v1`. */
  endpoint: string;
  /** Returns a valid session token; called once per session the checks need (return the same one if you only have one). */
  freshToken: () => Promise<string>;
  /** A store origin the backend allows; enables the CORS checks. */
  origin?: string;
  /** Revokes the session behind a token; enables the revoked-token check. */
  revokeToken?: (token: string) => Promise<void>;
  /** Returns a token that has expired (e.g. created with a 1 s lifetime, then waited out); enables the expired-token check. */
  expiredToken?: () => Promise<string>;
  /** `returnUrl` sent with payments; defaults to `<origin>/checkout` or `https://store.example/checkout`. */
  returnUrl?: string;
  fetch?: typeof fetch;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  /** The backend's PSP callback URL and its shared secret; enables the `webhook.*` checks (docs/protocol.md, "PSP callbacks"). */
  webhook?: { url: string; secret: string };
}

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  /** Why it failed or was skipped; what was seen when it passed. */
  detail: string;
}

class CheckFailure extends Error {}
class CheckSkipped extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

function describeBody(answer: Answer): string {
  return answer.text.length > 200 ? `${answer.text.slice(0, 200)}…` : answer.text || '(empty)';
}

function expectError(answer: Answer, status: number, code: ErrorCode): string {
  expect(answer.status === status, `expected HTTP ${status} ${code}, got ${answer.status}: ${describeBody(answer)}`);
  expectJsonType(answer);
  const envelope = ErrorEnvelope.safeParse(answer.body);
  expect(envelope.success, `the body is not the error envelope {error:{code,message}}: ${describeBody(answer)}`);
  expect(envelope.data.error.code === code, `expected code "${code}", got "${envelope.data.error.code}"`);
  return `${status} ${code}`;
}

/** docs/protocol.md, Conventions: JSON bodies with `Content-Type: application/json`. */
function expectJsonType(answer: Answer): void {
  const type = answer.headers.get('content-type') ?? '';
  expect(/^application\/json\b/i.test(type), `Content-Type is "${type}", expected application/json`);
}

/** An exact success status, a JSON Content-Type and a body that parses with `schema`. */
function expectResult(answer: Answer, status: number): Result {
  expect(answer.status === status, `expected HTTP ${status}, got ${answer.status}: ${describeBody(answer)}`);
  expectJsonType(answer);
  const parsed = PaymentResult.safeParse(answer.body);
  expect(parsed.success, `the body breaks the PaymentResult schema: ${describeBody(answer)}`);
  return parsed.data;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

export async function runConformance(options: ConformanceOptions): Promise<CheckResult[]> {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const returnUrl = options.returnUrl ?? `${options.origin ?? 'https://store.example'}/checkout`;
  const results: CheckResult[] = [];

  const request = async (
    method: string,
    path: string,
    init: { token?: string | null; version?: string | null; key?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
    if (init.token) headers['Authorization'] = `Bearer ${init.token}`;
    if (init.version !== null) headers[VERSION_HEADER] = init.version ?? PROTOCOL_VERSION;
    if (init.key) headers[IDEMPOTENCY_HEADER] = init.key;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await doFetch(`${endpoint}${path}`, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, body, text };
  };

  const check = async (id: string, title: string, run: () => Promise<string>): Promise<boolean> => {
    try {
      results.push({ id, title, status: 'pass', detail: await run() });
      return true;
    } catch (error) {
      const status: CheckStatus = error instanceof CheckSkipped ? 'skip' : 'fail';
      const detail = error instanceof Error ? error.message : String(error);
      results.push({ id, title, status, detail });
      return false;
    }
  };
  const skip = (reason: string): never => {
    throw new CheckSkipped(reason);
  };

  let token = '';
  let session: SessionMessage | undefined;
  await check('session.shape', 'GET /session returns a valid Session', async () => {
    token = await options.freshToken();
    const answer = await request('GET', '/session', { token });
    expect(answer.status === 200, `expected 200, got ${answer.status}: ${describeBody(answer)}`);
    expectJsonType(answer);
    const parsed = Session.safeParse(answer.body);
    expect(parsed.success, `the body breaks the Session schema: ${parsed.error?.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    session = parsed.data;
    expect(session.paymentMethods.length > 0, 'the session offers no payment methods');
    expect(Date.parse(session.expiresAt) > Date.now(), `expiresAt ${session.expiresAt} is in the past for a fresh token`);
    return `${session.id}: ${session.amount.value} ${session.amount.currency}, ${session.paymentMethods.length} methods`;
  });

  await check('version.missing', `A request without ${VERSION_HEADER} is 400 unsupported_version`, async () =>
    expectError(await request('GET', '/session', { token: token || 'missing', version: null }), 400, 'unsupported_version'));
  await check('version.other', `${VERSION_HEADER}: 999 is 400 unsupported_version`, async () =>
    expectError(await request('GET', '/session', { token: token || 'missing', version: '999' }), 400, 'unsupported_version'));
  await check('version.before_auth', `The version is checked before the token: no ${VERSION_HEADER} and an unknown token is 400 unsupported_version`, async () =>
    expectError(await request('GET', '/session', { token: `conformance-unknown-${crypto.randomUUID()}`, version: null }), 400, 'unsupported_version'));
  await check('auth.missing', 'A request without a token is 401 unauthorized', async () =>
    expectError(await request('GET', '/session', { token: null }), 401, 'unauthorized'));
  await check('auth.unknown', 'An unknown token is 401 unauthorized', async () =>
    expectError(await request('GET', '/session', { token: `conformance-unknown-${crypto.randomUUID()}` }), 401, 'unauthorized'));

  await check('routes.unknown', 'A route not in the protocol is 404 not_found', async () => {
    if (!session) return skip('needs session.shape');
    return expectError(await request('GET', `/conformance-unknown-route-${Date.now()}`, { token }), 404, 'not_found');
  });

  const method = session?.paymentMethods.find((m) => m.status !== 'down')?.id;
  const body = { method: method ?? 'card', returnUrl };
  const needSession = () => (session && method ? undefined : skip('needs session.shape and a method that is not down'));
  // The rejected requests below carry the key payments.create uses: a rejected request must not consume it.
  const key = crypto.randomUUID();

  await check('payments.key_required', `POST /payments without ${IDEMPOTENCY_HEADER} is 400 invalid_request`, async () => {
    needSession();
    return expectError(await request('POST', '/payments', { token, body }), 400, 'invalid_request');
  });
  await check('payments.invalid_body', 'POST /payments with an invalid body is 400 invalid_request', async () => {
    needSession();
    return expectError(await request('POST', '/payments', { token, key, body: { returnUrl } }), 400, 'invalid_request');
  });
  await check('payments.return_url', 'POST /payments with a returnUrl that is not http(s) is 400 invalid_request', async () => {
    needSession();
    return expectError(await request('POST', '/payments', { token, key, body: { ...body, returnUrl: 'javascript:alert(1)' } }), 400, 'invalid_request');
  });
  await check('payments.method_not_offered', 'POST /payments for a method not offered is 422 method_not_offered', async () => {
    needSession();
    return expectError(
      await request('POST', '/payments', { token, key, body: { method: 'conformance_not_offered', returnUrl } }),
      422,
      'method_not_offered',
    );
  });

  let created: { answer: Answer; result: Result } | undefined;
  await check('payments.create', 'POST /payments creates a payment: 201, a valid PaymentResult, its method and the session amount (its key unspent by the rejected requests before)', async () => {
    needSession();
    const answer = await request('POST', '/payments', { token, key, body });
    if (answer.status === 422) expect(false, `the key was consumed by a request rejected before processing: ${describeBody(answer)}`);
    const result = expectResult(answer, 201);
    expect(result.method === body.method, `method is "${result.method}", sent "${body.method}"`);
    expect(sameJson(result.amount, session!.amount), `amount ${JSON.stringify(result.amount)} differs from the session's`);
    if (session!.mode === 'live' && result.status === 'requires_action' && 'url' in result.action) {
      expect(result.action.url.startsWith('https:'), `a live session's action URL is not https: ${result.action.url}`);
    }
    created = { answer, result };
    return `${answer.status} ${result.id} (${body.method}: ${result.status})`;
  });
  const needPayment = () => created ?? skip('needs payments.create');

  await check('payments.replay', 'The same Idempotency-Key and body replays the first response', async () => {
    const first = needPayment();
    const again = await request('POST', '/payments', { token, key, body });
    expect(again.status === first.answer.status, `replay answered ${again.status}, first answer was ${first.answer.status}`);
    expect(sameJson(again.body, first.answer.body), `replay body differs: ${describeBody(again)}`);
    return `${again.status}, same body`;
  });
  await check('payments.key_reused', 'The same Idempotency-Key with another body is 422 idempotency_key_reused', async () => {
    needPayment();
    const other = { ...body, returnUrl: `${returnUrl}${returnUrl.includes('?') ? '&' : '?'}attempt=other` };
    return expectError(await request('POST', '/payments', { token, key, body: other }), 422, 'idempotency_key_reused');
  });
  await check('payments.get', 'GET /payments/{id} returns the payment', async () => {
    const first = needPayment();
    const result = expectResult(await request('GET', `/payments/${encodeURIComponent(first.result.id)}`, { token }), 200);
    expect(result.id === first.result.id && result.method === first.result.method, 'a different payment came back');
    return `${result.id}: ${result.status}`;
  });
  await check('payments.unknown', 'GET /payments/{unknown id} is 404 not_found', async () => {
    needSession();
    return expectError(await request('GET', `/payments/conformance_unknown_${Date.now()}`, { token }), 404, 'not_found');
  });
  // A second session, from a second freshToken() call (the CLI needs --merchant for it).
  let second: { token: string; session: SessionMessage } | null | undefined;
  const secondSession = async (): Promise<{ token: string; session: SessionMessage }> => {
    if (second === undefined) {
      const otherToken = await options.freshToken();
      const other = Session.safeParse((await request('GET', '/session', { token: otherToken })).body);
      second = other.success && other.data.id !== session?.id ? { token: otherToken, session: other.data } : null;
    }
    return second ?? skip('freshToken returned the same session; pass --merchant to test two sessions');
  };

  await check('payments.key_scope', 'Idempotency keys are scoped per session: the same key in another session creates its own payment (201)', async () => {
    const first = needPayment();
    const other = await secondSession();
    const otherMethod = other.session.paymentMethods.find((m) => m.status !== 'down')?.id;
    if (otherMethod !== body.method) return skip('the second session does not offer the same method');
    const result = expectResult(await request('POST', '/payments', { token: other.token, key, body }), 201);
    expect(result.id !== first.result.id, 'the other session got the first session\'s payment');
    return `new payment ${result.id}`;
  });
  await check('payments.cross_session', 'Another session\'s token cannot read or cancel a payment: 404 not_found (never 403), and the payment is untouched', async () => {
    const first = needPayment();
    const other = await secondSession();
    const path = `/payments/${encodeURIComponent(first.result.id)}`;
    const before = expectResult(await request('GET', path, { token }), 200);
    expectError(await request('GET', path, { token: other.token }), 404, 'not_found');
    expectError(await request('POST', `${path}/cancel`, { token: other.token }), 404, 'not_found');
    const after = expectResult(await request('GET', path, { token }), 200);
    expect(after.status === before.status, `the other session's cancel changed the payment from ${before.status} to ${after.status}`);
    return 'GET and cancel: 404 not_found';
  });

  // One live payment per session: a second tab (its own key) must not pay twice.
  await check('payments.one_live', 'While a payment is live, POST /payments with a new key answers with that payment', async () => {
    const first = needPayment();
    if (first.result.status === 'failed') return skip('the created payment failed at once, so nothing holds the session');
    const answer = await request('POST', '/payments', { token, key: crypto.randomUUID(), body });
    const result = expectResult(answer, 200);
    expect(result.id === first.result.id, `a second payment ${result.id} was created next to the live ${first.result.id}`);
    return `${answer.status}, the same payment ${result.id}`;
  });

  let cancelled: Result | undefined;
  await check('payments.cancel', 'POST /payments/{id}/cancel cancels an open payment and keeps a final one', async () => {
    const first = needPayment();
    const before = PaymentResult.safeParse((await request('GET', `/payments/${encodeURIComponent(first.result.id)}`, { token })).body);
    expect(before.success, 'GET /payments/{id} of the created payment is not a PaymentResult');
    const answer = await request('POST', `/payments/${encodeURIComponent(first.result.id)}/cancel`, { token });
    const after = expectResult(answer, 200);
    expect(after.id === first.result.id, `cancel answered another payment (${after.id})`);
    const was = before.data;
    if (was.status === 'succeeded') {
      expect(after.status === 'succeeded', `a succeeded payment became ${after.status}: the backend's word is final`);
    } else if (was.status === 'failed') {
      expect(after.status === 'failed' && after.failure.code === was.failure.code, `a failed payment changed to ${describeBody(answer)}`);
    } else if (was.status === 'requires_action') {
      // The buyer has not acted, so nothing is in progress at the PSP: cancelled (or expired, or paid a moment ago).
      const ended = after.status === 'succeeded' || (after.status === 'failed' && ['cancelled', 'expired'].includes(after.failure.code));
      expect(ended, `an open payment answered ${describeBody(answer)}, expected failed with code cancelled`);
    }
    // A `pending` payment may already be with the PSP: a backend may answer it unchanged, and the widget keeps polling.
    cancelled = after;
    return `${was.status} → ${after.status}${after.status === 'failed' ? ` ${after.failure.code}` : ''}`;
  });
  await check('payments.cancel_repeat', 'Cancelling the same payment again answers the same outcome', async () => {
    const first = cancelled ?? skip('needs payments.cancel');
    const answer = await request('POST', `/payments/${encodeURIComponent(first.id)}/cancel`, { token });
    expect(answer.status === 200, `expected 200, got ${answer.status}: ${describeBody(answer)}`);
    const parsed = PaymentResult.safeParse(answer.body);
    expect(parsed.success && parsed.data.status === first.status, `the second cancel answered ${describeBody(answer)}, the first ${first.status}`);
    return `${parsed.data.status} again`;
  });
  await check('payments.after_cancel', 'After a cancel, a new key creates a new payment', async () => {
    const first = cancelled ?? skip('needs payments.cancel');
    if (first.status !== 'failed') return skip(`the payment is ${first.status}, so the session stays with it`);
    const answer = await request('POST', '/payments', { token, key: crypto.randomUUID(), body });
    const result = expectResult(answer, 201);
    expect(result.id !== first.id, 'the cancelled payment came back instead of a new one');
    return `${answer.status} ${result.id} (${result.status})`;
  });
  await check('payments.cancel_unknown', 'POST /payments/{unknown id}/cancel is 404 not_found', async () => {
    needSession();
    return expectError(await request('POST', `/payments/conformance_unknown_${Date.now()}/cancel`, { token }), 404, 'not_found');
  });

  await check('events.accepted', 'POST /events is 202 {accepted}', async () => {
    needSession();
    const events = [
      { id: crypto.randomUUID(), type: 'conformance.check', at: new Date().toISOString(), data: { ok: true } },
      { id: crypto.randomUUID(), type: 'conformance.check', at: new Date().toISOString() },
    ];
    const answer = await request('POST', '/events', { token, body: { events } });
    expect(answer.status === 202, `expected 202, got ${answer.status}: ${describeBody(answer)}`);
    expectJsonType(answer);
    const parsed = EventsAccepted.safeParse(answer.body);
    expect(parsed.success, `the body is not {accepted}: ${describeBody(answer)}`);
    expect(parsed.data.accepted === events.length, `accepted ${parsed.data.accepted} of ${events.length}`);
    return `accepted ${parsed.data.accepted}`;
  });
  await check('events.invalid', 'POST /events with an empty batch is 400 invalid_request', async () => {
    needSession();
    return expectError(await request('POST', '/events', { token, body: { events: [] } }), 400, 'invalid_request');
  });
  await check('events.too_many', 'POST /events with more than 100 events is 400 invalid_request', async () => {
    needSession();
    const events = Array.from({ length: 101 }, () => ({ id: crypto.randomUUID(), type: 'conformance.check', at: new Date().toISOString() }));
    return expectError(await request('POST', '/events', { token, body: { events } }), 400, 'invalid_request');
  });

  await check('payments.concurrent_twins', 'Twin requests with one key, sent at once, create one payment: each answer is it (201) or 409 idempotency_conflict', async () => {
    needSession();
    const twinToken = await options.freshToken();
    const twinSession = Session.safeParse((await request('GET', '/session', { token: twinToken })).body);
    if (!twinSession.success || twinSession.data.id === session!.id || twinSession.data.id === second?.session.id) {
      return skip('needs a session with no payment yet; pass --merchant');
    }
    const twinMethod = twinSession.data.paymentMethods.find((m) => m.status !== 'down')?.id ?? skip('the session offers no method');
    const twinKey = crypto.randomUUID();
    const twinBody = { method: twinMethod, returnUrl };
    const answers = await Promise.all([1, 2, 3].map(() => request('POST', '/payments', { token: twinToken, key: twinKey, body: twinBody })));
    const ids = new Set<string>();
    for (const answer of answers) {
      if (answer.status === 409) expectError(answer, 409, 'idempotency_conflict');
      else ids.add(expectResult(answer, 201).id);
    }
    expect(ids.size === 1, ids.size === 0 ? 'every twin answered 409: none was processed' : `one key created ${ids.size} payments: ${[...ids].join(', ')}`);
    return `${answers.map((a) => a.status).join(', ')}: one payment`;
  });

  const preflight = (origin: string) =>
    doFetch(`${endpoint}/payments`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': `authorization,content-type,${IDEMPOTENCY_HEADER.toLowerCase()},${VERSION_HEADER.toLowerCase()}`,
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
  await check('cors.preflight', 'A CORS preflight from the store origin is allowed with the protocol headers', async () => {
    const origin = options.origin ?? skip('pass --origin <store origin> to check CORS');
    const response = await preflight(origin);
    expect(response.status === 204, `preflight answered ${response.status}, expected 204`);
    expect(response.headers.get('access-control-allow-origin') === origin, `Access-Control-Allow-Origin is "${response.headers.get('access-control-allow-origin')}"`);
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', IDEMPOTENCY_HEADER.toLowerCase(), VERSION_HEADER.toLowerCase()]) {
      expect(allowed.split(/\s*,\s*/).includes(header), `${header} is not in Access-Control-Allow-Headers "${allowed}"`);
    }
    const methods = (response.headers.get('access-control-allow-methods') ?? '').toUpperCase().split(/\s*,\s*/);
    expect(methods.includes('GET') && methods.includes('POST'), `Access-Control-Allow-Methods is "${methods.join(', ')}", needs GET and POST`);
    expect(response.headers.has('access-control-max-age'), 'no Access-Control-Max-Age');
    expect(!response.headers.has('access-control-allow-credentials'), 'Access-Control-Allow-Credentials is set: the token travels in Authorization, never in cookies');
    return `204 for ${origin}`;
  });
  await check('cors.actual', 'Actual answers to the store origin, errors included, carry its Access-Control-Allow-Origin and Vary: Origin', async () => {
    const origin = options.origin ?? skip('pass --origin <store origin> to check CORS');
    needSession();
    const answers = [
      ['GET /session', await request('GET', '/session', { token, headers: { Origin: origin } })],
      ['401 without token', await request('GET', '/session', { token: null, headers: { Origin: origin } })],
    ] as const;
    for (const [name, answer] of answers) {
      expect(answer.headers.get('access-control-allow-origin') === origin, `${name}: Access-Control-Allow-Origin is "${answer.headers.get('access-control-allow-origin')}"`);
      const vary = (answer.headers.get('vary') ?? '').toLowerCase().split(/\s*,\s*/);
      expect(vary.includes('origin') || vary.includes('*'), `${name}: Vary is "${answer.headers.get('vary')}", needs Origin`);
      expect(!answer.headers.has('access-control-allow-credentials'), `${name}: Access-Control-Allow-Credentials is set`);
    }
    return 'session and error answers';
  });
  await check('cors.denied', 'Answers to an unknown origin, preflight or not, carry no Access-Control-Allow-* header', async () => {
    if (!options.origin) return skip('pass --origin <store origin> to check CORS');
    const denied = 'https://conformance-denied.invalid';
    const answers = [
      ['preflight', (await preflight(denied)).headers],
      ['GET /session', (await request('GET', '/session', { token: token || 'missing', headers: { Origin: denied } })).headers],
    ] as const;
    for (const [name, headers] of answers) {
      const leaked = [...headers.keys()].filter((header) => header.toLowerCase().startsWith('access-control-allow-'));
      expect(leaked.length === 0, `${name} from an unknown origin carries ${leaked.join(', ')}`);
    }
    return 'no Access-Control-Allow-* headers';
  });

  await check('auth.expired', 'An expired session token is 401 session_expired', async () => {
    const expired = await (options.expiredToken ?? skip('needs an expired token (pass --merchant: it creates one with a 1 s lifetime)'))();
    return expectError(await request('GET', '/session', { token: expired }), 401, 'session_expired');
  });
  await check('auth.revoked', 'A revoked session token is 401 session_expired', async () => {
    const revoke = options.revokeToken ?? skip('needs a way to revoke a session (pass --merchant for the reference merchant API)');
    const victim = await options.freshToken();
    expect(victim !== token, 'freshToken returned the token the other checks use; refusing to revoke it');
    await revoke(victim);
    return expectError(await request('GET', '/session', { token: victim }), 401, 'session_expired');
  });

  // --- PSP callbacks (docs/protocol.md, "PSP callbacks (webhooks)"): what any backend must do with a delivery. ---
  const webhook = options.webhook;
  const needWebhook = () => webhook ?? skip('pass --webhook <url> --webhook-secret <secret> to check PSP callbacks');
  // An event type no backend acts on, for a payment no backend knows: it must be verified, stored once and acknowledged.
  const webhookEvent = JSON.stringify({
    id: `evt_conformance_${crypto.randomUUID()}`,
    type: 'conformance.ping',
    createdAt: new Date().toISOString(),
    data: { paymentId: `pay_conformance_${crypto.randomUUID()}`, amount: { value: 1, currency: 'EUR' } },
  });
  const webhookId = (JSON.parse(webhookEvent) as { id: string }).id;
  const deliver = async (body: string, { secret, at }: { secret?: string; at?: number } = {}): Promise<Answer> => {
    const hook = needWebhook();
    const timestamp = Math.floor((at ?? Date.now()) / 1000);
    const signature = createHmac('sha256', secret ?? hook.secret).update(`${timestamp}.${body}`).digest('hex');
    const response = await doFetch(hook.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Ck-Webhook-Id': webhookId, 'Ck-Webhook-Timestamp': String(timestamp), 'Ck-Webhook-Signature': `v1=${signature}` },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: undefined, text };
  };
  const refused = (answer: Answer, what: string): string => {
    expect(answer.status >= 400 && answer.status < 500, `${what} answered ${answer.status}, expected 4xx (401): ${describeBody(answer)}`);
    return `${answer.status}`;
  };
  await check('webhook.bad_signature', 'A callback signed with another secret is refused (4xx)', async () =>
    refused(await deliver(webhookEvent, { secret: `${needWebhook().secret}-wrong` }), 'a wrong signature'));
  await check('webhook.tampered', 'A callback whose body changed after signing is refused (4xx)', async () => {
    const hook = needWebhook();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', hook.secret).update(`${timestamp}.${webhookEvent}`).digest('hex');
    const response = await doFetch(hook.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Ck-Webhook-Id': webhookId, 'Ck-Webhook-Timestamp': String(timestamp), 'Ck-Webhook-Signature': `v1=${signature}` },
      body: webhookEvent.replace('"value":1', '"value":100000'),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return refused({ status: response.status, headers: response.headers, body: undefined, text: await response.text() }, 'a tampered body');
  });
  await check('webhook.stale', 'A callback signed 10 minutes ago (outside the 5-minute window) is refused (4xx)', async () =>
    refused(await deliver(webhookEvent, { at: Date.now() - 10 * 60 * 1000 }), 'a stale timestamp'));
  await check('webhook.future', 'A callback signed 10 minutes ahead is refused (4xx)', async () =>
    refused(await deliver(webhookEvent, { at: Date.now() + 10 * 60 * 1000 }), 'a future timestamp'));
  let webhookAccepted = false;
  await check('webhook.accepted', 'A correctly signed callback of an unknown type is acknowledged (2xx)', async () => {
    const answer = await deliver(webhookEvent);
    expect(answer.status >= 200 && answer.status < 300, `expected 2xx, got ${answer.status}: ${describeBody(answer)}`);
    webhookAccepted = true;
    return `${answer.status}`;
  });
  await check('webhook.duplicate', 'The same event delivered again (re-signed) is acknowledged again (2xx)', async () => {
    if (!webhookAccepted) return skip('needs webhook.accepted');
    const answer = await deliver(webhookEvent);
    expect(answer.status >= 200 && answer.status < 300, `a duplicate answered ${answer.status}: ${describeBody(answer)}; callbacks are at-least-once`);
    return `${answer.status}`;
  });

  return results;
}

/** Plain-text table of results for terminals and CI logs. */
export function formatResults(results: readonly CheckResult[]): string {
  const mark: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };
  const idWidth = Math.max(...results.map((r) => r.id.length), 2);
  const lines = results.map((r) => `${mark[r.status]}  ${r.id.padEnd(idWidth)}  ${r.title}\n${' '.repeat(idWidth + 8)}${r.detail}`);
  const counts = (status: CheckStatus) => results.filter((r) => r.status === status).length;
  lines.push('', `${counts('pass')} passed, ${counts('fail')} failed, ${counts('skip')} skipped`);
  return lines.join('\n');
}
