// Loaded after the list is on screen (see analytics-controller.ts, the part that is always there):
// nothing here is on the buyer's way to the method list.
import { AnalyticsQueue, type AnalyticsConsent, type AnalyticsStorage, type EventData, type SendOutcome } from '../../core/analytics/index.js';
import { isTransient } from '../../core/protocol/client.js';
import type { AnalyticsEvent, EventBeacon, WidgetEventType } from '../../core/protocol/events.schema.js';
import type { CkEventMap } from '../../events.js';
import type { AnalyticsSetting, AnalyticsSource, RecordedEvent } from './analytics-controller.js';

const CONSENT: Record<AnalyticsSetting, AnalyticsConsent> = { on: 'granted', wait: 'pending', off: 'denied' };
const STORAGE_PREFIX = 'ck-events:';
/** Stored events of other sessions older than this are deleted: they can no longer be sent with a valid token. */
const STALE_MS = 24 * 60 * 60 * 1000;

type Mapper<K extends keyof CkEventMap> = (detail: CkEventMap[K]['detail']) => [WidgetEventType, EventData][];
type Mappers = { [K in RecordedEvent]: Mapper<K> };

/**
 * From the checkout's public `ck-*` events to the protocol's `POST /events`:
 * the widget's analytics read exactly what a store can read, and map it to
 * flat, non-personal data (method ids, codes, amounts, positions). One queue
 * per session (src/core/analytics), flushed on a timer, by beacon when the
 * page is hidden, and kept in local storage until sent.
 */
export class AnalyticsOutbox {
  #queue: AnalyticsQueue | null = null;
  #sessionId: string | null = null;
  /** The list on screen, for `position` of a selection. */
  #shown: readonly string[] = [];
  readonly #seen = new Set<string>();
  readonly #map: Mappers = {
    'ck-checkout-viewed': (d) => {
      this.#start(d.sessionId);
      return this.#once('viewed', [['checkout.viewed', { country: d.country, currency: d.amount.currency, amount: d.amount.value }]]);
    },
    'ck-ready': (d) => {
      this.#shown = d.methods;
      const experiments = d.experiments.map((e) => `${e.key}:${e.variant}`).join(',');
      const shown: [WidgetEventType, EventData] = ['methods.shown', { methods: d.methods.join(','), count: d.methods.length, experiments }];
      const exposures = d.experiments.map((e): [WidgetEventType, EventData] => ['experiment.exposed', { experiment: e.key, variant: e.variant }]);
      return this.#once(`shown:${d.methods.join(',')}:${experiments}`, [shown, ...exposures]);
    },
    'ck-method-selected': (d) => [['method.selected', { method: d.method, position: this.#shown.indexOf(d.method) + 1 }]],
    'ck-payment-submitted': (d) => [['payment.submitted', { method: d.method, attempt: d.attempt }]],
    'ck-payment-succeeded': (d) => [['payment.succeeded', { method: d.method, amount: d.amount.value, currency: d.amount.currency }]],
    'ck-payment-failed': (d) => [['payment.failed', { method: d.method, code: d.code, attempt: d.attempt }]],
    'ck-fallback-offered': (d) => [['fallback.offered', { method: d.method, code: d.code, offered: d.offered.join(',') }]],
    'ck-fallback-chosen': (d) => [['fallback.chosen', { method: d.method, chosen: d.chosen }]],
    'ck-support-opened': (d) => [['support.opened', { reason: d.reason }]],
    'ck-support-closed': () => [['support.closed', {}]],
    'ck-support-message-sent': (d) => [['support.message_sent', { attachment: d.attachment, maskedCardNumbers: d.maskedCardNumbers }]],
    'ck-support-message-received': (d) => [['support.message_received', { author: d.author }]],
  };

  constructor(private readonly source: () => AnalyticsSource) {}

  /** One of the checkout's public events, as the store saw it. */
  record<K extends RecordedEvent>(name: K, detail: CkEventMap[K]['detail']): void {
    for (const [type, data] of (this.#map[name] as Mapper<K>)(detail)) this.#queue?.track(type, data);
  }

  /** The page is being hidden or the checkout left it: beacon what is unsent. */
  pageHidden(): void {
    this.#queue?.pageHidden();
  }

  /** The checkout left the page: beacon what is unsent and stop the timer. */
  stop(): void {
    this.#queue?.pageHidden();
    this.#queue?.stop();
  }

  /** The `analytics` attribute may have changed. */
  update(setting: AnalyticsSetting): void {
    const consent = CONSENT[setting] ?? 'granted';
    if (this.#queue && this.#queue.consent !== consent) this.#queue.setConsent(consent);
  }

  /** Events waiting to be sent (for tests and the store's debugging). */
  get pending(): readonly AnalyticsEvent[] {
    return this.#queue?.pending ?? [];
  }

  /** Sends what is queued now instead of at the next timer. */
  flush(): Promise<void> {
    return this.#queue?.flush() ?? Promise.resolve();
  }

  /** Events that must be counted once per list, however often the session reloads in this page. */
  #once(key: string, events: [WidgetEventType, EventData][]): [WidgetEventType, EventData][] {
    if (this.#seen.has(key)) return [];
    this.#seen.add(key);
    return events;
  }

  /** One queue per session: its storage slot holds what an earlier page of the same session left unsent. */
  #start(sessionId: string): void {
    if (this.#sessionId === sessionId && this.#queue) return;
    this.#queue?.pageHidden();
    this.#queue?.stop();
    this.#sessionId = sessionId;
    this.#seen.clear();
    pruneStale(sessionId);
    this.#queue = new AnalyticsQueue({
      consent: CONSENT[this.source().analytics] ?? 'granted',
      clock: { now: () => Date.now(), setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as number) },
      newId: () => crypto.randomUUID(),
      storage: sessionStorageSlot(sessionId),
      transport: {
        send: (events) => this.#send(events),
        beacon: (events) => this.#beacon(events),
      },
    });
  }

  async #send(events: readonly AnalyticsEvent[]): Promise<SendOutcome> {
    const client = this.source().client;
    if (!client) return 'retry';
    const outcome = await client.sendEvents({ events: [...events] });
    if (outcome.ok) return 'sent';
    const fault = outcome.fault;
    // An expired token is transient for analytics: the store's fresh token sends the same batch.
    if (isTransient(fault) || fault.kind === 'session_expired' || (fault.kind === 'rejected' && fault.code === 'rate_limited')) return 'retry';
    return 'rejected';
  }

  #beacon(events: readonly AnalyticsEvent[]): boolean {
    const { endpoint, token } = this.source();
    if (!endpoint || !token || typeof navigator.sendBeacon !== 'function') return false;
    const body: EventBeacon = { version: '1', token, events: [...events] };
    try {
      // text/plain: a beacon with any other type would need a CORS preflight, which beacons cannot make.
      return navigator.sendBeacon(`${endpoint.replace(/\/+$/, '')}/events/beacon`, new Blob([JSON.stringify(body)], { type: 'text/plain;charset=UTF-8' }));
    } catch {
      return false;
    }
  }
}

function localStore(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The session's slot in local storage: `{ at, events }`, so stale slots of other sessions can be pruned. */
function sessionStorageSlot(sessionId: string): AnalyticsStorage {
  const key = STORAGE_PREFIX + sessionId;
  return {
    load: () => {
      try {
        const parsed = JSON.parse(localStore()?.getItem(key) ?? 'null') as { events?: unknown } | null;
        return Array.isArray(parsed?.events) ? (parsed.events as AnalyticsEvent[]) : [];
      } catch {
        return [];
      }
    },
    save: (events) => {
      try {
        if (events.length) localStore()?.setItem(key, JSON.stringify({ at: Date.now(), events }));
        else localStore()?.removeItem(key);
      } catch {
        // Full or blocked storage: the events are still sent from memory, only a reload loses them.
      }
    },
  };
}

function pruneStale(current: string): void {
  const store = localStore();
  if (!store) return;
  try {
    for (let i = store.length - 1; i >= 0; i--) {
      const key = store.key(i);
      if (!key?.startsWith(STORAGE_PREFIX) || key === STORAGE_PREFIX + current) continue;
      const at = (JSON.parse(store.getItem(key) ?? 'null') as { at?: unknown } | null)?.at;
      if (typeof at !== 'number' || Date.now() - at > STALE_MS) store.removeItem(key);
    }
  } catch {
    // Unreadable storage: nothing to prune.
  }
}
