import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CkElement } from '../base/ck-element.js';
import { LocaleController } from '../base/locale-controller.js';
import { tokens } from '../base/tokens.styles.js';
import { focusStyles } from '../base/focus.styles.js';
import { buttonStyles } from '../base/button.styles.js';
import { panelStyles } from '../base/panel.styles.js';
import { cardFieldsStyles } from './card-fields.styles.js';
import { FrameChannel, originOf } from './frame-channel.js';
import { resolveTheme } from './theme.js';
import { formatMoney } from '../../core/money/format.js';
import type { CardBrand, CardField } from '../../core/card/index.js';
import type { CardFrameTheme, FrameToHostMessage } from '../../core/protocol/card-frame.schema.js';
import type { CardOffer, Money } from '../../core/protocol/session.schema.js';
import type { MessageKey } from '../../core/i18n/i18n.js';

/** What `tokenize()` resolves to: a single-use vault token, or why there is none. */
export type CardTokenResult =
  | { ok: true; token: string; brand: CardBrand; instalments: number }
  | { ok: false; reason: 'invalid' | 'unavailable' | 'rejected' | 'not_ready' };

/** The form's state as the host knows it: no digit of the card, ever. */
export type CardFieldsState = 'loading' | 'ready' | 'submitting' | 'unavailable';

/** How long the frame may take to say it is ready, and the vault to answer, before the form counts as unavailable. */
const FRAME_TIMEOUT_MS = 15_000;

const FIX_MESSAGES: Record<CardField, MessageKey> = {
  number: 'payment:card.fix.number',
  expiry: 'payment:card.fix.expiry',
  cvc: 'payment:card.fix.cvc',
  name: 'payment:card.fix.name',
};

/**
 * Card number, expiry, security code and name in one frame served by the
 * payment provider's origin, so the store page never sees the card: it gets a
 * single-use token from `tokenize()`. One frame (not four) so browser autofill
 * fills the whole card; the frame sizes itself, takes the page's theme and
 * locale, and keyboard focus moves into and out of it in the natural order.
 *
 * @tag ck-card-fields
 * @summary Isolated card form (cross-origin iframe) that returns a vault token.
 *
 * @fires ck-card-change - The card's brand or completeness changed. Detail: `{ brand, brands, complete, empty }` (never digits).
 *
 * @csspart frame - The box around the card frame.
 * @csspart instalments - The instalment chooser.
 *
 * @cssprop [--ck-card-fields-min-height=2.75rem] - Height reserved while the frame loads.
 */
export class CkCardFields extends CkElement {
  static override styles = [tokens, focusStyles, buttonStyles, panelStyles, cardFieldsStyles];

  /** The card frame page (`Session.card.frameUrl`), on the payment origin. */
  @property({ attribute: 'frame-url' }) frameUrl = '';

  /** Binds the frame's tokens to the session (`Session.card.frameKey`); passed to the frame in a message, never in a URL. */
  @property({ attribute: false }) frameKey = '';

  /** Instalment plans the session offers (`Session.card.instalments`); none: pay in full only. */
  @property({ attribute: false }) instalments: CardOffer['instalments'] | null = null;

  /** The amount, for the per-instalment figures. */
  @property({ attribute: false }) amount: Money | null = null;

  /** Buyer locale (BCP 47); the frame is told the same. */
  @property({ reflect: true }) locale?: string;

  /** The form's state; reflected for styling. */
  @property({ reflect: true }) state: CardFieldsState = 'loading';

  @state() private frameHeight = 0;
  @state() private announcement = '';
  @state() private instalmentCount = 1;

  @query('iframe') private iframe?: HTMLIFrameElement;
  @query('.theme-probe') private probe?: HTMLElement;

  private readonly i18n = new LocaleController(this, () => [this.locale], () => ['base', 'payment']);
  private readonly channel = new FrameChannel(
    () => this.iframe,
    () => originOf(this.frameUrl),
    (message) => this.handleMessage(message),
  );
  private lastTheme = '';
  /** The locale the frame was last told (see `updated`). */
  private configuredLocale = '';
  private brand: CardBrand | null = null;
  private completeness = false;
  private errors: Partial<Record<CardField, string>> = {};
  private pending: { id: string; resolve: (result: CardTokenResult) => void; timer: ReturnType<typeof setTimeout> } | null = null;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly themeWatchers: Array<() => void> = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.channel.open();
    this.watchTheme();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.channel.close();
    clearTimeout(this.readyTimer);
    this.themeWatchers.splice(0).forEach((stop) => stop());
    this.settle({ ok: false, reason: 'not_ready' });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('frameUrl')) this.restart();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Through the CSSOM, not a style attribute: stores run under \`style-src 'self'\` without 'unsafe-inline'.
    if (this.iframe) this.iframe.style.height = `${this.frameHeight}px`;
    // The form's own messages may arrive after the frame said it was ready (a language loaded late):
    // the frame follows the language this form renders in, not only the attribute.
    const localeMoved = changed.has('locale') || this.i18n.locale !== this.configuredLocale;
    if (this.state !== 'loading' && (localeMoved || changed.has('frameKey'))) this.configure(true);
  }

  /**
   * Asks the frame to check the card and tokenize it at the vault. Errors are
   * shown in the frame and announced here; focus moves to the first wrong field.
   */
  tokenize(): Promise<CardTokenResult> {
    if (this.state !== 'ready') return Promise.resolve({ ok: false, reason: this.state === 'submitting' ? 'not_ready' : this.state === 'unavailable' ? 'unavailable' : 'not_ready' });
    this.state = 'submitting';
    const id = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle({ ok: false, reason: 'unavailable' }), FRAME_TIMEOUT_MS);
      this.pending = { id, resolve, timer };
      this.channel.post({ type: 'submit', requestId: id });
    });
  }

  /** Moves focus to the card number (or to the first field with an error). */
  override focus(): void {
    this.iframe?.focus();
    this.channel.post({ type: 'focus', field: 'number' });
  }

  private restart(): void {
    this.state = 'loading';
    this.frameHeight = 0;
    this.lastTheme = '';
    clearTimeout(this.readyTimer);
    this.readyTimer = setTimeout(() => {
      if (this.state === 'loading') this.state = 'unavailable';
    }, FRAME_TIMEOUT_MS);
  }

  private settle(result: CardTokenResult): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    clearTimeout(pending.timer);
    if (this.state === 'submitting') this.state = 'ready';
    pending.resolve(result);
  }

  private handleMessage(message: FrameToHostMessage): void {
    switch (message.type) {
      case 'ready':
        clearTimeout(this.readyTimer);
        this.state = 'ready';
        this.configure(true);
        break;
      case 'resize':
        this.frameHeight = Math.ceil(message.height);
        break;
      case 'state':
        this.errors = message.errors;
        if (message.brand !== this.brand || message.complete !== this.completeness) {
          this.brand = message.brand;
          this.completeness = message.complete;
          this.emit('ck-card-change', { brand: message.brand, brands: message.brands, complete: message.complete, empty: message.empty });
        }
        break;
      case 'focus':
        this.toggleState('focused', message.field !== null);
        break;
      case 'tokenized':
        if (this.pending?.id !== message.requestId) return;
        this.announcement = '';
        this.settle({ ok: true, token: message.token, brand: message.brand, instalments: this.instalmentCount });
        break;
      case 'tokenize_failed':
        if (this.pending?.id !== message.requestId) return;
        this.announceProblem(message.reason);
        this.settle({ ok: false, reason: message.reason });
        break;
      default: {
        const unreachable: never = message;
        return unreachable;
      }
    }
  }

  /** Says what to fix (the first field with an error) and moves focus there, inside the frame. */
  private announceProblem(reason: 'invalid' | 'unavailable' | 'rejected'): void {
    if (reason !== 'invalid') {
      this.announcement = this.i18n.t('payment:card.notSent');
      return;
    }
    const first = (['number', 'expiry', 'cvc', 'name'] as const).find((field) => this.errors[field]);
    this.announcement = this.i18n.t(FIX_MESSAGES[first ?? 'number']);
    this.iframe?.focus();
    this.channel.post({ type: 'focus', field: 'first_invalid' });
  }

  /** Sends locale, direction, theme and frame key; with `force` also when nothing changed since the last time. */
  private configure(force = false): void {
    if (!this.probe || this.state === 'loading' || this.state === 'unavailable') return;
    const theme: CardFrameTheme = resolveTheme(this.probe);
    const key = JSON.stringify([theme, this.i18n.locale, this.frameKey]);
    if (!force && key === this.lastTheme) return;
    this.lastTheme = key;
    this.configuredLocale = this.i18n.locale;
    this.channel.post({ type: 'configure', locale: this.i18n.locale, dir: this.i18n.dir, theme, ...(this.frameKey ? { frameKey: this.frameKey } : {}) });
  }

  /** Re-sends the theme when the page's colour scheme, classes or inline styles change (a store's dark-mode toggle). */
  private watchTheme(): void {
    const recheck = () => this.configure();
    const media = matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', recheck);
    const observer = new MutationObserver(recheck);
    for (const target of [document.documentElement, document.body, this]) {
      if (target) observer.observe(target, { attributes: true, attributeFilter: ['class', 'style', 'data-theme', 'data-color-scheme'] });
    }
    this.themeWatchers.push(() => media.removeEventListener('change', recheck), () => observer.disconnect());
  }

  private retry(): void {
    this.restart();
    // A new document in the same iframe: the frame says `ready` again.
    if (this.iframe) this.iframe.src = this.frameSrc();
  }

  /** The frame URL with the host's origin in the fragment: the frame accepts it only if the backend lists it. */
  private frameSrc(): string {
    const url = new URL(this.frameUrl);
    url.hash = new URLSearchParams({ host: location.origin }).toString();
    return url.href;
  }

  private instalmentsTemplate(): TemplateResult | typeof nothing {
    const plans = this.instalments;
    const amount = this.amount;
    if (!plans || !amount || !plans.counts.length) return nothing;
    const t = (key: MessageKey, values?: Record<string, string | number>) => this.i18n.t(key, values);
    const money = (value: number) => {
      const text = formatMoney(value, amount.currency, this.i18n.locale);
      return text.ok ? text.text : '';
    };
    const plan = plans.interestFree ? 'payment:card.instalments.planInterestFree' : 'payment:card.instalments.plan';
    return html`<div class="instalments" part="instalments">
      <label for="instalments">${t('payment:card.instalments.label')}</label>
      <select id="instalments" ?disabled=${this.state === 'submitting'} @change=${(event: Event) => (this.instalmentCount = Number((event.target as HTMLSelectElement).value))}>
        <option value="1" ?selected=${this.instalmentCount === 1}>${t('payment:card.instalments.once', { amount: money(amount.value) })}</option>
        ${plans.counts.map(
          (n) => html`<option value=${n} ?selected=${this.instalmentCount === n}>${t(plan, { n, amount: money(Math.ceil(amount.value / n)) })}</option>`,
        )}
      </select>
    </div>`;
  }

  override render(): TemplateResult {
    const t = (key: MessageKey) => this.i18n.t(key);
    const origin = originOf(this.frameUrl);
    if (!origin) return html`<span class="theme-probe" aria-hidden="true"></span>`;
    return html`
      <span class="theme-probe" aria-hidden="true"></span>
      <div class="frame-box" part="frame" dir=${this.i18n.dir}>
        ${this.state === 'unavailable'
          ? html`<div class="panel danger" role="alert">
              <p>${t('payment:card.unavailable')}</p>
              <button class="secondary" type="button" @click=${() => this.retry()}>${t('payment:card.retry')}</button>
            </div>`
          : nothing}
        ${this.state === 'loading' ? html`<p class="loading" role="status">${t('payment:card.loading')}</p>` : nothing}
        <iframe
          title=${t('payment:card.frameTitle')}
          src=${this.frameSrc()}
          allow="payment; autofill"
          referrerpolicy="origin"
          ?hidden=${this.state === 'unavailable'}
        ></iframe>
      </div>
      ${this.instalmentsTemplate()}
      <p class="note">${t('payment:card.secure')}</p>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-card-fields': CkCardFields;
  }
}
