import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CkElement } from '../base/ck-element.js';
import { LocaleController } from '../base/locale-controller.js';
import { onIdle } from '../base/scheduling.js';
import { tokens } from '../base/tokens.styles.js';
import { isLocaleLoaded, type MessageKey } from '../../core/i18n/i18n.js';
import type { CkSupportRequestedDetail } from '../../events.js';
import type { FaqEntry, SupportAssistant } from '../../core/support/assistant.js';
import type { CheckoutContext, SupportTransport } from '../../core/support/transport.js';
import type { IceServer } from '../../core/protocol/support-call.schema.js';
import { launcherStyles } from './support-bubble.styles.js';

/** Which corner of the viewport the launcher sits in; `start`/`end` follow the reading direction. */
export type SupportCorner = 'bottom-end' | 'bottom-start' | 'top-end' | 'top-start';

/** The `ice-servers` attribute: a JSON array, anything else is none (never a throw). */
function iceServersAttribute(value: string | null): IceServer[] {
  try {
    const parsed: unknown = value === null ? [] : JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as IceServer[]) : [];
  } catch {
    return [];
  }
}

/** A plural key: i18next picks `_one`, `_other` … by `count`. */
const UNREAD = 'support:launcher.unread' as MessageKey;

/** The chat panel (and its transport, i18n chunk and assistant) loads on intent; it defines `<ck-support-panel>`. */
const loadPanel = (): Promise<unknown> => import('./support-panel.js');
/** floating-ui and the placement rules load on idle: the launcher is usable at its CSS corner until then. */
const loadPosition = () => import('./launcher-position.js');

/**
 * A support chat bubble: a launcher in a corner of the page that opens a chat
 * with the store's agents (or its FAQ assistant when nobody is online, or an
 * offline form outside business hours). Before it is used it costs one small
 * button: no connection is opened and the chat code loads on intent (hover,
 * focus, click) or on idle with `preload="idle"`. A buyer who chatted before
 * is reconnected on idle so a reply shows as unread.
 *
 * Listens on `document` for `ck-support-requested` (the checkout's "Need
 * help?" after a failed payment): it opens and offers to share the checkout
 * details, which are sent only if the buyer agrees.
 *
 * @tag ck-support-bubble
 *
 * @summary Live chat with the store's agents, with business hours, an offline form, an FAQ assistant and the checkout's context.
 *
 * @fires ck-support-opened - The panel opened. Detail: `{ reason }` (`launcher`, `store` or `checkout`).
 * @fires ck-support-closed - The panel closed. Detail: `{}`.
 * @fires ck-support-message-sent - The service stored a buyer message. Detail: `{ messageId, attachment, maskedCardNumbers }` (never the text).
 * @fires ck-support-message-received - A message from an agent arrived. Detail: `{ messageId, author }`.
 * @fires ck-support-call - A video call changed phase. Detail: `{ phase, reason }` (never any media).
 *
 * @csspart launcher - The round button that opens the chat.
 * @csspart badge - The unread count on the launcher.
 * @csspart panel - The chat panel.
 * @csspart button - The chat's text buttons (share the checkout's context or not, send the offline form).
 * @csspart primary-button - Share, Send.
 * @csspart secondary-button - Don't share.
 *
 * @cssprop [--ck-support-z-index=1000] - Stacking of the launcher and panel; raise it above the store's own overlays if needed.
 * @cssprop [--ck-support-launcher-size=3.5rem] - Diameter of the launcher.
 * @cssprop [--ck-support-panel-width=22rem] - Width of the panel on wide screens (phones use the full screen).
 * @cssprop [--ck-support-panel-height=34rem] - Maximum height of the panel on wide screens.
 * @cssprop [--ck-color-scheme=light dark] - Colour schemes the widget may use: `light dark` follows the buyer's `prefers-color-scheme`; `light` or `dark` fixes it. Sets the CSS `color-scheme`.
 * @cssprop [--ck-color-primary=light-dark(#2456d6, #8fb0ff)] - Accent: main buttons, the chosen option, links, radios and the focus ring.
 * @cssprop [--ck-color-surface=light-dark(#ffffff, #161a23)] - Background of the card, options and secondary buttons.
 * @cssprop [--ck-color-text=light-dark(#1a1f36, #e7e9f0)] - Main text; muted text, borders and the alternate surface are mixed from it.
 * @cssprop [--ck-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Thai', sans-serif] - Font stack.
 * @cssprop [--ck-font-size=1rem] - Base font size; every size is relative to it.
 * @cssprop [--ck-radius=10px] - Corner radius of the card, options, panels and (by default) buttons.
 * @cssprop [--ck-space=0.75rem] - Spacing unit (density): every gap and padding is a multiple of it.
 * @cssprop [--ck-control-height=2.75rem] - Minimum height of buttons (a 44 px touch target at 16 px).
 * @cssprop [--ck-color-on-primary=light-dark(#ffffff, #0c1222)] - Text and icons on the accent.
 * @cssprop [--ck-color-muted=color-mix(in srgb, var(--ck-color-text) 72%, var(--ck-color-surface))] - Secondary text.
 * @cssprop [--ck-color-surface-alt=color-mix(in srgb, var(--ck-color-text) 4%, var(--ck-color-surface))] - Panels, code fields, placeholders.
 * @cssprop [--ck-color-border=color-mix(in srgb, var(--ck-color-text) 20%, var(--ck-color-surface))] - Borders of the card, options, fields and secondary buttons.
 * @cssprop [--ck-color-danger=light-dark(#b42318, #ff8f85)] - Failures and errors.
 * @cssprop [--ck-color-success=light-dark(#1e7b43, #6fd69a)] - Success.
 * @cssprop [--ck-color-warning=light-dark(#8a5a00, #f0b54a)] - Waiting, pending, offline and expiry notices.
 * @cssprop [--ck-focus-ring=0 0 0 3px color-mix(in srgb, var(--ck-color-primary) 45%, transparent)] - Focus ring, a `box-shadow` value (forced colors draw an outline instead).
 * @cssprop [--ck-button-radius=var(--ck-radius)] - Corner radius of buttons.
 * @cssprop [--ck-font-weight-medium=500] - Weight of method names and link buttons.
 * @cssprop [--ck-font-weight-bold=600] - Weight of headings, the total and primary buttons.
 * @cssprop [--ck-line-height=1.5] - Line height of body text.
 */
export class CkSupportBubble extends CkElement {
  static override styles = [tokens, launcherStyles];

  /** Base URL of the support service's buyer endpoints, e.g. `https://shop.example/api/support/v1`. */
  @property() endpoint = '';

  /** Corner of the viewport for the launcher: `bottom-end` (default), `bottom-start`, `top-end`, `top-start`. */
  @property({ reflect: true }) corner: SupportCorner = 'bottom-end';

  /** Distance from the side edge, in CSS pixels (safe-area insets are added). */
  @property({ type: Number, attribute: 'offset-x' }) offsetX = 20;

  /** Distance from the top or bottom edge, in CSS pixels (safe-area insets are added). */
  @property({ type: Number, attribute: 'offset-y' }) offsetY = 20;

  /** CSS selector of page elements the launcher must never cover; the checkout's Pay button is always avoided. */
  @property() avoid = '';

  /** When the chat code loads: on `intent` (hover, focus, click; default) or on `idle` after the page loaded. */
  @property() preload: 'intent' | 'idle' = 'intent';

  /** `auto`: WebSocket with a long-poll fallback; `long-poll`: HTTP only (for networks known to block WebSocket). */
  @property({ attribute: 'transport-mode' }) transportMode: 'auto' | 'long-poll' = 'auto';

  /** BCP 47 language; defaults to the page's `lang`, then the browser's languages. */
  @property() locale?: string;

  /** Whether the chat panel is open. Setting it opens or closes the panel (the store may open it at any time). */
  @property({ type: Boolean, reflect: true }) open = false;

  /** A merchant-signed identity token (JWT, HS256, expiring) so the agent sees a verified name and email. Never put it in an attribute. */
  @property({ attribute: false }) identityToken = '';

  /** A store's own chat service or vendor, instead of the reference service at `endpoint`. */
  @property({ attribute: false }) transport: SupportTransport | null = null;

  /**
   * STUN/TURN servers for video calls, a JSON `RTCIceServer[]` (e.g. a TURN server over TLS on 443,
   * `turns:turn.example.com:443?transport=tcp`); empty: the support service's configuration.
   * Validated by the call code when a call starts (the launcher stays free of the schema library).
   */
  @property({ attribute: 'ice-servers', converter: { fromAttribute: iceServersAttribute } })
  iceServers: IceServer[] = [];

  /** The merchant's FAQ, answered by the built-in assistant while no agent is online. */
  @property({ attribute: false }) faq: readonly FaqEntry[] = [];

  /** A custom assistant (e.g. an AI provider behind the store's server) instead of the FAQ matcher. */
  @property({ attribute: false }) assistant: SupportAssistant | null = null;

  /** @internal The checkout context waiting for the buyer's consent. */
  @state() pendingContext: CheckoutContext | null = null;

  @state() private unread = 0;
  @state() private panelLoaded = false;

  @query('.launcher') private launcher?: HTMLButtonElement;

  /** @internal */
  readonly i18n = new LocaleController(this, () => [this.locale, this.pendingContext?.locale, document.documentElement.lang], () => ['support']);

  #loading: Promise<unknown> | null = null;
  #placing = false;
  #placement: { stop(): void; update(): void } | null = null;
  #openReason: 'launcher' | 'store' | 'checkout' = 'store';
  #cancelIdle: (() => void) | undefined;

  /** @internal `endpoint` as an absolute URL (a store may write `/api/support/v1`): WebSocket URLs and storage keys need one. */
  get resolvedEndpoint(): string {
    try {
      return new URL(this.endpoint, document.baseURI).href.replace(/\/+$/, '');
    } catch {
      return '';
    }
  }

  /** @internal localStorage key of the unread count, shared with the panel. */
  get unreadKey(): string {
    return `ck-support-unread:${this.resolvedEndpoint}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('ck-support-requested', this.handleSupportRequested);
    this.unread = Number(safeStorage()?.getItem(this.unreadKey)) || 0;
    // Positioning (floating-ui) and, when asked or when a conversation is going on, the chat: after the first paint.
    const conversationGoingOn = safeStorage()?.getItem(`ck-support:${this.resolvedEndpoint}`) != null;
    // Safari has no requestIdleCallback: a short timeout (1.5 s) stands in for it.
    this.#cancelIdle = onIdle(() => {
      this.#placing = true;
      this.requestUpdate();
      if (this.preload === 'idle' || conversationGoingOn) this.loadChat();
    }, 3000, 1500);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('ck-support-requested', this.handleSupportRequested);
    this.#cancelIdle?.();
    this.#placement?.stop();
    this.#placement = null;
    this.#placing = false;
  }

  /** Opens the panel (loading the chat code if needed). */
  show(): void {
    this.open = true;
  }

  /** Closes the panel; focus returns to the launcher. */
  hide(): void {
    this.open = false;
  }

  /** @internal Sets the unread count (the panel calls it); persisted so it survives page loads. */
  setUnread(count: number): void {
    this.unread = count;
    safeStorage()?.setItem(this.unreadKey, String(count));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) {
      this.loadChat();
      this.setUnread(0);
    }
    this.style.setProperty('--_offset-x', `${Number.isFinite(this.offsetX) ? this.offsetX : 20}px`);
    this.style.setProperty('--_offset-y', `${Number.isFinite(this.offsetY) ? this.offsetY : 20}px`);
  }

  protected override updated(changed: PropertyValues<this>): void {
    const launcher = this.launcher;
    if (this.#placing && launcher && !this.#placement) {
      const pending = { stop: () => undefined, update: () => undefined };
      this.#placement = pending;
      loadPosition().then(
        (module) => {
          if (this.isConnected && this.#placement === pending) this.#placement = module.placeLauncher(this, launcher);
        },
        () => {
          // The CSS corner stays; the next update tries again.
          if (this.#placement === pending) this.#placement = null;
        },
      );
    } else {
      // The store may have moved the launcher (corner, offsets), named other elements to keep clear of, or the
      // language may have turned the reading direction: place it again (one frame later, written only if it moved).
      this.#placement?.update();
    }
    const wasOpen = changed.get('open');
    if (changed.has('open') && wasOpen !== undefined) {
      if (this.open) this.emit('ck-support-opened', { reason: this.#openReason });
      else {
        this.emit('ck-support-closed', {});
        this.launcher?.focus();
      }
      this.#openReason = 'store';
    } else if (changed.has('open') && this.open) {
      this.emit('ck-support-opened', { reason: this.#openReason });
    }
  }

  /** @internal Loads the panel module once; the launcher works on without it if it cannot be fetched. */
  loadChat(): void {
    this.#loading ??= loadPanel();
    this.#loading.then(
      () => {
        this.panelLoaded = true;
      },
      () => {
        // Offline or blocked: the next intent tries again.
        this.#loading = null;
      },
    );
  }

  private readonly handleIntent = () => this.loadChat();

  private readonly handleClick = () => {
    this.#openReason = 'launcher';
    this.open = !this.open;
  };

  private readonly handleSupportRequested = (event: CustomEvent<CkSupportRequestedDetail>) => {
    this.pendingContext = event.detail?.context ?? null;
    this.#openReason = 'checkout';
    this.open = true;
  };

  /** @internal The panel asks to close (Esc, close button). */
  readonly requestClose = () => {
    this.open = false;
  };

  protected override render() {
    // The launcher appears once its label can be read in the buyer's language (a ~1 KB chunk after first paint).
    if (!isLocaleLoaded(this.i18n.locale, ['support'])) return nothing;
    const badge = this.unread > 99 ? '99+' : String(this.unread);
    const unreadText = this.i18n.t(UNREAD, { count: this.unread });
    // The name carries the badge's visible number (WCAG 2.5.3, label in name) even where the language's
    // plural form spells the count out (Arabic's dual: "رسالتان جديدتان" for 2).
    const unreadName = unreadText.includes(badge) ? unreadText : `${badge}: ${unreadText}`;
    const label = this.unread ? `${this.i18n.t('support:launcher.open')}, ${unreadName}` : this.i18n.t('support:launcher.open');
    return html`
      <button
        part="launcher"
        class="launcher"
        type="button"
        dir=${this.i18n.dir}
        aria-label=${label}
        aria-expanded=${this.open}
        aria-haspopup="dialog"
        @pointerenter=${this.handleIntent}
        @focus=${this.handleIntent}
        @touchstart=${this.handleIntent}
        @click=${this.handleClick}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
          <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z" />
        </svg>
        ${this.unread ? html`<span part="badge" class="badge" aria-hidden="true">${badge}</span>` : nothing}
      </button>
      ${this.panelLoaded ? html`<ck-support-panel exportparts="panel, button, primary-button, secondary-button" .bubble=${this} .open=${this.open} .context=${this.pendingContext} ?hidden=${!this.open}></ck-support-panel>` : nothing}
    `;
  }
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-support-bubble': CkSupportBubble;
  }
}
