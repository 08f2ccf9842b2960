/**
 * Protocol v1, part 3: the analytics envelope (`POST /events`). Later work
 * (A/B tests of method order, monitoring) adds event types, not envelopes.
 */
import * as z from 'zod/mini';

/** One analytics event; later work (A/B tests, monitoring) adds `type`s. */
export const AnalyticsEvent = z.object({
  id: z.uuid(),
  type: z.string().check(z.regex(/^[a-z][a-z0-9_.]{0,63}$/)),
  at: z.iso.datetime(),
  data: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});

/** `POST {endpoint}/events` request body; answered with 202 and {@link EventsAccepted}. */
export const EventBatch = z.object({
  events: z.array(AnalyticsEvent).check(z.minLength(1), z.maxLength(100)),
});
export const EventsAccepted = z.object({ accepted: z.int().check(z.nonnegative()) });


export type AnalyticsEvent = z.infer<typeof AnalyticsEvent>;
export type EventBatch = z.infer<typeof EventBatch>;
