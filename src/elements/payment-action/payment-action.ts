import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CkElement } from '../base/ck-element.js';
import { LocaleController } from '../base/locale-controller.js';
import { tokens } from '../base/tokens.styles.js';
import { focusStyles } from '../base/focus.styles.js';
import { buttonStyles } from '../base/button.styles.js';
import { panelStyles } from '../base/panel.styles.js';
import { spinnerStyles } from '../base/spinner.styles.js';
import { paymentActionStyles } from './payment-action.styles.js';
import { CountdownController } from './countdown-controller.js';
import { downloadFile, qrFileName, qrPngUrl } from './qr-image.js';
import { challengeView, qrView, redirectView, unsafeView, voucherView, type ViewContext } from './payment-action.views.js';
import { checkActionUrl, checkDeepLink } from '../../core/payment/action-url.js';
import { formatMoney } from '../../core/money/format.js';
import type { Money, PaymentAction } from '../../core/protocol/schemas.js';
import type { MessageKey } from '../../core/i18n/i18n.js';
import type { CkActionDetail } from '../../events.js';

/** Plural base key: `MessageKey` lists the `_one`/`_other` leaves, i18next picks the form from `count`. */
const MINUTES_LEFT = 'payment:action.qr.minutesLeft' as MessageKey;

/** How long "Copied" and "Checking your payment…" stay before the normal text returns. */
const FEEDBACK_MS = 3_000;

/**
 * Shows what the buyer must do for a `requires_action` payment: continue to a
 * bank or wallet (redirect or popup), scan a QR code, pay a voucher, or pass
 * a 3-D Secure challenge in a frame. It never talks to the backend: the host
 * (`<ck-checkout>`) keeps polling and reacts to the `ck-action-*` events.
 *
 * URLs from the backend are opened only when they are `https:` (or loopback
 * `http:` with `sandbox`); anything else shows a localized error and fires
 * `ck-error` with `unsafe_action_url`.
 *
 * @tag ck-payment-action
 * @summary The buyer's next step for a payment: redirect, QR code, voucher or bank challenge.
 *
 * @fires ck-action-check - The buyer pressed "I've paid", or the wallet popup closed: check the payment now. Detail: `{ action, paymentId }`.
 * @fires ck-action-expired - The QR code or voucher expired while shown. Detail: `{ action, paymentId }`.
 * @fires ck-action-retry - The buyer asks for a new QR code or voucher (a new attempt). Detail: `{ action, paymentId }`.
 * @fires ck-action-cancel - The buyer wants to choose another method. Detail: `{ action, paymentId }`.
 * @fires ck-action-redirect - Cancelable; fired before navigating or opening a popup. Detail: `{ action, paymentId, url, popup }`.
 * @fires ck-payment-pending - A QR code or voucher is shown and awaits payment outside the page. Detail: `{ paymentId, method, reason: 'qr' | 'voucher' }`.
 * @fires ck-error - The action URL is unsafe. Detail: `{ code: 'unsafe_action_url', message, recoverable: true }`.
 *
 * @csspart base - The action screen (forwarded as `action` by `<ck-checkout>`).
 * @csspart title - The heading.
 * @csspart waiting - The "waiting for payment" line.
 * @csspart panel - The expired or unsafe panel.
 * @csspart danger-panel - The same panel (its tone).
 * @csspart qr - The QR code (an SVG).
 * @csspart countdown - Time left before the QR code expires.
 * @csspart code - The copyable QR payload (Pix "Copia e Cola"); not shown for schemes whose apps take no pasted code (PromptPay, QRIS).
 * @csspart reference - The voucher reference (boleto digitable line, konbini number ...).
 * @csspart barcode - The boleto barcode (an SVG).
 * @csspart due-date - The voucher's payment deadline.
 * @csspart instructions - The PSP's own instructions, shown as given.
 * @csspart challenge-frame - The bank's 3-D Secure frame.
 * @csspart button - Every button, and the "Open payment app" link.
 * @csspart primary-button - The main button of each view.
 * @csspart secondary-button - The other buttons.
 * @csspart copy-button - Copy buttons.
 * @csspart save-button - "Save QR code" (PromptPay, QRIS, PayNow, DuitNow, WeChat Pay): downloads the code as a PNG to open from a banking app.
 * @csspart open-app-button - The "Open payment app" link on touch devices.
 *
 * @cssstate redirect - A redirect or popup to a bank or wallet.
 * @cssstate challenge - A 3-D Secure challenge.
 * @cssstate qr - A QR code.
 * @cssstate voucher - A voucher (boleto, OXXO, konbini ...).
 *
 * @cssprop [--ck-payment-action-qr-size=13rem] - Side of the QR code.
 * @cssprop [--ck-payment-action-qr-color=#000000] - Dark modules of the QR code and bars of the barcode, in both schemes. Keep it dark: scanners need contrast.
 * @cssprop [--ck-payment-action-qr-background=#ffffff] - Background of the QR code and barcode, in both schemes.
 * @cssprop [--ck-payment-action-frame-height=28rem] - Height of the 3-D Secure frame.
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
export class CkPaymentAction extends CkElement {
  static override styles = [tokens, focusStyles, buttonStyles, panelStyles, spinnerStyles, paymentActionStyles];

  /** The `action` of a `requires_action` payment result. */
  @property({ attribute: false }) action: PaymentAction | null = null;

  /** The amount to pay: shown with vouchers, and the accessible name of a QR code (the checkout's summary shows it above). */
  @property({ attribute: false }) amount: Money | null = null;

  /** Display name of the payment method ("Pix", "iDEAL"), used in headings and buttons. */
  @property() method = '';

  /** Method id, reported in `ck-payment-pending`; defaults to `method`. */
  @property({ attribute: 'method-id' }) methodId = '';

  /** The payment's id, reported in events. */
  @property({ attribute: 'payment-id' }) paymentId = '';

  /** Buyer locale (BCP 47); defaults to the browser's languages. */
  @property({ reflect: true }) locale?: string;

  /** Sandbox sessions may use `http://127.0.0.1` and `http://localhost` action URLs. */
  @property({ type: Boolean }) sandbox = false;

  /** Navigate in the "redirect" views at once instead of waiting for the button. Popups always wait for a click. */
  @property({ type: Boolean, attribute: 'auto-redirect' }) autoRedirect = false;

  /** Offer the wallet deep link. Defaults to whether the primary pointer is coarse (a phone or tablet). */
  @property({ type: Boolean }) mobile = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;

  /** Leaves the page; replace it to navigate differently (a router, tests). */
  @property({ attribute: false }) navigate: (url: string) => void = (url) => location.assign(url);

  /** Opens the popup window; returns null when the browser blocked it. */
  @property({ attribute: false }) openWindow: (url: string) => Window | null = openPopup;

  /** Hands the saved QR code (a PNG data URL) to the browser as a download; replace it to save differently (tests, a native app). */
  @property({ attribute: false }) download: (fileName: string, url: string) => void = downloadFile;

  /** Prints the page (vouchers). */
  @property({ attribute: false }) print: () => void = () => window.print();

  /** The clock, for the countdown; stories and tests freeze it. */
  @property({ attribute: false }) now: () => number = () => Date.now();

  @state() private copied: string | null = null;
  @state() private checking = false;
  @state() private saved = false;
  @state() private announcement = '';

  private readonly i18n = new LocaleController(this, () => [this.locale], () => ['base', 'payment']);
  private readonly countdown = new CountdownController(this, () => this.now());
  /** Actions already reported (pending, expired, unsafe, auto-redirect), so re-renders do not repeat events. */
  private readonly reported = new WeakMap<PaymentAction, Set<string>>();
  private feedbackTimer: ReturnType<typeof setTimeout> | undefined;
  /** The wallet popup this element opened, watched so its closing checks the payment at once. */
  private popup: Window | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.feedbackTimer);
    this.unwatchPopup();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('action')) {
      this.unwatchPopup();
      this.copied = null;
      this.saved = false;
      this.checking = false;
      this.announcement = '';
    }
    const action = this.action;
    const expiresAt = action && (action.type === 'qr' || action.type === 'voucher') ? Date.parse(action.expiresAt) : NaN;
    this.countdown.track(Number.isFinite(expiresAt) ? expiresAt : null);
    const mark = action?.type === 'qr' ? this.countdown.takeAnnouncement() : null;
    if (mark !== null) this.announcement = this.i18n.t(MINUTES_LEFT, { count: mark });
  }

  protected override updated(changed: PropertyValues<this>): void {
    const action = this.action;
    if (changed.has('action')) {
      for (const type of ['redirect', 'challenge', 'qr', 'voucher'] as const) this.toggleState(type, action?.type === type);
    }
    if (!action) return;
    const url = this.actionUrl(action);
    if (url && !url.ok) {
      this.once(action, 'unsafe', () =>
        this.emit('ck-error', { code: 'unsafe_action_url', message: `refused to open ${action.type} URL (${url.reason})`, recoverable: true }),
      );
    } else if (this.countdown.remaining() === 0) {
      this.once(action, 'expired', () => this.emit('ck-action-expired', this.detail(action)));
    } else if (action.type === 'qr' || action.type === 'voucher') {
      this.once(action, 'pending', () =>
        this.emit('ck-payment-pending', { paymentId: this.paymentId, method: this.methodId || this.method, reason: action.type }),
      );
    } else if (this.autoRedirect && url?.ok && (action.type === 'challenge' ? action.mode === 'redirect' : !action.popup)) {
      this.once(action, 'auto', () => this.handleGo());
    }
    // Where the buyer's button just disappeared (Pay, "I've paid"), focus moves to what replaced it;
    // focus elsewhere on the store page is never taken away.
    const target = this.renderRoot.querySelector<HTMLElement>('[data-autofocus]');
    const active = document.activeElement;
    if (target && (!active || active === document.body) && (changed.has('action') || this.countdown.remaining() === 0)) {
      target.focus();
    }
  }

  /** The URL the action opens, checked; null for actions without one. */
  private actionUrl(action: PaymentAction): ReturnType<typeof checkActionUrl> | null {
    return action.type === 'redirect' || action.type === 'challenge' ? checkActionUrl(action.url, this.sandbox) : null;
  }

  private once(action: PaymentAction, what: string, run: () => void): void {
    const done = this.reported.get(action) ?? new Set<string>();
    this.reported.set(action, done);
    if (done.has(what)) return;
    done.add(what);
    run();
  }

  private detail(action: PaymentAction): CkActionDetail {
    return { action: action.type, paymentId: this.paymentId || null };
  }

  private handleGo(): void {
    const action = this.action;
    const url = action && this.actionUrl(action);
    if (!action || !url?.ok) return;
    const popup = action.type === 'redirect' && action.popup === true;
    if (!this.emit('ck-action-redirect', { ...this.detail(action), url: url.url, popup }, true)) return;
    // A blocked popup must not strand the buyer: continue in this page instead.
    const opened = popup ? this.openWindow(url.url) : null;
    if (opened) {
      this.watchPopup(opened);
      return;
    }
    this.navigate(url.url);
  }

  /**
   * The sandbox (and a well-behaved PSP) closes the popup once the buyer has
   * decided; this page then gets focus back. Checking at that moment, instead
   * of at the next poll, finishes the checkout as the popup disappears.
   * Focus without a closed popup (the buyer looked back at the store) changes nothing.
   */
  private watchPopup(popup: Window): void {
    this.unwatchPopup();
    this.popup = popup;
    window.addEventListener('focus', this.handleWindowFocus);
  }

  private unwatchPopup(): void {
    this.popup = null;
    window.removeEventListener('focus', this.handleWindowFocus);
  }

  private readonly handleWindowFocus = (): void => {
    if (!this.popup?.closed) return;
    this.unwatchPopup();
    this.handleCheck();
  };

  private handleCheck(): void {
    if (!this.action) return;
    this.checking = true;
    this.emit('ck-action-check', this.detail(this.action));
    this.feedback(() => (this.checking = false));
  }

  private async handleCopy(id: string, text: string, sourceId: string): Promise<void> {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      // Clipboard API refused (permissions, insecure context): select the text and try the legacy command.
      const source = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${sourceId}`);
      source?.focus();
      source?.select();
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
    }
    this.copied = ok ? id : null;
    this.announcement = this.i18n.t(ok ? 'payment:action.copied' : 'payment:action.copyFailed');
    this.feedback(() => (this.copied = null));
  }

  private handleSaveQr(payload: string): void {
    const url = qrPngUrl(payload);
    if (!url) return;
    this.download(qrFileName(this.methodId || this.method, this.paymentId), url);
    this.saved = true;
    this.announcement = this.i18n.t('payment:action.qr.saved');
    this.feedback(() => (this.saved = false));
  }

  private feedback(reset: () => void): void {
    clearTimeout(this.feedbackTimer);
    this.feedbackTimer = setTimeout(reset, FEEDBACK_MS);
  }

  override render(): TemplateResult | typeof nothing {
    const action = this.action;
    if (!action) return nothing;
    const amount = this.amount ? formatMoney(this.amount.value, this.amount.currency, this.i18n.locale) : null;
    const deepLink = action.type === 'qr' && action.deepLink ? checkDeepLink(action.deepLink, this.sandbox) : null;
    const context: ViewContext = {
      t: this.i18n.t.bind(this.i18n),
      locale: this.i18n.locale,
      amount: amount?.ok ? amount.text : '',
      method: this.method || this.methodId,
      methodId: this.methodId || this.method,
      copied: this.copied,
      checking: this.checking,
      remaining: this.countdown.remaining(),
      mobile: this.mobile,
      deepLink: deepLink?.ok ? deepLink.url : null,
      copy: (id, text, source) => void this.handleCopy(id, text, source),
      saveQr: (payload) => this.handleSaveQr(payload),
      saved: this.saved,
      check: () => this.handleCheck(),
      retry: () => this.emit('ck-action-retry', this.detail(action)),
      cancel: () => this.emit('ck-action-cancel', this.detail(action)),
      print: () => this.print(),
      go: () => this.handleGo(),
    };
    const url = this.actionUrl(action);
    return html`
      <section part="base" class="action" dir=${this.i18n.dir} lang=${this.i18n.locale} aria-labelledby="title">
        ${url && !url.ok ? unsafeView(context) : this.renderAction(context, action, url?.ok ? url.url : '')}
        <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
      </section>
    `;
  }

  private renderAction(context: ViewContext, action: PaymentAction, url: string): TemplateResult {
    switch (action.type) {
      case 'redirect':
        return redirectView(context, action);
      case 'challenge':
        return challengeView(context, action, url);
      case 'qr':
        return qrView(context, action);
      case 'voucher':
        return voucherView(context, action);
      default: {
        const unreachable: never = action;
        return unreachable;
      }
    }
  }
}

/**
 * Opens a popup without giving the PSP page a handle on the store page
 * (`opener` cleared), while still telling whether the browser blocked it:
 * `noopener` in the features string would always return null.
 */
function openPopup(url: string): Window | null {
  const popup = window.open('about:blank', 'ck-payment', 'popup,width=480,height=720');
  if (!popup) return null;
  popup.opener = null;
  popup.location.href = url;
  return popup;
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-payment-action': CkPaymentAction;
  }
}
