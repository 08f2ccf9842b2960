// Private sub-template of <ck-checkout> shown before any payment: the session could not be used.
import { html, nothing, type TemplateResult } from 'lit';
import type { MessageKey, MessageValues } from '../../core/i18n/i18n.js';
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
