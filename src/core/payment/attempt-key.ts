/**
 * Where a session's in-progress attempt is kept in `sessionStorage`. Separate
 * from the attempt store so a page can ask "is there a payment to resume?"
 * before it loads the payment flow.
 */
export function attemptStorageKey(sessionId: string): string {
  return `checkout-kit:payment:${sessionId}`;
}
