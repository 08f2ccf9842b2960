/** What every route of the reference backend shares: the database, the clock and the deployment's URLs. */
import type { HttpBindings } from '@hono/node-server';
import type { Storage } from './storage/storage.js';
import type { SessionRecord } from './db/sessions.js';
import type { RateLimiter } from './http/rate-limit.js';
import type { ExperimentDefinition } from '../src/core/protocol/bucketing.js';

export interface ServerContext {
  /** Every service's storage: SQLite by default, Postgres with `DATABASE_URL` (server/storage/storage.ts). */
  readonly store: Storage;
  /** Milliseconds since the epoch; injectable so tests can expire tokens and vouchers without waiting. */
  readonly now: () => number;
  readonly merchantSecret: string;
  /** Lifetime of session tokens when the merchant does not ask for `ttlSeconds`. */
  readonly tokenTtlSeconds: number;
  /**
   * Store origins allowed by CORS and as frame ancestors of the 3-D Secure
   * page. Mutable because ports are known only after the listeners bind.
   */
  readonly storeOrigins: Set<string>;
  /** Public base URL of the API listener, without a trailing slash. */
  apiUrl: string;
  /** Public base URL of the store listener, without a trailing slash. */
  storeUrl: string;
  /** Public base URL of the payment origin (card frame and vault), without a trailing slash; `''` when not started. */
  cardUrl?: string;
  /** Per-client limits on authentication failures and on session and payment creation. */
  readonly limiter: RateLimiter;
  /** Shared secret of PSP callbacks: the sandbox PSP signs with it, the webhook route verifies with it. */
  readonly webhookSecret: string;
  /** Where the sandbox PSP delivers its callbacks (the backend's `/webhooks/psp` unless configured). */
  readonly webhookUrl: () => string;
  /** The merchant's experiments on the method order, assigned per buyer in `GET /session` (server/analytics/experiments.ts). */
  readonly experiments: readonly ExperimentDefinition[];
}

/** Hono environment of the node adapter, plus what the auth middleware resolves. */
export interface AppEnv {
  Bindings: HttpBindings;
  Variables: {
    session: SessionRecord;
    tokenExpiresAt: number;
    /** The client's address, behind trusted load balancers read from X-Forwarded-For (server/http/rate-limit.ts). */
    clientAddress: string;
  };
}
