/**
 * The transport for checkout-kit's reference support service: a WebSocket
 * when the network allows it, else HTTP long-polling with the very same
 * frames. Nothing is lost and nothing shows twice across a drop, a sleeping
 * laptop or a server restart:
 *
 * - every stored message has a `seq`; the transport remembers which it has
 *   passed on and, on every (re)connect, asks for everything after the highest
 *   one below which it has seen all (`after`);
 * - the buyer's messages wait in an outbox under a `clientId` until the
 *   service confirms them and are resent on every reconnect; the service
 *   stores a `clientId` once, so a resend never duplicates.
 *
 * The conversation credential is kept in the given store and sent in the
 * socket's first frame or the `Authorization` header, never in a URL.
 */
import { Appointment as AppointmentSchema, AppointmentOffer as AppointmentOfferSchema, type Appointment, type AppointmentOffer } from '../protocol/support-call.schema.js';
import {
  Attachment as AttachmentSchema,
  BuyerServerFrame,
  ConversationGrant,
  FrameBatch,
  SupportErrorEnvelope,
  SupportStatus as SupportStatusSchema,
  type BuyerFrame,
  type SupportError,
} from '../protocol/support.schema.js';
import {
  SupportRequestError,
  memoryStore,
  systemClock,
  type Attachment,
  type CheckoutContext,
  type Clock,
  type ConnectInit,
  type KeyValueStore,
  type SupportEvent,
  type SupportTransport,
  type TransportState,
} from './transport.js';

/** The part of the WebSocket API the transport uses (the browser's, or the `ws` package in Node tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: { data?: unknown; code?: number }) => void): void;
}
export type WebSocketFactory = new (url: string) => WebSocketLike;

export interface ReferenceTransportOptions {
  /** Base URL of the buyer endpoints, e.g. `https://shop.example/api/support/v1`. */
  endpoint: string;
  /** Where the credential survives page loads; memory only when absent. */
  storage?: KeyValueStore;
  clock?: Clock;
  /** WebSocket constructor; `null` forces the long-poll fallback (the element's `transport="long-poll"`). */
  webSocket?: WebSocketFactory | null;
  fetch?: typeof fetch;
  /** 0–1, for the reconnect jitter. */
  random?: () => number;
  /** A new UUID per message. */
  uuid?: () => string;
}

interface Grant {
  conversationId: string;
  credential: string;
}

/** The heartbeat: a ping every 20 s; no frame for 10 s after it means the connection is dead. */
const PING_EVERY_MS = 20_000;
const PONG_WITHIN_MS = 10_000;
const POLL_WAIT_MS = 25_000;
/** WebSocket attempts that fail before opening, in a row, before the transport switches to long-polling. */
const SOCKET_FAILURES_BEFORE_FALLBACK = 2;

/** Reconnect delay: exponential from 0.5 s to 15 s, with jitter so a restarted server is not hit by every buyer at once. */
export function backoffDelay(attempt: number, random: number): number {
  return Math.min(15_000, 500 * 2 ** Math.min(attempt, 10)) * (0.5 + random / 2);
}

export class ReferenceTransport implements SupportTransport {
  readonly #endpoint: string;
  readonly #storage: KeyValueStore;
  readonly #clock: Clock;
  readonly #WebSocket: WebSocketFactory | null;
  readonly #fetch: typeof fetch;
  readonly #random: () => number;
  readonly #uuid: () => string;
  readonly #listeners = new Set<(event: SupportEvent) => void>();

  #init: ConnectInit | null = null;
  #grant: Grant | null = null;
  #state: TransportState = 'idle';
  #via: 'websocket' | 'long-poll' | null = null;
  #generation = 0;
  #socket: WebSocketLike | null = null;
  #abort: AbortController | null = null;
  #attempt = 0;
  #socketFailures = 0;
  #starting: Promise<Grant> | null = null;
  #timers = new Set<unknown>();
  #pingTimer: unknown = null;
  #deadTimer: unknown = null;
  /** Highest seq below which every message has been passed on; the resume cursor. */
  #cursor = 0;
  readonly #seen = new Set<number>();
  readonly #outbox = new Map<string, Extract<BuyerFrame, { type: 'send' }>>();
  #pendingRead = 0;
  #context: CheckoutContext | null = null;

  constructor(options: ReferenceTransportOptions) {
    this.#endpoint = options.endpoint.replace(/\/+$/, '');
    this.#storage = options.storage ?? memoryStore();
    this.#clock = options.clock ?? systemClock;
    this.#WebSocket = options.webSocket === undefined ? ((globalThis as { WebSocket?: WebSocketFactory }).WebSocket ?? null) : options.webSocket;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#random = options.random ?? Math.random;
    this.#uuid = options.uuid ?? (() => crypto.randomUUID());
    this.#via = this.#WebSocket ? 'websocket' : 'long-poll';
  }

  get #storageKey(): string {
    return `ck-support:${this.#endpoint}`;
  }

  /** The transport's current connection state. */
  get state(): TransportState {
    return this.#state;
  }

  /** `websocket` or `long-poll`: which way frames travel now. */
  get via(): 'websocket' | 'long-poll' | null {
    return this.#via;
  }

  /** True once a conversation exists (stored from an earlier page, or started now). */
  get hasConversation(): boolean {
    return this.#grant !== null;
  }

  subscribe(listener: (event: SupportEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: SupportEvent): void {
    for (const listener of [...this.#listeners]) {
      // One listener's exception must not stop the others, nor the transport.
      try {
        listener(event);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  #setState(state: TransportState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#emit({ type: 'state', state, via: state === 'idle' || state === 'closed' ? null : this.#via });
  }

  connect(init: ConnectInit): void {
    this.#init = init;
    this.#state = 'closed';
    this.#grant ??= this.#readGrant();
    // It catches its own faults: an early look at the status that fails is not an error.
    this.#fetchStatus().catch(() => undefined);
    if (this.#grant) this.#open();
    else this.#setState('idle');
  }

  disconnect(): void {
    this.#generation++;
    this.#teardown();
    for (const timer of this.#timers) this.#clock.clearTimeout(timer);
    this.#timers.clear();
    this.#setState('closed');
  }

  #readGrant(): Grant | null {
    try {
      const raw = this.#storage.getItem(this.#storageKey);
      const parsed = raw ? ConversationGrant.safeParse(JSON.parse(raw)) : null;
      return parsed?.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  #headers(json = true): Record<string, string> {
    const headers: Record<string, string> = {};
    if (json) headers['Content-Type'] = 'application/json';
    if (this.#grant) headers['Authorization'] = `Bearer ${this.#grant.credential}`;
    return headers;
  }

  async #fetchStatus(): Promise<void> {
    try {
      const response = await this.#fetch(`${this.#endpoint}/status`);
      const body = (await response.json()) as { status?: unknown };
      const status = SupportStatusSchema.safeParse(body.status);
      if (status.success) this.#emit({ type: 'status', status: status.data });
    } catch {
      // The status is shown once connected too; a failed early look is not an error.
    }
  }

  /** Starts the conversation once, however many sends race for it. */
  #ensureConversation(): Promise<Grant> {
    if (this.#grant) return Promise.resolve(this.#grant);
    this.#starting ??= this.#start(this.#init?.identityToken).finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  async #start(identityToken: string | undefined): Promise<Grant> {
    const init = this.#init ?? { locale: 'en', timeZone: 'UTC' };
    const body: Record<string, string> = { locale: init.locale, timeZone: init.timeZone };
    if (identityToken) body['identityToken'] = identityToken;
    this.#setState('connecting');
    const response = await this.#request('/conversations', { method: 'POST', headers: this.#headers(), body: JSON.stringify(body) });
    if (response.status === 401 && identityToken) {
      // A stale identity token must not keep the buyer from help: continue as an anonymous visitor.
      this.#emit({ type: 'error', error: await this.#errorOf(response) });
      return this.#start(undefined);
    }
    if (!response.ok) throw new SupportRequestError(await this.#errorOf(response));
    const grant = ConversationGrant.parse(await response.json());
    this.#grant = grant;
    try {
      this.#storage.setItem(this.#storageKey, JSON.stringify(grant));
    } catch {
      // Storage may be full or blocked: the conversation still works for this page.
    }
    this.#open();
    return grant;
  }

  async #request(path: string, init: RequestInit): Promise<Response> {
    try {
      return await this.#fetch(`${this.#endpoint}${path}`, init);
    } catch {
      throw new SupportRequestError({ code: 'internal_error', message: 'The support service cannot be reached.' });
    }
  }

  async #errorOf(response: Response): Promise<SupportError> {
    try {
      const parsed = SupportErrorEnvelope.safeParse(await response.json());
      if (parsed.success) return parsed.data.error;
    } catch {
      // fall through
    }
    return { code: 'internal_error', message: `The support service answered ${response.status}.` };
  }

  // ---- connections ------------------------------------------------------------------

  #open(): void {
    this.#generation++;
    this.#teardown();
    this.#setState(this.#attempt === 0 ? 'connecting' : 'reconnecting');
    if (this.#via === 'websocket' && this.#WebSocket) this.#openSocket(this.#generation);
    else {
      this.#via = 'long-poll';
      const generation = this.#generation;
      // A fault the loop did not expect is a dropped connection: reconnect with backoff, like any other.
      this.#pollLoop(generation).catch(() => this.#dropped(generation));
    }
  }

  #teardown(): void {
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      try {
        socket.close(1000, 'bye');
      } catch {
        // already closed
      }
    }
    this.#abort?.abort();
    this.#abort = null;
    this.#clearHeartbeat();
  }

  #later(callback: () => void, ms: number): void {
    const handle = this.#clock.setTimeout(() => {
      this.#timers.delete(handle);
      callback();
    }, ms);
    this.#timers.add(handle);
  }

  /** A connection was lost: retry after a jittered backoff. */
  #dropped(generation: number): void {
    if (generation !== this.#generation) return;
    this.#generation++;
    this.#teardown();
    this.#setState('reconnecting');
    const delay = backoffDelay(this.#attempt++, this.#random());
    const next = this.#generation;
    this.#later(() => {
      if (next === this.#generation) this.#open();
    }, delay);
  }

  /** The service no longer knows the credential (deleted, or another store's): start afresh on the next message. */
  #credentialRejected(): void {
    this.#generation++;
    this.#teardown();
    this.#grant = null;
    try {
      this.#storage.removeItem(this.#storageKey);
    } catch {
      // nothing stored
    }
    this.#cursor = 0;
    this.#seen.clear();
    this.#setState('idle');
    if (this.#outbox.size || this.#context) this.#ensureConversation().catch((error: unknown) => this.#startFailed(error));
  }

  #startFailed(error: unknown): void {
    const detail: SupportError =
      error instanceof SupportRequestError ? error.error : { code: 'internal_error', message: 'The conversation could not be started.' };
    // Unreachable: keep the outbox and try again later; refused: the queued messages fail visibly.
    if (detail.code === 'internal_error' || detail.code === 'rate_limited') {
      this.#setState('reconnecting');
      this.#later(() => {
        this.#ensureConversation().catch((e: unknown) => this.#startFailed(e));
      }, backoffDelay(this.#attempt++, this.#random()));
      return;
    }
    for (const clientId of this.#outbox.keys()) this.#emit({ type: 'failed', clientId, error: detail });
    this.#outbox.clear();
    this.#setState('idle');
  }

  #openSocket(generation: number): void {
    const grant = this.#grant;
    if (!grant || !this.#WebSocket) return;
    const url = `${this.#endpoint.replace(/^http/, 'ws')}/ws`;
    let socket: WebSocketLike;
    try {
      socket = new this.#WebSocket(url);
    } catch {
      this.#socketFailed(generation, false);
      return;
    }
    this.#socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      if (generation !== this.#generation) return;
      opened = true;
      this.#socketFailures = 0;
      socket.send(JSON.stringify({ type: 'hello', credential: grant.credential, after: this.#cursor }));
      this.#armHeartbeat(generation);
    });
    socket.addEventListener('message', (event) => {
      if (generation !== this.#generation) return;
      this.#alive(generation);
      this.#receive(typeof event.data === 'string' ? event.data : String(event.data));
    });
    socket.addEventListener('close', (event) => {
      if (generation !== this.#generation) return;
      if (event.code === 4401) this.#credentialRejected();
      else this.#socketFailed(generation, opened);
    });
    // A failed socket always closes next, and 'close' decides what to do. The listener is still needed:
    // WebSocket implementations built on an EventEmitter (Node's `ws`) throw an 'error' nobody listens to.
    socket.addEventListener('error', () => undefined);
  }

  #socketFailed(generation: number, opened: boolean): void {
    // A socket that never opens while HTTP works is what a proxy that blocks WebSocket looks like.
    if (!opened && ++this.#socketFailures >= SOCKET_FAILURES_BEFORE_FALLBACK) this.#via = 'long-poll';
    this.#dropped(generation);
  }

  #armHeartbeat(generation: number): void {
    this.#clearHeartbeat();
    this.#pingTimer = this.#clock.setTimeout(() => {
      if (generation !== this.#generation) return;
      this.#transmit({ type: 'ping' });
      this.#deadTimer = this.#clock.setTimeout(() => this.#dropped(generation), PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }

  #alive(generation: number): void {
    if (this.#socket) this.#armHeartbeat(generation);
  }

  #clearHeartbeat(): void {
    if (this.#pingTimer !== null) this.#clock.clearTimeout(this.#pingTimer);
    if (this.#deadTimer !== null) this.#clock.clearTimeout(this.#deadTimer);
    this.#pingTimer = this.#deadTimer = null;
  }

  async #pollLoop(generation: number): Promise<void> {
    let first = true;
    while (generation === this.#generation && this.#grant) {
      const abort = new AbortController();
      this.#abort = abort;
      try {
        const response = await this.#fetch(`${this.#endpoint}/poll`, {
          method: 'POST',
          headers: this.#headers(),
          body: JSON.stringify({ after: this.#cursor, waitMs: first ? 0 : POLL_WAIT_MS, first }),
          signal: abort.signal,
        });
        if (generation !== this.#generation) return;
        if (response.status === 401) {
          this.#credentialRejected();
          return;
        }
        if (!response.ok) throw new Error(`poll ${response.status}`);
        const batch = FrameBatch.safeParse(await response.json());
        if (generation !== this.#generation) return;
        if (!batch.success) throw new Error('malformed poll answer');
        for (const frame of batch.data.frames) this.#handle(frame);
        first = false;
      } catch {
        this.#dropped(generation);
        return;
      }
    }
  }

  // ---- frames -----------------------------------------------------------------------

  #receive(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const frame = BuyerServerFrame.safeParse(json);
    // A frame this version does not know (a newer service) is skipped, never fatal.
    if (frame.success) this.#handle(frame.data);
  }

  #handle(frame: BuyerServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        this.#attempt = 0;
        this.#setState('open');
        this.#emit({ type: 'status', status: frame.status });
        this.#emit({ type: 'receipt', readByAgent: frame.readByAgent });
        if (frame.closed) this.#emit({ type: 'closed' });
        this.#flush();
        return;
      case 'message':
        this.#accept(frame.message.seq, () => this.#emit({ type: 'message', message: frame.message }));
        if (frame.message.author !== 'buyer') this.#transmit({ type: 'ack', seq: this.#cursor });
        return;
      case 'sent':
        this.#outbox.delete(frame.clientId);
        this.#accept(frame.message.seq, () => undefined);
        this.#emit({ type: 'sent', clientId: frame.clientId, message: frame.message });
        return;
      case 'error':
        if (frame.clientId) this.#refused(frame.clientId, frame.error);
        else this.#emit({ type: 'error', error: frame.error });
        return;
      case 'typing':
        this.#emit(frame.name === undefined ? { type: 'typing', on: frame.on } : { type: 'typing', on: frame.on, name: frame.name });
        return;
      case 'receipt':
        this.#emit({ type: 'receipt', readByAgent: frame.readByAgent });
        return;
      case 'status':
        this.#emit({ type: 'status', status: frame.status });
        return;
      case 'closed':
        this.#emit({ type: 'closed' });
        return;
      case 'signal':
        this.#emit({ type: 'signal', callId: frame.callId, payload: frame.payload });
        return;
      case 'pong':
        return;
      default: {
        const unknownFrame: never = frame;
        return unknownFrame;
      }
    }
  }

  /** Passes a message on once; moves the cursor over every contiguous seq seen. */
  #accept(seq: number, deliver: () => void): void {
    if (seq <= this.#cursor || this.#seen.has(seq)) return;
    this.#seen.add(seq);
    deliver();
    while (this.#seen.has(this.#cursor + 1)) {
      this.#seen.delete(this.#cursor + 1);
      this.#cursor++;
    }
  }

  #refused(clientId: string, error: SupportError): void {
    const frame = this.#outbox.get(clientId);
    if (!frame) return;
    if (error.code === 'rate_limited') {
      // Kept in the outbox and sent again when the service says it may be.
      this.#later(() => {
        if (this.#outbox.has(clientId) && this.#state === 'open') this.#transmit(frame);
      }, error.retryAfterMs ?? 1000);
      return;
    }
    this.#outbox.delete(clientId);
    this.#emit({ type: 'failed', clientId, error });
  }

  /** On every (re)connect: the context, the outbox in order, the read cursor. */
  #flush(): void {
    if (this.#context) this.#transmit({ type: 'context', context: this.#context });
    for (const frame of this.#outbox.values()) this.#transmit(frame);
    if (this.#pendingRead) this.#transmit({ type: 'read', seq: this.#pendingRead });
  }

  #transmit(frame: Exclude<BuyerFrame, { type: 'hello' }>): void {
    if (this.#state !== 'open') return;
    if (this.#via === 'websocket') {
      try {
        this.#socket?.send(JSON.stringify(frame));
      } catch {
        // The close event follows and the outbox is resent on reconnect.
      }
      return;
    }
    const generation = this.#generation;
    void this.#fetch(`${this.#endpoint}/frames`, { method: 'POST', headers: this.#headers(), body: JSON.stringify(frame) })
      .then(async (response) => {
        if (response.status === 401) return this.#credentialRejected();
        if (!response.ok && response.status !== 429) throw new Error(`frames ${response.status}`);
        const batch = FrameBatch.safeParse(await response.json());
        if (batch.success) for (const out of batch.data.frames) this.#handle(out);
        else if (response.status === 429) this.#dropped(generation);
      })
      .catch(() => this.#dropped(generation));
  }

  // ---- the buyer's actions ----------------------------------------------------------

  send(text: string, attachment?: Attachment): string {
    const clientId = this.#uuid();
    const frame: Extract<BuyerFrame, { type: 'send' }> = attachment ? { type: 'send', clientId, text, attachmentId: attachment.id } : { type: 'send', clientId, text };
    this.#outbox.set(clientId, frame);
    if (this.#grant) this.#transmit(frame);
    else this.#ensureConversation().catch((error: unknown) => this.#startFailed(error));
    return clientId;
  }

  async uploadImage(file: Blob): Promise<Attachment> {
    await this.#ensureConversation();
    const response = await this.#request('/attachments', { method: 'POST', headers: { ...this.#headers(false), 'Content-Type': file.type }, body: file });
    if (!response.ok) throw new SupportRequestError(await this.#errorOf(response));
    return AttachmentSchema.parse(await response.json());
  }

  async loadImage(attachment: Attachment): Promise<Blob> {
    const response = await this.#request(`/attachments/${encodeURIComponent(attachment.id)}`, { headers: this.#headers(false) });
    if (!response.ok) throw new SupportRequestError(await this.#errorOf(response));
    return response.blob();
  }

  typing(on: boolean): void {
    this.#transmit({ type: 'typing', on });
  }

  markRead(seq: number): void {
    if (seq <= this.#pendingRead) return;
    this.#pendingRead = seq;
    this.#transmit({ type: 'read', seq });
  }

  shareContext(context: CheckoutContext): void {
    this.#context = context;
    if (this.#grant) this.#transmit({ type: 'context', context });
    else this.#ensureConversation().catch((error: unknown) => this.#startFailed(error));
  }

  async sendOffline(form: { email: string; message: string }): Promise<void> {
    const init = this.#init ?? { locale: 'en', timeZone: 'UTC' };
    const response = await this.#request('/offline', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...form, locale: init.locale, timeZone: init.timeZone }),
    });
    if (!response.ok) throw new SupportRequestError(await this.#errorOf(response));
  }

  signal(callId: string, payload: Record<string, unknown>): void {
    this.#transmit({ type: 'signal', callId, payload });
  }

  async appointments(): Promise<AppointmentOffer> {
    await this.#ensureConversation();
    const response = await this.#request('/appointments', { headers: this.#headers(false) });
    if (!response.ok) throw new SupportRequestError(await this.#errorOf(response));
    return AppointmentOfferSchema.parse(await response.json());
  }

  async book(startsAt: string): Promise<Appointment> {
    await this.#ensureConversation();
    const response = await this.#request('/appointments', { method: 'POST', headers: this.#headers(), body: JSON.stringify({ startsAt }) });
    if (!response.ok) throw new SupportRequestError(await this.#errorOf(response));
    return AppointmentSchema.parse(await response.json());
  }

  async cancelBooking(id: string): Promise<void> {
    const response = await this.#request(`/appointments/${encodeURIComponent(id)}`, { method: 'DELETE', headers: this.#headers(false) });
    if (!response.ok) throw new SupportRequestError(await this.#errorOf(response));
  }
}
