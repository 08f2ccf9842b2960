/**
 * The payment flow: carries one checkout from "Pay" to an outcome the backend
 * confirmed, and guarantees that nothing is charged twice.
 *
 * - One attempt at a time, one request at a time. An attempt is one
 *   Idempotency-Key; a new key exists only after `pay()` from idle or a
 *   definite failure.
 * - When the outcome of a POST is unknown (time-out, dropped connection, 5xx,
 *   409, an unreadable 2xx), the flow re-sends the same attempt (same key,
 *   same body) until the backend answers; the backend replays or finishes it.
 * - The attempt is written to storage before its POST leaves, so a reload
 *   mid-request resumes the same key; a return URL's `ck_payment` id resumes by
 *   polling, also in another browser.
 * - `pending` and `requires_action` payments are polled with backoff, paused
 *   while the tab is hidden or offline; an action past its expiry gets one last
 *   poll, then fails with `expired`.
 * - Leaving an open action for another method cancels it on the backend first
 *   (`POST /payments/{id}/cancel`), because the backend keeps one live payment
 *   per session: the next attempt starts only once the old one is known to be
 *   over, and if the buyer paid it meanwhile, that success is shown instead.
 *
 * No DOM: the host element wires `visibilitychange`/`online` to {@link PaymentFlow.checkNow}.
 */
import type { ProtocolClient, ProtocolFault, ProtocolOutcome } from '../protocol/client.js';
import type { ErrorCode } from '../protocol/session.schema.js';
import type { FailureCode, PaymentRequest, PaymentResult } from '../protocol/payment.schema.js';
import {
  IN_FLIGHT_BACKOFF,
  MAX_TIMER_MS,
  RESEND_BACKOFF,
  backoffDelay,
  pollDelay,
} from '../retry/backoff.js';
import { AttemptStore, type AttemptStorage, type StoredAttempt } from './attempt-store.js';

export type SucceededResult = Extract<PaymentResult, { status: 'succeeded' }>;
export type PendingResult = Extract<PaymentResult, { status: 'pending' }>;
export type RequiresActionResult = Extract<PaymentResult, { status: 'requires_action' }>;
export type FailedResult = Extract<PaymentResult, { status: 'failed' }>;

/**
 * Where the payment stands. `method` is the method id; it is `''` in
 * `confirming` (and `null` in `session_expired`) only while resuming from a
 * return URL before the backend has named the method.
 */
export type FlowState =
  | { phase: 'idle' }
  | { phase: 'submitting'; method: string; attempt: number }
  /**
   * Outcome unknown: re-sending the same attempt (same Idempotency-Key) or polling until known; never a new attempt.
   * `cancelling`: the buyer left an open action, and the flow waits for the backend to confirm it is cancelled.
   */
  | { phase: 'confirming'; method: string; attempt: number; reason: 'unknown_outcome' | 'offline' | 'cancelling' }
  | { phase: 'action'; method: string; attempt: number; payment: RequiresActionResult }
  | { phase: 'pending'; method: string; attempt: number; payment: PendingResult }
  | { phase: 'succeeded'; method: string; attempt: number; payment: SucceededResult }
  | { phase: 'failed'; method: string; attempt: number; paymentId: string | null; code: FailureCode; retryable: boolean }
  /** Waiting for a new token; `continue()` resumes the same attempt. */
  | { phase: 'session_expired'; method: string | null; attempt: number }
  /** A 4xx the widget cannot fix (e.g. `method_not_offered`). Nothing was created. */
  | { phase: 'rejected'; method: string; attempt: number; code: ErrorCode; message: string };

export type FlowPhase = FlowState['phase'];

/** Timer functions; injected so tests run on a virtual clock. */
export interface FlowTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The protocol calls the flow makes. `cancelPayment` (`POST /payments/{id}/cancel`)
 * is optional: without it, leaving an open action only abandons it in this tab.
 */
export interface PaymentClient extends Pick<ProtocolClient, 'createPayment' | 'getPayment'> {
  cancelPayment?(id: string, signal?: AbortSignal): Promise<ProtocolOutcome<PaymentResult>>;
}

export interface PaymentFlowOptions {
  client: PaymentClient;
  sessionId: string;
  /** The store page URL; the backend appends `ck_payment`. */
  returnUrl: string;
  /** `sessionStorage`: the in-progress attempt (key, method, paymentId) survives a reload. `localStorage` is not relied on. */
  storage?: AttemptStorage | null;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Wall clock in ms since the epoch; compared with action `expiresAt`. */
  now?: () => number;
  /** Idempotency-Key generator; defaults to `crypto.randomUUID()`. */
  uuid?: () => string;
  timers?: FlowTimers;
  /** Whether the page is hidden (polling pauses). The host passes `document.hidden`; without it, never hidden. */
  isHidden?: () => boolean;
  /** Whether the browser believes it is online. The host passes `navigator.onLine`; without it, always online. */
  isOnline?: () => boolean;
  /** Called on every state change, synchronously. */
  onChange: (state: FlowState) => void;
}

/** A payment the buyer asked for while the previous attempt was still being cancelled. */
interface QueuedPay {
  method: string;
  fields: Record<string, string> | undefined;
  walletToken?: string | undefined;
}

/** While offline or hidden no request is sent; this re-checks in case the host did not wire `online`/`visibilitychange`. */
const OFFLINE_RECHECK_MS = 5_000;
const HIDDEN_RECHECK_MS = 15_000;

export class PaymentFlow {
  readonly #options: PaymentFlowOptions;
  readonly #store: AttemptStore;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #uuid: () => string;
  readonly #timers: FlowTimers;
  readonly #isHidden: () => boolean;
  readonly #isOnline: () => boolean;
  /** Aborts the one request in flight when its answer can no longer matter. */
  #inflight: AbortController | null = null;

  #state: FlowState = { phase: 'idle' };
  /** The attempt whose outcome is being established; null when idle or final. */
  #current: StoredAttempt | null = null;
  #attempts = 0;
  /** Bumped whenever the tracked attempt changes, so late answers of an abandoned one are dropped. */
  #generation = 0;
  #busy = false;
  #timer: unknown = null;
  /** Whether the current attempt's POST may have reached the backend (after a reload we must assume so). */
  #sent = false;
  /** Consecutive unknown outcomes of the current attempt: the re-send backoff index. */
  #unknowns = 0;
  #polls = 0;
  /** The state to return to when a new token arrives. */
  #beforeExpiry: FlowState | null = null;
  /** Resumed from a return URL only: a 4xx on the first poll means "nothing of ours to resume". */
  #adopted = false;
  /** Set while the current attempt is being cancelled; holds what to pay once it is. */
  #cancelling: { next: QueuedPay | null } | null = null;
  #disposed = false;

  constructor(options: PaymentFlowOptions) {
    this.#options = options;
    this.#store = new AttemptStore(options.storage, options.sessionId);
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
    this.#uuid = options.uuid ?? randomUuid;
    this.#timers = options.timers ?? {
      setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    // No DOM here: the host element knows the page and the browser.
    this.#isHidden = options.isHidden ?? (() => false);
    this.#isOnline = options.isOnline ?? (() => true);
  }

  get state(): FlowState {
    return this.#state;
  }

  /**
   * Starts attempt N+1 with a fresh Idempotency-Key. Only from `idle`, `failed`
   * or `rejected`; ignored otherwise, which is what makes a double click harmless.
   */
  pay(method: string, fields?: Record<string, string>, walletToken?: string): void {
    const phase = this.#state.phase;
    if (this.#disposed) return;
    if (this.#cancelling) {
      // reset() then pay() from an open action: the new attempt waits until the old one is cancelled.
      this.#cancelling.next = { method, fields, walletToken };
      return;
    }
    if (phase !== 'idle' && phase !== 'failed' && phase !== 'rejected') return;
    const request: PaymentRequest = { method, returnUrl: this.#options.returnUrl };
    if (fields && Object.keys(fields).length) request.fields = { ...fields };
    // Apple Pay / Google Pay: the sheet's encrypted token, for the PSP (docs/security.md).
    if (walletToken) request.walletToken = walletToken;
    this.#attempts += 1;
    this.#track({ key: this.#uuid(), method, attempt: this.#attempts, paymentId: null, request }, false);
    this.#set({ phase: 'submitting', method, attempt: this.#attempts });
    this.#step();
  }

  /**
   * On load: resumes the stored in-progress attempt (re-sends its POST or polls
   * its payment), else the `ck_payment` id of a return URL (polls it). Resolves
   * true when there was something to resume; the outcome follows via `onChange`.
   */
  async resume(paymentIdFromUrl?: string | null): Promise<boolean> {
    if (this.#disposed || this.#state.phase !== 'idle' || this.#current) return false;
    const record = this.#store.read();
    this.#attempts = Math.max(this.#attempts, record.attempts);
    const stored = record.current;
    if (stored && (stored.paymentId !== null || (stored.key !== null && stored.request !== null))) {
      this.#attempts = Math.max(this.#attempts, stored.attempt);
      // Written before the POST left: it may or may not have reached the backend.
      this.#track(stored, true);
      this.#set({ phase: 'confirming', method: stored.method, attempt: stored.attempt, reason: 'unknown_outcome' });
      this.#step();
      return true;
    }
    const id = paymentIdFromUrl?.trim();
    if (!id || id.length > 512) return false;
    const attempt = Math.max(1, this.#attempts);
    this.#attempts = attempt;
    this.#track({ key: null, method: '', attempt, paymentId: id, request: null }, true);
    this.#adopted = true;
    this.#set({ phase: 'confirming', method: '', attempt, reason: 'unknown_outcome' });
    this.#step();
    return true;
  }

  /** After the store handed in a new token: re-sends or polls the same attempt. */
  continue(): void {
    if (this.#disposed || this.#state.phase !== 'session_expired' || !this.#current) return;
    const previous = this.#beforeExpiry;
    this.#beforeExpiry = null;
    const { method, attempt } = this.#current;
    this.#set(previous ?? { phase: 'confirming', method, attempt, reason: 'unknown_outcome' });
    this.#step();
  }

  /** Checks at once: the tab is visible again, the browser is back online, or the buyer says they paid. */
  checkNow(): void {
    if (this.#disposed || !this.#current || this.#state.phase === 'session_expired') return;
    // The buyer or the network just changed something: poll briskly again.
    this.#polls = 0;
    this.#step();
  }

  /**
   * Back to idle to choose another method. Allowed after a definite failure or
   * rejection, and on an action the buyer abandons (QR or voucher not paid,
   * challenge not completed); ignored while an outcome is unknown or pending,
   * because dropping that attempt could charge the buyer twice.
   *
   * An abandoned action is first cancelled on the backend (`confirming` with
   * reason `cancelling`), then the flow goes idle — or shows the success, when
   * the buyer paid it meanwhile. A `pay()` right after `reset()` runs once the
   * cancel is confirmed.
   */
  reset(): void {
    const phase = this.#state.phase;
    if (this.#disposed || this.#cancelling || (phase !== 'failed' && phase !== 'rejected' && phase !== 'action')) return;
    const current = this.#current;
    if (phase === 'action' && current?.paymentId && this.#options.client.cancelPayment) {
      this.#generation += 1;
      this.#clearTimer();
      this.#cancelRequest();
      this.#cancelling = { next: null };
      this.#unknowns = 0;
      this.#set({ phase: 'confirming', method: current.method, attempt: current.attempt, reason: 'cancelling' });
      this.#step();
      return;
    }
    this.#finish();
    this.#set({ phase: 'idle' });
  }

  /** Stops timers and in-flight requests; no `onChange` afterwards. The stored attempt stays for the next page load. */
  dispose(): void {
    this.#disposed = true;
    this.#generation += 1;
    this.#clearTimer();
    this.#cancelRequest();
  }

  // --- internals ---------------------------------------------------------------------------

  #track(attempt: StoredAttempt, sent: boolean): void {
    this.#generation += 1;
    this.#clearTimer();
    this.#current = attempt;
    this.#sent = sent;
    this.#unknowns = 0;
    this.#polls = 0;
    this.#beforeExpiry = null;
    this.#adopted = false;
    this.#cancelling = null;
    this.#cancelRequest();
    // Before the request leaves: a reload from here on re-sends this key.
    this.#persist();
  }

  #persist(): void {
    this.#store.write({ attempts: this.#attempts, current: this.#current });
  }

  /**
   * The attempt reached a final answer: stop tracking it and drop anything it
   * still has in flight. A success stays in storage so that a reload shows it
   * again (re-read from the backend) instead of a "Pay" button; anything else
   * is forgotten so the buyer can start over.
   */
  #finish(keepSucceeded = false): void {
    this.#generation += 1;
    this.#cancelling = null;
    this.#clearTimer();
    const current = this.#current;
    this.#current = null;
    this.#cancelRequest();
    this.#store.write({ attempts: this.#attempts, current: keepSucceeded ? current : null });
  }

  #cancelRequest(): void {
    this.#inflight?.abort();
    this.#inflight = null;
    this.#busy = false;
  }

  #set(next: FlowState): void {
    if (this.#disposed || sameState(this.#state, next)) return;
    this.#state = next;
    this.#options.onChange(next);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #later(ms: number): void {
    this.#clearTimer();
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      this.#step();
    }, Math.max(0, Math.min(MAX_TIMER_MS, Math.round(ms))));
  }

  /** The one place that decides what to do next for the current attempt. */
  #step(): void {
    const current = this.#current;
    if (this.#disposed || !current || this.#busy || this.#state.phase === 'session_expired') return;
    this.#clearTimer();
    const posting = current.paymentId === null;
    if (!this.#isOnline()) {
      if (posting || this.#state.phase === 'confirming') {
        this.#set({ phase: 'confirming', method: current.method, attempt: current.attempt, reason: 'offline' });
      }
      this.#later(OFFLINE_RECHECK_MS);
      return;
    }
    if (this.#cancelling) {
      this.#run(this.#cancel(current));
      return;
    }
    if (posting) {
      this.#run(this.#send(current));
      return;
    }
    if (this.#isHidden()) {
      this.#later(HIDDEN_RECHECK_MS);
      return;
    }
    this.#run(this.#poll(current));
  }

  /**
   * Every step ends here. The steps turn each expected fault into a state; an
   * unexpected throw is treated like a lost answer: the same attempt (same
   * key) is checked again after a backoff, never replaced by a new one.
   */
  #run(step: Promise<void>): void {
    step.catch(() => {
      this.#inflight = null;
      this.#busy = false;
      if (!this.#disposed) this.#later(backoffDelay(this.#unknowns++, this.#random(), RESEND_BACKOFF));
    });
  }

  async #send(current: StoredAttempt): Promise<void> {
    if (!current.key || !current.request) return;
    const { method, attempt } = current;
    this.#set(
      this.#sent
        ? { phase: 'confirming', method, attempt, reason: 'unknown_outcome' }
        : { phase: 'submitting', method, attempt },
    );
    this.#sent = true;
    const outcome = await this.#request((signal) => this.#options.client.createPayment(current.request!, current.key!, signal));
    if (outcome === null) return;
    if (outcome.ok) return this.#handleResult(outcome.value, Number.NEGATIVE_INFINITY);
    const fault = outcome.fault;
    if (fault.kind === 'session_expired') return this.#expireSession();
    if (fault.kind === 'rejected') {
      this.#finish();
      this.#set({ phase: 'rejected', method, attempt, code: fault.code, message: fault.message });
      return;
    }
    // network, timeout, server, in_flight, malformed: the backend may have committed. Same key again.
    this.#set({ phase: 'confirming', method, attempt, reason: this.#isOnline() ? 'unknown_outcome' : 'offline' });
    const delay =
      fault.kind === 'in_flight'
        ? backoffDelay(0, this.#random(), IN_FLIGHT_BACKOFF)
        : backoffDelay(this.#unknowns++, this.#random(), RESEND_BACKOFF);
    this.#later(delay);
  }

  async #poll(current: StoredAttempt): Promise<void> {
    const sentAt = this.#now();
    const outcome = await this.#request((signal) => this.#options.client.getPayment(current.paymentId!, signal));
    if (outcome === null) return;
    if (outcome.ok) return this.#handleResult(outcome.value, sentAt);
    const fault = outcome.fault;
    if (fault.kind === 'session_expired') return this.#expireSession();
    if (fault.kind === 'rejected') {
      if (this.#adopted) {
        // A return-URL id this session does not know (stale link, other session): nothing to resume.
        this.#finish();
        this.#set({ phase: 'idle' });
        return;
      }
      this.#finish();
      this.#set({ phase: 'rejected', method: current.method, attempt: current.attempt, code: fault.code, message: fault.message });
      return;
    }
    if (this.#state.phase === 'confirming') {
      this.#set({ ...this.#state, reason: this.#isOnline() ? 'unknown_outcome' : 'offline' });
    }
    this.#later(this.#nextPollDelay());
  }

  /**
   * One `POST /payments/{id}/cancel`. Re-sent until the backend answers, like
   * an unknown outcome: until then the old payment may still be open, and a
   * new attempt would only join it.
   */
  async #cancel(current: StoredAttempt): Promise<void> {
    const client = this.#options.client;
    const cancelling = this.#cancelling;
    const paymentId = current.paymentId;
    if (!client.cancelPayment || !cancelling || paymentId === null) return;
    const { method, attempt } = current;
    this.#set({ phase: 'confirming', method, attempt, reason: 'cancelling' });
    // Called as a method: a ProtocolClient needs its `this`.
    const outcome = await this.#request((signal) => client.cancelPayment!(paymentId, signal));
    if (outcome === null) return;
    if (!outcome.ok) {
      const fault = outcome.fault;
      if (fault.kind === 'session_expired') return this.#expireSession();
      if (fault.kind !== 'rejected') {
        this.#later(backoffDelay(this.#unknowns++, this.#random(), RESEND_BACKOFF));
        return;
      }
      // A backend without the cancel route (older than this rule): abandon the attempt in this tab only.
      return this.#afterCancel(cancelling.next);
    }
    const result = outcome.value;
    if (result.status === 'failed') return this.#afterCancel(cancelling.next);
    // Paid meanwhile, or a payment the PSP can no longer withdraw: the backend's word is final.
    this.#cancelling = null;
    this.#handleResult(result, Number.NEGATIVE_INFINITY);
  }

  #afterCancel(next: QueuedPay | null): void {
    this.#finish();
    this.#set({ phase: 'idle' });
    if (next) this.pay(next.method, next.fields, next.walletToken);
  }

  /** Runs one request with the single-flight guard; null when the answer is stale (disposed, reset, superseded). */
  async #request(
    call: (signal: AbortSignal) => Promise<ProtocolOutcome<PaymentResult>>,
  ): Promise<ProtocolOutcome<PaymentResult> | null> {
    const generation = this.#generation;
    const controller = new AbortController();
    this.#inflight = controller;
    this.#busy = true;
    let outcome: ProtocolOutcome<PaymentResult>;
    try {
      outcome = await call(controller.signal);
    } catch {
      // The client never throws for expected faults; anything else is treated like a dropped connection.
      outcome = { ok: false, fault: { kind: 'network' } satisfies ProtocolFault };
    }
    if (this.#disposed || generation !== this.#generation || controller.signal.aborted) return null;
    this.#inflight = null;
    this.#busy = false;
    return outcome;
  }

  #expireSession(): void {
    const current = this.#current;
    if (!current) return;
    this.#beforeExpiry = this.#state;
    this.#set({ phase: 'session_expired', method: current.method || null, attempt: current.attempt });
  }

  /**
   * A definite answer. `sentAt` is when the request that produced it left; an
   * action is declared expired only by an answer to a request sent after its
   * expiry ("one last poll").
   */
  #handleResult(result: PaymentResult, sentAt: number): void {
    const current = this.#current;
    if (!current) return;
    this.#unknowns = 0;
    this.#adopted = false;
    // The backend's method wins: a second tab that asked for another method joins the session's live payment.
    const method = result.method || current.method;
    const attempt = current.attempt;
    switch (result.status) {
      case 'succeeded':
        this.#remember(result.id, method);
        this.#finish(true);
        this.#set({ phase: 'succeeded', method, attempt, payment: result });
        return;
      case 'failed':
        this.#finish();
        this.#set({ phase: 'failed', method, attempt, paymentId: result.id, code: result.failure.code, retryable: result.failure.retryable });
        return;
      case 'pending':
        this.#remember(result.id, method);
        this.#set({ phase: 'pending', method, attempt, payment: result });
        this.#later(this.#nextPollDelay());
        return;
      case 'requires_action': {
        this.#remember(result.id, method);
        const expiresAt = actionExpiry(result);
        if (expiresAt !== null && sentAt >= expiresAt) {
          this.#finish();
          this.#set({ phase: 'failed', method, attempt, paymentId: result.id, code: 'expired', retryable: true });
          return;
        }
        this.#set({ phase: 'action', method, attempt, payment: result });
        this.#later(this.#nextPollDelay());
        return;
      }
      default: {
        const unreachable: never = result;
        return unreachable;
      }
    }
  }

  #remember(paymentId: string, method: string): void {
    const current = this.#current;
    if (!current || (current.paymentId === paymentId && current.method === method)) return;
    this.#current = { ...current, paymentId, method };
    this.#persist();
  }

  /** Backoff between polls, cut short so the last poll lands just after an action's expiry. */
  #nextPollDelay(): number {
    // The backend's poll hint and the action's expiry are data of the phase they belong to.
    const state = this.#state;
    const delay = pollDelay(this.#polls++, this.#random(), state.phase === 'pending' ? state.payment.pollAfterMs : undefined);
    const expiresAt = state.phase === 'action' ? actionExpiry(state.payment) : null;
    if (expiresAt === null) return delay;
    return Math.max(0, Math.min(delay, expiresAt - this.#now() + 1));
  }
}

function actionExpiry(result: RequiresActionResult): number | null {
  const action = result.action;
  if (action.type !== 'qr' && action.type !== 'voucher') return null;
  const at = Date.parse(action.expiresAt);
  return Number.isFinite(at) ? at : null;
}

function sameState(a: FlowState, b: FlowState): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `crypto.randomUUID` exists only in secure contexts; a store served over plain
 * http still gets a v4 UUID from `getRandomValues`, which is available everywhere.
 */
function randomUuid(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
