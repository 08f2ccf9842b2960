/**
 * Session-token protocol v1: the one source of truth for every message between
 * checkout-kit and a merchant backend. Types are inferred from these schemas,
 * `npm run schema` turns them into JSON Schema, and the reference backend in
 * `server/` validates against the same objects. See docs/protocol.md.
 *
 * Built on `zod/mini` because the full zod API costs ~17 KB gzip more in the
 * drop-in bundle and we need only parsing and JSON Schema export.
 *
 * The messages live in three modules so that bundles load only what they use:
 * `session.schema.ts` (first paint), `payment.schema.ts` (on the first payment)
 * and `events.schema.ts` (analytics). This module gathers them for the backend,
 * the JSON Schema export and the tests.
 */
import { EventBatch, EventBeacon, EventsAccepted } from './events.schema.js';
import { PaymentAction, PaymentRequest, PaymentResult } from './payment.schema.js';
import { ErrorEnvelope, PaymentMethodOffer, Session } from './session.schema.js';

export * from './session.schema.js';
export * from './payment.schema.js';
export * from './events.schema.js';
export * from './wallet.schema.js';

/** Every message schema, by name: drives `npm run schema` and the protocol tests. */
export const MESSAGES = {
  Session,
  PaymentMethodOffer,
  PaymentRequest,
  PaymentResult,
  PaymentAction,
  EventBatch,
  EventBeacon,
  EventsAccepted,
  ErrorEnvelope,
} as const;
