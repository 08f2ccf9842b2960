/**
 * Gradual rollout over the real HTTP protocol: a method at 10% in one country
 * reaches about 10% of 2,000 buyers, sticky per buyer, widened and halted
 * through the merchant API, halted by its guardrail when it fails too often.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../src/core/protocol/schemas.js';
import { call, createSession, merchant, pay, startTestServers, type TestServers } from '../test-support.js';
import { guardrailTripped } from './rollouts.js';

describe('rollouts', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers();
  });
  after(() => servers.dispose());

  const setRollout = (method: string, body: unknown) => merchant(servers, 'PUT', `/rollouts/${method}`, body);
  /** The method ids the widget gets for a new session of `buyer` in `country`. */
  const offered = async (buyer: string | null, country = 'NL', extra: Record<string, unknown> = {}) => {
    const credentials = await createSession(servers, { country, ...(buyer ? { buyer: { id: buyer } } : {}), ...extra });
    const session = Session.parse((await call(credentials, 'GET', '/session')).body);
    return { ids: session.paymentMethods.map((m) => m.id), credentials };
  };

  it('shows a method rolled out at 10% in NL to about 10% of 2,000 buyers, to nobody elsewhere, sticky per buyer', async () => {
    assert.equal((await setRollout('klarna', { shares: { NL: 0.1 } })).status, 200);
    const buyers = Array.from({ length: 2_000 }, (_, i) => `buyer-${i}`);
    const seeing = new Set<string>();
    for (let i = 0; i < buyers.length; i += 50) {
      const batch = await Promise.all(buyers.slice(i, i + 50).map(async (buyer) => [buyer, (await offered(buyer)).ids.includes('klarna')] as const));
      for (const [buyer, sees] of batch) if (sees) seeing.add(buyer);
    }
    // Binomial(2000, 0.1): mean 200, standard deviation 13.4; three of them either side.
    assert.ok(Math.abs(seeing.size - 200) < 3 * Math.sqrt(2_000 * 0.1 * 0.9), `${seeing.size} of 2000`);
    const again = await Promise.all([...seeing].slice(0, 20).map(async (buyer) => (await offered(buyer)).ids.includes('klarna')));
    assert.ok(again.every(Boolean), 'the same buyers see it in their next session');
    assert.ok(!(await offered('buyer-1', 'DE')).ids.includes('klarna'));
    const widened = (await setRollout('klarna', { shares: { NL: 0.3 } })).status;
    assert.equal(widened, 200);
    const still = await Promise.all([...seeing].slice(0, 50).map(async (buyer) => (await offered(buyer)).ids.includes('klarna')));
    assert.ok(still.every(Boolean), 'widening keeps everyone already in');
    await setRollout('klarna', { shares: { NL: 0 } });
    assert.ok(!(await offered([...seeing][0]!)).ids.includes('klarna'), 'a share of 0 halts it');
  });

  it('takes a hidden method out of the session: POST /payments refuses it', async () => {
    await setRollout('paypal', { shares: { '*': 0 } });
    const { ids, credentials } = await offered('someone');
    assert.ok(!ids.includes('paypal'));
    const answer = await pay(credentials, 'paypal');
    assert.equal(answer.status, 422);
  });

  it('halts by itself when the method fails beyond the margin, and says why; setting it again lifts the halt', async () => {
    const guardrail = { margin: 0.2, minAttempts: 3, windowMinutes: 60 };
    assert.equal((await setRollout('card', { shares: { '*': 1 }, guardrail })).status, 200);
    for (let i = 0; i < 3; i++) {
      const { ids, credentials } = await offered(`failing-${i}`, 'NL', { scenario: 'decline:card_declined' });
      assert.ok(ids.includes('card'));
      assert.equal(((await pay(credentials, 'card')).body as { status: string }).status, 'failed');
    }
    assert.ok(!(await offered('next-buyer')).ids.includes('card'));
    const listed = (await merchant<{ rollouts: { method: string; haltedAt: number | null; haltedReason: string | null }[] }>(servers, 'GET', '/rollouts')).body;
    const card = listed.rollouts.find((r) => r.method === 'card')!;
    assert.ok(card.haltedAt !== null);
    assert.match(card.haltedReason ?? '', /failure rate 100\.0% vs/);
    await setRollout('card', { shares: { '*': 1 } });
    assert.ok((await offered('next-buyer')).ids.includes('card'));
  });

  it('refuses a wrong secret and bad bodies', async () => {
    const wrong = await fetch(`${servers.apiUrl}/merchant/v1/rollouts`, { headers: { Authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
    assert.equal((await setRollout('klarna', { shares: { NL: 1.5 } })).status, 400);
    assert.equal((await setRollout('klarna', { shares: { nl: 0.5 } })).status, 400);
    assert.equal((await setRollout('Bad Id', { shares: {} })).status, 400);
  });
});

describe('guardrailTripped', () => {
  const guardrail = { margin: 0.05, minAttempts: 100, windowMinutes: 60 };
  it('trips only past the margin and with enough attempts', () => {
    assert.equal(guardrailTripped({ attempts: 200, failures: 40 }, { attempts: 1000, failures: 100 }, guardrail), true); // 20% vs 10%
    assert.equal(guardrailTripped({ attempts: 200, failures: 28 }, { attempts: 1000, failures: 100 }, guardrail), false); // 14% vs 10%
    assert.equal(guardrailTripped({ attempts: 99, failures: 99 }, { attempts: 1000, failures: 0 }, guardrail), false);
    assert.equal(guardrailTripped({ attempts: 100, failures: 6 }, { attempts: 0, failures: 0 }, guardrail), true);
  });
});
