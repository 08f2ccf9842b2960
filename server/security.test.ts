/**
 * Issue 17, "holes found under attack": one test per hole, each written
 * before its fix and seen failing against the unfixed server.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ErrorEnvelope, PaymentResult } from '../src/core/protocol/schemas.js';
import { DEFAULT_DB_PATH } from './config.js';
import type { StoreCheckoutAnswer } from './store/routes.js';
import { call, createSession, pay, paymentRows, startTestServers, type TestServers } from './test-support.js';

const EVIL = 'http://evil.example';

async function envelopeOf(response: Response): Promise<ErrorEnvelope> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    assert.fail(`not JSON: ${response.status} ${text.slice(0, 120)}`);
  }
  return ErrorEnvelope.parse(json);
}

describe('issue 17: holes found under attack', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers();
    // A file in the store's root folder that is not one of its served folders.
    writeFileSync(join(servers.dir, 'store', 'package.json'), '{"name":"not-for-the-web"}');
  });
  after(() => servers.dispose());

  const storeCheckout = (init: RequestInit = {}) =>
    fetch(`${servers.storeUrl}/store/checkout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ items: [{ sku: 'mug-stoneware', quantity: 1 }], country: 'NL', currency: 'EUR' }),
      ...init,
    });

  describe('1. static files: only index.html, dist/ and demo/', () => {
    it('an encoded ../ out of dist/ or demo/ is a 404, even inside the store root', async () => {
      for (const path of ['/dist/..%2fpackage.json', '/demo/..%2fpackage.json', '/dist/%2e%2e%2fpackage.json', '/dist/..%5cpackage.json', '/demo/%2e%2e/package.json']) {
        const response = await fetch(servers.storeUrl + path);
        assert.equal(response.status, 404, path);
        assert.ok(!(await response.text()).includes('not-for-the-web'), path);
      }
      assert.equal((await fetch(`${servers.storeUrl}/dist/checkout-kit.js`)).status, 200);
    });

    it('the default database lives outside the repository, and a database inside a served folder is refused', async () => {
      const repo = resolve(import.meta.dirname, '..');
      assert.ok(!resolve(repo, DEFAULT_DB_PATH).startsWith(repo + sep), DEFAULT_DB_PATH);
      await assert.rejects(
        startTestServers({ dir: servers.dir, dbPath: join(servers.dir, 'store', 'dist', 'db.sqlite') }),
        /served folder/,
      );
    });
  });

  describe('2. the store mints tokens only for the browser that created the session', () => {
    it('without the session cookie the token route is 403; with it, 201', async () => {
      const created = await storeCheckout();
      assert.equal(created.status, 201);
      const answer = (await created.json()) as StoreCheckoutAnswer;
      const cookie = created.headers.get('set-cookie') ?? '';
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      const token = (headers: Record<string, string>) =>
        fetch(`${servers.storeUrl}/store/sessions/${answer.sessionId}/token`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
      const stranger = await token({});
      assert.equal(stranger.status, 403);
      assert.equal((await envelopeOf(stranger)).error.code, 'unauthorized');
      const forged = await token({ Cookie: cookie.split(';')[0]!.replace(/=.*/, '=cs_other.forged') });
      assert.equal(forged.status, 403);
      const owner = await token({ Cookie: cookie.split(';')[0]! });
      assert.equal(owner.status, 201);
      // Another buyer's cookie does not open this session either.
      const other = await storeCheckout();
      const otherCookie = (other.headers.get('set-cookie') ?? '').split(';')[0]!;
      assert.equal((await token({ Cookie: otherCookie })).status, 403);
    });
  });

  describe('3. return URLs', () => {
    it('a return URL outside the store origins is 400; the sandbox page pastes only configured origins into its CSP', async () => {
      const credentials = await createSession(servers, { methods: ['ideal'] });
      for (const returnUrl of [`${EVIL}/x`, 'javascript:alert(1)', `${servers.storeUrl.replace('http:', 'https:')}/x`]) {
        const answer = await pay(credentials, 'ideal', { returnUrl });
        assert.equal(answer.status, 400, returnUrl);
        assert.equal(ErrorEnvelope.parse(answer.body).error.code, 'invalid_request');
      }
      assert.deepEqual(await paymentRows(servers, credentials.sessionId), []);
      const ok = PaymentResult.parse((await pay(credentials, 'ideal', { returnUrl: `${servers.storeUrl}/?order=1` })).body);
      assert.ok(ok.status === 'requires_action' && ok.action.type === 'redirect');
      const page = await fetch(ok.action.url);
      assert.match(page.headers.get('content-security-policy') ?? '', new RegExp(`form-action 'self' ${servers.storeUrl};`));
    });
  });

  describe('4. one body limit for every route', () => {
    // Just over the limit: a declared Content-Length is refused before reading (a bigger upload would only test the socket).
    const big = 'x'.repeat(256 * 1024);
    const routes = (): Array<[string, string]> => [
      ['POST', `${servers.storeUrl}/store/checkout`],
      ['POST', `${servers.storeUrl}/store/sessions/cs_x/token`],
      ['POST', `${servers.apiUrl}/sandbox/payments/pay_x/complete`],
      ['POST', `${servers.apiUrl}/sandbox/redirect/pay_x`],
      ['POST', `${servers.apiUrl}/merchant/v1/sessions`],
      ['PUT', `${servers.apiUrl}/merchant/v1/sessions/cs_x/faults`],
    ];
    it('256 KB with a Content-Length is 413 with the error envelope', async () => {
      for (const [method, url] of routes()) {
        const response = await fetch(url, {
          signal: AbortSignal.timeout(10_000),
          method,
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${servers.merchantSecret}`, Origin: servers.storeUrl },
          body: big,
        }).catch((error: unknown) => assert.fail(`${method} ${url}: ${String((error as { cause?: unknown }).cause ?? error)}`));
        assert.equal(response.status, 413, `${method} ${url}`);
        assert.equal((await envelopeOf(response)).error.code, 'invalid_request');
      }
    });
    it('a streamed body without Content-Length is cut off at the limit too', async () => {
      for (const [method, url] of routes()) {
        let sent = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            // 100 MB if nobody stops reading; the server must stop long before.
            if (sent >= 100 * 1024 * 1024) return controller.close();
            sent += 64 * 1024;
            controller.enqueue(new Uint8Array(64 * 1024).fill(32));
          },
        });
        const response = await fetch(url, {
          method,
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${servers.merchantSecret}`, Origin: servers.storeUrl },
          body: stream,
          duplex: 'half',
        } as RequestInit);
        assert.equal(response.status, 413, `${method} ${url}`);
        assert.equal((await envelopeOf(response)).error.code, 'invalid_request');
        assert.ok(sent < 10 * 1024 * 1024, `${url} read ${sent} bytes`);
      }
    });
  });

  describe('5. cross-site requests change nothing', () => {
    it('a cross-site text/plain hook, a cross-site form and a cross-site store checkout are refused', async () => {
      const credentials = await createSession(servers, { methods: ['ideal'] });
      const result = PaymentResult.parse((await pay(credentials, 'ideal', { returnUrl: `${servers.storeUrl}/` })).body);
      assert.ok(result.status === 'requires_action' && result.action.type === 'redirect');
      const hook = await fetch(`${servers.apiUrl}/sandbox/payments/${result.id}/complete`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' },
        body: '{"outcome":"succeeded"}',
      });
      assert.ok(hook.status === 403 || hook.status === 415, String(hook.status));
      await envelopeOf(hook);
      const plainSameOrigin = await fetch(`${servers.apiUrl}/sandbox/payments/${result.id}/complete`, {
        method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"outcome":"succeeded"}',
      });
      assert.equal(plainSameOrigin.status, 415);
      const form = await fetch(result.action.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' },
        body: 'decision=approve',
        redirect: 'manual',
      });
      assert.equal(form.status, 403);
      assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((r) => r.status), ['requires_action']);
      // The page's own form (Origin: null under no-referrer, but same-origin by Fetch Metadata) still works.
      const own = await fetch(result.action.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
        body: 'decision=approve',
        redirect: 'manual',
      });
      assert.equal(own.status, 303);
      const before = await servers.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM sessions');
      const store = await storeCheckout({ headers: { 'Content-Type': 'text/plain', Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' } });
      assert.ok(store.status === 403 || store.status === 415, String(store.status));
      const plainStore = await storeCheckout({ headers: { 'Content-Type': 'text/plain' } });
      assert.equal(plainStore.status, 415);
      const after = await servers.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM sessions');
      assert.equal(after?.n, before?.n);
    });
  });

  describe('6. rate limits', () => {
    it('wrong merchant secrets get 429 rate_limited with Retry-After, and the window passes on the clock', async () => {
      const local = await startTestServers();
      try {
        const wrong = () => fetch(`${local.apiUrl}/merchant/v1/sessions`, { method: 'POST', headers: { Authorization: 'Bearer wrong' } });
        const statuses: number[] = [];
        for (let i = 0; i < 40; i++) statuses.push((await wrong()).status);
        assert.ok(statuses.includes(429), statuses.join(','));
        const limited = await wrong();
        assert.equal(limited.status, 429);
        assert.ok(Number(limited.headers.get('retry-after')) > 0);
        assert.equal((await envelopeOf(limited)).error.code, 'rate_limited');
        // The right secret is refused too while the client is locked out: no oracle for guessing.
        assert.equal((await fetch(`${local.apiUrl}/merchant/v1/sessions`, { method: 'POST', headers: { Authorization: `Bearer ${local.merchantSecret}` } })).status, 429);
        local.advance(61 * 60 * 1000);
        assert.equal((await wrong()).status, 401);
      } finally {
        await local.dispose();
      }
    });

    it('unknown session tokens, store sessions and payments per session are limited', async () => {
      const local = await startTestServers();
      try {
        const endpoint = `${local.apiUrl}/checkout/v1`;
        const statuses: number[] = [];
        for (let i = 0; i < 40; i++) statuses.push((await call({ endpoint, sessionToken: `ck_st_guess${i}` }, 'GET', '/session')).status);
        assert.ok(statuses.includes(429), statuses.join(','));
        // The lockout covers the merchant API from that address too; let it pass on the clock.
        local.advance(16 * 60 * 1000);
        const checkouts: number[] = [];
        for (let i = 0; i < 130; i++) {
          checkouts.push((await fetch(`${local.storeUrl}/store/checkout`, {
            method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ items: [{ sku: 'mug-stoneware', quantity: 1 }], country: 'NL', currency: 'EUR' }),
          })).status);
        }
        assert.ok(checkouts.includes(429), checkouts.join(','));
        const credentials = await createSession(local, { methods: ['card'], scenario: 'decline:card_declined' });
        const payments: number[] = [];
        for (let i = 0; i < 40; i++) payments.push((await pay(credentials, 'card', { key: randomUUID() })).status);
        assert.ok(payments.includes(429), payments.join(','));
        assert.ok((await paymentRows(local, credentials.sessionId)).length <= 30);
      } finally {
        await local.dispose();
      }
    });
  });

  describe('7. protocol edges', () => {
    it('unlisted methods on sandbox routes answer the error envelope', async () => {
      for (const [method, path] of [['PUT', '/sandbox/redirect/pay_x'], ['DELETE', '/sandbox/payments/pay_x/complete'], ['GET', '/sandbox/payments/pay_x/complete'], ['PATCH', '/sandbox/nowhere']] as const) {
        const response = await fetch(`${servers.apiUrl}${path}`, { method });
        assert.ok(response.status === 404 || response.status === 405, `${method} ${path}: ${response.status}`);
        assert.match(response.headers.get('content-type') ?? '', /application\/json/, `${method} ${path}`);
        await envelopeOf(response);
      }
    });

    it('the Bearer scheme is case-insensitive (RFC 9110 §11.1)', async () => {
      const credentials = await createSession(servers);
      for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
        assert.equal((await call(credentials, 'GET', '/session', { token: null, headers: { Authorization: `${scheme} ${credentials.sessionToken}` } })).status, 200, scheme);
        const merchant = await fetch(`${servers.apiUrl}/merchant/v1/sessions/${credentials.sessionId}/payments`, { headers: { Authorization: `${scheme} ${servers.merchantSecret}` } });
        assert.equal(merchant.status, 200, scheme);
      }
    });
  });
});
