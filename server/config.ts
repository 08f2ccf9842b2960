/**
 * Settings of the reference backend, with documented sandbox defaults so
 * `npm start` works on a fresh machine. Every default is safe only because
 * the server binds 127.0.0.1 and handles no real money.
 */

import { trustedProxiesFromEnv } from './http/rate-limit.js';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseStoreOrigins } from './http/cors.js';

/**
 * The sandbox merchant secret. Real stores keep theirs in a secret manager;
 * this one is public on purpose (docs/protocol.md) and overridable with
 * `CHECKOUT_KIT_MERCHANT_SECRET`.
 */
export const SANDBOX_MERCHANT_SECRET = 'ck_sandbox_secret_do_not_use_in_production';

/** Session tokens live 30 minutes unless the merchant asks for another `ttlSeconds`. */
export const DEFAULT_TOKEN_TTL_SECONDS = 30 * 60;
/** Bounds for `ttlSeconds`: long-lived tokens would defeat the point of a session token. */
export const MIN_TOKEN_TTL_SECONDS = 1;
export const MAX_TOKEN_TTL_SECONDS = 24 * 60 * 60;

/** Idempotency keys are remembered for 24 hours, like the large PSPs do. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * An in-flight idempotency record older than this is considered abandoned
 * (the process died mid-request) and may be taken over by a re-send.
 */
export const IDEMPOTENCY_LOCK_MS = 60 * 1000;

/**
 * Where `npm start` keeps its SQLite file unless `CHECKOUT_KIT_DB` says otherwise:
 * the user's state folder (`$XDG_STATE_HOME`, else `~/.local/state`), outside the
 * repository, so no static route of the store can ever reach it or its WAL.
 */
export const DEFAULT_DB_PATH = join(process.env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state'), 'checkout-kit', 'checkout-kit.sqlite');

/** Reads the merchant secret from the environment, falling back to the sandbox default. */
export function merchantSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['CHECKOUT_KIT_MERCHANT_SECRET'];
  return fromEnv && fromEnv.length > 0 ? fromEnv : SANDBOX_MERCHANT_SECRET;
}

/** Environment variable with further store origins the checkout API answers CORS for. */
export const ALLOWED_ORIGINS_ENV = 'CHECKOUT_KIT_ALLOWED_ORIGINS';

/**
 * Store origins allowed besides the demo store's own, from
 * `CHECKOUT_KIT_ALLOWED_ORIGINS` (comma-separated exact origins, e.g.
 * `http://localhost:3000,https://shop.example`). Unset or empty: none, so the
 * API stays closed to every other page. Throws an Error naming the variable
 * and the malformed entry, for the start-up to print and stop on.
 */
export function allowedOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env[ALLOWED_ORIGINS_ENV];
  if (raw === undefined) return [];
  try {
    return parseStoreOrigins(raw);
  } catch (error) {
    throw new Error(`${ALLOWED_ORIGINS_ENV}: ${(error as Error).message}`, { cause: error });
  }
}

/** How one instance of a deployment is told where it runs (docs/deploy.md). */
export interface DeploymentConfig {
  /** Interface to bind: `127.0.0.1` unless `HOST` says otherwise (a container needs `0.0.0.0`). */
  host: string;
  /** `DATABASE_URL`: Postgres for several instances; unset: the embedded SQLite file. */
  databaseUrl?: string;
  /** `PUBLIC_API_URL`, `PUBLIC_STORE_URL`, `PUBLIC_CARD_URL`: what buyers reach through the load balancer. */
  publicUrls: { api?: string; store?: string; card?: string };
  /** `CHECKOUT_KIT_TRUSTED_PROXIES`: the load balancers' addresses, whose X-Forwarded-For is believed. */
  trustedProxies: Set<string>;
  /** `CHECKOUT_KIT_DRAIN_DELAY_MS`: on SIGTERM, how long /readyz says 503 before the listeners stop (load balancers poll). */
  drainDelayMs: number;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

function publicUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL, got "${raw}".`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    throw new Error(`${name} must be an http(s) URL without credentials, query or fragment, got "${raw}".`);
  }
  return url.href.replace(/\/$/, '');
}

/**
 * Reads the deployment variables. Throws with the variable's name (never a URL's password) when
 * one is malformed, and refuses to listen beyond loopback with the public sandbox secrets: anyone
 * who read our docs could then create sessions and forge PSP callbacks.
 */
export function deploymentFromEnv(env: NodeJS.ProcessEnv = process.env): DeploymentConfig {
  const host = env['HOST'] || '127.0.0.1';
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// URL (postgres://user:password@host:5432/database).');
  }
  const rawDelay = env['CHECKOUT_KIT_DRAIN_DELAY_MS'];
  const drainDelayMs = rawDelay === undefined || rawDelay === '' ? 0 : Number(rawDelay);
  if (!Number.isInteger(drainDelayMs) || drainDelayMs < 0 || drainDelayMs > 120_000) {
    throw new Error(`CHECKOUT_KIT_DRAIN_DELAY_MS must be a whole number of milliseconds from 0 to 120000, got "${rawDelay}".`);
  }
  if (!LOOPBACK_HOSTS.has(host)) {
    const sandbox = [
      env['CHECKOUT_KIT_MERCHANT_SECRET'] ? undefined : 'CHECKOUT_KIT_MERCHANT_SECRET',
      env['CHECKOUT_KIT_WEBHOOK_SECRET'] ? undefined : 'CHECKOUT_KIT_WEBHOOK_SECRET',
    ].filter((name): name is string => name !== undefined);
    if (sandbox.length > 0) {
      throw new Error(`HOST=${host} listens beyond this machine: set ${sandbox.join(' and ')} first (the sandbox defaults are public).`);
    }
  }
  const publicUrls: DeploymentConfig['publicUrls'] = {};
  const api = publicUrl(env, 'PUBLIC_API_URL');
  const store = publicUrl(env, 'PUBLIC_STORE_URL');
  const card = publicUrl(env, 'PUBLIC_CARD_URL');
  if (api) publicUrls.api = api;
  if (store) publicUrls.store = store;
  if (card) publicUrls.card = card;
  return { host, ...(databaseUrl ? { databaseUrl } : {}), publicUrls, trustedProxies: trustedProxiesFromEnv(env), drainDelayMs };
}
