// The widget's own payment flow and protocol client, two instances on one
// session (two tabs), against the real reference backend: the backend's
// "one live payment per session" rule and the flow's cancel-before-switching
// together leave exactly the payments the buyer meant.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolClient } from '../../src/core/protocol/client.js';
import { IDEMPOTENCY_HEADER } from '../../src/core/protocol/schemas.js';
import { PaymentFlow, type FlowPhase, type FlowState, type PaymentClient } from '../../src/core/payment/flow.js';
import type { SessionCredentials } from '../merchant/routes.js';
import { createSession, paymentRows, startTestServers, type TestServers } from '../test-support.js';

class Tab {
  readonly states: FlowState[] = [];
  readonly flow: PaymentFlow;
  #waiters: Array<() => void> = [];

  constructor(credentials: SessionCredentials, name: string) {
    // The client instance itself, as <ck-checkout> hands it to the flow (its methods need their `this`).
    const client: PaymentClient = new ProtocolClient({ endpoint: credentials.endpoint, token: credentials.sessionToken, timeoutMs: 5_000 });
    this.flow = new PaymentFlow({
      client,
      sessionId: credentials.sessionId,
      returnUrl: `http://127.0.0.1:5173/checkout?tab=${name}`,
      storage: null,
      isHidden: () => false,
      isOnline: () => true,
      onChange: (state) => {
        this.states.push(state);
        for (const wake of this.#waiters.splice(0)) wake();
      },
    });
  }

  get state(): FlowState {
    return this.flow.state;
  }

  /** Resolves once the flow reaches `phase` (fails the test after `ms`). */
  async reach(phase: FlowPhase, ms = 10_000): Promise<FlowState> {
    const deadline = Date.now() + ms;
    while (this.flow.state.phase !== phase) {
      if (Date.now() > deadline) throw new Error(`stuck in ${JSON.stringify(this.flow.state)}, waiting for ${phase}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.flow.state;
  }
}

describe('two tabs, one session: the real flow against the real backend', () => {
  let servers: TestServers;
  const tabs: Tab[] = [];
  before(async () => {
    servers = await startTestServers();
  });
  after(async () => {
    for (const tab of tabs) tab.flow.dispose();
    await servers.dispose();
  });
  const open = (credentials: SessionCredentials, name: string) => {
    const tab = new Tab(credentials, name);
    tabs.push(tab);
    return tab;
  };

  it('both tabs press Pay at once: one payment, both show its success', async () => {
    const credentials = await createSession(servers, { methods: ['card'], faults: { latencyMs: 150 } });
    const [a, b] = [open(credentials, 'a'), open(credentials, 'b')];
    a.flow.pay('card');
    b.flow.pay('card');
    const [sa, sb] = await Promise.all([a.reach('succeeded'), b.reach('succeeded')]);
    assert.ok(sa.phase === 'succeeded' && sb.phase === 'succeeded');
    assert.equal(sa.payment.id, sb.payment.id);
    assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((row) => row.status), ['succeeded']);
  });

  it('the second tab joins the open QR code; switching to card in one tab cancels it and the other tab learns so', async () => {
    const credentials = await createSession(servers, {
      methods: ['pix', 'boleto', 'card'], country: 'BR', amount: { value: 12000, currency: 'BRL' },
    });
    const [a, b] = [open(credentials, 'a'), open(credentials, 'b')];
    a.flow.pay('pix');
    const qr = await a.reach('action');
    b.flow.pay('boleto');
    const joined = await b.reach('action');
    assert.ok(qr.phase === 'action' && joined.phase === 'action');
    assert.equal(joined.payment.id, qr.payment.id);
    assert.equal(joined.method, 'pix', 'the second tab follows the live payment, not the method it asked for');
    assert.equal((await paymentRows(servers, credentials.sessionId)).length, 1);

    a.flow.reset();
    a.flow.pay('card');
    await a.reach('succeeded');
    b.flow.checkNow();
    const told = await b.reach('failed');
    assert.ok(told.phase === 'failed' && told.code === 'cancelled');
    assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((row) => [row.method, row.status]), [
      ['pix', 'failed'],
      ['card', 'succeeded'],
    ]);
  });

  it('leaving a QR code the buyer already paid shows the success instead of a second payment', async () => {
    const credentials = await createSession(servers, { methods: ['pix', 'card'], country: 'BR', amount: { value: 12000, currency: 'BRL' } });
    const tab = open(credentials, 'a');
    tab.flow.pay('pix');
    const qr = await tab.reach('action');
    assert.ok(qr.phase === 'action');
    const paid = await fetch(`${servers.apiUrl}/sandbox/payments/${qr.payment.id}/complete`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ outcome: 'succeeded' }),
    });
    assert.equal(paid.status, 200);
    tab.flow.reset();
    tab.flow.pay('card');
    const shown = await tab.reach('succeeded');
    assert.ok(shown.phase === 'succeeded' && shown.payment.id === qr.payment.id);
    assert.deepEqual((await paymentRows(servers, credentials.sessionId)).map((row) => [row.method, row.status]), [['pix', 'succeeded']]);
  });

  it(`a second tab's POST gets the live payment even with its own ${IDEMPOTENCY_HEADER} and a different method`, async () => {
    const credentials = await createSession(servers, { methods: ['card', 'paypal'] });
    const a = open(credentials, 'a');
    a.flow.pay('card');
    await a.reach('succeeded');
    const b = open(credentials, 'b');
    b.flow.pay('paypal');
    const shown = await b.reach('succeeded');
    assert.ok(shown.phase === 'succeeded' && shown.method === 'card');
    assert.equal((await paymentRows(servers, credentials.sessionId)).length, 1);
  });
});
