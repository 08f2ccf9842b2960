// What <ck-checkout> tells the page: the public events when the payment moves,
// the live-region announcement, and the developer-facing `ck-error` of each problem.
import type { FlowState } from '../../core/payment/flow.js';
import type { SessionProblem } from '../../core/checkout/checkout-state.js';
import type { CkErrorCode } from '../../events.js';
import type { CheckoutView } from './checkout.templates.js';

const PROBLEM_ERRORS: Record<Exclude<SessionProblem, 'expired'>, CkErrorCode> = {
  misconfigured: 'request_rejected',
  network: 'network_error',
  server: 'server_error',
  malformed: 'malformed_response',
  no_methods: 'unknown_method',
  internal: 'internal_error',
};

/** Reports a problem that keeps the checkout from being used: `ck-session-expired`, else a `ck-error`. */
export function reportProblem(view: CheckoutView, problem: SessionProblem, detail?: string): void {
  if (problem === 'expired') {
    view.emit('ck-session-expired', { sessionId: null });
    view.reportError('session_expired', 'the session token is expired or revoked', true);
    return;
  }
  view.reportError(PROBLEM_ERRORS[problem], `session could not be loaded (${problem}${detail ? `: ${detail}` : ''})`, problem !== 'misconfigured');
}

/** Reports a flow state change: `ck-payment-*` (submitted, succeeded, failed, pending), `ck-fallback-offered`, `ck-session-expired`, announcements. */
export function reportFlowChange(view: CheckoutView, next: FlowState, previous: FlowState): void {
  switch (next.phase) {
    case 'submitting':
      view.announce('checkout:paying');
      if (previous.phase !== 'submitting' || previous.attempt !== next.attempt) view.emit('ck-payment-submitted', { method: next.method, attempt: next.attempt });
      break;
    case 'succeeded':
      view.announce('checkout:succeeded.title');
      view.emit('ck-payment-succeeded', { paymentId: next.payment.id, method: next.method, amount: next.payment.amount });
      break;
    case 'failed': {
      const stage = view.payment.stage;
      if (stage) view.announce(stage.failureInfo(next.code).titleKey);
      view.emit('ck-payment-failed', { paymentId: next.paymentId, method: next.method, code: next.code, retryable: next.retryable, attempt: next.attempt });
      const offered = view.fallbacks().map((m) => m.id);
      if (offered.length) view.emit('ck-fallback-offered', { method: next.method, code: next.code, attempt: next.attempt, offered });
      break;
    }
    case 'pending':
      if (previous.phase !== 'pending') {
        view.announce('checkout:pending.title');
        view.emit('ck-payment-pending', { paymentId: next.payment.id, method: next.method, reason: 'processing' });
      }
      break;
    case 'action':
      view.loadActionElement();
      break;
    case 'session_expired':
      view.emit('ck-session-expired', { sessionId: view.session?.id ?? null });
      view.reportError('session_expired', 'the session token expired during payment', true);
      break;
    case 'rejected':
      view.reportError('request_rejected', `${next.code}: ${next.message}`, false);
      break;
    case 'idle':
    case 'confirming':
      break;
    default: {
      const unreachable: never = next;
      return unreachable;
    }
  }
}
