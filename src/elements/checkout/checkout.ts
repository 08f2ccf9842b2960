import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CkElement } from '../base/ck-element.js';
import { LocaleController } from '../base/locale-controller.js';
import { tokens } from '../base/tokens.styles.js';
import { checkoutStyles } from './checkout.styles.js';
import { SessionController, type SessionProblem } from './session-controller.js';
import type { FlowState, PaymentFlow } from '../../core/payment/flow.js';
import { attemptStorageKey } from '../../core/payment/attempt-key.js';
import { loadCatalog, localizedText, offeredMethods, type OfferedMethod } from '../../core/catalog/index.js';
import { formatMoney } from '../../core/money/format.js';
import { loadLocale, type MessageKey } from '../../core/i18n/i18n.js';
import type { CkErrorCode, CkMethodSelectedDetail } from '../../events.js';
import type { PaymentMethodOffer } from '../../core/protocol/session.schema.js';
import { problemView } from './checkout.templates.js';

type PaymentStage = typeof import('./payment-stage.js');

/** Visible state of the checkout, reflected as the `state` attribute for styling and tests. */
export type CheckoutState =
  | 'loading'
  | 'ready'
  | 'submitting'
  | 'action'
  | 'pending'
  | 'succeeded'
  | 'failed'
  | 'expired'
  | 'unavailable';

const RETURN_PARAM = 'ck_payment';

/**
 * The drop-in checkout: loads a session from the merchant's backend with a
 * short-lived token, shows the amount and the buyer's payment methods, submits
 * the chosen one and carries the payment to a clear outcome.
 *
 * @tag ck-checkout
 *
 * @summary Complete payment step for any store page, talking to any backend that speaks protocol v1.
 *
 * @fires ck-ready - The session loaded and the methods are shown. Detail: `{ session, methods }`.
 * @fires ck-method-selected - The buyer chose a method. Detail: `{ method, type }`.
 * @fires ck-payment-succeeded - The backend confirmed the payment. Detail: `{ paymentId, method, amount }`.
 * @fires ck-payment-failed - The payment definitely failed. Detail: `{ paymentId, method, code, retryable, attempt }`.
 * @fires ck-payment-pending - The payment awaits the buyer or the PSP outside the page. Detail: `{ paymentId, method, reason }`.
 * @fires ck-fallback-offered - After a failure, other methods are suggested. Detail: `{ method, code, attempt, offered }`.
 * @fires ck-fallback-chosen - The buyer took a suggested method. Detail: `{ method, code, attempt, chosen }`.
 * @fires ck-session-expired - The token expired; set `sessionToken` to a fresh one to continue. Detail: `{ sessionId }`.
 * @fires ck-error - Something went wrong that the store may want to log. Detail: `{ code, message, recoverable }`.
 *
 * @csspart base - The checkout card.
 * @csspart header - Title and total.
 * @csspart pay-button - The main "Pay" button.
 * @csspart status - The outcome panel (success, failure, waiting).
 *
 * @cssprop [--ck-checkout-max-width=32rem] - Maximum width of the card.
 * @cssprop [--ck-checkout-padding=1.25rem] - Inner padding of the card.
 * @cssprop [--ck-button-radius=var(--ck-radius)] - Corner radius of buttons.
 * @cssprop [--ck-color-primary=#2456d6] - Brand colour of the pay button and focus rings.
 * @cssprop [--ck-color-on-primary=#ffffff] - Text on the primary colour.
 * @cssprop [--ck-color-text=#1a1f36] - Main text colour.
 * @cssprop [--ck-color-muted=#5b6275] - Secondary text colour.
 * @cssprop [--ck-color-surface=#ffffff] - Card background.
 * @cssprop [--ck-color-surface-alt=#f6f8fb] - Panel background.
 * @cssprop [--ck-color-border=#d5dae3] - Borders.
 * @cssprop [--ck-color-danger=#b42318] - Failure accents.
 * @cssprop [--ck-color-success=#1e7b43] - Success accents.
 * @cssprop [--ck-color-warning=#8a5a00] - Warning accents.
 * @cssprop [--ck-radius=10px] - Corner radius.
 * @cssprop [--ck-font-family=system-ui] - Font stack.
 * @cssprop [--ck-font-size=1rem] - Base font size.
 * @cssprop [--ck-space=0.75rem] - Base spacing unit.
 */
export class CkCheckout extends CkElement {
  static override styles = [tokens, checkoutStyles];

  /** Short-lived, opaque session token from the merchant's server. Setting a new one after expiry continues where the buyer was. */
  @property({ attribute: 'session-token' }) sessionToken = '';

  /** Base URL of the merchant's checkout API (protocol v1), e.g. `https://shop.example/api/checkout/v1`. */
  @property() endpoint = '';

  /** Buyer locale (BCP 47). Defaults to the session's hint, then the browser's languages. */
  @property({ reflect: true }) locale?: string;

  /** Where payment redirects return to. Defaults to the current page. */
  @property({ attribute: 'return-url' }) returnUrl?: string;

  /** Current visible state. Read-only; reflected for styling. */
  @property({ reflect: true }) state: CheckoutState = 'loading';

  @state() private selected: string | null = null;
  @state() private payment: FlowState = { phase: 'idle' };
  @state() private offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  @state() private announcement = '';
  /** False from a session's arrival until its region order and language are loaded. */
  @state() private listReady = false;

  @query('ck-method-picker') private picker?: HTMLElement;
  @query('[data-focus-target]') private focusTarget?: HTMLElement;

  private readonly session = new SessionController(this);
  private readonly i18n = new LocaleController(
    this,
    () => [this.locale, this.loadedSession?.locale],
    () => (this.stage ? ['base', 'payment'] : ['base']),
  );
  private flow: PaymentFlow | null = null;
  /** The lazily loaded payment code; set once it arrived, so views can use it synchronously. */
  private stage: PaymentStage | null = null;
  private flowReady: Promise<PaymentFlow> | null = null;
  private readonly reportedErrors = new Set<string>();
  /** Set by "Choose another method": the list gets focus once it is back on screen. */
  private focusPickerWhenReady = false;
  private readonly failedMethods = new Set<string>();
  /** The session's methods as the buyer sees them, in order. */
  private shown: OfferedMethod[] = [];

  private get loadedSession() {
    return this.session.view.status === 'loaded' ? this.session.view.session : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.handleConnectivity);
    window.addEventListener('offline', this.handleConnectivity);
    document.addEventListener('visibilitychange', this.handleVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.handleConnectivity);
    window.removeEventListener('offline', this.handleConnectivity);
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.flow?.dispose();
    this.flow = null;
    this.flowReady = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sessionToken') || changed.has('endpoint')) void this.configure();
    this.state = this.computeState();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Move focus to the outcome so keyboard and screen-reader users land on it.
    if (changed.has('state') && ['succeeded', 'failed', 'expired', 'unavailable'].includes(this.state)) {
      this.focusTarget?.focus();
    }
    if (this.focusPickerWhenReady && this.state !== 'submitting' && this.state !== 'action') {
      this.focusPickerWhenReady = false;
      if (this.state === 'ready') void this.focusPicker();
    }
  }

  private async focusPicker(): Promise<void> {
    // The picker was just created: its options exist once its own first render is done.
    await (this.picker as (HTMLElement & { updateComplete?: Promise<unknown> }) | undefined)?.updateComplete;
    this.picker?.focus();
  }

  private async configure(): Promise<void> {
    const endpoint = parseEndpoint(this.endpoint);
    if (!endpoint || !this.sessionToken.trim()) {
      // Attributes may arrive one at a time; only complain once both had a chance.
      await this.updateComplete;
      if (!parseEndpoint(this.endpoint) || !this.sessionToken.trim()) {
        this.session.fail('misconfigured');
        this.reportError('invalid_attribute', !endpoint ? `endpoint "${this.endpoint}" is not an http(s) URL` : 'session-token is empty', true);
      }
      return;
    }
    const tokenOnly = this.session.use({ endpoint, token: this.sessionToken.trim() });
    if (tokenOnly && this.payment.phase === 'session_expired') {
      this.flow?.continue();
      return;
    }
    await this.loadSession();
  }

  private async loadSession(): Promise<void> {
    const view = await this.session.load();
    if (view.status === 'problem') {
      this.handleProblem(view.problem, view.fault?.kind === 'malformed' ? view.fault.issues : view.fault?.kind);
      return;
    }
    if (view.status !== 'loaded') return;
    const { session } = view;
    for (const ignored of session.ignoredMethods) {
      this.reportError('unknown_method', `ignored payment method ${JSON.stringify(ignored).slice(0, 200)}`, true);
    }
    // The list waits for the region's order and the session's language: a list that re-sorts or
    // changes language under the pointer can turn a click into a choice the buyer did not make.
    // (updateComplete includes the locale chunk the session's hint asked for.)
    await Promise.all([loadCatalog(session.country), this.updateComplete]);
    this.listReady = true;
    // Derived once per session load: ordering needs the region's catalog, which is loaded by now.
    const shown = (this.shown = this.shownMethods());
    if (!shown.length) {
      this.session.fail('no_methods');
      return this.handleProblem('no_methods');
    }
    if (!this.selected || !shown.some((m) => m.id === this.selected)) this.selected = shown[0]?.id ?? null;
    // A payment to pick up (a return from a redirect, a reload mid-request) must be
    // resumed before the buyer is offered "Pay" again; otherwise the payment code
    // loads in the background while the buyer reads the list.
    const resumable = new URL(location.href).searchParams.has(RETURN_PARAM) || hasStoredAttempt(session.id);
    if (resumable) await this.ensureFlow();
    else void this.ensureFlow();
    // "ready" means on screen: a store that reacts to it (focus, scroll, analytics) finds the list rendered.
    await this.updateComplete;
    this.emit('ck-ready', { session, methods: shown.map((m) => m.id) });
  }

  /** Loads the payment stage once, creates the flow and resumes any attempt this session left behind. */
  private ensureFlow(): Promise<PaymentFlow> {
    const session = this.loadedSession;
    const client = this.session.client;
    if (!this.flowReady && session && client) {
      const stageLoaded = Promise.all([import('./payment-stage.js'), loadLocale(this.i18n.locale, ['base', 'payment'])]);
      this.flowReady = stageLoaded.then(async ([stage]) => {
        this.stage = stage;
        const flow = (this.flow = new stage.PaymentFlow({
          client,
          sessionId: session.id,
          returnUrl: this.returnUrl ?? stripReturnParam(location.href),
          storage: safeSessionStorage(),
          onChange: (next) => this.handleFlowChange(next),
        }));
        await flow.resume(new URL(location.href).searchParams.get(RETURN_PARAM));
        return flow;
      });
      // A failed chunk load (deploy in progress, network drop) must allow a later try.
      this.flowReady.catch(() => {
        this.flowReady = null;
        this.reportError('network_error', 'the payment code could not be loaded', true);
      });
    }
    return this.flowReady ?? Promise.reject(new Error('no session loaded'));
  }

  private shownMethods(): OfferedMethod[] {
    const session = this.loadedSession;
    if (!session) return [];
    return offeredMethods({ offers: session.paymentMethods, country: session.country, amount: session.amount });
  }

  /** The buyer-facing name of a method, as the picker shows it. */
  private methodLabel(id: string): string {
    const method = this.shown.find((m) => m.id === id);
    if (!method) return this.loadedSession?.paymentMethods.find((m) => m.id === id)?.name ?? id;
    const name = method.name;
    return name.kind === 'key' ? this.i18n.t(`catalog:method.${name.key}` as MessageKey) : localizedText(name, this.i18n.locale);
  }

  /** Next best methods after a failure, in the buyer's order, never one that already failed here. */
  private fallbacks(): PaymentMethodOffer[] {
    const session = this.loadedSession;
    if (!session || this.payment.phase !== 'failed') return [];
    const failedId = this.payment.method;
    const failed = session.paymentMethods.find((m) => m.id === failedId);
    if (!failed) return [];
    const shown = new Set(this.shown.map((m) => m.id));
    if (!this.stage) return [];
    return this.stage.fallbackMethods({
      failed,
      code: this.payment.code,
      offers: session.paymentMethods.filter((m) => shown.has(m.id)),
      exclude: [...this.failedMethods],
    });
  }

  private computeState(): CheckoutState {
    const view = this.session.view;
    if (view.status === 'problem') return view.problem === 'expired' ? 'expired' : 'unavailable';
    if (view.status !== 'loaded' || !this.listReady) return 'loading';
    switch (this.payment.phase) {
      case 'idle':
        return 'ready';
      case 'submitting':
      case 'confirming':
        return 'submitting';
      case 'action':
        return 'action';
      case 'pending':
        return 'pending';
      case 'succeeded':
        return 'succeeded';
      case 'failed':
      case 'rejected':
        return 'failed';
      case 'session_expired':
        return 'expired';
      default: {
        const unreachable: never = this.payment;
        return unreachable;
      }
    }
  }

  private handleFlowChange(next: FlowState): void {
    const previous = this.payment;
    this.payment = next;
    switch (next.phase) {
      case 'submitting':
        this.announce('checkout:paying');
        break;
      case 'succeeded':
        this.announce('checkout:succeeded.title');
        this.emit('ck-payment-succeeded', { paymentId: next.payment.id, method: next.method, amount: next.payment.amount });
        break;
      case 'failed': {
        if (this.stage) this.announce(this.stage.failureInfo(next.code).titleKey);
        this.emit('ck-payment-failed', {
          paymentId: next.paymentId,
          method: next.method,
          code: next.code,
          retryable: next.retryable,
          attempt: next.attempt,
        });
        const offered = this.fallbacks().map((m) => m.id);
        this.failedMethods.add(next.method);
        if (offered.length) this.emit('ck-fallback-offered', { method: next.method, code: next.code, attempt: next.attempt, offered });
        break;
      }
      case 'pending':
        if (previous.phase !== 'pending') {
          this.announce('checkout:pending.title');
          this.emit('ck-payment-pending', { paymentId: next.payment.id, method: next.method, reason: 'processing' });
        }
        break;
      case 'action':
        void import('../../define/payment-action.js');
        break;
      case 'session_expired':
        this.emit('ck-session-expired', { sessionId: this.loadedSession?.id ?? null });
        this.reportError('session_expired', 'the session token expired during payment', true);
        break;
      case 'rejected':
        this.reportError('request_rejected', `${next.code}: ${next.message}`, false);
        break;
      default:
        break;
    }
  }

  private handleProblem(problem: SessionProblem, detail?: string): void {
    if (problem === 'expired') {
      this.emit('ck-session-expired', { sessionId: null });
      this.reportError('session_expired', 'the session token is expired or revoked', true);
      return;
    }
    const codes: Record<Exclude<SessionProblem, 'expired'>, CkErrorCode> = {
      misconfigured: 'request_rejected',
      network: 'network_error',
      server: 'server_error',
      malformed: 'malformed_response',
      no_methods: 'unknown_method',
    };
    this.reportError(codes[problem], `session could not be loaded (${problem}${detail ? `: ${detail}` : ''})`, problem !== 'misconfigured');
  }

  private reportError(code: CkErrorCode, message: string, recoverable: boolean): void {
    const key = `${code}:${message}`;
    if (this.reportedErrors.has(key)) return;
    this.reportedErrors.add(key);
    this.emit('ck-error', { code, message, recoverable });
  }

  private announce(key: MessageKey): void {
    this.announcement = this.i18n.t(key);
  }

  private readonly handleConnectivity = (): void => {
    this.offline = navigator.onLine === false;
    if (!this.offline) {
      this.flow?.checkNow();
      if (this.session.view.status === 'problem' && this.session.view.problem === 'network') void this.loadSession();
    }
  };

  private readonly handleVisibility = (): void => {
    if (document.visibilityState === 'visible') this.flow?.checkNow();
  };

  private handleMethodSelected(event: CustomEvent<CkMethodSelectedDetail>): void {
    this.selected = event.detail.method;
    this.announcement = '';
  }

  private async handlePay(): Promise<void> {
    const method = this.selected;
    if (!method) return;
    // Usually already loaded while the buyer chose; a double click reaches the same flow, which ignores it.
    const flow = await this.ensureFlow().catch(() => null);
    if (flow) {
      flow.pay(method);
      return;
    }
    // The payment code could not be fetched (offline, a deploy swapping files): nothing was sent,
    // so say so and offer to try again; the buyer's choice is kept.
    this.session.fail('network');
    this.handleProblem('network', 'payment code not loaded');
  }

  private handleRetry(): void {
    const phase = this.payment.phase;
    if (phase !== 'failed' && phase !== 'action') return;
    const method = this.payment.method;
    // From an expired QR or voucher the flow first abandons that attempt, then starts a new one.
    if (phase === 'action') this.flow?.reset();
    this.flow?.pay(method);
  }

  private handleChooseAnother(): void {
    // The list comes back only once an open payment is cancelled; focus it then (see updated()).
    this.focusPickerWhenReady = true;
    this.flow?.reset();
  }

  private handleFallback(method: string): void {
    if (this.payment.phase !== 'failed') return;
    const { method: failed, code, attempt } = this.payment;
    this.emit('ck-fallback-chosen', { method: failed, code, attempt, chosen: method });
    this.selected = method;
    this.flow?.reset();
    this.flow?.pay(method);
  }

  private handleReload(): void {
    this.reportedErrors.clear();
    void this.configure();
  }

  override render(): TemplateResult {
    const session = this.loadedSession;
    const locale = this.i18n.locale;
    const t = this.i18n.t.bind(this.i18n);
    return html`
      <section part="base" class="checkout" dir=${this.i18n.dir} lang=${locale} aria-labelledby="ck-title" aria-busy=${this.state === 'loading' || this.state === 'submitting'}>
        <header part="header">
          <h2 id="ck-title">${t('checkout:title')}</h2>
          ${session
            ? html`<div class="total">
                <span>${t('checkout:total')}</span>
                <ck-amount
                  value=${session.amount.value}
                  currency=${session.amount.currency}
                  locale=${locale}
                  settlement-currency=${session.settlement?.currency ?? nothing}
                  rate=${session.settlement?.rate ?? nothing}
                ></ck-amount>
              </div>`
            : nothing}
        </header>
        ${this.offline ? html`<p class="banner" role="status">${t('checkout:offline')}</p>` : nothing}
        ${this.renderBody()}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </section>
    `;
  }

  private renderBody(): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const view = this.session.view;
    if (view.status === 'problem') {
      return problemView(t, view.problem, () => this.handleReload());
    }
    const session = this.loadedSession;
    if (!session || !this.listReady) {
      return html`<div class="skeleton" role="status"><p class="muted">${t('checkout:loading')}</p><span></span><span></span><span></span></div>`;
    }
    const payment = this.payment;
    const stage = this.stage;
    if (stage && (payment.phase === 'failed' || payment.phase === 'rejected')) {
      const fallbacks = this.fallbacks().map((m) => ({ id: m.id, label: this.methodLabel(m.id) }));
      return stage.failedView(t, payment, fallbacks, {
        retry: () => this.handleRetry(),
        chooseAnother: () => this.handleChooseAnother(),
        payWith: (method: string) => this.handleFallback(method),
      });
    }
    if (stage && payment.phase !== 'idle' && payment.phase !== 'submitting' && payment.phase !== 'failed' && payment.phase !== 'rejected') {
      return stage.paymentBody(t, payment, session, {
        locale: this.i18n.locale,
        methodLabel: payment.phase === 'session_expired' ? '' : this.methodLabel(payment.method),
        offline: this.offline,
        checkNow: () => this.flow?.checkNow(),
        chooseAnother: () => this.handleChooseAnother(),
        retry: () => this.handleRetry(),
      });
    }
    const busy = payment.phase === 'submitting';
    const amountText = formatMoney(session.amount.value, session.amount.currency, this.i18n.locale);
    return html`
      <ck-method-picker
        .methods=${session.paymentMethods}
        .amount=${session.amount}
        country=${session.country}
        locale=${this.i18n.locale}
        .value=${this.selected}
        ?disabled=${busy}
        @ck-method-selected=${this.handleMethodSelected}
      ></ck-method-picker>
      <button part="pay-button" class="primary" type="button" ?disabled=${busy || !this.selected} aria-disabled=${busy} @click=${() => void this.handlePay()}>
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>${t('checkout:paying')}` : t('checkout:pay', { amount: amountText.ok ? amountText.text : '' })}
      </button>
    `;
  }
}

function parseEndpoint(value: string): string | null {
  try {
    const url = new URL(value, typeof location === 'undefined' ? undefined : location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href.replace(/\/+$/, '') : null;
  } catch {
    return null;
  }
}

function stripReturnParam(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(RETURN_PARAM);
  return url.href;
}

function hasStoredAttempt(sessionId: string): boolean {
  try {
    return safeSessionStorage()?.getItem(attemptStorageKey(sessionId)) != null;
  } catch {
    return false;
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Sandboxed iframes and some privacy modes throw on access.
    return null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-checkout': CkCheckout;
  }
}
