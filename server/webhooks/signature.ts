/**
 * Signing and verifying PSP callbacks (docs/protocol.md, "PSP callbacks"):
 * HMAC-SHA256 with the shared webhook secret over `<timestamp>.<raw body>`,
 * hex-encoded, sent as `Ck-Webhook-Signature: v1=<hex>` next to
 * `Ck-Webhook-Id` and `Ck-Webhook-Timestamp` (Unix seconds). Several
 * space-separated `v1=` values are allowed so a secret can be rotated.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_ID_HEADER = 'Ck-Webhook-Id';
export const WEBHOOK_TIMESTAMP_HEADER = 'Ck-Webhook-Timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'Ck-Webhook-Signature';

/** A signature older or newer than this (seconds) is refused: a captured request cannot be replayed later. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** The public sandbox webhook secret; real deployments set `CHECKOUT_KIT_WEBHOOK_SECRET`. */
export const SANDBOX_WEBHOOK_SECRET = 'whsec_sandbox_do_not_use_in_production';

/** Reads the webhook secret from the environment, falling back to the sandbox default. */
export function webhookSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['CHECKOUT_KIT_WEBHOOK_SECRET'];
  return fromEnv && fromEnv.length > 0 ? fromEnv : SANDBOX_WEBHOOK_SECRET;
}

/** Hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The three headers of one delivery, signed now. */
export function signedHeaders(secret: string, id: string, body: string, nowMs: number): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    [WEBHOOK_ID_HEADER]: id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: `v1=${webhookSignature(secret, timestamp, body)}`,
  };
}

export type Verification = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'signature' };

/**
 * Checks a delivery: timestamp within the tolerance of `nowMs`, and one of the
 * `v1=` signatures equal to ours, compared in constant time.
 */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowMs: number,
): Verification {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^[0-9]{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing' };
  const seconds = Number(timestamp);
  if (Math.abs(nowMs / 1000 - seconds) > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(webhookSignature(secret, seconds, body), 'hex');
  const candidates = signature
    .split(/\s+/)
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3));
  // Every candidate is compared (no early exit on a match) and only equal-length buffers reach timingSafeEqual.
  let match = false;
  for (const candidate of candidates) {
    const given = /^[0-9a-f]{64}$/.test(candidate) ? Buffer.from(candidate, 'hex') : Buffer.alloc(expected.length);
    const equal = timingSafeEqual(given, expected) && /^[0-9a-f]{64}$/.test(candidate);
    match = match || equal;
  }
  return match ? { ok: true } : { ok: false, reason: 'signature' };
}
