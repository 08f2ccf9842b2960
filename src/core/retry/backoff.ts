/**
 * Retry timing as pure functions, so the policy is testable without timers.
 * "Full jitter" (a uniform delay in [0, capped exponential]) spreads the
 * retries of many buyers after a backend blip instead of synchronising them.
 */

export interface BackoffOptions {
  /** Delay scale of the first retry, in ms. */
  readonly baseMs: number;
  /** Upper bound of any single delay, in ms. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 400, maxMs: 8_000 };

/**
 * Delay before retry number `attempt` (0-based).
 * @param random a number in [0, 1); injected so tests are deterministic.
 */
export function backoffDelay(attempt: number, random: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const safeAttempt = Math.max(0, Math.min(30, Math.floor(attempt)));
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** safeAttempt);
  const unit = Math.min(Math.max(random, 0), 1);
  // Never zero: a floor of a quarter of the ceiling keeps a crashed backend from a retry storm.
  return Math.round(ceiling / 4 + (ceiling * 3 * unit) / 4);
}

/** Resolves after `ms`, or rejects with the signal's reason when aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Re-sending a payment attempt whose outcome is unknown (time-out, dropped
 * connection, 5xx, malformed answer). Starts quicker than GET retries because
 * the buyer is watching a spinner, and caps lower so a recovered backend is
 * noticed within seconds.
 */
export const RESEND_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 10_000 };

/**
 * A 409 means the twin request is still being processed by the backend:
 * its answer is usually seconds away, so re-ask soon rather than back off.
 */
export const IN_FLIGHT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 1_000 };

/** Polling a pending or action-waiting payment when the backend gives no hint. */
export const POLL_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 15_000 };

/**
 * Bounds applied to the backend's `pollAfterMs` hint: a misconfigured backend
 * must neither make every open tab poll in a tight loop nor silence it for hours.
 */
export const POLL_HINT_BOUNDS = { minMs: 1_000, maxMs: 30_000 } as const;

/**
 * Delay before poll number `poll` (0-based) of one payment.
 * With a `hintMs` from the backend that hint wins, clamped to
 * {@link POLL_HINT_BOUNDS} and spread by ±10 % so tabs opened together drift
 * apart; without one it is {@link backoffDelay} over {@link POLL_BACKOFF}.
 */
export function pollDelay(poll: number, random: number, hintMs?: number, options: BackoffOptions = POLL_BACKOFF): number {
  if (hintMs === undefined || !Number.isFinite(hintMs)) return backoffDelay(poll, random, options);
  const unit = Math.min(Math.max(random, 0), 1);
  const jittered = hintMs * (0.9 + 0.2 * unit);
  return Math.round(Math.min(POLL_HINT_BOUNDS.maxMs, Math.max(POLL_HINT_BOUNDS.minMs, jittered)));
}

/** Longest delay `setTimeout` honours; anything above it fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
