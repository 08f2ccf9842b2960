// An in-page stand-in for a merchant backend, for component tests that need
// protocol answers the reference backend would never give (malformed bodies,
// unknown method types). It keeps what it "stored" so tests assert outcomes.
// Flows against the real backend are covered by test/e2e/.
import type { PaymentResult, Session } from '../../src/core/protocol/schemas.js';

export const FAKE_ENDPOINT = 'https://merchant.test/checkout/v1';

export interface FakeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Reply = { status: number; body: unknown } | 'network-error';
export type Handler = (request: FakeRequest, backend: FakeBackend) => Reply | Promise<Reply>;

export function sessionFixture(overrides: Partial<Session> = {}): Session {
  return {
    id: 'cs_test_1',
    amount: { value: 4200, currency: 'EUR' },
    country: 'NL',
    paymentMethods: [
      { id: 'ideal', type: 'bank_redirect' },
      { id: 'card', type: 'card' },
      { id: 'paypal', type: 'wallet' },
    ],
    expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    mode: 'sandbox',
    ...overrides,
  };
}

export class FakeBackend {
  readonly requests: FakeRequest[] = [];
  /** Payments by Idempotency-Key, as a real backend would store them. */
  readonly payments = new Map<string, PaymentResult>();
  #original = window.fetch;
  #handler: Handler;

  constructor(handler: Handler) {
    this.#handler = handler;
    window.fetch = (input, init) => this.#fetch(input, init);
  }

  set handler(handler: Handler) {
    this.#handler = handler;
  }

  restore(): void {
    window.fetch = this.#original;
  }

  async #fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(FAKE_ENDPOINT)) return this.#original(input, init);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const request: FakeRequest = {
      method: init?.method ?? 'GET',
      path: url.slice(FAKE_ENDPOINT.length),
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.requests.push(request);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const reply = await this.#handler(request, this);
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json' },
    });
  }
}

const LIVE: ReadonlySet<PaymentResult['status']> = new Set(['succeeded', 'pending', 'requires_action']);

/**
 * A well-behaved backend (docs/protocol.md): serves `session`, stores one
 * payment per key, answers with `outcome`, keeps one live payment per session
 * (a new key while one is live answers it with 200), and cancels open payments.
 */
export function standardHandler(session: Session, outcome: (method: string, id: string) => PaymentResult): Handler {
  const notFound = { status: 404, body: { error: { code: 'not_found', message: 'no such payment' } } };
  return (request, backend) => {
    if (request.method === 'GET' && request.path === '/session') return { status: 200, body: session };
    if (request.method === 'POST' && request.path === '/payments') {
      const key = request.headers['idempotency-key'] ?? '';
      const stored = backend.payments.get(key);
      if (stored) return { status: 201, body: stored };
      const live = [...backend.payments.values()].find((p) => LIVE.has(p.status));
      if (live) return { status: 200, body: live };
      const payment = outcome((request.body as { method: string }).method, `pay_${backend.payments.size + 1}`);
      backend.payments.set(key, payment);
      return { status: 201, body: payment };
    }
    const match = /^\/payments\/([^/]+)(\/cancel)?$/.exec(request.path);
    if (!match) return { status: 404, body: { error: { code: 'not_found', message: request.path } } };
    const id = decodeURIComponent(match[1]!);
    const entry = [...backend.payments.entries()].find(([, p]) => p.id === id);
    if (!entry) return notFound;
    const [key, found] = entry;
    if (request.method === 'GET' && !match[2]) return { status: 200, body: found };
    if (request.method === 'POST' && match[2]) {
      if (found.status === 'succeeded' || found.status === 'failed') return { status: 200, body: found };
      const { method, amount, createdAt } = found;
      const cancelled: PaymentResult = { id, method, amount, createdAt, status: 'failed', failure: { code: 'cancelled', retryable: true } };
      backend.payments.set(key, cancelled);
      return { status: 200, body: cancelled };
    }
    return notFound;
  };
}

export function succeeded(method: string, id: string, session: Session = sessionFixture()): PaymentResult {
  return { id, status: 'succeeded', method, amount: session.amount, createdAt: new Date().toISOString() };
}
