/**
 * How a dropped call recovers: first an ICE restart on the same connection
 * (cheap: keeps the tracks, finds a new network path after a Wi-Fi → cellular
 * switch), then a fresh connection after a jittered, growing delay, a bounded
 * number of times, then give up (`failed: dropped`). Pure: the random source
 * is passed in, so tests know every delay.
 */

export interface ReconnectPolicy {
  /** ICE restarts tried before a fresh connection. */
  readonly iceRestarts: number;
  /** How long one ICE restart may take to reconnect (ms). */
  readonly iceRestartWaitMs: number;
  /** Fresh connections tried after the ICE restarts. */
  readonly freshConnections: number;
  /** Ceiling of the first fresh connection's delay; doubles each time up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** How long a (fresh) connection may take to connect before it counts as lost (ms). */
  readonly connectTimeoutMs: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  iceRestarts: 1,
  iceRestartWaitMs: 6_000,
  freshConnections: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  connectTimeoutMs: 15_000,
};

/** What was tried since the call was last connected. */
export interface RecoveryTried {
  readonly iceRestarts: number;
  readonly freshConnections: number;
}

export type RecoveryStep = { step: 'ice-restart' } | { step: 'new-connection'; delayMs: number } | { step: 'give-up' };

/**
 * The next step after a loss. Delays use "equal jitter": half the ceiling
 * fixed, half random, so two sides that lost the same network do not retry in
 * lockstep, and no retry comes immediately.
 */
export function nextRecovery(policy: ReconnectPolicy, tried: RecoveryTried, random: () => number): RecoveryStep {
  if (tried.iceRestarts < policy.iceRestarts) return { step: 'ice-restart' };
  if (tried.freshConnections >= policy.freshConnections) return { step: 'give-up' };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** tried.freshConnections);
  const r = Math.min(1, Math.max(0, random()));
  return { step: 'new-connection', delayMs: Math.round(ceiling / 2 + (ceiling / 2) * r) };
}

/** The longest recovery the offering side can run: the answering side waits this long (plus slack) before it gives up. */
export function longestRecoveryMs(policy: ReconnectPolicy): number {
  let total = policy.iceRestarts * policy.iceRestartWaitMs;
  for (let n = 0; n < policy.freshConnections; n++) total += Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** n) + policy.connectTimeoutMs;
  return total;
}
