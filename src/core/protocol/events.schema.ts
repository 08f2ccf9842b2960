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

/**
 * `POST {endpoint}/events/beacon` request body, sent with `navigator.sendBeacon`
 * as `text/plain` when the page is hidden or closed. A beacon cannot set
 * headers, so the session token and the protocol version travel in the body
 * (never in the URL). Answered with 202 and {@link EventsAccepted}.
 */
export const EventBeacon = z.object({
  version: z.literal('1'),
  token: z.string().check(z.minLength(1), z.maxLength(512)),
  events: z.array(AnalyticsEvent).check(z.minLength(1), z.maxLength(100)),
});

/**
 * The event types the widget sends, one per step of the checkout. `data` of each:
 * - `checkout.viewed`: `country`, `currency`, `amount` (minor units)
 * - `methods.shown`: `methods` (ids in the order shown, comma-separated), `count`, `experiments` (`key:variant`, comma-separated, or empty)
 * - `experiment.exposed`: `experiment`, `variant` (one per experiment, when its list was shown)
 * - `method.selected`: `method`, `position` (1-based, in the list shown)
 * - `payment.submitted`: `method`, `attempt`
 * - `payment.succeeded`: `method`, `amount`, `currency`
 * - `payment.failed`: `method`, `code`, `attempt`
 * - `fallback.offered`: `method`, `code`, `offered` (comma-separated)
 * - `fallback.chosen`: `method`, `chosen`
 * - `support.opened`: `reason` (`launcher`, `store`, `checkout`); `support.closed`: none
 * - `support.message_sent`: `attachment`, `maskedCardNumbers` (never the text); `support.message_received`: `author`
 *   (from `<ck-support-bubble>` on the same page as the checkout, in the checkout's session)
 */
export const WIDGET_EVENT_TYPES = [
  'checkout.viewed',
  'methods.shown',
  'experiment.exposed',
  'method.selected',
  'payment.submitted',
  'payment.succeeded',
  'payment.failed',
  'fallback.offered',
  'fallback.chosen',
  'support.opened',
  'support.closed',
  'support.message_sent',
  'support.message_received',
] as const;
export type WidgetEventType = (typeof WIDGET_EVENT_TYPES)[number];


export type AnalyticsEvent = z.infer<typeof AnalyticsEvent>;
export type EventBatch = z.infer<typeof EventBatch>;
export type EventBeacon = z.infer<typeof EventBeacon>;
