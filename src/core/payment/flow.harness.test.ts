/**
 * Test harness for the payment flow: a virtual clock and a fake backend that
 * keeps payments by Idempotency-Key the way docs/protocol.md requires (replay
 * on the same key, 409 while the twin is in flight), with scriptable faults.
 * Tests assert what the backend stored, not which mocks were called.
 * The harness checks itself at the bottom of this file.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ProtocolFault, ProtocolOutcome } from '../protocol/client.js';
import type { ErrorCode } from '../protocol/session.schema.js';
import type { PaymentAction, PaymentRequest, PaymentResult } from '../protocol/payment.schema.js';
import { PaymentFlow, type FlowState, type PaymentFlowOptions } from './flow.js';

export const T0 = Date.parse('2030-01-01T00:00:00.000Z');

/** Virtual time: timers fire only when the test advances the clock. */
export class Clock {
  now = T0;
  #nextId = 1;
  #timers = new Map<number, { at: number; callback: () => void }>();

  readonly timers = {
    setTimeout: (callback: () => void, ms: number): unknown => {
      const id = this.#nextId++;
      this.#timers.set(id, { at: this.now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout: (handle: unknown): void => {
      this.#timers.delete(handle as number);
    },
  };

  get pending(): number {
    return this.#timers.size;
  }

  /** The next timer's due time, if any. */
  nextAt(): number | undefined {
    let next: number | undefined;
    for (const { at } of this.#timers.values()) if (next === undefined || at < next) next = at;
    return next;
  }

  /** Runs every timer due within `ms`, in order, letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    await settle();
    for (;;) {
      const next = this.nextAt();
      if (next === undefined || next > end) break;
      this.now = Math.max(this.now, next);
      for (const [id, timer] of [...this.#timers]) {
        if (timer.at > this.now) continue;
        this.#timers.delete(id);
        timer.callback();
        await settle();
      }
    }
    this.now = end;
    await settle();
  }
}

/** Lets every queued promise callback run (the fake client answers through promises). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * How the backend treats one POST:
 * - `ok`: processes it (or replays).
 * - `network`/`timeout`: the request never arrives.
 * - `drop_after_commit`: processed and stored, but the answer is lost (reported as `network`).
 * - `server`: 5xx before processing. `malformed`: processed, but the body is unreadable.
 * - `session_expired`: 401 before processing. `rejected`: 422 `method_not_offered`.
 */
export type PostFault = 'ok' | 'network' | 'timeout' | 'drop_after_commit' | 'server' | 'malformed' | 'session_expired' | 'rejected';
export type GetFault = 'ok' | 'network' | 'timeout' | 'server' | 'malformed' | 'session_expired';
/** As for GETs, plus `rejected`: a 404 from a backend that has no cancel route. */
export type CancelFault = GetFault | 'rejected';

/** A payment result without the fields the backend fills in. */
export type Step = PaymentResult extends infer R ? (R extends PaymentResult ? Omit<R, 'id' | 'method' | 'amount' | 'createdAt'> : never) : never;

/** How a payment evolves: its first answer, then what each later poll sees. */
export type Script = (method: string) => { first: Step; later: Step[] };

export const succeeds: Script = () => ({ first: { status: 'succeeded' }, later: [] });
export const fails =
  (code: 'card_declined' | 'cancelled' | 'insufficient_funds' = 'card_declined', retryable = false): Script =>
  () => ({ first: { status: 'failed', failure: { code, retryable } }, later: [] });
export const pendingThen =
  (polls: number, pollAfterMs?: number): Script =>
  () => ({
    first: { status: 'pending', ...(pollAfterMs ? { pollAfterMs } : {}) },
    later: [...Array.from({ length: polls }, () => ({ status: 'pending' as const })), { status: 'succeeded' }],
  });
export const actionThen =
  (action: PaymentAction, polls: number, final: 'succeeded' | 'never' = 'succeeded'): Script =>
  () => ({
    first: { status: 'requires_action', action },
    later: [
      ...Array.from({ length: polls }, () => ({ status: 'requires_action' as const, action })),
      ...(final === 'succeeded' ? [{ status: 'succeeded' as const }] : []),
    ],
  });

export function qrAction(expiresAt: number): PaymentAction {
  return { type: 'qr', payload: '00020101021226', expiresAt: new Date(expiresAt).toISOString() };
}

interface StoredPayment {
  id: string;
  key: string;
  body: string;
  /** Answer of the POST, replayed for the same key. */
  answer: PaymentResult;
  /** The current state that polls see. */
  current: PaymentResult;
  later: Step[];
}

export class FakeBackend {
  readonly payments = new Map<string, StoredPayment>();
  readonly posts: { key: string; body: PaymentRequest; at: number }[] = [];
  readonly gets: { id: string; at: number }[] = [];
  readonly cancels: { id: string; at: number }[] = [];
  /** Faults for the next POSTs/GETs, consumed in order; `ok` once empty. */
  postFaults: PostFault[] = [];
  getFaults: GetFault[] = [];
  cancelFaults: CancelFault[] = [];
  /** Virtual ms each request takes. */
  latency = 50;
  script: Script = succeeds;
  inFlightKeys = new Map<string, number>();
  maxDistinctKeysInFlight = 0;
  maxRequestsInFlight = 0;
  #requestsInFlight = 0;
  #seq = 0;

  constructor(private readonly clock: Clock) {}

  readonly client: PaymentFlowOptions['client'] = {
    createPayment: (request, key, signal) => this.#post(request, key, signal),
    getPayment: (id, signal) => this.#get(id, signal),
    cancelPayment: (id, signal) => this.#cancel(id, signal),
  };

  /** The buyer completes the action outside the page (scans the QR code) before any cancel arrives. */
  settle(id: string, status: 'succeeded'): void {
    const stored = [...this.payments.values()].find((p) => p.id === id);
    if (!stored) throw new Error(`no payment ${id}`);
    stored.current = { id, method: stored.current.method, amount: stored.current.amount, createdAt: stored.current.createdAt, status };
    stored.later = [];
  }

  /** Statuses the backend holds, as an assertion target: `['succeeded']` means exactly one payment. */
  statuses(): string[] {
    return [...this.payments.values()].map((p) => p.current.status);
  }

  #wait(signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const handle = this.clock.timers.setTimeout(() => resolve(true), this.latency);
      signal?.addEventListener('abort', () => {
        this.clock.timers.clearTimeout(handle);
        resolve(false);
      });
    });
  }

  #enter(key?: string): void {
    this.#requestsInFlight++;
    this.maxRequestsInFlight = Math.max(this.maxRequestsInFlight, this.#requestsInFlight);
    if (key) {
      this.inFlightKeys.set(key, (this.inFlightKeys.get(key) ?? 0) + 1);
      this.maxDistinctKeysInFlight = Math.max(this.maxDistinctKeysInFlight, this.inFlightKeys.size);
    }
  }

  #leave(key?: string): void {
    this.#requestsInFlight--;
    if (key) {
      const left = (this.inFlightKeys.get(key) ?? 1) - 1;
      if (left) this.inFlightKeys.set(key, left);
      else this.inFlightKeys.delete(key);
    }
  }

  async #post(request: PaymentRequest, key: string, signal?: AbortSignal): Promise<ProtocolOutcome<PaymentResult>> {
    this.posts.push({ key, body: structuredClone(request), at: this.clock.now });
    const fault = this.postFaults.shift() ?? 'ok';
    this.#enter(key);
    const arrived = await this.#wait(signal);
    this.#leave(key);
    // An aborted request (page unload) may still have reached the backend: model the worst case.
    if (fault === 'network' || fault === 'timeout') return failure({ kind: fault });
    if (fault === 'server') return failure({ kind: 'server', status: 503 });
    if (fault === 'session_expired') return failure({ kind: 'session_expired' });
    if (fault === 'rejected') return failure(rejected('method_not_offered'));
    const body = JSON.stringify(request);
    let stored = this.payments.get(key);
    if (stored && stored.body !== body) return failure(rejected('idempotency_key_reused'));
    if (!stored) {
      const id = `pay_${++this.#seq}`;
      const script = this.script(request.method);
      const answer = { ...script.first, id, method: request.method, amount: { value: 1000, currency: 'BRL' }, createdAt: new Date(this.clock.now).toISOString() } as PaymentResult;
      stored = { id, key, body, answer, current: answer, later: script.later };
      this.payments.set(key, stored);
    }
    if (!arrived) return failure({ kind: 'network' });
    if (fault === 'drop_after_commit') return failure({ kind: 'network' });
    if (fault === 'malformed') return failure({ kind: 'malformed', status: 201, issues: 'status: invalid' });
    return { ok: true, value: stored.answer };
  }

  async #get(id: string, signal?: AbortSignal): Promise<ProtocolOutcome<PaymentResult>> {
    this.gets.push({ id, at: this.clock.now });
    const fault = this.getFaults.shift() ?? 'ok';
    this.#enter();
    const arrived = await this.#wait(signal);
    this.#leave();
    if (!arrived || fault === 'network' || fault === 'timeout') return failure({ kind: fault === 'timeout' ? 'timeout' : 'network' });
    if (fault === 'server') return failure({ kind: 'server', status: 500 });
    if (fault === 'session_expired') return failure({ kind: 'session_expired' });
    const stored = [...this.payments.values()].find((p) => p.id === id);
    if (!stored) return failure(rejected('not_found'));
    const next = stored.later.shift();
    if (next) stored.current = { ...next, id: stored.id, method: stored.current.method, amount: stored.current.amount, createdAt: stored.current.createdAt } as PaymentResult;
    if (fault === 'malformed') return failure({ kind: 'malformed', status: 200, issues: 'status: invalid' });
    return { ok: true, value: stored.current };
  }

  /** Cancel as docs/protocol.md says: an open payment becomes `failed cancelled`, a final one keeps its outcome. */
  async #cancel(id: string, signal?: AbortSignal): Promise<ProtocolOutcome<PaymentResult>> {
    this.cancels.push({ id, at: this.clock.now });
    const fault = this.cancelFaults.shift() ?? 'ok';
    this.#enter();
    const arrived = await this.#wait(signal);
    this.#leave();
    if (!arrived || fault === 'network' || fault === 'timeout') return failure({ kind: fault === 'timeout' ? 'timeout' : 'network' });
    if (fault === 'server') return failure({ kind: 'server', status: 503 });
    if (fault === 'session_expired') return failure({ kind: 'session_expired' });
    if (fault === 'rejected') return failure(rejected('not_found'));
    const stored = [...this.payments.values()].find((p) => p.id === id);
    if (!stored) return failure(rejected('not_found'));
    if (stored.current.status !== 'succeeded' && stored.current.status !== 'failed') {
      const { method, amount, createdAt } = stored.current;
      stored.current = { id, method, amount, createdAt, status: 'failed', failure: { code: 'cancelled', retryable: true } };
      stored.later = [];
    }
    if (fault === 'malformed') return failure({ kind: 'malformed', status: 200, issues: 'status: invalid' });
    return { ok: true, value: stored.current };
  }
}

function failure(fault: ProtocolFault): ProtocolOutcome<never> {
  return { ok: false, fault };
}

function rejected(code: ErrorCode): ProtocolFault {
  return { kind: 'rejected', status: code === 'not_found' ? 404 : 422, code, message: code };
}

export class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

/** A flow wired to the harness, with its state history and switchable visibility/connectivity. */
export class Harness {
  readonly clock = new Clock();
  readonly backend = new FakeBackend(this.clock);
  readonly storage = new MemoryStorage();
  readonly states: FlowState[] = [];
  hidden = false;
  online = true;
  flow: PaymentFlow;
  #uuids = 0;

  constructor(private readonly overrides: Partial<PaymentFlowOptions> = {}) {
    this.flow = this.#create();
  }

  #create(): PaymentFlow {
    return new PaymentFlow({
      client: this.backend.client,
      sessionId: 'cs_test',
      returnUrl: 'https://shop.example/checkout',
      storage: this.storage,
      random: () => 0.5,
      now: () => this.clock.now,
      uuid: () => `00000000-0000-4000-8000-${String(++this.#uuids).padStart(12, '0')}`,
      timers: this.clock.timers,
      isHidden: () => this.hidden,
      isOnline: () => this.online,
      onChange: (state) => this.states.push(state),
      ...this.overrides,
    });
  }

  /** A method, not a getter, so `assert.deepEqual(h.current(), ...)` does not narrow later reads. */
  current(): FlowState {
    return this.flow.state;
  }

  /** Simulates a page reload: the old flow dies mid-whatever, a new one resumes from storage (and the URL). */
  async reload(paymentIdFromUrl?: string | null): Promise<boolean> {
    this.flow.dispose();
    this.flow = this.#create();
    return this.flow.resume(paymentIdFromUrl);
  }

  phases(): string[] {
    return this.states.map((s) => s.phase);
  }

  storedAttempt(): { key: string | null; paymentId: string | null } | null {
    const raw = this.storage.getItem('checkout-kit:payment:cs_test');
    return raw ? (JSON.parse(raw) as { current: { key: string | null; paymentId: string | null } | null }).current : null;
  }
}

describe('flow harness', () => {
  it('replays the stored answer for a repeated key and stores one payment', async () => {
    const clock = new Clock();
    const backend = new FakeBackend(clock);
    const request = { method: 'pix', returnUrl: 'https://shop.example/' };
    const first = backend.client.createPayment(request, 'k1');
    await clock.advance(100);
    const second = backend.client.createPayment(request, 'k1');
    await clock.advance(100);
    const [a, b] = await Promise.all([first, second]);
    assert.deepEqual(a, b);
    assert.equal(backend.payments.size, 1);
  });

  it('commits a payment whose answer is dropped', async () => {
    const clock = new Clock();
    const backend = new FakeBackend(clock);
    backend.postFaults = ['drop_after_commit'];
    const outcome = backend.client.createPayment({ method: 'pix', returnUrl: 'https://shop.example/' }, 'k1');
    await clock.advance(100);
    assert.deepEqual(await outcome, { ok: false, fault: { kind: 'network' } });
    assert.deepEqual(backend.statuses(), ['succeeded']);
  });
});
