/**
 * What the checkout shows, as one pure function of what it knows: the
 * session's status, whether the list is ready, and where the payment stands.
 * The element reflects the result as its `state` attribute.
 */
import type { ProtocolFault } from '../protocol/client.js';
import type { FlowState } from '../payment/flow.js';

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

/**
 * Why the checkout cannot be used, in terms the view can explain to a buyer.
 * `network` also covers checkout code that could not be fetched; `internal` is
 * an unexpected error of ours, caught by the element's error boundary.
 */
export type SessionProblem = 'misconfigured' | 'network' | 'server' | 'malformed' | 'expired' | 'no_methods' | 'internal';

/** The session as far as the visible state is concerned. */
export type SessionStatus =
  | { status: 'idle' | 'loading' | 'loaded' }
  | { status: 'problem'; problem: SessionProblem };

/** Problems a "Try again" can fix (the same request may well work in a moment). */
export const RETRYABLE_PROBLEMS: ReadonlySet<SessionProblem> = new Set(['network', 'server', 'malformed', 'internal']);

/** The visible state for a session status, list readiness and payment phase. */
export function checkoutState(session: SessionStatus, listReady: boolean, payment: FlowState): CheckoutState {
  if (session.status === 'problem') return session.problem === 'expired' ? 'expired' : 'unavailable';
  if (session.status !== 'loaded' || !listReady) return 'loading';
  switch (payment.phase) {
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
      const unreachable: never = payment;
      return unreachable;
    }
  }
}

/** A protocol fault on `GET /session`, as a problem the buyer can be told about. */
export function problemOf(fault: ProtocolFault): SessionProblem {
  switch (fault.kind) {
    case 'session_expired':
      return 'expired';
    case 'network':
    case 'timeout':
      return 'network';
    case 'server':
    case 'in_flight':
      return 'server';
    case 'malformed':
      return 'malformed';
    case 'rejected':
      return 'misconfigured';
    default: {
      const unreachable: never = fault;
      return unreachable;
    }
  }
}
