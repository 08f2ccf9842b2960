// Private sub-templates of <ck-checkout>: one function per outcome view.
import { html, nothing, type TemplateResult } from 'lit';
import type { MessageKey, MessageValues } from '../../core/i18n/i18n.js';
import type { FlowState } from '../../core/payment/flow.js';
import { failureInfo } from '../../core/payment/failures.js';
import { formatMoney } from '../../core/money/format.js';
import type { Session } from '../../core/protocol/schemas.js';
import type { SessionProblem } from './session-controller.js';

type Translate = (key: MessageKey, values?: MessageValues) => string;

const PROBLEM_MESSAGES: Record<SessionProblem, MessageKey> = {
  misconfigured: 'checkout:unavailable.misconfigured',
  network: 'checkout:unavailable.network',
  server: 'checkout:unavailable.server',
  malformed: 'checkout:unavailable.malformed',
  no_methods: 'checkout:unavailable.noMethods',
  expired: 'checkout:expired.body',
};

/** The session could not be used: say why and, where it can help, offer to try again. */
export function problemView(t: Translate, problem: SessionProblem, reload: () => void): TemplateResult {
  const expired = problem === 'expired';
  const canRetry = problem === 'network' || problem === 'server' || problem === 'malformed';
  return html`
    <div part="status" class="panel ${expired ? 'warning' : 'danger'}" role="alert" tabindex="-1" data-focus-target>
      <h3>${t(expired ? 'checkout:expired.title' : 'checkout:unavailable.title')}</h3>
      <p>${t(PROBLEM_MESSAGES[problem])}</p>
    </div>
    ${canRetry ? html`<button class="secondary" type="button" @click=${reload}>${t('checkout:unavailable.retry')}</button>` : nothing}
  `;
}

export interface FailedHandlers {
  retry: () => void;
  chooseAnother: (method?: string) => void;
}

/** A definite failure: what happened, what to do, and the ways forward. */
export function failedView(
  t: Translate,
  payment: Extract<FlowState, { phase: 'failed' | 'rejected' }>,
  _session: Session,
  _locale: string,
  handlers: FailedHandlers,
): TemplateResult {
  const info = payment.phase === 'failed' ? failureInfo(payment.code) : failureInfo('processing_error');
  const retryable = payment.phase === 'failed' && payment.retryable;
  return html`
    <div part="status" class="panel danger" role="alert" tabindex="-1" data-focus-target>
      <h3>${t(info.titleKey)}</h3>
      <p>${t(info.bodyKey)}</p>
    </div>
    <div class="actions">
      ${retryable ? html`<button class="primary" type="button" @click=${handlers.retry}>${t('checkout:failed.tryAgain')}</button>` : nothing}
      <button class="secondary" type="button" @click=${() => handlers.chooseAnother()}>${t('checkout:failed.chooseAnother')}</button>
    </div>
  `;
}

/** Everything between "Pay" and a definite outcome, and success itself. */
export function paymentBody(
  t: Translate,
  payment: Exclude<FlowState, { phase: 'idle' | 'submitting' | 'failed' | 'rejected' }>,
  session: Session,
  locale: string,
  checkNow: () => void,
  chooseAnother: () => void,
): TemplateResult {
  const amount = formatMoney(session.amount.value, session.amount.currency, locale);
  const amountText = amount.ok ? amount.text : '';
  switch (payment.phase) {
    case 'succeeded':
      return html`
        <div part="status" class="panel success" role="status" tabindex="-1" data-focus-target>
          <h3>${t('checkout:succeeded.title')}</h3>
          <p>${t('checkout:succeeded.body', { amount: amountText })}</p>
        </div>
      `;
    case 'confirming':
      return html`<p part="status" class="panel" role="status"><span><span class="spinner" aria-hidden="true"></span>${t('checkout:action.checking')}</span></p>`;
    case 'pending':
      return html`
        <div part="status" class="panel warning" role="status" tabindex="-1" data-focus-target>
          <h3>${t('checkout:pending.title')}</h3>
          <p>${t('checkout:pending.body')}</p>
        </div>
        <button class="secondary" type="button" @click=${checkNow}>${t('checkout:action.checkNow')}</button>
      `;
    case 'action':
      return html`<ck-payment-action
        .action=${payment.payment.action}
        .amount=${payment.payment.amount}
        method=${payment.method}
        locale=${locale}
        ?sandbox=${session.mode === 'sandbox'}
        @ck-action-check=${checkNow}
        @ck-action-cancel=${chooseAnother}
      ></ck-payment-action>`;
    case 'session_expired':
      return html`
        <div part="status" class="panel warning" role="alert" tabindex="-1" data-focus-target>
          <h3>${t('checkout:expired.title')}</h3>
          <p>${t('checkout:expired.body')}</p>
        </div>
      `;
    default: {
      const unreachable: never = payment;
      return unreachable;
    }
  }
}
