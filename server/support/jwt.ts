/**
 * Verifies the merchant-signed identity token a store may hand the bubble:
 * a JWT signed HS256 with the merchant secret, with `sub`, optional `name` and
 * `email`, and a required `exp`. node:crypto is all HS256 needs; anything
 * else (another `alg`, no expiry, a bad signature) is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface VerifiedIdentity {
  subject: string;
  name?: string;
  email?: string;
}

/** Tokens that live longer than this are refused: an identity token is meant to be minted per page view. */
const MAX_LIFETIME_SECONDS = 24 * 60 * 60;

export class IdentityError extends Error {}

function decodeJson(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new IdentityError('not a JSON object');
  return value as Record<string, unknown>;
}

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;

/** Returns the verified identity or throws {@link IdentityError} saying why (for the developer, not the buyer). */
export function verifyIdentityToken(token: string, secret: string, nowMs: number): VerifiedIdentity {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new IdentityError('not a compact JWT');
  const [header, payload, signature] = parts as [string, string, string];
  let head: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    head = decodeJson(header);
    claims = decodeJson(payload);
  } catch {
    throw new IdentityError('header or payload is not base64url JSON');
  }
  if (head['alg'] !== 'HS256') throw new IdentityError('alg must be HS256');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new IdentityError('bad signature');
  const exp = claims['exp'];
  const now = Math.floor(nowMs / 1000);
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new IdentityError('exp is required');
  if (exp <= now) throw new IdentityError('expired');
  if (exp - now > MAX_LIFETIME_SECONDS) throw new IdentityError('exp is more than 24 hours away');
  const subject = text(claims['sub'], 128);
  if (!subject) throw new IdentityError('sub is required');
  const identity: VerifiedIdentity = { subject };
  const name = text(claims['name'], 80);
  const email = text(claims['email'], 254);
  if (name) identity.name = name;
  if (email) identity.email = email;
  return identity;
}

/** Signs an identity token (stores do this on their server; tests and the demo store use it too). */
export function signIdentityToken(claims: { sub: string; name?: string; email?: string; exp: number }, secret: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
