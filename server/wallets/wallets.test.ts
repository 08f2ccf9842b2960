// Apple Pay and Google Pay in the reference backend, over HTTP: the session carries each wallet's
// Payment Request data, Apple Pay's merchant validation accepts only Apple's gateway hosts, and a
// wallet payment needs the sheet's token, which is never stored.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Session } from '../../src/core/protocol/schemas.js';
import { call, createSession, paymentRows, startTestServers, type TestServers } from '../test-support.js';
import { SANDBOX_APPLE_MERCHANT_ID } from './wallets.js';

let servers: TestServers;
before(async () => {
  servers = await startTestServers();
});
after(() => servers.dispose());

async function walletSession(methods = ['card', 'apple_pay', 'google_pay']) {
  const credentials = await createSession(servers, { amount: { value: 4200, currency: 'USD' }, country: 'US', methods });
  const session = await call<Session>(credentials, 'GET', '/session');
  assert.equal(session.status, 200);
  return { credentials, session: session.body };
}

const validate = (credentials: Awaited<ReturnType<typeof walletSession>>['credentials'], validationUrl: string) =>
  call<{ merchantSession?: Record<string, unknown>; error?: { code: string } }>(credentials, 'POST', '/wallets/apple-pay/merchant-session', { body: { validationUrl } });

const payWallet = (credentials: Awaited<ReturnType<typeof walletSession>>['credentials'], method: string, walletToken?: string) =>
  call<{ status: string; error?: { code: string; message: string } }>(credentials, 'POST', '/payments', {
    idempotencyKey: randomUUID(),
    body: { method, returnUrl: 'http://127.0.0.1:5173/checkout', ...(walletToken === undefined ? {} : { walletToken }) },
  });

describe('wallets in the reference backend', () => {
  it('GET /session carries each offered wallet\'s Payment Request data, and none when no wallet is offered', async () => {
    const { session } = await walletSession();
    assert.equal(session.wallets?.apple_pay?.data.merchantIdentifier, SANDBOX_APPLE_MERCHANT_ID);
    assert.equal(session.wallets?.google_pay?.data.environment, 'TEST');
    const plain = await walletSession(['card', 'paypal']);
    assert.equal(plain.session.wallets, undefined);
  });

  it('Apple Pay merchant validation answers on Apple\'s gateway hosts only (no request to any other URL)', async () => {
    const { credentials } = await walletSession();
    const ok = await validate(credentials, 'https://apple-pay-gateway.apple.com/paymentservices/startSession');
    assert.equal(ok.status, 200);
    assert.equal(ok.body.merchantSession?.merchantIdentifier, SANDBOX_APPLE_MERCHANT_ID);
    assert.equal((await validate(credentials, 'https://cn-apple-pay-gateway-sh-pod1.apple.com/paymentservices/startSession')).status, 200);
    for (const url of [
      'https://evil.example/paymentservices/startSession',
      'https://apple-pay-gateway.apple.com.evil.example/x',
      'http://apple-pay-gateway.apple.com/paymentservices/startSession',
      'https://apple-pay-gateway.apple.com:8443/x',
      'https://user:pw@apple-pay-gateway.apple.com/x',
      'https://169.254.169.254/latest/meta-data',
      'not a url',
    ]) {
      const refused = await validate(credentials, url);
      assert.equal(refused.status, 400, url);
      assert.equal(refused.body.error?.code, 'invalid_request', url);
    }
    const noApple = await walletSession(['card', 'google_pay']);
    assert.equal((await validate(noApple.credentials, 'https://apple-pay-gateway.apple.com/paymentservices/startSession')).status, 422);
  });

  it('a wallet payment needs the sheet\'s token; with one it succeeds and the token is not kept', async () => {
    const { credentials, session } = await walletSession();
    const without = await payWallet(credentials, 'apple_pay');
    assert.equal(without.status, 400);
    assert.match(without.body.error?.message ?? '', /walletToken/);
    assert.equal((await payWallet(credentials, 'google_pay', 'not json')).status, 400);
    const token = JSON.stringify({ token: { paymentData: { data: 'c2VjcmV0LWVuY3J5cHRlZA==' }, paymentMethod: { network: 'Visa' } } });
    const paid = await payWallet(credentials, 'apple_pay', token);
    assert.equal(paid.status, 201);
    assert.equal(paid.body.status, 'succeeded');
    assert.deepEqual((await paymentRows(servers, session.id)).map((row) => [row.method, row.status]), [['apple_pay', 'succeeded']]);
    const db = JSON.stringify(await servers.store.all('SELECT * FROM payments'));
    assert.doesNotMatch(db, /c2VjcmV0LWVuY3J5cHRlZA/);
  });
});
