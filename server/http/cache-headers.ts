/**
 * Cache policy of the store's static files, as a CDN in front of `dist/`
 * would apply it:
 * - hashed chunks (`/dist/chunks/<name>-<hash>.js`) never change under their
 *   name, so browsers keep them a year without asking again;
 * - everything else (the entry `dist/checkout-kit.js`, HTML, source maps,
 *   demo assets) keeps its URL across releases, so the browser revalidates it
 *   on every use with its ETag and gets a body-less 304 when nothing changed.
 *   A rebuilt entry is picked up at once, and it names the new chunks.
 */
import { createHash } from 'node:crypto';

/** A year, the longest lifetime caches honour; `immutable` also skips revalidation on reload. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Stored, but checked with the server (ETag) before each use. */
export const REVALIDATE = 'no-cache';

/** Vite/rolldown's content hash: 8 characters of base64url after the last hyphen. */
const HASHED_CHUNK = /^\/dist\/chunks\/[^/]+-[A-Za-z0-9_-]{8}\.js$/;

/** Cache-Control for a static file's URL path (e.g. `/dist/chunks/core-CBXaCU1O.js`, `/index.html`). */
export function cacheControlFor(urlPath: string): string {
  return HASHED_CHUNK.test(urlPath) ? IMMUTABLE : REVALIDATE;
}

/**
 * A strong ETag of one representation: the content hash of the file plus the
 * content coding, since gzip and brotli bytes of the same file differ
 * (RFC 9110 §8.8.3); `Vary: Accept-Encoding` keeps caches from mixing them.
 */
export function etagOf(contentHash: string, encoding: string): string {
  return encoding === 'identity' ? `"${contentHash}"` : `"${contentHash}-${encoding}"`;
}

/** The hash an ETag is made of: 22 base64url characters (132 bits) of the file's SHA-256. */
export function contentHash(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 22);
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, RFC 9110 §13.1.2), or is `*`. */
export function matchesIfNoneMatch(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
