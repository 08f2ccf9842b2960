import type { PropertyDeclaration, PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CkElement } from '../base/ck-element.js';
import { LocaleController } from '../base/locale-controller.js';
import { jsonAttribute } from '../base/json-attribute.js';
import { afterNextPaint } from '../base/scheduling.js';
import { tokens } from '../base/tokens.styles.js';
import { focusStyles } from '../base/focus.styles.js';
import { buttonStyles } from '../base/button.styles.js';
import { panelStyles } from '../base/panel.styles.js';
import { spinnerStyles } from '../base/spinner.styles.js';
import { checkoutStyles } from './checkout.styles.js';
import { SessionController } from './session-controller.js';
import { PaymentController, type PaymentContext } from './payment-controller.js';
import { ConnectivityController } from './connectivity-controller.js';
import { BuyerList } from './buyer-list.js';
import { AnalyticsController, type AnalyticsSetting } from './analytics-controller.js';
import { checkoutCard, type CheckoutView } from './checkout.templates.js';
import { reportProblem } from './checkout-events.js';
import { checkoutState, type CheckoutState, type SessionProblem } from '../../core/checkout/checkout-state.js';
import { parseEndpoint, returnedPaymentId, withoutReturnParam } from '../../core/checkout/return-url.js';
import { PayCommands } from './pay-commands.js';
import type { MessageKey, MessageValues } from '../../core/i18n/i18n.js';
import type { CkErrorCode, CkMethodSelectedDetail } from '../../events.js';
import type { CkCardFields } from '../card-fields/card-fields.js';

export type { CheckoutState };

/** Opens a checkout's first render early: set while that render waits for content (see `scheduleUpdate`). */
const contentShown = new WeakMap<CkCheckout, () => void>();

/**
 * The drop-in checkout: loads a session from the merchant's backend with a
 * short-lived token, shows the amount and the buyer's payment methods, submits
 * the chosen one and carries the payment to a clear outcome.
 *
 * The element only renders and routes: the session, the payment and the
 * connection each have a controller beside this file, and what is shown is
 * computed by pure modules in `src/core/checkout/` and `src/core/catalog/`.
 *
 * @tag ck-checkout
 *
 * @summary Complete payment step for any store page, talking to any backend that speaks protocol v1.
 *
 * @fires ck-checkout-viewed - The session loaded; the methods follow. Detail: `{ sessionId, country, amount }`.
 * @fires ck-ready - The session loaded and the methods are shown. Detail: `{ session, methods, experiments }` (method ids in the order shown; the experiment variants that decided it).
 * @fires ck-payment-submitted - A payment attempt was sent to the backend. Detail: `{ method, attempt }`.
 * @fires ck-method-selected - The buyer chose a method. Detail: `{ method, type }`.
 * @fires ck-card-change - From the card form (`<ck-card-fields>`): the card's brand or completeness changed. Detail: `{ brand, brands, complete, empty }`, never digits.
 * @fires ck-payment-succeeded - The backend confirmed the payment. Detail: `{ paymentId, method, amount }`.
 * @fires ck-payment-failed - The payment definitely failed. Detail: `{ paymentId, method, code, retryable, attempt }`.
 * @fires ck-payment-pending - The payment awaits the buyer or the PSP outside the page. Detail: `{ paymentId, method, reason }`.
 * @fires ck-fallback-offered - After a failure, other methods are suggested. Detail: `{ method, code, attempt, offered }`.
 * @fires ck-fallback-chosen - The buyer took a suggested method. Detail: `{ method, code, attempt, chosen }`.
 * @fires ck-session-expired - The token expired; set `sessionToken` to a fresh one to continue. Detail: `{ sessionId }`.
 * @fires ck-action-check - From the payment action screen: the buyer says they paid; the checkout checks now. Detail: `{ action, paymentId }`.
 * @fires ck-action-expired - From the payment action screen: the QR code or voucher expired while shown. Detail: `{ action, paymentId }`.
 * @fires ck-action-retry - From the payment action screen: the buyer asks for a new QR code or voucher. Detail: `{ action, paymentId }`.
 * @fires ck-action-cancel - From the payment action screen: the buyer wants another method. Detail: `{ action, paymentId }`.
 * @fires ck-action-redirect - From the payment action screen; cancelable: the checkout is about to navigate or open a popup. Call `preventDefault()` to navigate yourself. Detail: `{ action, paymentId, url, popup }`.
 * @fires ck-support-requested - The buyer pressed "Need help?" after a failure (offered when the page has a `<ck-support-bubble>`). Detail: `{ context: { sessionId, amount, method, code, attempt, locale, country } }`: no card data, no token.
 * @fires ck-error - Something went wrong that the store may want to log. Detail: `{ code, message, recoverable }`.
 *
 * @csspart base - The checkout card.
 * @csspart header - Title and total.
 * @csspart title - Every heading: the card's, each outcome panel's, the payment action's.
 * @csspart total - "Total" and the amount in the header.
 * @csspart banner - The offline notice.
 * @csspart panel - Every outcome panel (success, failure, waiting, expired, unavailable), also in the payment action.
 * @csspart success-panel - The payment succeeded.
 * @csspart danger-panel - A failure, an unusable session, an expired or unsafe payment action.
 * @csspart warning-panel - Confirming, pending, an expired session.
 * @csspart button - Every button, in the checkout and in its children (picker, payment action).
 * @csspart primary-button - The main button of a view: Pay, Try again, I've paid, Continue.
 * @csspart secondary-button - The other buttons: Choose another method, Pay with …, Check now, Print.
 * @csspart link-button - Buttons that look like links: Need help?, More payment methods.
 * @csspart pay-button - The "Pay" button.
 * @csspart fallback-button - Each "Pay with …" suggestion after a failure.
 * @csspart help-button - "Need help?" after a failure (with a support bubble on the page).
 * @csspart fallbacks - The suggested methods after a failure.
 * @csspart history - This checkout's failed attempts.
 * @csspart amount - The total (from `<ck-amount>`).
 * @csspart approx - The approximate settlement amount beside the total (from `<ck-amount>`).
 * @csspart amount-error - The amount's error text (`error` of `<ck-amount>`).
 * @csspart legend - The method list's legend (from `<ck-method-picker>`).
 * @csspart option - One payment method (from `<ck-method-picker>`).
 * @csspart option-label - A method's name (from `<ck-method-picker>`).
 * @csspart option-note - A method's notes: instalment preview, "temporarily slow" (from `<ck-method-picker>`).
 * @csspart icon - A method's icon (from `<ck-method-picker>`).
 * @csspart group - A group of methods behind "More payment methods" (from `<ck-method-picker>`).
 * @csspart more-button - "More payment methods" (from `<ck-method-picker>`).
 * @csspart search - The method search field (from `<ck-method-picker>`).
 * @csspart action - The payment action screen (`base` of `<ck-payment-action>`).
 * @csspart waiting - "Waiting for payment" on the action screen.
 * @csspart qr - The QR code (an SVG; keep it dark on light).
 * @csspart countdown - Time left before the QR code expires.
 * @csspart code - The copyable QR payload (Pix "Copia e Cola").
 * @csspart reference - The voucher reference.
 * @csspart barcode - The boleto barcode (an SVG).
 * @csspart due-date - The voucher's payment deadline.
 * @csspart instructions - The PSP's own voucher instructions.
 * @csspart challenge-frame - The bank's 3-D Secure frame.
 * @csspart copy-button - Copy buttons of the action screen.
 * @csspart save-button - "Save QR code".
 * @csspart open-app-button - "Open payment app" on touch devices.
 * @csspart card-frame - The box around the card frame (`<ck-card-fields>`' `frame`).
 * @csspart instalments - The instalment chooser under the card form.
 *
 * @cssstate loading - The session or the buyer's list is loading.
 * @cssstate ready - The list and Pay are shown.
 * @cssstate submitting - A payment is being sent or confirmed.
 * @cssstate action - The buyer must act (redirect, QR code, voucher, 3-D Secure).
 * @cssstate pending - The payment awaits the PSP.
 * @cssstate succeeded - The payment succeeded.
 * @cssstate failed - The payment failed.
 * @cssstate expired - The session expired.
 * @cssstate unavailable - The checkout cannot be used (see the panel).
 * @cssstate offline - The browser is offline.
 *
 * @cssprop [--ck-checkout-max-width=32rem] - Maximum width of the card.
 * @cssprop [--ck-checkout-padding=calc(var(--ck-space) * 5 / 3)] - Inner padding of the card.
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
export class CkCheckout extends CkElement {
  static override styles = [tokens, focusStyles, buttonStyles, panelStyles, spinnerStyles, checkoutStyles];

  /** Short-lived, opaque session token from the merchant's server. Setting a new one after expiry continues where the buyer was. */
  @property({ attribute: 'session-token' }) sessionToken = '';

  /** Base URL of the merchant's checkout API (protocol v1), e.g. `https://shop.example/api/checkout/v1`. */
  @property() endpoint = '';

  /** Buyer locale (BCP 47). Defaults to the session's hint, then the browser's languages. */
  @property({ reflect: true }) locale?: string;

  /** Where payment redirects return to. Defaults to the current page. */
  @property({ attribute: 'return-url' }) returnUrl?: string;

  /**
   * The store's own fallback rules, tried before the built-in ones: which methods to suggest after a failure.
   * An array of `{ when: { method?, type?, code? }, offer: ["pix", "type:card", …] }` (JSON in the attribute).
   * Invalid rules are left out and reported once with `ck-error` (`invalid_attribute`).
   */
  @property({ attribute: 'fallback-rules', converter: jsonAttribute }) fallbackRules?: unknown;

  /**
   * Client-side experiments on the method order, for static stores (a backend assigns them in the session instead).
   * An array of `{ key, variants: [{ key, weight?, order? }], seed?, coverage?, countries? }` (JSON in the attribute);
   * buyers are bucketed with GrowthBook's hash v2 on `buyer-id`, else an anonymous id kept in this browser. See docs/experiments.md.
   */
  @property({ converter: jsonAttribute }) experiments?: unknown;

  /** The store's own id for the buyer (never an e-mail or name): keeps client-side experiment variants sticky across devices. */
  @property({ attribute: 'buyer-id' }) buyerId?: string;

  /** Opt-in: list the method this browser last paid with first (after the merchant's pins). Stores only the method id. */
  @property({ type: Boolean, attribute: 'remember-method' }) rememberMethod = false;

  /**
   * Analytics to the backend's `POST /events` (checkout steps, no personal data): `on` (default), `wait` (held in
   * memory, not sent, until set to `on`: while a consent banner is open), or `off` (dropped, including unsent ones).
   */
  @property() analytics: AnalyticsSetting = 'on';

  /** Current visible state. Read-only; reflected for styling. */
  @property({ reflect: true }) state: CheckoutState = 'loading';

  @state() private selected: string | null = null;
  @state() private announcement = '';

  /**
   * @internal How long the first render waits for the list (or a problem) before it shows the
   * loading state instead. When the session is already in hand (the entry asked for it while the
   * code was on its way), the list is the first thing rendered: a loading state rendered, laid out
   * and replaced a moment later only delays it. Tests set it to 0.
   */
  static loadingStateDelayMs = 300;

  @query('ck-method-picker') private picker?: HTMLElement & { updateComplete?: Promise<unknown>; renderComplete?: Promise<unknown> };
  @query('[data-focus-target]') private focusTarget?: HTMLElement;
  @query('ck-card-fields') private cardFields?: CkCardFields;

  /** The checkout's translator, for its templates and its helpers (the locale controller is declared below; it is read when called). */
  private readonly message = (key: MessageKey, values?: MessageValues): string => this.i18n.t(key, values);
  private readonly session = new SessionController(this);
  private readonly payment = new PaymentController(this, (next, previous) => {
    this.commands.follow(next);
    // A flow exists only once the payment stage arrived, so its reporting comes with it.
    this.payment.stage?.reportFlowChange(this.view(), next, previous);
  });
  private readonly commands = new PayCommands(
    this,
    this.payment,
    () => ({ session: this.loadedSession, context: this.paymentContext(), list: this.list.methods, selected: this.selected, cardFields: this.cardFields }),
    {
      select: (method) => (this.selected = method),
      announce: (text) => (this.announcement = text),
      t: this.message,
      methodLabel: (id) => this.methodLabel(id),
      emit: (name, detail) => this.emit(name, detail),
      codeUnreachable: () => this.codeUnreachable(),
      guard: (work) => this.guard(work),
    },
  );
  private readonly connectivity = new ConnectivityController(this, () => this.handleRecheck());
  private readonly list = new BuyerList(this, () => this, (message) => this.reportError('invalid_attribute', message, true));
  private readonly outbox = new AnalyticsController(this, () => ({
    analytics: this.analytics,
    client: this.session.client,
    endpoint: parseEndpoint(this.endpoint, location.href) ?? '',
    token: this.sessionToken.trim(),
    settled: this.state !== 'loading',
  }));
  private readonly i18n = new LocaleController(
    this,
    () => [this.locale, this.loadedSession?.locale],
    () => (this.payment.stage ? ['base', 'payment'] : ['base']),
  );
  private readonly reportedErrors = new Set<string>();
  /** Set by "Choose another method": the list gets focus once it is back on screen. */
  private focusPickerWhenReady = false;

  private get loadedSession() {
    return this.session.view.status === 'loaded' ? this.session.view.session : null;
  }

  /**
   * The first render waits until there is something to show other than the loading state (see
   * `loadingStateDelayMs`), and never runs in the task that upgraded the element: that task also
   * evaluated the drop-in's code (~100 ms at 4× CPU throttling).
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated) return super.scheduleUpdate();
    // The session loads now, not from the first render, which waits for it.
    this.guard(this.configure());
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, (this.constructor as typeof CkCheckout).loadingStateDelayMs);
      contentShown.set(this, () => {
        clearTimeout(timer);
        resolve();
      });
    }).then(() => {
      contentShown.delete(this);
      return super.scheduleUpdate();
    });
  }

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    super.requestUpdate(name, oldValue, options);
    // Called in the constructor too, before this class's fields exist: hence the optional chaining and typeof.
    if (this.hasUpdated) return;
    // A token (or endpoint) set after the element was connected, before its first render: load now, not from that render.
    if ((name === 'sessionToken' || name === 'endpoint') && typeof this.configuredFor === 'string' && this.sourceKey() !== this.configuredFor) {
      this.guard(this.configure());
    }
    if (this.list?.ready || this.session?.view.status === 'problem') contentShown.get(this)?.();
  }

  /** Also waits for the picker's own render (in a task of its own), so "updated" means the list is on screen. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await this.picker?.updateComplete;
    return result;
  }

  /** This checkout's update and its picker's render: the list is on screen (the brands' marks, fetched after, may still be tiles). */
  private async listShown(): Promise<void> {
    await super.getUpdateComplete();
    await this.picker?.renderComplete;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('sessionToken') || changed.has('endpoint')) && this.sourceKey() !== this.configuredFor) this.guard(this.configure());
    this.state = checkoutState(this.session.view, this.list.ready, this.payment.state);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('state')) {
      const previous = changed.get('state');
      if (previous) this.toggleState(previous, false);
      this.toggleState(this.state, true);
    }
    this.toggleState('offline', this.connectivity.offline);
    // The card form's code is fetched the first time a card method is on screen.
    if (this.cardFields && !customElements.get('ck-card-fields')) this.guard(import('../../define/card-fields.js').catch(() => this.codeUnreachable()));
    // Move focus to the outcome so keyboard and screen-reader users land on it.
    if (changed.has('state') && ['succeeded', 'failed', 'expired', 'unavailable'].includes(this.state)) {
      this.focusTarget?.focus();
    }
    if (this.focusPickerWhenReady && this.state !== 'submitting' && this.state !== 'action') {
      this.focusPickerWhenReady = false;
      // The picker was just created: its options exist once its own first render is done.
      if (this.state === 'ready') this.guard((this.picker?.updateComplete ?? Promise.resolve()).then(() => this.picker?.focus()));
    }
  }

  /**
   * The error boundary: every asynchronous path of the checkout runs through
   * here. Expected faults are states of their own; anything else becomes the
   * `internal` problem, with "Try again", and a `ck-error` for the store's logs.
   */
  private guard(work: Promise<unknown>): void {
    work.catch((error: unknown) => {
      this.session.fail('internal');
      this.reportError('internal_error', `unexpected error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300), true);
    });
  }

  /** The endpoint and token attributes as last configured: the first render must not configure again what scheduleUpdate did. */
  private configuredFor: string | null = null;
  private sourceKey(): string {
    return `${this.endpoint}\n${this.sessionToken}`;
  }

  private async configure(): Promise<void> {
    this.configuredFor = this.sourceKey();
    const endpoint = parseEndpoint(this.endpoint, location.href);
    if (!endpoint || !this.sessionToken.trim()) {
      // Attributes may arrive one at a time; only complain once both had a chance.
      await this.updateComplete;
      if (!parseEndpoint(this.endpoint, location.href) || !this.sessionToken.trim()) {
        this.session.fail('misconfigured');
        this.reportError('invalid_attribute', !endpoint ? `endpoint "${this.endpoint}" is not an http(s) URL` : 'session-token is empty', true);
      }
      return;
    }
    const tokenOnly = this.session.use({ endpoint, token: this.sessionToken.trim() });
    if (tokenOnly && this.payment.state.phase === 'session_expired') return this.payment.continue();
    await this.loadSession();
  }

  private async loadSession(): Promise<void> {
    const view = await this.session.load();
    if (view.status === 'problem') {
      return this.handleProblem(view.problem, view.fault?.kind === 'malformed' ? view.fault.issues : view.fault?.kind);
    }
    if (view.status !== 'loaded') return;
    const { session } = view;
    this.emit('ck-checkout-viewed', { sessionId: session.id, country: session.country, amount: session.amount });
    for (const ignored of session.ignoredMethods) {
      this.reportError('unknown_method', `ignored payment method ${JSON.stringify(ignored).slice(0, 200)}`, true);
    }
    for (const field of session.ignoredFields) this.reportError('malformed_response', `session.${field} is malformed and was left out`, true);
    const methods = await this.list.load(session, () => this.i18n.prepare());
    // One update for the list and the buyer's choice in it, both set in this microtask.
    this.requestUpdate();
    if (!methods.length) {
      this.session.fail('no_methods');
      return this.handleProblem('no_methods');
    }
    if (!this.selected || !methods.some((m) => m.id === this.selected)) this.selected = methods[0]?.id ?? null;
    const context = this.paymentContext();
    // A payment to pick up (a return from a redirect, a reload mid-request) is resumed before
    // the buyer is offered "Pay" again.
    const resuming = context !== null && (context.returnedPaymentId !== null || this.payment.hasStoredAttempt(session.id));
    if (resuming && !(await this.payment.start(context))) return this.codeUnreachable();
    // "ready" means on screen: a store that reacts to it (focus, scroll, analytics) finds the list rendered.
    // Not later: the buyer can choose from then on, and a choice reported before `ck-ready` has no place in the list.
    await this.listShown();
    const experiments = this.list.ordering.assignments.map(({ key, variant }) => ({ key, variant }));
    this.emit('ck-ready', { session, methods: methods.map((m) => m.id), experiments });
    // The code "Pay" runs loads while the buyer reads the list, once the list is painted: fetched
    // and run before, it would lengthen the task that paints the list.
    this.guard(afterNextPaint().then(() => this.commands.prefetch(session.id)));
  }

  private paymentContext(): PaymentContext | null {
    const session = this.loadedSession;
    const client = this.session.client;
    if (!session || !client) return null;
    return {
      client,
      sessionId: session.id,
      returnUrl: this.returnUrl ?? withoutReturnParam(location.href),
      returnedPaymentId: returnedPaymentId(location.href),
      locale: this.i18n.locale,
    };
  }

  /** Checkout code could not be fetched (offline, a deploy swapping files): nothing was sent; say so, keep the buyer's choice. */
  private codeUnreachable(): void {
    this.session.fail('network');
    this.handleProblem('network', 'payment code not loaded');
  }

  /** The action screen (QR, voucher, redirect, challenge) is its own chunk, fetched the first time a payment needs it. */
  private loadActionElement(): void {
    this.guard(import('../../define/payment-action.js').catch(() => this.codeUnreachable()));
  }

  /** What the templates need to render and to report: a narrow view of this element. */
  private view(): CheckoutView {
    return {
      t: this.message,
      locale: this.i18n.locale,
      session: this.loadedSession,
      list: this.list.methods,
      payment: this.payment,
      offline: this.connectivity.offline,
      selected: this.selected,
      supportAvailable: document.querySelector('ck-support-bubble') !== null,
      methodLabel: (id) => this.methodLabel(id),
      fallbacks: () =>
        this.payment.fallbacks(this.list.offers(this.loadedSession), this.fallbackRules, (reason) =>
          this.reportError('invalid_attribute', `fallback-rules: ${reason}`, true),
        ),
      emit: (name, detail) => this.emit(name, detail),
      announce: (key) => (this.announcement = this.message(key)),
      reportError: (code, message, recoverable) => this.reportError(code, message, recoverable),
      loadActionElement: () => this.loadActionElement(),
      handlers: {
        select: (event: CustomEvent<CkMethodSelectedDetail>) => {
          this.selected = event.detail.method;
          this.announcement = '';
        },
        pay: () => this.guard(this.commands.pay()),
        retry: () => this.commands.retry(),
        chooseAnother: () => {
          // The list comes back only once an open payment is cancelled; focus it then (see updated()).
          this.focusPickerWhenReady = true;
          this.payment.chooseAnother();
        },
        payWith: (method: string) => this.commands.payInstead(method),
        needHelp: () => this.commands.needHelp(this.i18n.locale),
        checkNow: () => this.payment.checkNow(),
        reload: () => {
          this.reportedErrors.clear();
          if (this.payment.state.phase === 'action') this.loadActionElement();
          this.guard(this.configure());
        },
      },
    };
  }

  /** The buyer-facing name of a method, as the picker shows it. */
  private methodLabel(id: string): string {
    return this.list.label(id, this.loadedSession, this.message, this.i18n.locale);
  }

  private handleProblem(problem: SessionProblem, detail?: string): void {
    reportProblem(this.view(), problem, detail);
  }

  private reportError(code: CkErrorCode, message: string, recoverable: boolean): void {
    const key = `${code}:${message}`;
    if (this.reportedErrors.has(key)) return;
    this.reportedErrors.add(key);
    this.emit('ck-error', { code, message, recoverable });
  }

  private handleRecheck(): void {
    this.payment.checkNow();
    if (this.session.view.status === 'problem' && this.session.view.problem === 'network') this.guard(this.loadSession());
  }

  override render(): TemplateResult {
    return checkoutCard(this.view(), {
      session: this.session.view,
      listReady: this.list.ready,
      busy: this.state === 'loading' || this.state === 'submitting',
      dir: this.i18n.dir,
      announcement: this.announcement,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-checkout': CkCheckout;
  }
}
