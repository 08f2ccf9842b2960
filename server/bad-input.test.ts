/**
 * Bad input never makes a 5xx (issue 17: "keep the guarantees measured"):
 * random bodies, headers and ids against every route that takes input,
 * including the callback, refund, risk and reconciliation routes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PaymentResult } from '../src/core/protocol/schemas.js';
import { createSession, pay, startTestServers, type TestServers } from './test-support.js';
import { signedHeaders } from './webhooks/signature.js';

describe('bad input → no 5xx', () => {
  let servers: TestServers;
  let paymentId = '';
  let token = '';
  before(async () => {
    // Generous limits: this test measures input handling, not rate limiting.
    const many = { limit: 100_000, windowMs: 60_000 };
    servers = await startTestServers({ rateLimits: { authFailures: many, storeSessions: many, paymentsPerSession: many, paymentsPerClient: many } });
    const credentials = await createSession(servers, { methods: ['card', 'ideal'] });
    token = credentials.sessionToken;
    paymentId = PaymentResult.parse((await pay(credentials, 'card')).body).id;
  });
  after(() => servers.dispose());

  const json = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('', '{', '{"amount":', 'null', '[]', '{"__proto__":{"x":1}}', '{"amount":1e309}', '\u0000', '{"id":"x","type":"a.b"}'),
  );
  const id = fc.oneof(fc.constant(() => paymentId), fc.string({ maxLength: 40 }).map((s) => () => encodeURIComponent(s) || 'x'), fc.constant(() => '%2e%2e'));
  const routes = fc.constantFrom(
    (p: string) => ['POST', `${servers.apiUrl}/webhooks/psp`],
    (p: string) => ['POST', `${servers.apiUrl}/merchant/v1/payments/${p}/refunds`],
    (p: string) => ['GET', `${servers.apiUrl}/merchant/v1/payments/${p}/refunds`],
    () => ['PUT', `${servers.apiUrl}/merchant/v1/risk`],
    (p: string) => ['GET', `${servers.apiUrl}/merchant/v1/reconciliation?date=${p}&format=${p}`],
    () => ['POST', `${servers.apiUrl}/merchant/v1/sessions`],
    (p: string) => ['POST', `${servers.apiUrl}/sandbox/payments/${p}/complete`],
    (p: string) => ['POST', `${servers.apiUrl}/sandbox/payments/${p}/chargeback`],
    () => ['POST', `${servers.apiUrl}/sandbox/webhooks/release`],
    () => ['POST', `${servers.apiUrl}/sandbox/reconciliation/plant`],
    (p: string) => ['POST', `${servers.apiUrl}/sandbox/redirect/${p}`],
    () => ['POST', `${servers.storeUrl}/store/checkout`],
    (p: string) => ['POST', `${servers.storeUrl}/store/sessions/${p}/token`],
    () => ['POST', `${servers.apiUrl}/checkout/v1/payments`],
    (p: string) => ['POST', `${servers.apiUrl}/checkout/v1/payments/${p}/cancel`],
    (p: string) => ['GET', `${servers.storeUrl}/dist/${p}`],
  );
  const headerValue = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s)));

  it('600 random requests: every answer is below 500', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(routes, id, json, headerValue, headerValue, fc.boolean(), fc.boolean(), async (route, pick, body, contentType, signature, authorize, sign) => {
        const [method, url] = route(pick()) as [string, string];
        const headers: Record<string, string> = { 'Checkout-Kit-Version': '1', 'Idempotency-Key': crypto.randomUUID() };
        if (contentType !== undefined) headers['Content-Type'] = contentType;
        if (authorize) headers['Authorization'] = url.includes('/merchant/') ? `Bearer ${servers.merchantSecret}` : `Bearer ${token}`;
        if (sign) Object.assign(headers, signedHeaders(servers.webhookSecret, 'evt_fuzz', body, Date.now()));
        else if (signature !== undefined) headers['Ck-Webhook-Signature'] = signature;
        const response = await fetch(url, { method, headers, ...(method === 'GET' ? {} : { body }), redirect: 'manual' });
        await response.arrayBuffer();
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        assert.ok(response.status < 500, `${method} ${url} ${JSON.stringify(headers)} ${body.slice(0, 80)} → ${response.status}`);
      }),
      { numRuns: 600 },
    );
    assert.ok([...seen.keys()].some((s) => s >= 400), JSON.stringify([...seen]));
  });
});
