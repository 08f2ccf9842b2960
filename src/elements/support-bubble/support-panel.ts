import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CkElement } from '../base/ck-element.js';
import { LocaleController } from '../base/locale-controller.js';
import { tokens } from '../base/tokens.styles.js';
import { focusStyles } from '../base/focus.styles.js';
import { buttonStyles } from '../base/button.styles.js';
import { backAt } from '../../core/support/chat-state.js';
import { resolveLocale } from '../../core/i18n/locales.js';
import type { CheckoutContext, SupportMessage } from '../../core/support/transport.js';
import { MAX_TEXT_LENGTH } from '../../core/protocol/support.schema.js';
import { CallSlot, callSlotStyles } from './call-slot.js';
import { ChatController } from './chat-controller.js';
import { placePanel } from './launcher-position.js';
import type { CkSupportBubble } from './support-bubble.js';
import { panelStyles } from './support-panel.styles.js';
import { chatItem, noticeText } from './support-panel.templates.js';

/**
 * @internal The chat panel of `<ck-support-bubble>`, loaded on intent. A
 * non-modal dialog: focus moves in when it opens and back to the launcher when
 * it closes, Esc closes it, new agent messages are announced politely. Not a
 * public element: stores use `<ck-support-bubble>`.
 *
 * @fires ck-support-call - From the `<ck-support-call>` it shows during a video call (documented on `<ck-support-bubble>`).
 *
 * @tag ck-support-panel
 */
export class CkSupportPanel extends CkElement {
  static override styles = [tokens, focusStyles, buttonStyles, panelStyles, callSlotStyles];

  /** The bubble this panel belongs to: its settings, its open state, its launcher. */
  @property({ attribute: false }) bubble: CkSupportBubble | null = null;

  /** Mirrors the bubble's `open`, so the panel updates when it changes. */
  @property({ type: Boolean }) open = false;

  /** The checkout context waiting for the buyer's consent (from `ck-support-requested`). */
  @property({ attribute: false }) context: CheckoutContext | null = null;

  @state() private offlineSent = false;
  @state() private offlineInvalid = false;

  @query('textarea') private textarea?: HTMLTextAreaElement;
  @query('input[type="file"]') private fileInput?: HTMLInputElement;

  private readonly locales = () => [this.bubble?.locale, this.context?.locale, document.documentElement.lang];
  private readonly i18n = new LocaleController(this, this.locales, () => ['support']);
  // The buyer's language as asked for, not as rendered: the chat connects (and the conversation records its
  // language for the agent) before the first render resolves it, and while its messages may still be loading.
  private readonly chat = new ChatController(this, () => resolveLocale([...this.locales(), ...navigator.languages]));
  private readonly call = new CallSlot(this, () => this.chat.transport);
  #stopPlacing: (() => void) | null = null;
  #wasOpen = false;
  #clock = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.handleVisibility);
    // "Back at …" and the buyer's clock move on while the panel stays open.
    this.#clock = window.setInterval(() => this.requestUpdate(), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.handleVisibility);
    window.clearInterval(this.#clock);
    this.#stopPlacing?.();
    this.#stopPlacing = null;
  }

  /** @internal Called by the chat controller for each agent message. */
  onIncoming(message: SupportMessage): void {
    this.emit('ck-support-message-received', { messageId: message.id, author: message.author });
    const bubble = this.bubble;
    if (!bubble) return;
    if (!this.open || document.visibilityState !== 'visible') bubble.setUnread(Number(window.localStorage?.getItem(bubble.unreadKey) ?? 0) + 1);
    else this.chat.markRead();
  }

  /** @internal Called by the chat controller once the service stored a buyer message. */
  onSent(message: SupportMessage, masked: number): void {
    this.emit('ck-support-message-sent', { messageId: message.id, attachment: Boolean(message.attachment), maskedCardNumbers: masked });
  }

  private readonly handleVisibility = () => {
    if (document.visibilityState === 'visible' && this.open) this.chat.markRead();
  };

  protected override willUpdate(): void {
    const bubble = this.bubble;
    if (!bubble) return;
    this.style.setProperty('--_z', 'var(--ck-support-z-index, 1000)');
    if (!this.chat.started && (this.open || ChatController.hasStoredConversation(bubble.resolvedEndpoint))) this.chat.start();
    this.setAttribute('dir', this.i18n.dir);
  }

  protected override updated(changed: PropertyValues<this>): void {
    const open = this.open;
    if (open && !this.#wasOpen) {
      const launcher = this.bubble?.shadowRoot?.querySelector<HTMLElement>('.launcher');
      if (launcher && !this.#stopPlacing) this.#stopPlacing = placePanel(this, launcher, !this.bubble?.corner.startsWith('top'));
      this.chat.markRead();
      // Focus moves into the dialog: to the message field, or the first control when the form is elsewhere.
      (this.textarea ?? this.renderRoot.querySelector<HTMLElement>('button, input'))?.focus();
    }
    if (!open && this.#wasOpen) {
      this.#stopPlacing?.();
      this.#stopPlacing = null;
    }
    this.#wasOpen = open;
    if (changed.size || open) {
      const log = this.renderRoot.querySelector('.log');
      if (log) log.scrollTop = log.scrollHeight;
    }
  }

  private readonly handleKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.bubble?.requestClose();
    }
  };

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const field = this.textarea;
    if (!field) return;
    this.chat.send(field.value);
    field.value = '';
    field.focus();
  };

  private readonly handleInput = () => this.chat.typing(Boolean(this.textarea?.value));

  private readonly handleComposerKeys = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLFormElement>('form.composer')?.requestSubmit();
    }
  };

  private readonly handleFile = () => {
    const file = this.fileInput?.files?.[0];
    if (this.fileInput) this.fileInput.value = '';
    if (file) this.trackPending(this.chat.sendImage(file));
  };

  private readonly handleShare = () => {
    const context = this.context;
    if (context && this.bubble) {
      this.chat.shareContext(context);
      this.bubble.pendingContext = null;
    }
  };

  private readonly handleDecline = () => {
    if (this.bubble) this.bubble.pendingContext = null;
  };

  private readonly handleOffline = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const message = String(data.get('message') ?? '').trim();
    if (!form.checkValidity() || !email || !message) {
      this.offlineInvalid = true;
      return;
    }
    this.offlineInvalid = false;
    this.offlineSent = await this.chat.sendOffline(email, message);
    if (!this.offlineSent) this.offlineInvalid = true;
  };

  private statusLine(): string {
    const { status, connection } = this.chat.state;
    const t = this.i18n.t.bind(this.i18n);
    if (connection === 'reconnecting') return t('support:status.reconnecting');
    if (!status) return t('support:status.connecting');
    return t(status.presence === 'online' ? 'support:status.online' : status.presence === 'away' ? 'support:status.away' : 'support:status.offline');
  }

  /** Outside business hours: when someone is back, in the buyer's own time zone (its own sentence, punctuated by its locale). */
  private backLine(): string {
    const status = this.chat.state.status;
    if (!status || status.open || !status.nextOpenAt) return '';
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const back = backAt(status.nextOpenAt, Date.now(), this.i18n.locale, zone);
    const key = back.when === 'today' ? 'support:status.backToday' : back.when === 'tomorrow' ? 'support:status.backTomorrow' : 'support:status.backOn';
    return this.i18n.t(key, { day: back.day, time: back.time });
  }

  private offlineForm() {
    const t = this.i18n.t.bind(this.i18n);
    if (this.offlineSent) return html`<div class="offline"><p role="status">${t('support:offline.sent')}</p></div>`;
    return html`<form class="offline" novalidate @submit=${this.handleOffline}>
      <h3>${t('support:offline.title')}</h3>
      <p class="small">${t('support:offline.intro')}</p>
      <label>${t('support:offline.email')}<input type="email" name="email" required autocomplete="email" maxlength="254" /></label>
      <label>${t('support:offline.message')}<textarea name="message" required rows="3" maxlength=${MAX_TEXT_LENGTH}></textarea></label>
      ${this.offlineInvalid ? html`<p role="alert" class="small">${t('support:offline.invalid')}</p>` : nothing}
      <div class="row"><button part="button primary-button" type="submit">${t('support:offline.send')}</button></div>
    </form>`;
  }

  private composer() {
    const t = this.i18n.t.bind(this.i18n);
    return html`<form class="composer" @submit=${this.handleSubmit}>
      <input type="file" accept="image/png,image/jpeg,image/webp,image/gif" tabindex="-1" aria-hidden="true" @change=${this.handleFile} />
      <button class="icon" type="button" aria-label=${t('support:composer.attach')} @click=${() => this.fileInput?.click()}>
        <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><path d="M21 12.5 12.5 21a5 5 0 0 1-7-7L14 5.5a3.3 3.3 0 0 1 4.7 4.7L10.2 18.7a1.7 1.7 0 0 1-2.4-2.4L15.5 8.6" /></svg>
      </button>
      <label class="visually-hidden" for="ck-support-message">${t('support:composer.label')}</label>
      <textarea
        id="ck-support-message"
        rows="1"
        maxlength=${MAX_TEXT_LENGTH}
        placeholder=${t('support:composer.placeholder')}
        dir="auto"
        @input=${this.handleInput}
        @keydown=${this.handleComposerKeys}
      ></textarea>
      <button class="icon send" type="submit" aria-label=${t('support:composer.send')}>
        <svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9Z" /></svg>
      </button>
    </form>`;
  }

  protected override render() {
    const bubble = this.bubble;
    if (!bubble) return nothing;
    const t = this.i18n.t.bind(this.i18n);
    const { state } = this.chat;
    const closedHours = state.status?.open === false;
    const context = this.context;
    return html`<section
      part="panel"
      class="panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="ck-support-title"
      lang=${this.i18n.locale}
      dir=${this.i18n.dir}
      @keydown=${this.handleKeydown}
    >
      <div class="header">
        <h2 id="ck-support-title">${t('support:panel.title')}</h2>
        <p class="status"><span class="dot ${state.status?.presence ?? ''}" aria-hidden="true"></span>${this.statusLine()}</p>
        ${this.backLine() ? html`<p class="status back">${this.backLine()}</p>` : nothing}
        <button class="close" type="button" aria-label=${t('support:panel.close')} @click=${bubble.requestClose}>×</button>
      </div>
      ${this.call.render(t, state.status)}
      ${context
        ? html`<div class="consent" role="group" aria-labelledby="ck-support-consent">
            <p id="ck-support-consent">${t('support:context.ask')}</p>
            <p class="small">${t('support:context.explain')}</p>
            <div class="row">
              <button part="button primary-button" type="button" @click=${this.handleShare}>${t('support:context.share')}</button>
              <button part="button secondary-button" type="button" @click=${this.handleDecline}>${t('support:context.decline')}</button>
            </div>
          </div>`
        : nothing}
      <div class="log" role="log" aria-live="off" aria-label=${t('support:chat.log')}>
        ${state.items.length
          ? html`<ol class="items">${state.items.map((item) => chatItem(t, item, state, this.chat.images))}</ol>`
          : html`<p class="empty">${t('support:chat.empty')}</p>`}
      </div>
      <p class="typing" aria-hidden="true">${state.typing.on ? t('support:chat.typing', { name: state.typing.name || t('support:chat.agent') }) : ''}</p>
      <p class="visually-hidden" aria-live="polite">
        ${this.chat.announcement ? t('support:chat.newMessage', { name: this.chat.announcement.name || t('support:chat.agent'), text: this.chat.announcement.text }) : ''}
      </p>
      ${this.chat.notice ? html`<p class="notice" role="status">${noticeText(t, this.chat.notice)}</p>` : nothing}
      ${closedHours ? this.offlineForm() : this.composer()}
    </section>`;
  }
}

CkSupportPanel.define('ck-support-panel');

declare global {
  interface HTMLElementTagNameMap {
    'ck-support-panel': CkSupportPanel;
  }
}
