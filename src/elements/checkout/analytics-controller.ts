import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AnalyticsQueue, type AnalyticsConsent, type AnalyticsStorage, type EventData, type SendOutcome } from '../../core/analytics/index.js';
import { isTransient, type ProtocolClient } from '../../core/protocol/client.js';
import type { AnalyticsEvent, EventBeacon, WidgetEventType } from '../../core/protocol/events.schema.js';
import type { CkEventMap } from '../../events.js';

/** `analytics` attribute: `on` (default), `wait` (held in memory until `on`: a consent banner is open), `off`. */
export type AnalyticsSetting = 'on' | 'wait' | 'off';

/** What the controller reads from `<ck-checkout>`. */
export interface AnalyticsSource {
  analytics: AnalyticsSetting;
  /** The protocol client of the loaded session (its endpoint and token). */
  client: ProtocolClient | null;
  endpoint: string;
  token: string;
}

const CONSENT: Record<AnalyticsSetting, AnalyticsConsent> = { on: 'granted', wait: 'pending', off: 'denied' };
const STORAGE_PREFIX = 'ck-events:';
/** Stored events of other sessions older than this are deleted: they can no longer be sent with a valid token. */
const STALE_MS = 24 * 60 * 60 * 1000;

type Listener<K extends keyof CkEventMap> = (detail: CkEventMap[K]['detail']) => [WidgetEventType, EventData][];

/**
 * From the checkout's public `ck-*` events to the protocol's `POST /events`:
 * the widget's analytics read exactly what a store can read, and map it to
 * flat, non-personal data (method ids, codes, amounts, positions). One queue
 * per session (src/core/analytics), flushed on a timer, by beacon when the
 * page is hidden, and kept in local storage until sent.
 */
export class AnalyticsController implements ReactiveController {
  #queue: AnalyticsQueue | null = null;
  #sessionId: string | null = null;
  /** The list on screen, for `position` of a selection. */
  #shown: readonly string[] = [];
  readonly #seen = new Set<string>();
  readonly #listeners: [string, (event: Event) => void][];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly source: () => AnalyticsSource,
  ) {
    host.addController(this);
    const on = <K extends keyof CkEventMap>(name: K, map: Listener<K>): [string, (event: Event) => void] => [
      name,
      (event: Event) => this.#record(map((event as CkEventMap[K]).detail)),
    ];
    this.#listeners = [
      on('ck-checkout-viewed', (d) => {
        this.#start(d.sessionId);
        return this.#once('viewed', [['checkout.viewed', { country: d.country, currency: d.amount.currency, amount: d.amount.value }]]);
      }),
      on('ck-ready', (d) => {
        this.#shown = d.methods;
        const experiments = d.experiments.map((e) => `${e.key}:${e.variant}`).join(',');
        const shown: [WidgetEventType, EventData] = ['methods.shown', { methods: d.methods.join(','), count: d.methods.length, experiments }];
        const exposures = d.experiments.map((e): [WidgetEventType, EventData] => ['experiment.exposed', { experiment: e.key, variant: e.variant }]);
        return this.#once(`shown:${d.methods.join(',')}:${experiments}`, [shown, ...exposures]);
      }),
      on('ck-method-selected', (d) => [['method.selected', { method: d.method, position: this.#shown.indexOf(d.method) + 1 }]]),
      on('ck-payment-submitted', (d) => [['payment.submitted', { method: d.method, attempt: d.attempt }]]),
      on('ck-payment-succeeded', (d) => [['payment.succeeded', { method: d.method, amount: d.amount.value, currency: d.amount.currency }]]),
      on('ck-payment-failed', (d) => [['payment.failed', { method: d.method, code: d.code, attempt: d.attempt }]]),
      on('ck-fallback-offered', (d) => [['fallback.offered', { method: d.method, code: d.code, offered: d.offered.join(',') }]]),
      on('ck-fallback-chosen', (d) => [['fallback.chosen', { method: d.method, chosen: d.chosen }]]),
    ];
  }

  readonly #pageHide = (): void => this.#queue?.pageHidden();
  readonly #visibility = (): void => {
    if (document.visibilityState === 'hidden') this.#queue?.pageHidden();
  };

  hostConnected(): void {
    for (const [name, listener] of this.#listeners) this.host.addEventListener(name, listener);
    // `visibilitychange` to hidden is the last event a mobile browser reliably fires; `pagehide` covers the rest.
    document.addEventListener('visibilitychange', this.#visibility);
    window.addEventListener('pagehide', this.#pageHide);
  }

  hostDisconnected(): void {
    for (const [name, listener] of this.#listeners) this.host.removeEventListener(name, listener);
    document.removeEventListener('visibilitychange', this.#visibility);
    window.removeEventListener('pagehide', this.#pageHide);
    this.#queue?.pageHidden();
    this.#queue?.stop();
  }

  hostUpdate(): void {
    const consent = CONSENT[this.source().analytics] ?? 'granted';
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

  #record(events: [WidgetEventType, EventData][]): void {
    for (const [type, data] of events) this.#queue?.track(type, data);
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
