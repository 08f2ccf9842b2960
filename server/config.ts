/**
 * Settings of the reference backend, with documented sandbox defaults so
 * `npm start` works on a fresh machine. Every default is safe only because
 * the server binds 127.0.0.1 and handles no real money.
 */

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
