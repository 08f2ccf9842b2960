import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PaymentResult } from '../../src/core/protocol/schemas.js';
import { createHash } from 'node:crypto';
import { CLOSE_POPUP_SCRIPT } from './html.js';
import { call, createSession, pay, paymentRows, startTestServers, type TestServers } from '../test-support.js';
import { STORAGES } from '../../test/shared/postgres.js';

const RETURN_URL = 'http://127.0.0.1:5173/checkout?step=pay#summary';

function cspOf(response: Response): Map<string, string> {
  const policy = response.headers.get('content-security-policy') ?? '';
  return new Map(policy.split(/;\s*/).filter(Boolean).map((part) => {
    const [name, ...rest] = part.split(' ');
    return [name!, rest.join(' ')];
  }));
}

for (const storage of STORAGES) describe(`sandbox pages (${storage.name})`, () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers({ extraStoreOrigins: ['http://127.0.0.1:5173'], ...(await storage.options()) });
  });
  after(() => servers.dispose());

  const startPayment = async (scenario: string | undefined, method: string, extra: Record<string, unknown> = {}) => {
    const credentials = await createSession(servers, { methods: [method], ...(scenario ? { scenario } : {}), ...extra });
    const result = PaymentResult.parse((await pay(credentials, method, { returnUrl: RETURN_URL })).body);
    assert.equal(result.status, 'requires_action');
    const url = result.status === 'requires_action' && 'url' in result.action ? result.action.url : '';
    return { credentials, result, url };
  };

  const submit = (url: string, decision: string) =>
    fetch(url, { method: 'POST', body: new URLSearchParams({ decision }), redirect: 'manual' });

  it('the redirect page shows method and amount under a strict CSP, without any script', async () => {
    const { url } = await startPayment(undefined, 'ideal', { amount: { value: 4250, currency: 'EUR' }, locale: 'nl-NL' });
    const response = await fetch(url);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /iDEAL/);
    assert.match(html, /€\s?42,50/);
    for (const label of ['Approve', 'Decline', 'Cancel']) assert.match(html, new RegExp(`>${label}</button>`));
    assert.doesNotMatch(html, /<script|\sstyle=|\son[a-z]+=/i);
    const csp = cspOf(response);
    assert.equal(csp.get('default-src'), "'none'");
    assert.equal(csp.get('style-src'), "'self'");
    assert.equal(csp.get('frame-ancestors'), "'none'");
    assert.equal(csp.get('form-action'), "'self' http://127.0.0.1:5173");
    assert.equal(csp.has('script-src'), false);
    const css = await fetch(new URL('../sandbox.css', url));
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  });

  it('Approve completes the payment and 303-redirects to returnUrl with ck_payment, keeping query and fragment', async () => {
    const { credentials, result, url } = await startPayment(undefined, 'ideal');
    const response = await submit(url, 'approve');
    assert.equal(response.status, 303);
    const location = new URL(response.headers.get('location') ?? '');
    assert.equal(location.origin + location.pathname, 'http://127.0.0.1:5173/checkout');
    assert.equal(location.searchParams.get('step'), 'pay');
    assert.equal(location.searchParams.get('ck_payment'), result.id);
    assert.equal(location.hash, '#summary');
    assert.equal(PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body).status, 'succeeded');
    assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((row) => row.status), ['succeeded']);
  });

  it('a wallet popup closes itself after the decision (a hashed constant script), else links back to the store', async () => {
    const { credentials, result, url } = await startPayment(undefined, 'paypal');
    assert.equal(result.status === 'requires_action' && result.action.type === 'redirect' && result.action.popup, true);
    const response = await submit(url, 'approve');
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<h1>Payment approved<\/h1>/);
    const scripts = [...html.matchAll(/<script>([^<]*)<\/script>/g)].map((m) => m[1]!);
    assert.deepEqual(scripts, [CLOSE_POPUP_SCRIPT]);
    assert.equal(cspOf(response).get('script-src'), `'sha256-${createHash('sha256').update(CLOSE_POPUP_SCRIPT).digest('base64')}'`);
    const back = new URL(/<a id="back" href="([^"]+)"/.exec(html)![1]!.replaceAll('&#38;', '&'));
    assert.equal(back.searchParams.get('ck_payment'), result.id);
    assert.equal(back.origin, 'http://127.0.0.1:5173');
    assert.equal(PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body).status, 'succeeded');
  });

  for (const [decision, code] of [['decline', 'authentication_failed'], ['cancel', 'cancelled']] as const) {
    it(`${decision} fails the payment with ${code}`, async () => {
      const { credentials, result, url } = await startPayment(undefined, 'ideal');
      assert.equal((await submit(url, decision)).status, 303);
      const polled = PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body);
      assert.deepEqual(polled.status === 'failed' && polled.failure, { code, retryable: true });
    });
  }

  it('the first answer wins: approving after a cancel is refused and the payment stays cancelled', async () => {
    const { credentials, result, url } = await startPayment(undefined, 'ideal');
    await submit(url, 'cancel');
    const again = await submit(url, 'approve');
    assert.equal(again.status, 409);
    assert.match(await again.text(), /cancelled and can no longer be approved/);
    const polled = PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body);
    assert.deepEqual(polled.status === 'failed' && polled.failure.code, 'cancelled');
    const page = await (await fetch(url)).text();
    assert.match(page, /cancelled and can no longer be approved/);
    assert.doesNotMatch(page, /value="approve"/);
  });

  it('a payment the store cancelled (the buyer chose another method) cannot be approved on the PSP page any more', async () => {
    const { credentials, result, url } = await startPayment(undefined, 'ideal');
    const cancelled = PaymentResult.parse((await call(credentials, 'POST', `/payments/${result.id}/cancel`)).body);
    assert.deepEqual(cancelled.status === 'failed' && cancelled.failure, { code: 'cancelled', retryable: true });
    const page = await fetch(url);
    const html = await page.text();
    assert.match(html, /cancelled and can no longer be approved/);
    assert.doesNotMatch(html, /value="approve"/);
    const approve = await submit(url, 'approve');
    assert.equal(approve.status, 409);
    assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((row) => row.status), ['failed']);
    const hook = await fetch(`${servers.apiUrl}/sandbox/payments/${result.id}/complete`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ outcome: 'succeeded' }),
    });
    assert.equal(hook.status, 409);
    assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((row) => row.status), ['failed']);
  });

  it('the framed challenge of a cancelled payment shows it is over, without buttons', async () => {
    const { credentials, result, url } = await startPayment('action:challenge', 'card');
    await call(credentials, 'POST', `/payments/${result.id}/cancel`);
    const response = await submit(url, 'approve');
    assert.equal(response.status, 409);
    const html = await response.text();
    assert.match(html, /cancelled/);
    assert.doesNotMatch(html, /<form/);
  });

  it('an unknown decision is a 400, an unknown payment a 404', async () => {
    const { url } = await startPayment(undefined, 'ideal');
    assert.equal((await submit(url, 'maybe')).status, 400);
    assert.equal((await fetch(`${servers.apiUrl}/sandbox/redirect/pay_nope`)).status, 404);
  });

  it('the iframe challenge may be framed by store origins only, and ends on a page that posts nothing', async () => {
    const { credentials, result, url } = await startPayment('action:challenge', 'card');
    const page = await fetch(url);
    const ancestors = cspOf(page).get('frame-ancestors') ?? '';
    assert.ok(ancestors.split(' ').includes(servers.storeUrl), ancestors);
    assert.ok(ancestors.split(' ').includes('http://127.0.0.1:5173'), ancestors);
    assert.ok(!ancestors.includes('*'));
    assert.match(await page.text(), /3-D Secure/);
    const done = await submit(url, 'approve');
    assert.equal(done.status, 200);
    const html = await done.text();
    assert.match(html, /Verification finished/);
    assert.doesNotMatch(html, /<script|<form/i);
    assert.equal(PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body).status, 'succeeded');
  });

  it('the redirect-mode challenge returns to the store like a redirect', async () => {
    const { result, url } = await startPayment('action:challenge:redirect', 'card');
    const page = await fetch(url);
    assert.equal(cspOf(page).get('frame-ancestors'), "'none'");
    const done = await submit(url, 'approve');
    assert.equal(done.status, 303);
    assert.equal(new URL(done.headers.get('location') ?? '').searchParams.get('ck_payment'), result.id);
  });

  it('the QR deep link opens the same approval page, which pays the QR', async () => {
    const credentials = await createSession(servers, { methods: ['promptpay'], country: 'TH', amount: { value: 50000, currency: 'THB' } });
    const result = PaymentResult.parse((await pay(credentials, 'promptpay', { returnUrl: RETURN_URL })).body);
    assert.ok(result.status === 'requires_action' && result.action.type === 'qr' && result.action.deepLink);
    assert.equal((await submit(result.action.deepLink, 'approve')).status, 303);
    assert.equal(PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body).status, 'succeeded');
  });

  it('the complete hook settles a voucher and validates its body', async () => {
    const credentials = await createSession(servers, { methods: ['konbini'], country: 'JP', amount: { value: 5400, currency: 'JPY' } });
    const result = PaymentResult.parse((await pay(credentials, 'konbini')).body);
    const hook = (body: unknown) =>
      fetch(`${servers.apiUrl}/sandbox/payments/${result.id}/complete`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
    assert.equal((await hook({ outcome: 'paid' })).status, 400);
    assert.equal((await hook({ outcome: 'failed', code: 'nope' })).status, 400);
    const done = await hook({ outcome: 'succeeded' });
    assert.equal(done.status, 200);
    assert.equal(PaymentResult.parse(await done.json()).status, 'succeeded');
    assert.equal(PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body).status, 'succeeded');
    assert.equal((await fetch(`${servers.apiUrl}/sandbox/payments/pay_nope/complete`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"outcome":"succeeded"}' })).status, 404);
  });
});
