import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PaymentFlow, type FlowState } from './flow.js';
import { Harness, T0, actionThen, fails, pendingThen, qrAction, succeeds, type PostFault } from './flow.harness.test.js';

/** A field of the state whatever its phase, so a mismatch reports both phase and value. */
function prop(state: FlowState, key: string): unknown {
  return (state as unknown as Record<string, unknown>)[key];
}

function distinctKeys(h: Harness): string[] {
  return [...new Set(h.backend.posts.map((p) => p.key))];
}

describe('PaymentFlow: pay', () => {
  it('submits once and ends in succeeded', async () => {
    const h = new Harness();
    h.flow.pay('pix');
    assert.equal(h.current().phase, 'submitting');
    await h.clock.advance(1_000);
    assert.deepEqual(h.phases(), ['submitting', 'succeeded']);
    assert.deepEqual(h.backend.statuses(), ['succeeded']);
    assert.equal(h.clock.pending, 0, 'no timers left behind');
  });

  it('shows the success again after a reload instead of a second payment', async () => {
    const h = new Harness();
    h.flow.pay('pix');
    await h.clock.advance(1_000);
    assert.equal(await h.reload(), true);
    h.flow.pay('pix');
    await h.clock.advance(1_000);
    assert.equal(h.current().phase, 'succeeded');
    assert.equal(h.backend.posts.length, 1);
    assert.equal(h.backend.gets.length, 1, 'the success is re-read from the backend');
  });

  it('ignores a double click: one key, one payment', async () => {
    const h = new Harness();
    h.flow.pay('pix');
    h.flow.pay('pix');
    await h.clock.advance(10);
    h.flow.pay('card');
    await h.clock.advance(1_000);
    assert.equal(h.backend.posts.length, 1);
    assert.deepEqual(h.backend.statuses(), ['succeeded']);
  });

  it('sends the method, fields and return URL, and the same body on every re-send', async () => {
    const h = new Harness();
    h.backend.postFaults = ['timeout', 'server'];
    h.flow.pay('boleto', { taxId: '12345678909' });
    await h.clock.advance(60_000);
    assert.equal(h.backend.posts.length, 3);
    for (const post of h.backend.posts) {
      assert.deepEqual(post.body, { method: 'boleto', returnUrl: 'https://shop.example/checkout', fields: { taxId: '12345678909' } });
    }
    assert.equal(distinctKeys(h).length, 1);
  });

  it('writes the attempt to storage before the POST leaves', async () => {
    const h = new Harness();
    let storedAtSend: unknown = 'not called';
    const create = h.backend.client.createPayment;
    h.backend.client.createPayment = (request, key, signal) => {
      storedAtSend = h.storedAttempt();
      return create(request, key, signal);
    };
    h.flow.pay('pix');
    assert.deepEqual(storedAtSend, { key: '00000000-0000-4000-8000-000000000001', method: 'pix', attempt: 1, paymentId: null, request: { method: 'pix', returnUrl: 'https://shop.example/checkout' } });
  });

  it('starts a new attempt with a new key only after a definite failure', async () => {
    const h = new Harness();
    h.backend.script = fails('cancelled', true);
    h.flow.pay('pix');
    await h.clock.advance(1_000);
    assert.deepEqual(h.current(), { phase: 'failed', method: 'pix', attempt: 1, paymentId: 'pay_1', code: 'cancelled', retryable: true });
    h.backend.script = succeeds;
    h.flow.pay('pix');
    await h.clock.advance(1_000);
    assert.equal(h.current().phase, 'succeeded');
    assert.deepEqual([h.current().phase, prop(h.current(), 'attempt')], ['succeeded', 2]);
    assert.equal(distinctKeys(h).length, 2);
    assert.deepEqual(h.backend.statuses(), ['failed', 'succeeded']);
  });
});

describe('PaymentFlow: unknown outcome', () => {
  for (const fault of ['network', 'timeout', 'server', 'malformed', 'drop_after_commit'] as const satisfies readonly PostFault[]) {
    it(`re-sends the same key after ${fault} until the backend answers, creating one payment`, async () => {
      const h = new Harness();
      h.backend.postFaults = [fault, fault, fault];
      h.flow.pay('pix');
      await h.clock.advance(200);
      assert.deepEqual(h.current(), { phase: 'confirming', method: 'pix', attempt: 1, reason: 'unknown_outcome' });
      await h.clock.advance(120_000);
      assert.equal(h.current().phase, 'succeeded');
      assert.equal(h.backend.posts.length, 4);
      assert.equal(distinctKeys(h).length, 1);
      assert.deepEqual(h.backend.statuses(), ['succeeded']);
    });
  }

  it('backs off with jitter between re-sends', async () => {
    const h = new Harness();
    h.backend.postFaults = ['server', 'server', 'server', 'server', 'server'];
    h.flow.pay('pix');
    await h.clock.advance(120_000);
    const gaps = h.backend.posts.slice(1).map((p, i) => p.at - h.backend.posts[i]!.at);
    assert.equal(gaps.length, 5);
    for (let i = 1; i < gaps.length; i++) assert.ok(gaps[i]! > gaps[i - 1]!, `gap ${i} grows: ${gaps.join(', ')}`);
    assert.ok(gaps.every((gap) => gap <= 10_050), `capped: ${gaps.join(', ')}`);
  });

  it('re-asks soon after a 409 (twin still in flight)', async () => {
    const h = new Harness();
    const create = h.backend.client.createPayment;
    let calls = 0;
    h.backend.client.createPayment = (request, key, signal) =>
      ++calls === 1 ? Promise.resolve({ ok: false, fault: { kind: 'in_flight' } }) : create(request, key, signal);
    h.flow.pay('pix');
    await h.clock.advance(1_100);
    assert.equal(h.current().phase, 'succeeded');
    assert.equal(calls, 2);
  });

  it('pay() while the outcome is unknown does nothing', async () => {
    const h = new Harness();
    h.backend.postFaults = ['network'];
    h.flow.pay('pix');
    await h.clock.advance(100);
    assert.equal(h.current().phase, 'confirming');
    h.flow.pay('card');
    h.flow.reset();
    await h.clock.advance(60_000);
    assert.equal(distinctKeys(h).length, 1);
    assert.deepEqual([h.current().phase, prop(h.current(), 'method')], ['succeeded', 'pix']);
  });

  it('survives a reload mid-request: same key, one payment', async () => {
    const h = new Harness();
    h.backend.latency = 5_000;
    h.flow.pay('pix');
    await h.clock.advance(1_000);
    const resumed = await h.reload();
    assert.equal(resumed, true);
    assert.deepEqual(h.current(), { phase: 'confirming', method: 'pix', attempt: 1, reason: 'unknown_outcome' });
    await h.clock.advance(60_000);
    assert.equal(h.current().phase, 'succeeded');
    assert.equal(distinctKeys(h).length, 1);
    assert.deepEqual(h.backend.statuses(), ['succeeded']);
  });

  it('keeps the attempt number across reloads', async () => {
    const h = new Harness();
    h.backend.script = fails('cancelled', true);
    h.flow.pay('pix');
    await h.clock.advance(1_000);
    await h.reload();
    h.backend.script = succeeds;
    h.flow.pay('pix');
    await h.clock.advance(1_000);
    assert.deepEqual([h.current().phase, prop(h.current(), 'attempt')], ['succeeded', 2]);
  });
});

describe('PaymentFlow: session expiry and rejection', () => {
  it('waits for a new token on session_expired and continues the same attempt', async () => {
    const h = new Harness();
    h.backend.postFaults = ['network', 'session_expired'];
    h.flow.pay('pix');
    await h.clock.advance(30_000);
    assert.deepEqual(h.current(), { phase: 'session_expired', method: 'pix', attempt: 1 });
    const posts = h.backend.posts.length;
    await h.clock.advance(120_000);
    assert.equal(h.backend.posts.length, posts, 'nothing is sent without a token');
    h.flow.pay('card');
    h.flow.continue();
    await h.clock.advance(30_000);
    assert.equal(h.current().phase, 'succeeded');
    assert.equal(distinctKeys(h).length, 1);
  });

  it('session_expired while polling restores the action on continue()', async () => {
    const h = new Harness();
    h.backend.script = actionThen(qrAction(T0 + 600_000), 3);
    h.flow.pay('pix');
    await h.clock.advance(100);
    assert.equal(h.current().phase, 'action');
    h.backend.getFaults = ['session_expired'];
    await h.clock.advance(5_000);
    assert.equal(h.current().phase, 'session_expired');
    h.flow.continue();
    assert.equal(h.current().phase, 'action');
    await h.clock.advance(120_000);
    assert.equal(h.current().phase, 'succeeded');
  });

  it('shows a rejection and allows another method', async () => {
    const h = new Harness();
    h.backend.postFaults = ['rejected'];
    h.flow.pay('pix');
    await h.clock.advance(1_000);
    assert.deepEqual(h.current(), { phase: 'rejected', method: 'pix', attempt: 1, code: 'method_not_offered', message: 'method_not_offered' });
    assert.equal(h.storedAttempt(), null);
    h.flow.reset();
    assert.equal(h.current().phase, 'idle');
    h.flow.pay('card');
    await h.clock.advance(1_000);
    assert.equal(h.current().phase, 'succeeded');
  });
});

describe('PaymentFlow: polling', () => {
  it('polls a pending payment until it succeeds', async () => {
    const h = new Harness();
    h.backend.script = pendingThen(3);
    h.flow.pay('ideal');
    await h.clock.advance(120_000);
    assert.equal(h.current().phase, 'succeeded');
    assert.equal(h.backend.gets.length, 4);
    assert.deepEqual(h.phases(), ['submitting', 'pending', 'succeeded']);
  });

  it('honours pollAfterMs within bounds', async () => {
    const fast = new Harness();
    fast.backend.script = pendingThen(3, 10);
    fast.flow.pay('ideal');
    await fast.clock.advance(120_000);
    const fastGaps = fast.backend.gets.slice(1).map((g, i) => g.at - fast.backend.gets[i]!.at);
    assert.ok(fastGaps.every((gap) => gap >= 1_000), `a 10 ms hint is raised to 1 s: ${fastGaps.join(', ')}`);

    const slow = new Harness();
    slow.backend.script = pendingThen(2, 3_600_000);
    slow.flow.pay('ideal');
    await slow.clock.advance(40_000);
    assert.ok(slow.backend.gets.length >= 1, 'a one-hour hint is capped at 30 s');
  });

  it('pauses while hidden and checks at once when visible again', async () => {
    const h = new Harness();
    h.backend.script = pendingThen(0);
    h.hidden = true;
    h.flow.pay('ideal');
    await h.clock.advance(14_000);
    assert.equal(h.backend.gets.length, 0);
    assert.equal(h.current().phase, 'pending');
    h.hidden = false;
    h.flow.checkNow();
    await h.clock.advance(100);
    assert.equal(h.backend.gets.length, 1);
    assert.equal(h.current().phase, 'succeeded');
  });

  it('keeps polling through transient poll faults', async () => {
    const h = new Harness();
    h.backend.script = pendingThen(1);
    h.backend.getFaults = ['network', 'server', 'malformed', 'timeout'];
    h.flow.pay('ideal');
    await h.clock.advance(300_000);
    assert.equal(h.current().phase, 'succeeded');
  });

  it('"I\'ve paid" polls at once', async () => {
    const h = new Harness();
    h.backend.script = actionThen(qrAction(T0 + 600_000), 0);
    h.flow.pay('pix');
    await h.clock.advance(100);
    assert.equal(h.current().phase, 'action');
    h.flow.checkNow();
    await h.clock.advance(60);
    assert.equal(h.current().phase, 'succeeded');
  });
});

describe('PaymentFlow: offline', () => {
  it('holds a new payment while offline and sends it when back online', async () => {
    const h = new Harness();
    h.online = false;
    h.flow.pay('pix');
    assert.deepEqual(h.current(), { phase: 'confirming', method: 'pix', attempt: 1, reason: 'offline' });
    await h.clock.advance(30_000);
    assert.equal(h.backend.posts.length, 0);
    h.online = true;
    h.flow.checkNow();
    await h.clock.advance(100);
    assert.equal(h.current().phase, 'succeeded');
    assert.equal(h.backend.posts.length, 1);
  });

  it('goes confirming/offline when the connection drops mid-request and resumes by itself', async () => {
    const h = new Harness();
    h.backend.postFaults = ['drop_after_commit'];
    h.flow.pay('pix');
    h.online = false;
    await h.clock.advance(100);
    assert.deepEqual(h.current(), { phase: 'confirming', method: 'pix', attempt: 1, reason: 'offline' });
    h.online = true;
    await h.clock.advance(6_000);
    assert.equal(h.current().phase, 'succeeded');
    assert.deepEqual(h.backend.statuses(), ['succeeded']);
  });
});

describe('PaymentFlow: action expiry', () => {
  it('fails as expired (retryable) after one last poll past expiresAt', async () => {
    const h = new Harness();
    h.backend.script = actionThen(qrAction(T0 + 20_000), 1_000, 'never');
    h.flow.pay('pix');
    await h.clock.advance(19_000);
    assert.equal(h.current().phase, 'action');
    await h.clock.advance(2_000);
    assert.deepEqual(h.current(), { phase: 'failed', method: 'pix', attempt: 1, paymentId: 'pay_1', code: 'expired', retryable: true });
    const last = h.backend.gets.at(-1)!;
    assert.ok(last.at > T0 + 20_000, 'the deciding poll was sent after the expiry');
    assert.equal(h.storedAttempt(), null);
  });

  it('shows success when the last poll finds the QR paid', async () => {
    const h = new Harness();
    h.backend.script = actionThen(qrAction(T0 + 5_000), 3, 'succeeded');
    h.flow.pay('pix');
    await h.clock.advance(1_000);
    // The buyer paid just before expiry, the backend learns of it with the next polls.
    await h.clock.advance(30_000);
    assert.equal(h.current().phase, 'succeeded');
  });

  it('a payment whose action already expired when resumed gets one poll, then fails', async () => {
    const h = new Harness();
    h.backend.script = actionThen(qrAction(T0 + 1_000), 100, 'never');
    h.flow.pay('pix');
    await h.clock.advance(100);
    h.flow.dispose();
    h.clock.now = T0 + 3_600_000;
    await h.reload();
    await h.clock.advance(1_000);
    assert.deepEqual([h.current().phase, prop(h.current(), 'code')], ['failed', 'expired']);
  });
});

describe('PaymentFlow: resume', () => {
  it('polls the stored payment instead of re-sending once its id is known', async () => {
    const h = new Harness();
    h.backend.script = pendingThen(2);
    h.flow.pay('ideal');
    await h.clock.advance(100);
    assert.equal(h.current().phase, 'pending');
    await h.reload();
    await h.clock.advance(60_000);
    assert.equal(h.current().phase, 'succeeded');
    assert.equal(h.backend.posts.length, 1);
  });

  it('resumes a return-URL id in another browser (empty storage) by polling', async () => {
    const h = new Harness();
    h.backend.script = actionThen({ type: 'redirect', url: 'https://bank.example/pay' }, 0);
    h.flow.pay('ideal');
    await h.clock.advance(100);
    assert.equal(h.current().phase, 'action');
    h.storage.map.clear();
    const resumed = await h.reload('pay_1');
    assert.equal(resumed, true);
    assert.deepEqual(h.current(), { phase: 'confirming', method: '', attempt: 1, reason: 'unknown_outcome' });
    await h.clock.advance(200);
    assert.deepEqual([h.current().phase, prop(h.current(), 'method')], ['succeeded', 'ideal']);
    assert.equal(h.backend.posts.length, 1);
  });

  it('drops an unknown return-URL id back to idle', async () => {
    const h = new Harness();
    assert.equal(await h.flow.resume('pay_unknown'), true);
    await h.clock.advance(200);
    assert.equal(h.current().phase, 'idle');
    assert.equal(h.storedAttempt(), null);
  });

  it('has nothing to resume on a clean page', async () => {
    const h = new Harness();
    assert.equal(await h.flow.resume(null), false);
    assert.equal(h.current().phase, 'idle');
  });

  it('ignores corrupt storage', async () => {
    const h = new Harness();
    h.storage.setItem('checkout-kit:payment:cs_test', '{"v":1,"current":{"key":42}}');
    assert.equal(await h.flow.resume(), false);
  });

  it('works without storage', async () => {
    const h = new Harness({ storage: null });
    h.flow.pay('pix');
    await h.clock.advance(1_000);
    assert.equal(h.current().phase, 'succeeded');
  });
});

describe('PaymentFlow: reset and dispose', () => {
  it('reset() from an action cancels it on the backend, then goes idle and stops polling', async () => {
    const h = new Harness();
    h.backend.script = actionThen(qrAction(T0 + 600_000), 100, 'never');
    h.flow.pay('pix');
    await h.clock.advance(100);
    h.flow.reset();
    assert.deepEqual(h.current(), { phase: 'confirming', method: 'pix', attempt: 1, reason: 'cancelling' });
    await h.clock.advance(100);
    assert.equal(h.current().phase, 'idle');
    assert.deepEqual(h.backend.cancels.map((c) => c.id), ['pay_1']);
    assert.deepEqual(h.backend.statuses(), ['failed'], 'the backend holds the QR code as cancelled');
    assert.equal(h.storedAttempt(), null);
    const gets = h.backend.gets.length;
    await h.clock.advance(60_000);
    assert.equal(h.backend.gets.length, gets, 'the abandoned payment is no longer polled');
    assert.ok(!h.states.some((s) => s.phase === 'failed'), 'leaving on purpose is not reported as a failure');
  });

  it('reset() then pay(): the new attempt is sent only after the cancel is confirmed, with a new key', async () => {
    const h = new Harness();
    h.backend.script = actionThen(qrAction(T0 + 600_000), 100, 'never');
    h.flow.pay('pix');
    await h.clock.advance(100);
    h.backend.script = succeeds;
    h.flow.reset();
    h.flow.pay('card');
    assert.equal(h.backend.posts.length, 1, 'nothing is sent while the QR code may still be open');
    await h.clock.advance(1_000);
    assert.deepEqual([h.current().phase, prop(h.current(), 'method'), prop(h.current(), 'attempt')], ['succeeded', 'card', 2]);
    assert.equal(distinctKeys(h).length, 2);
    assert.ok(h.backend.posts[1]!.at >= h.backend.cancels[0]!.at + h.backend.latency, 'the POST follows the cancel answer');
    assert.deepEqual(h.backend.statuses(), ['failed', 'succeeded']);
  });

  it('a cancel that finds the payment paid shows the success and drops the queued attempt', async () => {
    const h = new Harness();
    h.backend.script = actionThen(qrAction(T0 + 600_000), 100, 'never');
    h.flow.pay('pix');
    await h.clock.advance(100);
    h.backend.settle('pay_1', 'succeeded');
    h.flow.reset();
    h.flow.pay('card');
    await h.clock.advance(1_000);
    assert.deepEqual([h.current().phase, prop(h.current(), 'method')], ['succeeded', 'pix']);
    assert.equal(h.backend.posts.length, 1, 'no second payment');
    assert.deepEqual(h.backend.statuses(), ['succeeded']);
  });

  for (const fault of ['network', 'timeout', 'server', 'malformed'] as const) {
    it(`re-sends the cancel after ${fault} and starts nothing new until it is answered`, async () => {
      const h = new Harness();
      h.backend.script = actionThen(qrAction(T0 + 600_000), 100, 'never');
      h.flow.pay('pix');
      await h.clock.advance(100);
      h.backend.cancelFaults = [fault, fault];
      h.backend.script = succeeds;
      h.flow.reset();
      h.flow.pay('card');
      await h.clock.advance(1_000);
      assert.deepEqual(h.current(), { phase: 'confirming', method: 'pix', attempt: 1, reason: 'cancelling' });
      assert.equal(h.backend.posts.length, 1);
      await h.clock.advance(60_000);
      assert.equal(h.backend.cancels.length, 3);
      assert.equal(h.current().phase, 'succeeded');
      assert.deepEqual(h.backend.statuses(), ['failed', 'succeeded']);
    });
  }

  it('continues the cancel with a new token after session_expired', async () => {
    const h = new Harness();
    h.backend.script = actionThen(qrAction(T0 + 600_000), 100, 'never');
    h.flow.pay('pix');
    await h.clock.advance(100);
    h.backend.cancelFaults = ['session_expired'];
    h.flow.reset();
    await h.clock.advance(100);
    assert.equal(h.current().phase, 'session_expired');
    h.flow.continue();
    await h.clock.advance(100);
    assert.equal(h.current().phase, 'idle');
    assert.deepEqual(h.backend.statuses(), ['failed']);
  });

  it('calls the client as an object (a class instance keeps its `this`)', async () => {
    const h = new Harness();
    h.backend.script = actionThen(qrAction(T0 + 600_000), 100, 'never');
    const backend = h.backend.client;
    class ClassClient {
      readonly #inner = backend;
      createPayment(...args: Parameters<typeof backend.createPayment>) {
        return this.#inner.createPayment(...args);
      }
      getPayment(...args: Parameters<typeof backend.getPayment>) {
        return this.#inner.getPayment(...args);
      }
      cancelPayment(id: string, signal?: AbortSignal) {
        return this.#inner.cancelPayment!(id, signal);
      }
    }
    h.flow.dispose();
    const flow = new PaymentFlow({
      client: new ClassClient(),
      sessionId: 'cs_class',
      returnUrl: 'https://shop.example/checkout',
      random: () => 0.5,
      now: () => h.clock.now,
      timers: h.clock.timers,
      isHidden: () => false,
      isOnline: () => true,
      onChange: () => {},
    });
    flow.pay('pix');
    await h.clock.advance(100);
    flow.reset();
    await h.clock.advance(100);
    assert.equal(flow.state.phase, 'idle');
    assert.deepEqual(h.backend.statuses(), ['failed']);
    flow.dispose();
  });

  it('a backend without the cancel route (404) lets the buyer leave the action in this tab', async () => {
    const h = new Harness();
    h.backend.script = actionThen(qrAction(T0 + 600_000), 100, 'never');
    h.flow.pay('pix');
    await h.clock.advance(100);
    h.backend.cancelFaults = ['rejected'];
    h.flow.reset();
    await h.clock.advance(100);
    assert.equal(h.current().phase, 'idle');
    assert.equal(h.storedAttempt(), null);
  });

  it('a client without cancelPayment abandons the action locally, as before', async () => {
    const local = new Harness();
    delete local.backend.client.cancelPayment;
    local.backend.script = actionThen(qrAction(T0 + 600_000), 100, 'never');
    local.flow.pay('pix');
    await local.clock.advance(100);
    local.flow.reset();
    assert.equal(local.current().phase, 'idle');
    assert.equal(local.backend.cancels.length, 0);
  });

  it('follows the method the backend answers with (a second tab joining the session\'s live payment)', async () => {
    const h = new Harness();
    const create = h.backend.client.createPayment;
    h.backend.client.createPayment = (request, key, signal) => create({ ...request, method: 'pix' }, key, signal);
    h.backend.script = actionThen(qrAction(T0 + 600_000), 100, 'never');
    h.flow.pay('boleto');
    await h.clock.advance(100);
    assert.deepEqual([h.current().phase, prop(h.current(), 'method')], ['action', 'pix']);
  });

  it('reset() is ignored while a payment is pending', async () => {
    const h = new Harness();
    h.backend.script = pendingThen(100);
    h.flow.pay('ideal');
    await h.clock.advance(100);
    h.flow.reset();
    assert.equal(h.current().phase, 'pending');
  });

  it('dispose() stops requests and notifications', async () => {
    const h = new Harness();
    h.backend.script = pendingThen(100);
    h.flow.pay('ideal');
    await h.clock.advance(100);
    h.flow.dispose();
    const [gets, states] = [h.backend.gets.length, h.states.length];
    await h.clock.advance(600_000);
    assert.equal(h.backend.gets.length, gets);
    assert.equal(h.states.length, states);
    h.flow.pay('card');
    assert.equal(h.backend.posts.length, 1);
  });
});
