// The sandbox vault and card payments over HTTP: the frame's origin tokenizes,
// the checkout API spends the token once, test cards choose the outcome, and
// no card number is kept anywhere.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { checkNumber, luhnValid } from '../../src/core/card/index.js';
import { BRAND_TEST_CARDS } from '../../src/core/card/test-cards.js';
import type { Session } from '../../src/core/protocol/schemas.js';
import { call, createSession, startTestServers, type TestServers } from '../test-support.js';
import { OUTCOME_TEST_CARDS } from './test-cards.js';
import { vaultRows } from './vault.js';

let servers: TestServers;
before(async () => {
  servers = await startTestServers();
});
after(() => servers.dispose());

async function cardSession(body: Record<string, unknown> = {}) {
  const credentials = await createSession(servers, { amount: { value: 4000, currency: 'USD' }, country: 'US', faults: { cardWithoutToken: false }, ...body });
  const session = await call<Session>(credentials, 'GET', '/session');
  assert.equal(session.status, 200);
  return { credentials, session: session.body };
}

async function tokenize(frameKey: string, number: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${servers.cardUrl}/vault/v1/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ frameKey, number, expMonth: 12, expYear: 2040, cvc: number.startsWith('3') && number.length === 15 ? '1234' : '123', name: 'Ada Lovelace', brand: checkNumber(number).brand, ...extra }),
  });
  return { status: response.status, body: (await response.json()) as { token?: string; error?: { code: string; message: string } } };
}

const payCard = (credentials: Awaited<ReturnType<typeof cardSession>>['credentials'], fields?: Record<string, string>) =>
  call<{ status: string; failure?: { code: string }; action?: { type: string; mode: string } }>(credentials, 'POST', '/payments', {
    idempotencyKey: randomUUID(),
    body: { method: 'card', returnUrl: 'http://127.0.0.1:5173/checkout', ...(fields ? { fields } : {}) },
  });

describe('sandbox vault', () => {
  it('offers the card frame on the payment origin, a different origin from the API and the store', async () => {
    const { session } = await cardSession();
    assert.ok(session.card);
    assert.equal(new URL(session.card.frameUrl).origin, servers.cardUrl);
    assert.notEqual(servers.cardUrl, servers.apiUrl);
    assert.notEqual(servers.cardUrl, servers.storeUrl);
    const page = await fetch(session.card.frameUrl);
    const csp = page.headers.get('Content-Security-Policy') ?? '';
    assert.match(csp, new RegExp(`frame-ancestors [^;]*${servers.storeUrl.replace(/[.:/]/g, '\\$&')}`));
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /\*/);
  });

  it('refuses a card payment without a token: the "pays without a card" toy is gone', async () => {
    const { credentials } = await cardSession();
    const answer = await payCard(credentials);
    assert.equal(answer.status, 400);
    assert.match(JSON.stringify(answer.body), /cardToken/);
  });

  it('pays with a token once; the same token again, another session\'s token, or an expired one is refused', async () => {
    const { credentials, session } = await cardSession();
    const other = await cardSession();
    const { body } = await tokenize(session.card!.frameKey, '4242424242424242');
    assert.match(body.token!, /^ck_vt_/);
    assert.equal((await payCard(other.credentials, { cardToken: body.token! })).status, 400, "another session's token");
    const paid = await payCard(credentials, { cardToken: body.token! });
    assert.equal(paid.status, 201);
    assert.equal(paid.body.status, 'succeeded');
    const again = await cardSession();
    assert.equal((await payCard(credentials, { cardToken: body.token! })).status, 400, 'spent');
    const late = await tokenize(again.session.card!.frameKey, '4242424242424242');
    servers.advance(16 * 60 * 1000);
    assert.equal((await payCard(again.credentials, { cardToken: late.body.token! })).status, 400, 'expired');
  });

  it('rejects a forged frame key, a number that fails Luhn, a brand that does not match, and a past expiry', async () => {
    const { session } = await cardSession();
    const key = session.card!.frameKey;
    assert.equal((await tokenize(`${key.split('.')[0]}.forged000000000000000000000000000`, '4242424242424242')).status, 401);
    const luhn = await tokenize(key, '4242424242424241', { brand: 'visa' });
    assert.equal(luhn.status, 400);
    assert.doesNotMatch(JSON.stringify(luhn.body), /424242/, 'the error never quotes the number');
    assert.equal((await tokenize(key, '4242424242424242', { brand: 'amex' })).status, 400);
    assert.equal((await tokenize(key, '4242424242424242', { expYear: 2020 })).status, 400);
  });

  it('tokenizes every brand\'s test number and keeps only brand, last four digits and expiry', async () => {
    const { session } = await cardSession();
    for (const card of BRAND_TEST_CARDS) {
      const answer = await tokenize(session.card!.frameKey, card.number);
      assert.equal(answer.status, 201, card.label);
    }
    const stored = JSON.stringify(await vaultRows(servers.store));
    for (const card of BRAND_TEST_CARDS) {
      assert.ok(!stored.includes(card.number), `${card.label} number stored`);
      assert.ok(!stored.includes(card.number.slice(0, 8)), `${card.label} BIN stored`);
    }
    assert.ok(!stored.includes('Ada'), 'name stored');
    const columns = Object.keys((await vaultRows(servers.store))[0]!).sort();
    assert.deepEqual(columns, ['brand', 'created_at', 'exp_month', 'exp_year', 'expires_at', 'last4', 'session_id', 'token_hash', 'used_at']);
  });

  it('each outcome test card drives the sandbox PSP: every decline code and 3-D Secure', async () => {
    for (const card of OUTCOME_TEST_CARDS) {
      assert.ok(luhnValid(card.number), card.number);
      const { credentials, session } = await cardSession();
      const { body } = await tokenize(session.card!.frameKey, card.number);
      const answer = await payCard(credentials, { cardToken: body.token! });
      if (card.scenario.startsWith('decline:')) {
        assert.equal(answer.body.status, 'failed', card.number);
        assert.equal(answer.body.failure?.code, card.scenario.slice('decline:'.length));
      } else {
        assert.equal(answer.body.status, 'requires_action');
        assert.equal(answer.body.action?.type, 'challenge');
        assert.equal(answer.body.action?.mode, card.scenario.split(':')[2]);
      }
    }
  });

  it('offers instalments in Brazil and takes only an offered count', async () => {
    const { credentials, session } = await cardSession({ amount: { value: 12000, currency: 'BRL' }, country: 'BR' });
    assert.deepEqual(session.card?.instalments, { counts: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], interestFree: true });
    const first = await tokenize(session.card!.frameKey, '4242424242424242');
    assert.equal((await payCard(credentials, { cardToken: first.body.token!, instalments: '13' })).status, 400);
    const second = await tokenize(session.card!.frameKey, '4242424242424242');
    const paid = await payCard(credentials, { cardToken: second.body.token!, instalments: '3' });
    assert.equal(paid.body.status, 'succeeded');
    const row = await servers.store.get<{ fields_json: string }>('SELECT fields_json FROM payments WHERE session_id = ?', [session.id]);
    assert.ok(row);
    assert.deepEqual(JSON.parse(row.fields_json), { cardBrand: 'visa', cardLast4: '4242', instalments: '3' });
    const { session: us } = await cardSession();
    assert.equal(us.card?.instalments, undefined);
  });
});
