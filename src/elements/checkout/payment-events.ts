// What <ck-checkout> tells the page when the payment moves: the public `ck-payment-*` events, the
// live-region announcement and the `ck-error` of a rejected request. Part of the payment stage
// (payment-stage.ts): a flow only changes once that code is there, so the list never waits for it.
import type { FlowState } from '../../core/payment/flow.js';
import type { CheckoutView } from './checkout.templates.js';

/** Reports a flow state change: `ck-payment-*` (submitted, succeeded, failed, pending), `ck-fallback-offered`, `ck-session-expired`, announcements. */
export function reportFlowChange(view: CheckoutView, next: FlowState, previous: FlowState): void {
  switch (next.phase) {
    case 'submitting':
      view.announce('checkout:paying');
      if (previous.phase !== 'submitting' || previous.attempt !== next.attempt) view.emit('ck-payment-submitted', { method: next.method, attempt: next.attempt });
      break;
    case 'succeeded':
      view.announce('payment:succeeded.title');
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
        view.announce('payment:pending.title');
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
