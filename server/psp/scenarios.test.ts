import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FAILURE_CODES, PaymentResult, type PaymentResult as Result } from '../../src/core/protocol/schemas.js';
import { call, createSession, pay, startTestServers, type TestServers } from '../test-support.js';
import { FAILURES } from './failures.js';
import { MAGIC_AMOUNTS, parseScenario, resolveScenario } from './scenarios.js';

describe('scenario parsing', () => {
  it('knows every documented scenario and nothing else', () => {
    assert.deepEqual(parseScenario('success'), { kind: 'success' });
    assert.deepEqual(parseScenario('pending'), { kind: 'pending', polls: 2 });
    assert.deepEqual(parseScenario('pending:5'), { kind: 'pending', polls: 5 });
    assert.deepEqual(parseScenario('action:challenge'), { kind: 'action', action: 'challenge', challengeMode: 'iframe' });
    assert.deepEqual(parseScenario('action:challenge:redirect'), { kind: 'action', action: 'challenge', challengeMode: 'redirect' });
    for (const code of FAILURE_CODES) assert.deepEqual(parseScenario(`decline:${code}`), { kind: 'decline', code });
    for (const bad of ['', 'fail', 'decline', 'decline:nope', 'pending:x', 'pending:100', 'action:teleport', 'action:qr:extra', 'success:1']) {
      assert.equal(parseScenario(bad), undefined, bad);
    }
  });

  it('maps magic amounts by their last two minor digits; round prices stay plain success', () => {
    assert.deepEqual(resolveScenario(null, 1051), { kind: 'decline', code: 'insufficient_funds' });
    assert.deepEqual(resolveScenario(null, 1070), { kind: 'pending', polls: 2 });
    assert.deepEqual(resolveScenario(null, 1072), { kind: 'action', action: 'qr' });
    for (const amount of [1000, 1099, 1095, 1050, 1075]) assert.deepEqual(resolveScenario(null, amount), { kind: 'success' });
    // An explicit scenario wins over the amount.
    assert.deepEqual(resolveScenario('success', 1051), { kind: 'success' });
    assert.equal(new Set(MAGIC_AMOUNTS.map((m) => m.lastTwoDigits)).size, MAGIC_AMOUNTS.length);
  });

  it('documents every failure code with a retryable flag', () => {
    assert.deepEqual(Object.keys(FAILURES).sort(), [...FAILURE_CODES].sort());
  });
});

describe('sandbox PSP outcomes through the checkout API', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers();
  });
  after(() => servers.dispose());

  const payOnce = async (session: Record<string, unknown>, method: string): Promise<{ result: Result; credentials: Awaited<ReturnType<typeof createSession>> }> => {
    const credentials = await createSession(servers, session);
    const answer = await pay(credentials, method);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return { result: PaymentResult.parse(answer.body), credentials };
  };

  it('success: a card payment succeeds at once', async () => {
    const { result } = await payOnce({ methods: ['card'], scenario: 'success' }, 'card');
    assert.equal(result.status, 'succeeded');
  });

  for (const code of FAILURE_CODES) {
    it(`decline:${code} fails with that code and its documented retryable flag`, async () => {
      const { result } = await payOnce({ methods: ['card', 'ideal'], scenario: `decline:${code}` }, 'ideal');
      assert.equal(result.status, 'failed');
      assert.deepEqual(result.status === 'failed' && result.failure, { code, retryable: FAILURES[code].retryable });
    });
  }

  it('decline-once:<code> declines the session\'s first payment only; the next one follows the natural flow', async () => {
    const { result, credentials } = await payOnce({ methods: ['card'], scenario: 'decline-once:issuer_unavailable' }, 'card');
    assert.deepEqual(result.status === 'failed' && result.failure, { code: 'issuer_unavailable', retryable: true });
    const again = await pay(credentials, 'card');
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.equal(PaymentResult.parse(again.body).status, 'succeeded');
    assert.equal(parseScenario('decline-once:not_a_code'), undefined);
  });

  it('magic amount …51 declines with insufficient_funds when no scenario is set', async () => {
    const { result } = await payOnce({ methods: ['card'], amount: { value: 2551, currency: 'USD' }, country: 'US' }, 'card');
    assert.deepEqual(result.status === 'failed' && result.failure, { code: 'insufficient_funds', retryable: false });
  });

  it('magic amount …73 forces a voucher', async () => {
    const { result } = await payOnce({ methods: ['card'], amount: { value: 2573, currency: 'USD' }, country: 'US' }, 'card');
    assert.equal(result.status === 'requires_action' && result.action.type, 'voucher');
  });

  it('pending: stays pending for the given number of polls, then succeeds', async () => {
    const { result, credentials } = await payOnce({ methods: ['card'], scenario: 'pending:3' }, 'card');
    assert.equal(result.status, 'pending');
    assert.equal(result.status === 'pending' && result.pollAfterMs, 1000);
    const statuses: string[] = [];
    for (let i = 0; i < 4; i++) statuses.push(PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body).status);
    assert.deepEqual(statuses, ['pending', 'pending', 'succeeded', 'succeeded']);
  });

  it('pending: the test hook settles it before the polls do', async () => {
    const { result, credentials } = await payOnce({ methods: ['card'], scenario: 'pending:50' }, 'card');
    const hook = await fetch(`${servers.apiUrl}/sandbox/payments/${result.id}/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcome: 'failed', code: 'issuer_unavailable' }),
    });
    assert.equal(hook.status, 200);
    const polled = PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body);
    assert.deepEqual(polled.status === 'failed' && polled.failure, { code: 'issuer_unavailable', retryable: true });
  });

  it('action:redirect sends even a card to the sandbox redirect page', async () => {
    const { result } = await payOnce({ methods: ['card'], scenario: 'action:redirect' }, 'card');
    assert.ok(result.status === 'requires_action' && result.action.type === 'redirect');
    assert.equal(result.action.url, `${servers.apiUrl}/sandbox/redirect/${result.id}`);
    assert.equal(result.action.popup, undefined);
  });

  it('action:qr returns an EMV payload with its expiry and a sandbox deep link', async () => {
    const { result } = await payOnce({ methods: ['card'], scenario: 'action:qr' }, 'card');
    assert.ok(result.status === 'requires_action' && result.action.type === 'qr');
    assert.match(result.action.payload, /^000201/);
    const ttl = Date.parse(result.action.expiresAt) - Date.now();
    assert.ok(ttl > 14 * 60_000 && ttl <= 15 * 60_000, String(ttl));
    assert.equal(result.action.deepLink, `${servers.apiUrl}/sandbox/redirect/${result.id}`);
  });

  it('action:voucher returns a reference with instructions and a three-day expiry', async () => {
    const { result } = await payOnce({ methods: ['card'], scenario: 'action:voucher' }, 'card');
    assert.ok(result.status === 'requires_action' && result.action.type === 'voucher');
    assert.ok(result.action.reference.length > 0 && (result.action.instructions ?? '').length > 0);
    const ttl = Date.parse(result.action.expiresAt) - Date.now();
    assert.ok(ttl > 71 * 3600_000 && ttl <= 72 * 3600_000, String(ttl));
  });

  it('action:challenge returns a framed 3-D Secure challenge; :redirect a full-page one', async () => {
    const framed = (await payOnce({ methods: ['card'], scenario: 'action:challenge' }, 'card')).result;
    assert.ok(framed.status === 'requires_action' && framed.action.type === 'challenge');
    assert.deepEqual(framed.action, { type: 'challenge', url: `${servers.apiUrl}/sandbox/challenge/${framed.id}`, mode: 'iframe' });
    const full = (await payOnce({ methods: ['card'], scenario: 'action:challenge:redirect' }, 'card')).result;
    assert.ok(full.status === 'requires_action' && full.action.type === 'challenge' && full.action.mode === 'redirect');
  });

  describe('natural flows', () => {
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ['pix', 'BR', { value: 12000, currency: 'BRL' }, 'qr'],
      ['promptpay', 'TH', { value: 50000, currency: 'THB' }, 'qr'],
      ['qris', 'ID', { value: 15000000, currency: 'IDR' }, 'qr'],
      ['paynow', 'SG', { value: 4000, currency: 'SGD' }, 'qr'],
      ['duitnow', 'MY', { value: 4000, currency: 'MYR' }, 'qr'],
      ['wechat_pay', 'CN', { value: 9900, currency: 'CNY' }, 'qr'],
      ['boleto', 'BR', { value: 12000, currency: 'BRL' }, 'voucher'],
      ['konbini', 'JP', { value: 5400, currency: 'JPY' }, 'voucher'],
      ['oxxo', 'MX', { value: 36000, currency: 'MXN' }, 'voucher'],
      ['multibanco', 'PT', { value: 2200, currency: 'EUR' }, 'voucher'],
      ['bank_transfer', 'DE', { value: 2200, currency: 'EUR' }, 'voucher'],
      ['fawry', 'EG', { value: 120000, currency: 'EGP' }, 'voucher'],
      ['spei', 'MX', { value: 36000, currency: 'MXN' }, 'voucher'],
      ['ideal', 'NL', { value: 2200, currency: 'EUR' }, 'redirect'],
      ['bancontact', 'BE', { value: 2200, currency: 'EUR' }, 'redirect'],
      ['blik', 'PL', { value: 9900, currency: 'PLN' }, 'redirect'],
      ['twint', 'CH', { value: 2200, currency: 'CHF' }, 'redirect'],
      ['fpx', 'MY', { value: 4000, currency: 'MYR' }, 'redirect'],
      ['pse', 'CO', { value: 8000000, currency: 'COP' }, 'redirect'],
      ['paypal', 'US', { value: 2400, currency: 'USD' }, 'redirect'],
      ['klarna', 'SE', { value: 50000, currency: 'SEK' }, 'redirect'],
      ['card', 'US', { value: 2400, currency: 'USD' }, 'succeeded'],
      ['cod', 'ID', { value: 15000000, currency: 'IDR' }, 'succeeded'],
    ];
    for (const [method, country, amount, expected] of cases) {
      it(`${method} (${country}) → ${expected}`, async () => {
        const { result } = await payOnce({ methods: [method], country, amount }, method);
        const outcome = result.status === 'requires_action' ? result.action.type : result.status;
        assert.equal(outcome, expected);
      });
    }

    it('wallets may open in a popup; bank redirects may not', async () => {
      const wallet = (await payOnce({ methods: ['paypal'] }, 'paypal')).result;
      assert.equal(wallet.status === 'requires_action' && wallet.action.type === 'redirect' && wallet.action.popup, true);
      const bank = (await payOnce({ methods: ['ideal'] }, 'ideal')).result;
      assert.equal(bank.status === 'requires_action' && bank.action.type === 'redirect' && bank.action.popup, undefined);
    });

    it('voucher instructions follow the session locale', async () => {
      const { result } = await payOnce({ methods: ['boleto'], country: 'BR', locale: 'pt-BR', amount: { value: 12000, currency: 'BRL' } }, 'boleto');
      assert.ok(result.status === 'requires_action' && result.action.type === 'voucher');
      assert.match(result.action.instructions ?? '', /Pague/);
      assert.equal(result.action.kind, 'boleto');
      assert.match(result.action.reference, /^[0-9]{47}$/);
      assert.match(result.action.barcode ?? '', /^[0-9]{44}$/);
    });
  });
});
