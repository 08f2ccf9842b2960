/**
 * The card frame key: `<session id>.<HMAC>` under the merchant secret. The
 * session hands it to the page (`Session.card.frameKey`), the page hands it to
 * the frame in `configure`, and the vault checks it to bind each token to its
 * session. It lets its holder create tokens for that session and nothing
 * more, so it need not be secret; nothing is stored for it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

function mac(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`card-frame:${sessionId}`).digest('base64url').slice(0, 32);
}

export function frameKeyFor(secret: string, sessionId: string): string {
  return `${sessionId}.${mac(secret, sessionId)}`;
}

/** The session id a frame key was issued for, or `null` when it was not issued with this secret. */
export function sessionOfFrameKey(secret: string, key: string): string | null {
  const dot = key.lastIndexOf('.');
  if (dot <= 0) return null;
  const sessionId = key.slice(0, dot);
  const given = Buffer.from(key.slice(dot + 1));
  const expected = Buffer.from(mac(secret, sessionId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? sessionId : null;
}
