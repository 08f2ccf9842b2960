// Private sub-templates of <ck-checkout> for everything after "Pay": failure,
// waiting, action and success. Loaded with the payment flow (payment-stage.ts),
// never before the method list is on screen.
import { html, nothing, type TemplateResult } from 'lit';
import type { MessageKey, MessageValues } from '../../core/i18n/i18n.js';
import type { FlowState } from '../../core/payment/flow.js';
import { failureInfo, REJECTED_MESSAGE } from '../../core/payment/failures.js';
import { formatMoney } from '../../core/money/format.js';
import type { Session } from '../../core/protocol/session.schema.js';
import type { FailureCode } from '../../core/protocol/payment.schema.js';

type Translate = (key: MessageKey, values?: MessageValues) => string;

export interface FailedHandlers {
  retry: () => void;
  chooseAnother: () => void;
  payWith: (method: string) => void;
  /** Opens the store's support chat with this checkout's context; absent when the page has no support bubble. */
  needHelp?: () => void;
}

/** What the failure view says about this checkout's attempts. */
export interface FailedContext {
  /** The buyer-facing name of each method id. */
  methodLabel: (id: string) => string;
  /** This checkout's failed attempts, oldest first, the current one last. */
  history: readonly { method: string; code: FailureCode }[];
  /** Suggested methods, best first. */
  fallbacks: readonly { id: string; label: string }[];
}

/**
 * A definite failure: which method failed (and whether again), what happened,
 * what to do, the ways forward (retry, suggested methods, any method), and this
 * checkout's attempts in a compact list once there is more than one.
 */
export function failedView(
  t: Translate,
  payment: Extract<FlowState, { phase: 'failed' | 'rejected' }>,
  context: FailedContext,
  handlers: FailedHandlers,
): TemplateResult {
  const info = payment.phase === 'failed' ? failureInfo(payment.code) : REJECTED_MESSAGE;
  const retryable = payment.phase === 'failed' && payment.retryable;
  const method = context.methodLabel(payment.method);
  // The current failure is the last entry; "again" when the same method failed before it.
  const earlier = payment.phase === 'failed' ? context.history.slice(0, -1) : context.history;
  const again = earlier.some((attempt) => attempt.method === payment.method);
  return html`
    <div part="panel danger-panel" role="alert" tabindex="-1" data-focus-target>
      ${method ? html`<p class="attempt">${t(again ? 'payment:history.failedAgainWith' : 'payment:history.failedWith', { method })}</p>` : nothing}
      <h3 part="title">${t(info.titleKey)}</h3>
      <p>${t(info.bodyKey)}</p>
    </div>
    <div class="actions">
      ${retryable ? html`<button part="button primary-button" type="button" @click=${handlers.retry}>${t('payment:retry.tryAgain')}</button>` : nothing}
      <button part="button secondary-button" type="button" @click=${handlers.chooseAnother}>${t('payment:retry.chooseAnother')}</button>
    </div>
    ${context.fallbacks.length
      ? html`<section part="fallbacks" class="fallbacks" aria-labelledby="ck-fallback-title">
          <h3 id="ck-fallback-title">${t('payment:fallback.title')}</h3>
          <div class="actions">
            ${context.fallbacks.map(
              (fallback) => html`<button part="button secondary-button fallback-button" type="button" @click=${() => handlers.payWith(fallback.id)}>
                ${t('payment:retry.payWith', { method: fallback.label })}
              </button>`,
            )}
          </div>
        </section>`
      : nothing}
    ${context.history.length > 1
      ? html`<section part="history" class="history" aria-labelledby="ck-history-title">
          <h3 id="ck-history-title">${t('payment:history.title')}</h3>
          <ol>
            ${context.history.map(
              (attempt) => html`<li><span class="history-method">${context.methodLabel(attempt.method)}</span><span class="history-reason">${t(failureInfo(attempt.code).titleKey)}</span></li>`,
            )}
          </ol>
        </section>`
      : nothing}
    ${handlers.needHelp ? html`<button part="button link-button help-button" type="button" @click=${handlers.needHelp}>${t('payment:history.needHelp')}</button>` : nothing}
  `;
}

export interface PaymentBodyContext {
  locale: string;
  methodLabel: string;
  offline: boolean;
  checkNow: () => void;
  chooseAnother: () => void;
  retry: () => void;
}

/** Everything between "Pay" and a definite outcome, and success itself. */
export function paymentBody(
  t: Translate,
  payment: Exclude<FlowState, { phase: 'idle' | 'submitting' | 'failed' | 'rejected' }>,
  session: Session,
  context: PaymentBodyContext,
): TemplateResult {
  const amount = formatMoney(session.amount.value, session.amount.currency, context.locale);
  const amountText = amount.ok ? amount.text : '';
  switch (payment.phase) {
    case 'succeeded':
      return html`
        <div part="panel success-panel" role="status" tabindex="-1" data-focus-target>
          <h3 part="title">${t('payment:succeeded.title')}</h3>
          <p>${t('payment:succeeded.body', { amount: amountText })}</p>
        </div>
      `;
    case 'confirming': {
      const offline = payment.reason === 'offline' || context.offline;
      const [title, body] = offline
        ? (['payment:confirming.offlineTitle', 'payment:confirming.offlineBody'] as const)
        : payment.reason === 'cancelling'
          ? (['payment:confirming.cancellingTitle', 'payment:confirming.cancellingBody'] as const)
          : (['payment:confirming.title', 'payment:confirming.body'] as const);
      return html`
        <div part="panel warning-panel" role="status">
          <h3 part="title">${offline ? nothing : html`<span class="spinner" aria-hidden="true"></span>`}${t(title)}</h3>
          <p>${t(body)}</p>
        </div>
      `;
    }
    case 'pending':
      return html`
        <div part="panel warning-panel" role="status" tabindex="-1" data-focus-target>
          <h3 part="title">${t('payment:pending.title')}</h3>
          <p>${t('payment:pending.body')}</p>
        </div>
        <button part="button secondary-button" type="button" @click=${context.checkNow}>${t('payment:action.checkNow')}</button>
      `;
    case 'action':
      return html`<ck-payment-action
        exportparts="base: action, title, waiting, qr, countdown, code, reference, barcode, due-date, instructions, challenge-frame, button, primary-button, secondary-button, copy-button, save-button, open-app-button, panel, danger-panel"
        .action=${payment.payment.action}
        .amount=${payment.payment.amount}
        .paymentId=${payment.payment.id}
        method=${context.methodLabel}
        method-id=${payment.method}
        locale=${context.locale}
        ?sandbox=${session.mode === 'sandbox'}
        @ck-action-check=${context.checkNow}
        @ck-action-cancel=${context.chooseAnother}
        @ck-action-retry=${context.retry}
      ></ck-payment-action>`;
    case 'session_expired':
      return html`
        <div part="panel warning-panel" role="alert" tabindex="-1" data-focus-target>
          <h3 part="title">${t('checkout:expired.title')}</h3>
          <p>${t('checkout:expired.body')}</p>
        </div>
      `;
    default: {
      const unreachable: never = payment;
      return unreachable;
    }
  }
}
