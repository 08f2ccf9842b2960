import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { PaymentResult } from '../../src/core/protocol/schemas.js';
import { call, createSession, merchant, pay, startTestServers, type TestServers } from '../test-support.js';
import { STORAGES } from '../../test/shared/postgres.js';

for (const storage of STORAGES) describe(`risk limits the buyer understands (${storage.name})`, () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers(await storage.options());
  });
  after(() => servers.dispose());
  beforeEach(async () => {
    assert.equal((await merchant(servers, 'PUT', '/risk', {})).status, 200);
  });

  const attempt = async (session: Record<string, unknown>, method = 'card', fields?: Record<string, string>) => {
    const credentials = await createSession(servers, { methods: [method, 'ideal'], ...session });
    const answer = await call(credentials, 'POST', '/payments', {
      idempotencyKey: randomUUID(),
      body: { method, returnUrl: 'http://127.0.0.1:5173/checkout', ...(fields ? { fields } : {}) },
    });
    return { credentials, result: PaymentResult.parse(answer.body) };
  };
  const stopped = (result: PaymentResult) => result.status === 'failed' && result.failure.code === 'store_limit' && !result.failure.retryable;

  it('a per-method amount limit stops the attempt as store_limit; the merchant sees why; another method still works', async () => {
    assert.equal((await merchant(servers, 'PUT', '/risk', { methodLimits: [{ method: 'card', currency: 'EUR', max: 5000 }] })).status, 200);
    const { credentials, result } = await attempt({ amount: { value: 10000, currency: 'EUR' } });
    assert.ok(stopped(result), JSON.stringify(result));
    const listed = await merchant<{ payments: Array<{ riskStop?: { rule: string; detail: string } }> }>(servers, 'GET', `/sessions/${credentials.sessionId}/payments`);
    assert.equal(listed.body.payments[0]!.riskStop?.rule, 'method_limit');
    // The buyer's view carries the code only, never the rule.
    assert.ok(!JSON.stringify(result).includes('method_limit'));
    const other = PaymentResult.parse((await pay(credentials, 'ideal')).body);
    assert.equal(other.status, 'requires_action');
    // Within the limit, or in another currency, the card goes through.
    assert.equal((await attempt({ amount: { value: 4000, currency: 'EUR' } })).result.status, 'succeeded');
    assert.equal((await attempt({ amount: { value: 10000, currency: 'USD' }, country: 'US' })).result.status, 'succeeded');
  });

  it('per-buyer velocity: the third attempt within the window is stopped, and allowed again once it has passed', async () => {
    await merchant(servers, 'PUT', '/risk', { velocity: { perBuyer: { attempts: 2, windowSeconds: 3600 } } });
    const buyer = { buyer: { id: `buyer_${randomUUID()}` } };
    assert.equal((await attempt(buyer)).result.status, 'succeeded');
    assert.equal((await attempt(buyer)).result.status, 'succeeded');
    assert.ok(stopped((await attempt(buyer)).result));
    assert.equal((await attempt({ buyer: { id: 'someone_else' } })).result.status, 'succeeded');
    servers.advance(3601_000);
    try {
      assert.equal((await attempt(buyer)).result.status, 'succeeded');
    } finally {
      servers.advance(-3601_000);
    }
  });

  it('per-card velocity counts attempts with one card across sessions', async () => {
    await merchant(servers, 'PUT', '/risk', { velocity: { perCard: { attempts: 3, windowSeconds: 600 } } });
    const card = { cardToken: `tok_${randomUUID()}` };
    for (let i = 0; i < 3; i++) assert.equal((await attempt({}, 'card', card)).result.status, 'succeeded', String(i));
    assert.ok(stopped((await attempt({}, 'card', card)).result));
    assert.equal((await attempt({}, 'card', { cardToken: 'tok_other' })).result.status, 'succeeded');
  });

  it('block list: buyers, cards and countries', async () => {
    await merchant(servers, 'PUT', '/risk', { blockList: { buyers: ['b_blocked'], cards: ['tok_blocked'], countries: ['KP'] } });
    assert.ok(stopped((await attempt({ buyer: { id: 'b_blocked' } })).result));
    assert.ok(stopped((await attempt({}, 'card', { cardToken: 'tok_blocked' })).result));
    assert.ok(stopped((await attempt({ country: 'KP' })).result));
    assert.equal((await attempt({ buyer: { id: 'b_fine' } })).result.status, 'succeeded');
  });

  it('refuses invalid settings and reads back what was saved', async () => {
    for (const body of [{ methodLimits: [{ method: 'Card!', currency: 'EUR' }] }, { velocity: { perBuyer: { attempts: 0, windowSeconds: 60 } } }, { blockList: { countries: ['kp'] } }]) {
      assert.equal((await merchant(servers, 'PUT', '/risk', body)).status, 400, JSON.stringify(body));
    }
    const settings = { methodLimits: [{ method: 'pix', currency: 'BRL', min: 100, max: 100000 }] };
    await merchant(servers, 'PUT', '/risk', settings);
    assert.deepEqual((await merchant(servers, 'GET', '/risk')).body, settings);
  });

  it('the buyer message says nothing was charged and never blames the buyer (en)', () => {
    const en = JSON.parse(readFileSync(new URL('../../locales/en/payment.json', import.meta.url), 'utf8')) as { failure: Record<string, { title: string; body: string }> };
    const message = en.failure['store_limit']!;
    assert.match(message.body, /Nothing was charged/);
    assert.doesNotMatch(`${message.title} ${message.body}`, /fraud|suspicious|security|risk|block|denied|you (did|have)/i);
  });
});
