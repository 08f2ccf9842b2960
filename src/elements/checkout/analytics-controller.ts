import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ProtocolClient } from '../../core/protocol/client.js';
import type { AnalyticsEvent } from '../../core/protocol/events.schema.js';
import type { CkEventMap } from '../../events.js';
import type { AnalyticsOutbox } from './analytics-outbox.js';
import { afterNextPaint } from '../base/scheduling.js';

/** `analytics` attribute: `on` (default), `wait` (held in memory until `on`: a consent banner is open), `off`. */
export type AnalyticsSetting = 'on' | 'wait' | 'off';

/** What the controller reads from `<ck-checkout>`. */
export interface AnalyticsSource {
  analytics: AnalyticsSetting;
  /** The protocol client of the loaded session (its endpoint and token). */
  client: ProtocolClient | null;
  endpoint: string;
  token: string;
  /** True once the checkout shows more than its loading state (the list, or a problem): the outbox may load then. */
  settled?: boolean;
}

/** The public events the analytics read. */
const RECORDED = [
  'ck-checkout-viewed',
  'ck-ready',
  'ck-method-selected',
  'ck-payment-submitted',
  'ck-payment-succeeded',
  'ck-payment-failed',
  'ck-fallback-offered',
  'ck-fallback-chosen',
] as const satisfies readonly (keyof CkEventMap)[];
/**
 * The support bubble's public events join this checkout's stream (its session, its `analytics`
 * consent): the bubble sits anywhere on the page, so they are heard on `document`. A page without
 * a checkout has no session to send them with; there they are DOM events only (docs/support.md).
 */
const RECORDED_FROM_PAGE = [
  'ck-support-opened',
  'ck-support-closed',
  'ck-support-message-sent',
  'ck-support-message-received',
] as const satisfies readonly (keyof CkEventMap)[];
export type RecordedEvent = (typeof RECORDED)[number] | (typeof RECORDED_FROM_PAGE)[number];

/**
 * `<ck-checkout>`'s analytics (`POST /events`), in two parts so that the
 * method list never waits for them: this controller, in the element chunk,
 * listens to the checkout's public `ck-*` events from the start and keeps them
 * in order; the outbox (`analytics-outbox.ts`: mapping, queue, storage, beacon)
 * is fetched once the checkout shows its list or a problem, and then gets every
 * event kept so far, in order, before the ones that follow.
 */
export class AnalyticsController implements ReactiveController {
  #outbox: AnalyticsOutbox | null = null;
  #loading = false;
  #resolveReady: () => void = () => undefined;
  #connected = false;
  /** Events seen before the outbox arrived. */
  #early: [RecordedEvent, unknown][] = [];
  readonly #listener = (event: Event): void => {
    const name = event.type as RecordedEvent;
    const detail = (event as CustomEvent<unknown>).detail;
    if (this.#outbox) this.#outbox.record(name, detail as never);
    else this.#early.push([name, detail]);
  };
  readonly #pageHide = (): void => this.#outbox?.pageHidden();
  readonly #visibility = (): void => {
    if (document.visibilityState === 'hidden') this.#outbox?.pageHidden();
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly source: () => AnalyticsSource,
  ) {
    host.addController(this);
    this.ready = new Promise((resolve) => (this.#resolveReady = resolve));
  }

  hostConnected(): void {
    this.#connected = true;
    for (const name of RECORDED) this.host.addEventListener(name, this.#listener);
    for (const name of RECORDED_FROM_PAGE) document.addEventListener(name, this.#listener);
    // `visibilitychange` to hidden is the last event a mobile browser reliably fires; `pagehide` covers the rest.
    document.addEventListener('visibilitychange', this.#visibility);
    window.addEventListener('pagehide', this.#pageHide);
  }

  hostDisconnected(): void {
    this.#connected = false;
    for (const name of RECORDED) this.host.removeEventListener(name, this.#listener);
    for (const name of RECORDED_FROM_PAGE) document.removeEventListener(name, this.#listener);
    document.removeEventListener('visibilitychange', this.#visibility);
    window.removeEventListener('pagehide', this.#pageHide);
    if (this.#outbox) this.#outbox.stop();
    // Removed before its list showed: the outbox still comes, to beacon what was kept (see #load).
    else if (this.#early.length && !this.#loading) this.#load();
  }

  hostUpdate(): void {
    this.#outbox?.update(this.source().analytics);
  }

  hostUpdated(): void {
    // After the update that put the list (or a problem) in the DOM, and after the browser painted it:
    // loaded earlier, the outbox would run in the task that paints the list.
    if (!this.#outbox && !this.#loading && this.source().settled) {
      this.#loading = true;
      this.host.updateComplete.then(() => afterNextPaint()).then(
        () => this.#load(),
        () => (this.#loading = false),
      );
    }
  }

  /** Events waiting to be sent (for tests and the store's debugging); empty until the outbox has loaded. */
  get pending(): readonly AnalyticsEvent[] {
    return this.#outbox?.pending ?? [];
  }

  /** Resolves once the outbox has loaded and taken the events kept so far (for tests). */
  readonly ready: Promise<void>;

  /** Sends what is queued now instead of at the next timer. */
  flush(): Promise<void> {
    return this.#outbox?.flush() ?? Promise.resolve();
  }

  #load(): void {
    this.#loading = true;
    import('./analytics-outbox.js').then(
      ({ AnalyticsOutbox }) => {
        const outbox = new AnalyticsOutbox(this.source);
        for (const [name, detail] of this.#early) outbox.record(name, detail as never);
        this.#early = [];
        this.#outbox = outbox;
        // The checkout left the page while the outbox was on its way: what it recorded is beaconed now.
        if (!this.#connected) outbox.stop();
        this.#resolveReady();
      },
      // Analytics never break a checkout: without its code (offline, a deploy swapping files) the
      // events stay kept here, and the next update tries again.
      () => (this.#loading = false),
    );
  }
}
