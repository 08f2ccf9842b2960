// What <ck-checkout> tells the page when its session cannot be used: `ck-session-expired` or the
// developer-facing `ck-error` of each problem. What it tells when the payment moves is in
// payment-events.ts, which loads with the payment stage.
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
