/**
 * Property tests of the payment flow over random fault sequences, latencies and
 * buyer behaviour (double clicks, reloads, hidden tab, offline, expired token).
 * Whatever happens:
 * 1. at most one Idempotency-Key is in flight at any moment;
 * 2. a new key is used only after the previous attempt definitely failed
 *    (never while its outcome is unknown), so every earlier key maps to exactly
 *    one failed payment on the backend;
 * 3. once the faults stop, the flow reaches a final state that matches what the
 *    backend stored, and the backend holds at most one successful payment.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Harness, T0, actionThen, fails, pendingThen, qrAction, succeeds, type GetFault, type PostFault, type Script } from './flow.harness.test.js';

type BuyerEvent = 'pay' | 'checkNow' | 'reload' | 'hide' | 'show' | 'offline' | 'online' | 'newToken' | 'chooseAnother';

const postFault = fc.constantFrom<PostFault>('ok', 'network', 'timeout', 'drop_after_commit', 'server', 'malformed', 'session_expired');
const getFault = fc.constantFrom<GetFault>('ok', 'network', 'timeout', 'server', 'malformed', 'session_expired');
const buyerEvent = fc.record({
  at: fc.integer({ min: 0, max: 90_000 }),
  kind: fc.constantFrom<BuyerEvent>('pay', 'pay', 'checkNow', 'reload', 'hide', 'show', 'offline', 'online', 'newToken', 'chooseAnother'),
});
const scenario = fc.record({
  script: fc.oneof(
    fc.constant<Script>(succeeds),
    fc.constant<Script>(fails('cancelled', true)),
    fc.constant<Script>(fails('card_declined', false)),
    fc.integer({ min: 0, max: 5 }).map((polls) => pendingThen(polls)),
    fc.integer({ min: 0, max: 5 }).map((polls) => actionThen(qrAction(T0 + 3_600_000), polls)),
  ),
  postFaults: fc.array(postFault, { maxLength: 8 }),
  getFaults: fc.array(getFault, { maxLength: 8 }),
  latency: fc.integer({ min: 1, max: 20_000 }),
  events: fc.array(buyerEvent, { maxLength: 12 }),
  seed: fc.integer(),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Deterministic jitter per scenario. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FINAL = new Set(['succeeded', 'failed', 'rejected']);

async function run(s: Scenario): Promise<Harness> {
  const h = new Harness({ random: mulberry32(s.seed) });
  h.backend.script = s.script;
  h.backend.postFaults = [...s.postFaults];
  h.backend.getFaults = [...s.getFaults];
  h.backend.latency = s.latency;
  h.flow.pay('pix');
  for (const event of [...s.events].sort((a, b) => a.at - b.at)) {
    await h.clock.advance(Math.max(0, T0 + event.at - h.clock.now));
    switch (event.kind) {
      case 'pay':
        h.flow.pay('pix');
        break;
      case 'checkNow':
        h.flow.checkNow();
        break;
      case 'reload':
        await h.reload();
        break;
      case 'hide':
        h.hidden = true;
        break;
      case 'show':
        h.hidden = false;
        h.flow.checkNow();
        break;
      case 'offline':
        h.online = false;
        break;
      case 'online':
        h.online = true;
        h.flow.checkNow();
        break;
      case 'newToken':
        h.flow.continue();
        break;
      case 'chooseAnother':
        // Only offered after a definite failure; abandoning a shown QR is a separate, deliberate choice.
        if (h.current().phase === 'failed' || h.current().phase === 'rejected') h.flow.reset();
        break;
    }
  }
  // The faults stop: the network is back, the tab is visible, the store hands in a new token.
  h.backend.postFaults = [];
  h.backend.getFaults = [];
  h.online = true;
  h.hidden = false;
  h.flow.continue();
  h.flow.checkNow();
  for (let i = 0; i < 360 && !FINAL.has(h.current().phase) && h.current().phase !== 'idle'; i++) {
    await h.clock.advance(10_000);
    h.flow.continue();
  }
  return h;
}

describe('PaymentFlow properties', () => {
  it('never has two keys in flight, never abandons an unknown outcome, and always finishes', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const h = await run(s);
        const state = h.current();
        const keys = [...new Set(h.backend.posts.map((p) => p.key))];

        assert.ok(h.backend.maxDistinctKeysInFlight <= 1, 'one key in flight at most');
        assert.ok(h.backend.maxRequestsInFlight <= 2, 'one request per flow (plus an aborted one from before a reload)');

        for (const key of keys.slice(0, -1)) {
          const stored = h.backend.payments.get(key);
          assert.equal(stored?.current.status, 'failed', `key ${key} was replaced although its payment is ${stored?.current.status ?? 'unknown'}`);
        }

        const allFailed = keys.every((key) => h.backend.payments.get(key)?.current.status === 'failed');
        // Idle is a valid end only when a reload followed a definite failure: the buyer may start over.
        assert.ok(FINAL.has(state.phase) || (state.phase === 'idle' && allFailed), `finished, but is ${state.phase}`);
        const succeeded = h.backend.statuses().filter((status) => status === 'succeeded');
        assert.ok(succeeded.length <= 1, 'at most one successful payment');
        if (state.phase === 'succeeded') {
          assert.equal(h.backend.payments.get(keys.at(-1)!)?.current.status, 'succeeded', 'success shown is success stored');
        }
        if (state.phase === 'failed') {
          assert.equal(h.backend.payments.get(keys.at(-1)!)?.current.status, 'failed', 'failure shown is failure stored');
        }
        const stored = h.storedAttempt();
        if (state.phase === 'succeeded') assert.equal(stored?.paymentId, state.payment.id, 'a success is kept for reloads');
        else assert.equal(stored, null, 'nothing left in storage after a failure');
      }),
      { numRuns: Number(process.env.CK_PROPERTY_RUNS ?? 300) },
    );
  });

  it('uses exactly one key when the payment does not definitely fail', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenario.filter((s) => s.script !== fails('cancelled', true)),
        fc.constantFrom<Script>(succeeds, pendingThen(2), actionThen(qrAction(T0 + 3_600_000), 2)),
        async (s, script) => {
          const h = await run({ ...s, script });
          assert.equal(new Set(h.backend.posts.map((p) => p.key)).size, 1);
          assert.deepEqual(h.backend.statuses(), ['succeeded']);
          assert.equal(h.current().phase, 'succeeded');
        },
      ),
      { numRuns: Number(process.env.CK_PROPERTY_RUNS ?? 200) },
    );
  });
});
