import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolClient } from './client.js';
import { PaymentMethodOffer } from './session.schema.js';

const SESSION = {
  id: 'cs_1',
  amount: { value: 1000, currency: 'EUR' },
  country: 'NL',
  paymentMethods: [{ id: 'card', type: 'card' }],
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
  mode: 'sandbox',
};

/** A 200 whose body sends `head` and then breaks (connection cut) or never ends (stalled). */
function brokenBody(head: string, how: 'cut' | 'stall'): (signal?: AbortSignal | null) => Response {
  return (signal) => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(head));
        if (how === 'cut') controller.error(new TypeError('terminated'));
        // A stalled body ends only when the request is aborted, as with a real fetch.
        else signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true });
      },
    });
    return new Response(stream, { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
}

const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

function client(responses: Array<(signal?: AbortSignal | null) => Response>, options: { timeoutMs?: number } = {}) {
  let calls = 0;
  const fetch: typeof globalThis.fetch = async (_input, init) => responses[Math.min(calls++, responses.length - 1)]!(init?.signal);
  return {
    client: new ProtocolClient({ endpoint: 'https://shop.example/checkout/v1', token: 't', fetch, backoff: { baseMs: 0, maxMs: 0 }, random: () => 0, ...options }),
    calls: () => calls,
  };
}

describe('ProtocolClient: bodies that break off (issue 17, hole 7)', () => {
  it('a body cut off mid-way is a network fault, and GET /session retries it', async () => {
    const { client: c, calls } = client([brokenBody('{"id":"cs_1","amo', 'cut'), () => ok(SESSION)]);
    const outcome = await c.getSession();
    assert.equal(outcome.ok, true);
    assert.equal(calls(), 2);
  });

  it('a cut-off POST /payments body is a network fault (unknown outcome: re-send), never "malformed"', async () => {
    const { client: c } = client([brokenBody('{"id":"pay_1","sta', 'cut')]);
    const outcome = await c.createPayment({ method: 'card', returnUrl: 'https://shop.example/' }, crypto.randomUUID());
    assert.deepEqual(outcome, { ok: false, fault: { kind: 'network' } });
  });

  it('a body that stalls past the per-request timeout is a timeout fault', async () => {
    const { client: c } = client([brokenBody('{"id":', 'stall')], { timeoutMs: 1 });
    // AbortSignal.timeout's timer does not hold the event loop open; this one does, until the outcome is in.
    const alive = setInterval(() => {}, 1000);
    try {
      const outcome = await c.createPayment({ method: 'card', returnUrl: 'https://shop.example/' }, crypto.randomUUID());
      assert.deepEqual(outcome, { ok: false, fault: { kind: 'timeout' } });
    } finally {
      clearInterval(alive);
    }
  });

  it('a complete body that is not JSON stays "malformed"', async () => {
    const { client: c } = client([() => new Response('<html>oops</html>', { status: 200 })]);
    const outcome = await c.createPayment({ method: 'card', returnUrl: 'https://shop.example/' }, crypto.randomUUID());
    assert.equal(!outcome.ok && outcome.fault.kind, 'malformed');
  });
});

describe('PaymentMethodOffer icons', () => {
  it('accepts https: and data: icons only', () => {
    const offer = (icon: string) => PaymentMethodOffer.safeParse({ id: 'card', type: 'card', icon }).success;
    assert.equal(offer('https://cdn.example/card.svg'), true);
    assert.equal(offer('data:image/svg+xml,%3Csvg%2F%3E'), true);
    for (const icon of ['http://cdn.example/card.svg', 'javascript:alert(1)', 'ftp://x/y.svg', '//cdn.example/x.svg']) assert.equal(offer(icon), false, icon);
  });
});
