/**
 * The protocol v1 client: one function per endpoint, every response parsed at
 * the boundary, the session token held in exactly one place. It never throws
 * for expected faults; it returns a {@link ProtocolOutcome} the caller switches on.
 */
import type * as z from 'zod/mini';
import {
  ErrorEnvelope,
  IDEMPOTENCY_HEADER,
  PROTOCOL_VERSION,
  PaymentMethodOffer,
  Session,
  VERSION_HEADER,
  type ErrorCode,
} from './session.schema.js';
import type { PaymentRequest, PaymentResult } from './payment.schema.js';
import type { EventBatch } from './events.schema.js';
import { backoffDelay, sleep, type BackoffOptions, DEFAULT_BACKOFF } from '../retry/backoff.js';
import { takeEarlyResponse } from './early.js';

/**
 * Why a call did not produce a valid response.
 * - `session_expired`: the token is no longer valid; the store must hand in a new one.
 * - `rejected`: the backend answered with an error envelope (`code` says why).
 * - `malformed`: the backend answered 2xx with a body that breaks the protocol.
 * - `server`: 5xx without a usable body.
 * - `network`: no complete response (offline, DNS, CORS, connection dropped, body cut off).
 * - `timeout`: no response within the per-request timeout.
 * - `in_flight`: 409, the same Idempotency-Key is still being processed.
 *
 * For `network`, `timeout`, `server` and `in_flight` on a POST the outcome is
 * unknown: the caller must re-send the same attempt, never start a new one.
 */
export type ProtocolFault =
  | { kind: 'session_expired' }
  | { kind: 'rejected'; status: number; code: ErrorCode; message: string }
  | { kind: 'malformed'; status: number; issues: string }
  | { kind: 'server'; status: number }
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'in_flight' };

export type ProtocolOutcome<T> = { ok: true; value: T } | { ok: false; fault: ProtocolFault };

export interface ClientOptions {
  /** Base URL of the merchant's checkout API, without a trailing slash. */
  endpoint: string;
  token: string;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
  backoff?: BackoffOptions;
  /** How many times a GET is retried after a transient fault. */
  getRetries?: number;
  fetch?: typeof fetch;
  random?: () => number;
}

/** A session whose unknown or malformed methods were set aside instead of failing the whole checkout. */
export interface ParsedSession extends Session {
  /** Raw entries of `paymentMethods` that did not match the protocol (e.g. an unknown `type`). */
  readonly ignoredMethods: readonly unknown[];
  /** Optional merchant fields (`ordering`, `experiments`) left out because they did not match the protocol. */
  readonly ignoredFields: readonly ('ordering' | 'experiments')[];
}

const TRANSIENT: ReadonlySet<ProtocolFault['kind']> = new Set(['server', 'network', 'timeout', 'in_flight']);

/** True when a fault may clear by itself, so the same request may be sent again. */
export function isTransient(fault: ProtocolFault): boolean {
  return TRANSIENT.has(fault.kind);
}

export class ProtocolClient {
  #token: string;
  readonly #endpoint: string;
  readonly #options: Required<Omit<ClientOptions, 'endpoint' | 'token'>>;

  constructor(options: ClientOptions) {
    this.#endpoint = options.endpoint.replace(/\/+$/, '');
    this.#token = options.token;
    this.#options = {
      timeoutMs: options.timeoutMs ?? 15_000,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      getRetries: options.getRetries ?? 3,
      // Bound late so tests and stores that patch window.fetch are honoured.
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      random: options.random ?? Math.random,
    };
  }

  /** Replaces the session token, e.g. after `session_expired`; in-progress state is kept by the caller. */
  set token(token: string) {
    this.#token = token;
  }

  /** `GET /session`: methods that break the protocol are set aside in `ignoredMethods`. */
  async getSession(signal?: AbortSignal): Promise<ProtocolOutcome<ParsedSession>> {
    // The drop-in's entry may have sent this very request already, in parallel with our code.
    let early = takeEarlyResponse(`${this.#endpoint}/session`, this.#token);
    const raw = await this.#withRetries(() => {
      const sent = early;
      early = undefined;
      return this.#request('GET', '/session', undefined, signal, {}, sent);
    }, signal);
    if (!raw.ok) return raw;
    const body = raw.value.body;
    const methods: unknown = (body as { paymentMethods?: unknown } | null)?.paymentMethods;
    const accepted: unknown[] = [];
    const ignoredMethods: unknown[] = [];
    if (Array.isArray(methods)) {
      for (const entry of methods) {
        (PaymentMethodOffer.safeParse(entry).success ? accepted : ignoredMethods).push(entry);
      }
    }
    // A malformed merchant ordering or experiment list costs the merchant its rules, not the buyer the checkout.
    const rest = { ...(body as object) } as Record<string, unknown>;
    const ignoredFields: ('ordering' | 'experiments')[] = [];
    for (const field of ['ordering', 'experiments'] as const) {
      if (rest[field] !== undefined && !Session.shape[field].safeParse(rest[field]).success) {
        delete rest[field];
        ignoredFields.push(field);
      }
    }
    const parsed = Session.safeParse({ ...rest, paymentMethods: accepted });
    if (!parsed.success) return malformed(raw.value.status, parsed.error);
    return { ok: true, value: { ...parsed.data, ignoredMethods, ignoredFields } };
  }

  /**
   * `POST /payments` once, with the caller's Idempotency-Key. Deliberately no
   * retry here: whether to re-send is the payment flow's decision (same key).
   */
  async createPayment(
    request: PaymentRequest,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<ProtocolOutcome<PaymentResult>> {
    const [raw, schema] = await Promise.all([
      this.#request('POST', '/payments', request, signal, { [IDEMPOTENCY_HEADER]: idempotencyKey }),
      paymentSchema(),
    ]);
    return raw.ok ? parseWith(schema, raw.value) : raw;
  }

  /** `GET /payments/{id}`, retried on transient faults. */
  async getPayment(id: string, signal?: AbortSignal): Promise<ProtocolOutcome<PaymentResult>> {
    const [raw, schema] = await Promise.all([
      this.#withRetries(() => this.#request('GET', `/payments/${encodeURIComponent(id)}`, undefined, signal), signal),
      paymentSchema(),
    ]);
    return raw.ok ? parseWith(schema, raw.value) : raw;
  }

  /**
   * `POST /payments/{id}/cancel`: the buyer leaves an open payment for another
   * way to pay. The answer is the payment as the backend now holds it (usually
   * `failed` `cancelled`, but `succeeded` if the buyer paid meanwhile). Safe to
   * re-send, so transient faults are retried like a GET.
   */
  async cancelPayment(id: string, signal?: AbortSignal): Promise<ProtocolOutcome<PaymentResult>> {
    const [raw, schema] = await Promise.all([
      this.#withRetries(() => this.#request('POST', `/payments/${encodeURIComponent(id)}/cancel`, undefined, signal), signal),
      paymentSchema(),
    ]);
    return raw.ok ? parseWith(schema, raw.value) : raw;
  }

  /** `POST /events`; analytics are best-effort and never block the buyer. */
  async sendEvents(batch: EventBatch, signal?: AbortSignal): Promise<ProtocolOutcome<{ accepted: number }>> {
    const [raw, { EventsAccepted }] = await Promise.all([
      this.#request('POST', '/events', batch, signal),
      import('./events.schema.js'),
    ]);
    return raw.ok ? parseWith(EventsAccepted, raw.value) : raw;
  }

  /**
   * `POST /wallets/apple-pay/merchant-session`: Apple Pay's merchant validation, done by
   * the backend with the store's certificate. Sent once per sheet; a failure ends the sheet.
   */
  async appleMerchantSession(validationUrl: string, signal?: AbortSignal): Promise<ProtocolOutcome<Record<string, unknown>>> {
    const [raw, { AppleMerchantSession }] = await Promise.all([
      this.#request('POST', '/wallets/apple-pay/merchant-session', { validationUrl }, signal),
      import('./wallet.schema.js'),
    ]);
    if (!raw.ok) return raw;
    const parsed = parseWith(AppleMerchantSession, raw.value);
    return parsed.ok ? { ok: true, value: parsed.value.merchantSession } : parsed;
  }

  async #withRetries(
    call: () => Promise<ProtocolOutcome<RawResponse>>,
    signal?: AbortSignal,
  ): Promise<ProtocolOutcome<RawResponse>> {
    for (let attempt = 0; ; attempt++) {
      const outcome = await call();
      if (outcome.ok || !isTransient(outcome.fault) || attempt >= this.#options.getRetries || signal?.aborted) {
        return outcome;
      }
      try {
        await sleep(backoffDelay(attempt, this.#options.random(), this.#options.backoff), signal);
      } catch {
        return outcome;
      }
    }
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    extraHeaders: Record<string, string> = {},
    /** The same request, already sent by the drop-in's entry (first attempt of `GET /session` only). */
    early?: Promise<Response>,
  ): Promise<ProtocolOutcome<RawResponse>> {
    // A timer of our own rather than AbortSignal.timeout(): Chromium keeps a timeout signal (and a
    // signal composed from it by AbortSignal.any) alive until it fires, 15 s later, with every listener
    // and closure of the request; cleared as soon as the request is done, they go with it (`npm run
    // bench`: heap after 1,000 mount/unmount cycles).
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort(new DOMException('The request timed out', 'TimeoutError'));
    }, this.#options.timeoutMs);
    const cancel = () => abort.abort(signal?.reason);
    if (signal?.aborted) cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await this.#exchange(method, path, body, abort.signal, () => timedOut, extraHeaders, early);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
  }

  /** One request and its answer, classified; `combined` aborts on the caller's signal and on the timeout. */
  async #exchange(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    combined: AbortSignal,
    timedOut: () => boolean,
    extraHeaders: Record<string, string>,
    early: Promise<Response> | undefined,
  ): Promise<ProtocolOutcome<RawResponse>> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${this.#token}`,
      [VERSION_HEADER]: PROTOCOL_VERSION,
      ...extraHeaders,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    let text: string;
    let json: unknown;
    try {
      response = await (early
        ? untilAborted(early, combined)
        : this.#options.fetch(this.#endpoint + path, {
            method,
            headers,
            body: body === undefined ? null : JSON.stringify(body),
            signal: combined,
            credentials: 'omit',
            cache: 'no-store',
          }));
      // Reading the body is part of the request: a body that stalls or is cut off is a
      // network fault (retried like a 5xx), not a "malformed" answer from the backend.
      text = await untilAborted(response.text(), combined);
    } catch {
      return { ok: false, fault: timedOut() ? { kind: 'timeout' } : { kind: 'network' } };
    }
    try {
      json = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      json = undefined;
    }
    if (response.ok) return { ok: true, value: { status: response.status, body: json } };
    const envelope = ErrorEnvelope.safeParse(json);
    if (response.status === 401 && envelope.success && envelope.data.error.code === 'session_expired') {
      return { ok: false, fault: { kind: 'session_expired' } };
    }
    if (response.status === 409) return { ok: false, fault: { kind: 'in_flight' } };
    if (response.status >= 500 || response.status === 429) return { ok: false, fault: { kind: 'server', status: response.status } };
    if (!envelope.success) return malformed(response.status, envelope.error);
    return { ok: false, fault: { kind: 'rejected', status: response.status, ...envelope.data.error } };
  }
}

// The payment and analytics schemas are fetched on first use: the method list
// must not wait for code that only matters once the buyer pays.
const paymentSchema = () => import('./payment.schema.js').then((module) => module.PaymentResult);

interface RawResponse {
  status: number;
  body: unknown;
}

function parseWith<T>(schema: z.ZodMiniType<T>, raw: RawResponse): ProtocolOutcome<T> {
  const parsed = schema.safeParse(raw.body);
  return parsed.success ? { ok: true, value: parsed.data } : malformed(raw.status, parsed.error);
}

function malformed(status: number, error: { issues: readonly { path: PropertyKey[]; message: string }[] }): ProtocolOutcome<never> {
  const issues = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, fault: { kind: 'malformed', status, issues } };
}

/** `work`, or a rejection once `signal` aborts: for a request sent without our signal (the entry's early one). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
