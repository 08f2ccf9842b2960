/**
 * The widget's analytics outbox: events are batched, flushed on a timer,
 * re-sent with backoff after a failure, kept in storage so a reload (a return
 * from a redirect) sends what the previous page could not, and handed to a
 * beacon when the page is hidden. Pure: the clock, the transport, the storage
 * and the id source are injected, so tests run on a controlled clock.
 *
 * Consent: `pending` holds events in memory only (never stored, never sent)
 * until the store grants it; `denied` drops everything, stored events included.
 */
import type { AnalyticsEvent } from '../protocol/events.schema.js';
import { backoffDelay, type BackoffOptions } from '../retry/backoff.js';

/** What a store's consent banner decided. */
export type AnalyticsConsent = 'granted' | 'pending' | 'denied';

/** How a batch fared: `sent` (accepted), `retry` (transient: network, 5xx, 429), `rejected` (never accepted: drop it). */
export type SendOutcome = 'sent' | 'retry' | 'rejected';

export interface AnalyticsTransport {
  /** `POST /events` with one batch. Must not throw; a failure is an outcome. */
  send(events: readonly AnalyticsEvent[]): Promise<SendOutcome>;
  /** Queues the batch with `navigator.sendBeacon`; false when the browser refused it. */
  beacon(events: readonly AnalyticsEvent[]): boolean;
}

/** Where unsent events survive a reload (the session's slot in local storage). */
export interface AnalyticsStorage {
  load(): AnalyticsEvent[];
  save(events: readonly AnalyticsEvent[]): void;
}

/** Time, for the flush timer and the timestamps. */
export interface AnalyticsClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AnalyticsQueueOptions {
  transport: AnalyticsTransport;
  storage: AnalyticsStorage;
  clock: AnalyticsClock;
  /** A fresh UUID (`crypto.randomUUID` in the browser). */
  newId: () => string;
  consent?: AnalyticsConsent;
  /** Wait this long after the first unsent event before sending (batches what happens together). */
  flushIntervalMs?: number;
  /** The protocol allows at most 100 events per batch. */
  maxBatch?: number;
  /** Oldest events are dropped beyond this, so a long outage cannot fill the storage. */
  maxQueued?: number;
  backoff?: BackoffOptions;
  random?: () => number;
}

/** Event data: a flat map, as the protocol allows. */
export type EventData = Record<string, string | number | boolean | null>;

export const ANALYTICS_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 60_000 };

export class AnalyticsQueue {
  #queue: AnalyticsEvent[];
  #held: AnalyticsEvent[] = [];
  #consent: AnalyticsConsent;
  #timer: unknown = null;
  #inFlight = false;
  #failures = 0;
  readonly #o: Required<Omit<AnalyticsQueueOptions, 'consent'>>;

  constructor(options: AnalyticsQueueOptions) {
    this.#o = {
      flushIntervalMs: 5_000,
      maxBatch: 100,
      maxQueued: 1_000,
      backoff: ANALYTICS_BACKOFF,
      random: Math.random,
      ...options,
    };
    this.#consent = options.consent ?? 'granted';
    // What an earlier page of this session could not send is sent first.
    this.#queue = this.#consent === 'denied' ? [] : this.#o.storage.load().slice(-this.#o.maxQueued);
    if (this.#consent === 'denied') this.#o.storage.save([]);
    this.#schedule(this.#o.flushIntervalMs);
  }

  get consent(): AnalyticsConsent {
    return this.#consent;
  }

  /** Events waiting to be sent (in send order), consent-held ones excluded. */
  get pending(): readonly AnalyticsEvent[] {
    return this.#queue;
  }

  /** Records an event; returns it (with its id and time) or null when consent is denied. */
  track(type: string, data?: EventData): AnalyticsEvent | null {
    if (this.#consent === 'denied') return null;
    const event: AnalyticsEvent = { id: this.#o.newId(), type, at: new Date(this.#o.clock.now()).toISOString(), ...(data ? { data } : {}) };
    if (this.#consent === 'pending') {
      this.#held.push(event);
      this.#held = this.#held.slice(-this.#o.maxQueued);
      return event;
    }
    this.#enqueue([event]);
    return event;
  }

  /** The store's consent changed: granting releases held events, denying forgets everything. */
  setConsent(consent: AnalyticsConsent): void {
    this.#consent = consent;
    if (consent === 'denied') {
      this.#held = [];
      this.#queue = [];
      this.#o.storage.save([]);
      this.#cancelTimer();
    } else if (consent === 'granted' && (this.#held.length || this.#queue.length)) {
      const held = this.#held;
      this.#held = [];
      this.#enqueue(held);
    }
  }

  /** Sends what is queued, batch by batch, until empty or a failure (then retried with backoff). */
  async flush(): Promise<void> {
    if (this.#inFlight || this.#consent !== 'granted') return;
    this.#cancelTimer();
    this.#inFlight = true;
    try {
      while (this.#queue.length && this.#consent === 'granted') {
        const batch = this.#queue.slice(0, this.#o.maxBatch);
        const outcome = await this.#o.transport.send(batch).catch((): SendOutcome => 'retry');
        if (outcome === 'retry') {
          this.#failures += 1;
          this.#schedule(backoffDelay(this.#failures - 1, this.#o.random(), this.#o.backoff));
          return;
        }
        this.#failures = 0;
        const done = new Set(batch.map((event) => event.id));
        this.#queue = this.#queue.filter((event) => !done.has(event.id));
        this.#o.storage.save(this.#queue);
      }
    } finally {
      this.#inFlight = false;
    }
  }

  /**
   * The page is being hidden (maybe closed): hand everything queued to the
   * beacon. Events stay in storage until a confirmed send, so a beacon that
   * never arrives is re-sent on the next page of the session; the backend
   * stores each id once.
   */
  pageHidden(): void {
    if (this.#consent !== 'granted' || !this.#queue.length) return;
    const handed: AnalyticsEvent[] = [];
    for (let i = 0; i < this.#queue.length; i += this.#o.maxBatch) {
      const batch = this.#queue.slice(i, i + this.#o.maxBatch);
      if (!this.#o.transport.beacon(batch)) break;
      handed.push(...batch);
    }
    const done = new Set(handed.map((event) => event.id));
    this.#queue = this.#queue.filter((event) => !done.has(event.id));
  }

  /** Stops the timer (the element left the page). Queued events stay stored. */
  stop(): void {
    this.#cancelTimer();
  }

  #enqueue(events: readonly AnalyticsEvent[]): void {
    this.#queue = [...this.#queue, ...events].slice(-this.#o.maxQueued);
    // Stored before any attempt: a reload in the next millisecond still has them.
    this.#o.storage.save(this.#queue);
    if (this.#queue.length >= this.#o.maxBatch) this.#kick();
    else if (this.#timer === null && !this.#inFlight) this.#schedule(this.#o.flushIntervalMs);
  }

  /** A flush nobody awaits (timer, full batch): a failure it could not handle becomes a retry. */
  #kick(): void {
    this.flush().catch(() => {
      this.#failures += 1;
      this.#schedule(backoffDelay(this.#failures - 1, this.#o.random(), this.#o.backoff));
    });
  }

  #schedule(ms: number): void {
    this.#cancelTimer();
    if (!this.#queue.length || this.#consent !== 'granted') return;
    this.#timer = this.#o.clock.setTimeout(() => {
      this.#timer = null;
      this.#kick();
    }, ms);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
