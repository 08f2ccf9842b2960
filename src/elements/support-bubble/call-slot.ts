import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { MessageKey } from '../../core/i18n/i18n.js';
import type { SupportEvent, SupportStatus, SupportTransport } from '../../core/support/transport.js';
import type { CkSupportBubble } from './support-bubble.js';

/** The call element and its messages load only when a call starts (the buyer's button or the agent's invite). */
const loadCall = () => import('../support-call/support-call.js');

/**
 * Where a support call lives in the chat panel: watches the chat transport for
 * an agent's invite, loads `<ck-support-call>` only then (or when the buyer
 * presses "Video call"), and removes it once the call is dismissed. The chat
 * beside it keeps working whatever the call does.
 */
export class CallSlot implements ReactiveController {
  /** True while `<ck-support-call>` is shown (from the start of a call until it is dismissed). */
  shown = false;
  /** Signals that arrive while the call code loads (the invite, the service's ICE servers): handed to the element. */
  #early: SupportEvent[] = [];
  #dialPending: boolean | null = null;
  #view: 'call' | 'book' = 'call';
  #watched: SupportTransport | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment; readonly bubble: CkSupportBubble | null; trackPending?(work: Promise<unknown>): void },
    private readonly transport: () => SupportTransport | null,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const transport = this.transport();
    if (transport === this.#watched) return;
    this.#unsubscribe?.();
    this.#watched = transport;
    this.#unsubscribe =
      transport?.subscribe((event) => {
        if (event.type !== 'signal') return;
        if (this.shown) {
          // Until the element listens itself, keep what it must not miss.
          const element = this.host.renderRoot.querySelector('ck-support-call');
          if (!element?.hasUpdated && this.#early.length < 20) this.#early.push(event);
          return;
        }
        if (event.payload['kind'] !== 'invite' && event.payload['kind'] !== 'due') return;
        // The agent calls, or a booked slot starts: load the call code, show it, and open the chat.
        this.#early = [event];
        this.#view = 'call';
        this.#show();
        this.host.bubble?.show();
      }) ?? null;
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#watched = null;
  }

  /** The buyer's "Video call" button: audio only, or nothing sent with `receiveOnly`. */
  dial(receiveOnly = false): void {
    if (this.shown) return;
    this.#early = [];
    this.#view = 'call';
    this.#dialPending = receiveOnly;
    this.#show();
  }

  /** The buyer's "Book a video call": the slots inside the store's hours, in the buyer's own time zone. */
  book(): void {
    if (this.shown) return;
    this.#early = [];
    this.#dialPending = null;
    this.#view = 'book';
    this.#show();
  }

  #show(): void {
    this.shown = true;
    this.host.requestUpdate();
    // Not tracked as the panel's pending work: it awaits the panel's updateComplete itself.
    loadCall()
      .then(() => this.host.updateComplete)
      .then(async () => {
        const element = this.host.renderRoot.querySelector('ck-support-call');
        if (!element) return;
        await element.updateComplete;
        if (this.#dialPending !== null) element.dial(this.#dialPending);
        this.#dialPending = null;
      })
      .catch(() => {
        // The chunk could not load (offline, blocked): the button comes back; the chat is untouched.
        this.shown = false;
        this.host.requestUpdate();
      });
  }

  readonly #handleCall = (event: CustomEvent<{ phase: string }>) => {
    if (event.detail.phase !== 'idle') return;
    this.shown = false;
    this.#early = [];
    this.host.requestUpdate();
  };

  /**
   * The call element while a call is shown; otherwise the "Video call" button,
   * offered only while an agent is online (a call needs someone to answer).
   */
  render(t: (key: MessageKey) => string, status: SupportStatus | null) {
    const bubble = this.host.bubble;
    if (!this.shown) {
      const transport = this.transport();
      if (!transport) return nothing;
      const canCall = status?.presence === 'online';
      const canBook = Boolean(transport.appointments);
      if (!canCall && !canBook) return nothing;
      return html`<div class="call-start">
        ${canBook ? html`<button class="secondary" type="button" @click=${() => this.book()}>${t('support:panel.bookCall')}</button>` : nothing}
        ${canCall
          ? html`<button class="secondary" type="button" @click=${() => this.dial()}>
              <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><rect x="2" y="6" width="14" height="12" rx="2" /><path d="m16 10 6-3v10l-6-3" /></svg>
              ${t('support:panel.videoCall')}
            </button>`
          : nothing}
      </div>`;
    }
    return html`<ck-support-call
      .transport=${this.transport()}
      .iceServers=${bubble?.iceServers ?? []}
      .early=${this.#early}
      .view=${this.#view}
      .locale=${bubble?.locale}
      @ck-support-call=${this.#handleCall}
    ></ck-support-call>`;
  }
}

/** The "Video call" bar under the panel's header. */
export const callSlotStyles = css`
  .call-start {
    display: flex;
    justify-content: flex-end;
    flex-wrap: wrap;
    gap: var(--_space-s);
    padding: var(--_space-xs) var(--_space);
    border-block-end: 1px solid var(--_border);
  }
  .call-start button {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  .call-start svg {
    inline-size: 1.1rem;
    block-size: 1.1rem;
  }
`;
