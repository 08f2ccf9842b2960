/**
 * Per-client rate limits (docs/protocol.md, "Rate limits"): fixed windows
 * counted in memory per (rule, client). What is counted differs by rule:
 * authentication failures count only failures, creation rules count every
 * new session or payment. Over the limit, the answer is 429 `rate_limited`
 * with `Retry-After`. The clock is the server's injectable `now`, so tests
 * move past a window without waiting.
 *
 * In memory on purpose: one process serves the sandbox. A deployment with
 * several processes needs a shared counter (e.g. Redis) behind the same interface.
 */
import type { Context } from 'hono';
import { ApiError } from './errors.js';

export interface RateRule {
  /** How many hits a client may make per window. */
  readonly limit: number;
  readonly windowMs: number;
}

/** The limits of the reference backend; each can be overridden per deployment (`StartOptions.rateLimits`). */
export interface RateLimits {
  /** Wrong merchant secrets and unknown session tokens, per client address. While over it, the client is refused even with a right secret. */
  readonly authFailures: RateRule;
  /** Checkout sessions the demo store creates, per client address. */
  readonly storeSessions: RateRule;
  /** New payment attempts (fresh Idempotency-Keys), per session: bounds card testing through one session. */
  readonly paymentsPerSession: RateRule;
  /** New payment attempts across sessions, per client address. */
  readonly paymentsPerClient: RateRule;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  authFailures: { limit: 20, windowMs: 15 * 60 * 1000 },
  // Far above any shopper (and above a full e2e run from one loopback address), far below a scripted flood.
  storeSessions: { limit: 120, windowMs: 10 * 60 * 1000 },
  paymentsPerSession: { limit: 30, windowMs: 60 * 60 * 1000 },
  paymentsPerClient: { limit: 600, windowMs: 10 * 60 * 1000 },
};

interface Window {
  start: number;
  count: number;
}

/** Windows kept before old ones are swept, so a flood of client addresses cannot grow memory without bound. */
const MAX_TRACKED = 50_000;

export class RateLimiter {
  readonly #windows = new Map<string, Window>();

  constructor(
    readonly limits: RateLimits,
    private readonly now: () => number,
  ) {}

  #window(rule: keyof RateLimits, key: string): { id: string; window: Window | undefined; rule: RateRule } {
    const id = `${rule}\u0000${key}`;
    const settings = this.limits[rule];
    const window = this.#windows.get(id);
    if (window && this.now() - window.start >= settings.windowMs) {
      this.#windows.delete(id);
      return { id, window: undefined, rule: settings };
    }
    return { id, window, rule: settings };
  }

  /** Throws 429 when `key` is already over `rule`, without counting this request. */
  assertAllowed(rule: keyof RateLimits, key: string): void {
    const { window, rule: settings } = this.#window(rule, key);
    if (window && window.count >= settings.limit) {
      throw rateLimited(Math.max(1, Math.ceil((window.start + settings.windowMs - this.now()) / 1000)));
    }
  }

  /** Counts one hit for `key`; throws 429 (not counting it) when that would exceed `rule`. */
  hit(rule: keyof RateLimits, key: string): void {
    this.assertAllowed(rule, key);
    this.record(rule, key);
  }

  /** Counts one hit without checking (e.g. a failure that has already been answered). */
  record(rule: keyof RateLimits, key: string): void {
    const { id, window } = this.#window(rule, key);
    if (window) {
      window.count += 1;
      return;
    }
    if (this.#windows.size >= MAX_TRACKED) this.#sweep();
    this.#windows.set(id, { start: this.now(), count: 1 });
  }

  #sweep(): void {
    const now = this.now();
    for (const [id, window] of this.#windows) {
      const rule = this.limits[id.slice(0, id.indexOf('\u0000')) as keyof RateLimits];
      if (now - window.start >= rule.windowMs) this.#windows.delete(id);
    }
    // Still full: drop the oldest windows rather than refuse to count.
    for (const id of this.#windows.keys()) {
      if (this.#windows.size < MAX_TRACKED) break;
      this.#windows.delete(id);
    }
  }
}

/** 429 `rate_limited` with `Retry-After` in seconds. */
function rateLimited(seconds: number): ApiError {
  return new ApiError(429, 'rate_limited', `Too many requests; try again in ${seconds} s.`, { 'Retry-After': String(seconds) });
}

/**
 * The client's address as the socket sees it. Proxy headers such as
 * X-Forwarded-For are ignored: anyone can send them. Behind a reverse proxy,
 * key on the address the proxy vouches for instead.
 */
export function clientKey(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
