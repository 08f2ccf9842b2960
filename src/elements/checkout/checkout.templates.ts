// Private sub-templates of <ck-checkout>: what the card shows below its header,
// from the loading skeleton to the list and Pay button. Everything after "Pay"
// is in payment.templates.ts, loaded with the payment code.
import { html, nothing, type TemplateResult } from 'lit';
import type { MessageKey, MessageValues } from '../../core/i18n/i18n.js';
import type { OfferedMethod } from '../../core/catalog/index.js';
import { RETRYABLE_PROBLEMS, type SessionProblem } from '../../core/checkout/checkout-state.js';
import type { ParsedSession } from '../../core/protocol/client.js';
import { formatMoney } from '../../core/money/format.js';
import type { PaymentMethodOffer } from '../../core/protocol/session.schema.js';
import type { CkErrorCode, CkEventMap, CkMethodSelectedDetail } from '../../events.js';
import type { PaymentController } from './payment-controller.js';
import type { SessionView } from './session-controller.js';

type Translate = (key: MessageKey, values?: MessageValues) => string;

/** What the checkout's templates and event reporting need from the element, and nothing more. */
export interface CheckoutView {
  t: Translate;
  locale: string;
  session: ParsedSession | null;
  /** The buyer's list, in the order shown. */
  list: readonly OfferedMethod[];
  payment: PaymentController;
  offline: boolean;
  selected: string | null;
  /** The page has a support bubble that can take this checkout's context (`ck-support-requested`). */
  supportAvailable: boolean;
  methodLabel(id: string): string;
  /** Suggested methods after the current failure, in list order. */
  fallbacks(): PaymentMethodOffer[];
  emit<K extends keyof CkEventMap>(name: K, detail: CkEventMap[K]['detail']): boolean;
  announce(key: MessageKey): void;
  reportError(code: CkErrorCode, message: string, recoverable: boolean): void;
  loadActionElement(): void;
  handlers: {
    select(event: CustomEvent<CkMethodSelectedDetail>): void;
    pay(): void;
    retry(): void;
    chooseAnother(): void;
    payWith(method: string): void;
    checkNow(): void;
    reload(): void;
    needHelp(): void;
  };
}

const PROBLEM_MESSAGES: Record<SessionProblem, MessageKey> = {
  misconfigured: 'checkout:unavailable.misconfigured',
  network: 'checkout:unavailable.network',
  server: 'checkout:unavailable.server',
  malformed: 'checkout:unavailable.malformed',
  internal: 'checkout:unavailable.internal',
  no_methods: 'checkout:unavailable.noMethods',
  expired: 'checkout:expired.body',
};

/** The session could not be used: say why and, where it can help, offer to try again. */
function problemView(t: Translate, problem: SessionProblem, reload: () => void): TemplateResult {
  const expired = problem === 'expired';
  return html`
    <div part="panel ${expired ? 'warning-panel' : 'danger-panel'}" role="alert" tabindex="-1" data-focus-target>
      <h3 part="title">${t(expired ? 'checkout:expired.title' : 'checkout:unavailable.title')}</h3>
      <p>${t(PROBLEM_MESSAGES[problem])}</p>
    </div>
    ${RETRYABLE_PROBLEMS.has(problem) ? html`<button part="button secondary-button" type="button" @click=${reload}>${t('checkout:unavailable.retry')}</button>` : nothing}
  `;
}

/** The card: header with the total, offline banner, body and the live region. */
export function checkoutCard(
  view: CheckoutView,
  frame: { session: SessionView; listReady: boolean; busy: boolean; dir: 'ltr' | 'rtl'; announcement: string },
): TemplateResult {
  const { t, session, locale } = view;
  return html`
    <section part="base" class="checkout" dir=${frame.dir} lang=${locale} aria-labelledby="ck-title" aria-busy=${frame.busy}>
      <header part="header">
        <h2 id="ck-title" part="title">${t('checkout:title')}</h2>
        ${session
          ? html`<div part="total" class="total">
              <span>${t('checkout:total')}</span>
              <ck-amount
                exportparts="amount, approx, error: amount-error"
                value=${session.amount.value}
                currency=${session.amount.currency}
                locale=${locale}
                settlement-currency=${session.settlement?.currency ?? nothing}
                rate=${session.settlement?.rate ?? nothing}
              ></ck-amount>
            </div>`
          : nothing}
      </header>
      ${view.offline ? html`<p part="banner" class="banner" role="status">${t('checkout:offline')}</p>` : nothing}
      ${checkoutBody(view, frame.session, frame.listReady)}
      <div class="visually-hidden" role="status" aria-live="polite">${frame.announcement}</div>
    </section>
  `;
}

/** The card form (issue 13) under the list while a card method is chosen and the session offers the card frame. */
function cardFields(view: CheckoutView, session: ParsedSession): TemplateResult | typeof nothing {
  const card = session.card;
  if (!card || view.list.find((method) => method.id === view.selected)?.type !== 'card') return nothing;
  return html`<ck-card-fields
    exportparts="frame: card-frame, instalments"
    frame-url=${card.frameUrl}
    .frameKey=${card.frameKey}
    .instalments=${card.instalments ?? null}
    .amount=${session.amount}
    locale=${view.locale}
  ></ck-card-fields>`;
}

/** Everything below the header: a problem, the skeleton, the payment's progress, or the list and Pay. */
function checkoutBody(view: CheckoutView, sessionView: SessionView, listReady: boolean): TemplateResult {
  const { t, session, handlers } = view;
  if (sessionView.status === 'problem') return problemView(t, sessionView.problem, handlers.reload);
  if (!session || !listReady) {
    return html`<div class="skeleton" role="status"><p class="muted">${t('checkout:loading')}</p><span></span><span></span><span></span></div>`;
  }
  const payment = view.payment.state;
  const stage = view.payment.stage;
  if (stage && (payment.phase === 'failed' || payment.phase === 'rejected')) {
    const fallbacks = view.fallbacks().map((m) => ({ id: m.id, label: view.methodLabel(m.id) }));
    return stage.failedView(
      t,
      payment,
      { methodLabel: view.methodLabel, history: view.payment.failures, fallbacks },
      { retry: handlers.retry, chooseAnother: handlers.chooseAnother, payWith: handlers.payWith, needHelp: view.supportAvailable ? handlers.needHelp : undefined },
    );
  }
  if (stage && payment.phase !== 'idle' && payment.phase !== 'submitting' && payment.phase !== 'failed' && payment.phase !== 'rejected') {
    return stage.paymentBody(t, payment, session, {
      locale: view.locale,
      methodLabel: payment.phase === 'session_expired' ? '' : view.methodLabel(payment.method),
      offline: view.offline,
      checkNow: handlers.checkNow,
      chooseAnother: handlers.chooseAnother,
      retry: handlers.retry,
    });
  }
  const busy = payment.phase === 'submitting';
  const amountText = formatMoney(session.amount.value, session.amount.currency, view.locale);
  return html`
    <ck-method-picker
      exportparts="legend, option, option-label, option-note, icon, group, search, button, link-button, more-button"
      .list=${view.list}
      .amount=${session.amount}
      country=${session.country}
      locale=${view.locale}
      .value=${view.selected}
      ?disabled=${busy}
      @ck-method-selected=${handlers.select}
    ></ck-method-picker>
    ${cardFields(view, session)}
    <button part="button primary-button pay-button" type="button" ?disabled=${busy || !view.selected} aria-disabled=${busy} @click=${handlers.pay}>
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>${t('checkout:paying')}` : t('checkout:pay', { amount: amountText.ok ? amountText.text : '' })}
    </button>
  `;
}
