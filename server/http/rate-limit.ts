/**
 * Per-client rate limits (docs/protocol.md, "Rate limits"): fixed windows
 * counted per (rule, client) in the storage, shared by every instance. What is counted differs by rule:
 * authentication failures count only failures, creation rules count every
 * new session or payment. Over the limit, the answer is 429 `rate_limited`
 * with `Retry-After`. The clock is the server's injectable `now`, so tests
 * move past a window without waiting.
 */
import type { Context } from 'hono';
import type { Sql } from '../storage/storage.js';
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

/**
 * The counters: one row per (rule, client) holding the current fixed window.
 * In the storage, not in memory, so N instances behind a load balancer share
 * one limit instead of granting N times as much (migration in this file).
 */
export const RATE_LIMIT_MIGRATION = `
CREATE TABLE IF NOT EXISTS rate_limit_windows (
  rule         TEXT NOT NULL,
  client_key   TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  hits         INTEGER NOT NULL,
  PRIMARY KEY (rule, client_key)
);
CREATE INDEX IF NOT EXISTS rate_limit_windows_start ON rate_limit_windows(window_start);
`;

/**
 * Counts one hit in one statement, atomically on any instance: a window past its time starts over
 * at 1; otherwise the count goes up only while under the limit (the WHERE), so a refused request
 * is not counted. Returns the row only when the hit was counted.
 */
const COUNT_HIT = `
INSERT INTO rate_limit_windows (rule, client_key, window_start, hits) VALUES (?, ?, ?, 1)
ON CONFLICT (rule, client_key) DO UPDATE SET
  hits = CASE WHEN rate_limit_windows.window_start <= ? THEN 1 ELSE rate_limit_windows.hits + 1 END,
  window_start = CASE WHEN rate_limit_windows.window_start <= ? THEN excluded.window_start ELSE rate_limit_windows.window_start END
WHERE rate_limit_windows.window_start <= ? OR rate_limit_windows.hits < ?
RETURNING hits`;

export class RateLimiter<Rule extends string = keyof RateLimits> {
  constructor(
    readonly limits: Readonly<Record<Rule, RateRule>>,
    private readonly store: Sql,
    private readonly now: () => number,
  ) {}

  /** Throws 429 when `key` is already over `rule`, without counting this request. */
  async assertAllowed(rule: Rule, key: string): Promise<void> {
    const settings = this.limits[rule];
    const now = this.now();
    const row = await this.store.get<{ hits: number; windowStart: number }>(
      'SELECT hits, window_start AS "windowStart" FROM rate_limit_windows WHERE rule = ? AND client_key = ?',
      [rule, key],
    );
    if (row && now - row.windowStart < settings.windowMs && row.hits >= settings.limit) {
      throw rateLimited(retryAfterSeconds(row.windowStart + settings.windowMs - now));
    }
  }

  /** Counts one hit for `key`; throws 429 (not counting it) when that would exceed `rule`. */
  async hit(rule: Rule, key: string): Promise<void> {
    const settings = this.limits[rule];
    const now = this.now();
    const expired = now - settings.windowMs;
    const counted = await this.store.get<{ hits: number }>(COUNT_HIT, [rule, key, now, expired, expired, expired, settings.limit]);
    if (counted) return;
    const row = await this.store.get<{ windowStart: number }>(
      'SELECT window_start AS "windowStart" FROM rate_limit_windows WHERE rule = ? AND client_key = ?',
      [rule, key],
    );
    throw rateLimited(retryAfterSeconds((row?.windowStart ?? now) + settings.windowMs - now));
  }

  /** Counts one hit without checking (e.g. a failure that has already been answered). */
  async record(rule: Rule, key: string): Promise<void> {
    const settings = this.limits[rule];
    const now = this.now();
    const expired = now - settings.windowMs;
    // The same statement with a limit no count reaches: always counted.
    await this.store.get(COUNT_HIT, [rule, key, now, expired, expired, expired, Number.MAX_SAFE_INTEGER]);
  }

  /** Deletes windows past every rule's length, so a flood of client addresses cannot grow the table without bound. */
  async sweep(): Promise<number> {
    // Only this limiter's rules: another limiter's may have longer windows.
    const rules = Object.entries(this.limits) as Array<[Rule, RateRule]>;
    let deleted = 0;
    for (const [rule, settings] of rules) {
      deleted += (await this.store.run('DELETE FROM rate_limit_windows WHERE rule = ? AND window_start <= ?', [rule, this.now() - settings.windowMs])).changes;
    }
    return deleted;
  }
}

function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** 429 `rate_limited` with `Retry-After` in seconds. */
function rateLimited(seconds: number): ApiError {
  return new ApiError(429, 'rate_limited', `Too many requests; try again in ${seconds} s.`, { 'Retry-After': String(seconds) });
}

/** IPv4 addresses arrive on dual-stack sockets as `::ffff:a.b.c.d`; compare them as `a.b.c.d`. */
function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice('::ffff:'.length) : trimmed;
}

/**
 * The client's address: the socket's peer, unless that peer is one of the
 * `trustedProxies` (the deployment's load balancers, docs/deploy.md). Then
 * X-Forwarded-For is read from the right, skipping trusted proxies, and the
 * first address no proxy of ours vouches for is the client. Anyone can send
 * X-Forwarded-For, so from any other peer it is ignored.
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | undefined, trustedProxies: ReadonlySet<string>): string {
  const socketAddress = peer ? normalizeAddress(peer) : 'unknown';
  if (!trustedProxies.has(socketAddress) || !forwardedFor) return socketAddress;
  const hops = forwardedFor.split(',').map(normalizeAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.has(hops[i]!)) return hops[i]!.slice(0, 64);
  return hops[0]?.slice(0, 64) ?? socketAddress;
}

/** Reads `CHECKOUT_KIT_TRUSTED_PROXIES`: comma-separated IP addresses of the load balancers in front of this instance. */
export function trustedProxiesFromEnv(env: NodeJS.ProcessEnv = process.env): Set<string> {
  const raw = env['CHECKOUT_KIT_TRUSTED_PROXIES'] ?? '';
  const addresses = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const address of addresses) {
    if (!/^[0-9a-fA-F:.]+$/.test(address)) throw new Error(`CHECKOUT_KIT_TRUSTED_PROXIES: "${address}" is not an IP address.`);
  }
  return new Set(addresses.map(normalizeAddress));
}

/**
 * The client's address as resolved for this request (see `resolveClientAddress`;
 * the app stores it per request when it has trusted proxies), else the socket's peer.
 */
export function clientKey(c: Context): string {
  const resolved = (c.var as { clientAddress?: string } | undefined)?.clientAddress;
  if (resolved) return resolved;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
