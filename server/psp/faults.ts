/**
 * Per-session fault injection (issue 4): lets tests and the demo reproduce
 * slow backends, 5xx, broken bodies, lost responses and stuck payments.
 * Counters (`failRequests`, `dropAfterCommit`, `malformedCount`) are consumed
 * in the database, so they hold across requests and restarts.
 */
import { z } from 'zod/mini';

export const Faults = z.object({
  /** Every checkout API response of the session is delayed this long. */
  latencyMs: z.optional(z.int().check(z.nonnegative(), z.maximum(60_000))),
  /** The next `count` checkout API calls (not `/events`) answer `status` with an error envelope. */
  failRequests: z.optional(
    z.object({
      count: z.int().check(z.positive(), z.maximum(1000)),
      status: z.int().check(z.gte(500), z.lte(599)),
    }),
  ),
  /** Which 2xx responses carry a body that breaks the protocol schema. */
  malformed: z.optional(z.enum(['session', 'payment', 'poll'])),
  /** How many responses `malformed` affects; unlimited when absent. */
  malformedCount: z.optional(z.int().check(z.positive(), z.maximum(1000))),
  /** The next `n` POST /payments commit the payment, then drop the connection unanswered. */
  dropAfterCommit: z.optional(z.int().check(z.positive(), z.maximum(1000))),
  /** `pending` payments never settle by polling (only the test hook completes them). */
  pollStaysPending: z.optional(z.boolean()),
  /** `hold`: the PSP keeps its callbacks for this session until `POST /sandbox/webhooks/release`. */
  webhooks: z.optional(z.enum(['hold'])),
  /** QR codes and vouchers expire this long after creation instead of the method's default. */
  actionExpiresInMs: z.optional(z.int().check(z.positive(), z.maximum(30 * 24 * 3600 * 1000))),
  /**
   * Test switch for suites written before card fields (issue 13): card payments of the session pass
   * without a vault token and the session offers no card frame. Never set by the demo store.
   */
  cardWithoutToken: z.optional(z.boolean()),
});
export type Faults = z.infer<typeof Faults>;

/** Remaining counts of the one-shot faults. */
export interface FaultState {
  failRemaining: number;
  dropRemaining: number;
  /** `null` = unlimited. */
  malformedRemaining: number | null;
}

export function initialFaultState(faults: Faults): FaultState {
  return {
    failRemaining: faults.failRequests?.count ?? 0,
    dropRemaining: faults.dropAfterCommit ?? 0,
    malformedRemaining: faults.malformedCount ?? null,
  };
}

/** A body shaped almost like the real one, with the kind of mistake real backends make. */
export function malformedBody(target: 'session' | 'payment' | 'poll', real: Record<string, unknown>): unknown {
  if (target === 'session') {
    // Amount as a decimal string instead of integer minor units.
    const amount = real['amount'] as { value: number; currency: string } | undefined;
    return { ...real, amount: { value: String((amount?.value ?? 0) / 100), currency: amount?.currency } };
  }
  // A status outside the closed list.
  return { ...real, status: 'complete' };
}
