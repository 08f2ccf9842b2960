/**
 * Content-encoding for static files, as a CDN does it: the client's
 * `Accept-Encoding` picks brotli or gzip (or neither), and each file's
 * compressed bytes are computed once and kept until the file changes on disk,
 * so a busy store pays brotli's highest quality once per build, not per request.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** What a response body is sent as. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** Preference when the client accepts several equally: brotli is ~15-20% smaller than gzip on our chunks. */
const PREFERENCE: readonly Encoding[] = ['br', 'gzip', 'identity'];

/**
 * The encoding to send for an `Accept-Encoding` header value (RFC 9110 §12.5.3):
 * the highest q-value among br, gzip and identity, brotli first on ties; `*`
 * stands for any coding not listed. Identity is the answer when nothing else
 * is acceptable (a 406 would break more clients than it protects).
 */
export function negotiateEncoding(acceptEncoding: string | null | undefined): Encoding {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [rawName, ...params] = part.trim().split(';');
    const name = rawName?.trim().toLowerCase();
    if (!name) continue;
    let weight = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key?.trim().toLowerCase() === 'q' && value !== undefined) {
        const parsed = Number(value.trim());
        weight = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    q.set(name === 'x-gzip' ? 'gzip' : name, weight);
  }
  const star = q.get('*');
  // Unlisted identity is acceptable but the last choice (unless `*;q=0` refuses it); unlisted codings take `*`'s weight.
  const weightOf = (coding: Encoding): number => q.get(coding) ?? (coding === 'identity' ? (star === 0 ? 0 : 0.001) : (star ?? 0));
  let best: Encoding = 'identity';
  let bestWeight = -1;
  for (const coding of PREFERENCE) {
    const weight = weightOf(coding);
    if (weight > 0 && weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** Whether compressing a file of this type is worth it (text; images and fonts are compressed already). */
export function isCompressible(contentType: string): boolean {
  return /^(text\/|application\/(json|javascript|manifest\+json|xml)|image\/svg\+xml)/.test(contentType);
}

/** Below this, compression saves less than the header costs. */
export const MIN_COMPRESSIBLE_BYTES = 512;

interface Entry {
  /** mtime and size of the file the bytes were computed from: a rebuild invalidates them. */
  version: string;
  encoded: Map<Exclude<Encoding, 'identity'>, Promise<Buffer>>;
}

/**
 * Compressed bytes per file path, computed on first request (in the zlib
 * thread pool, never blocking the event loop) and reused while the file's
 * mtime and size stay the same. Holds at most `maxFiles` files; the least
 * recently used one is dropped first.
 */
export class CompressionCache {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly maxFiles = 512) {}

  /** `body` compressed with `encoding`, cached under `path` for this `version` (e.g. `${mtimeMs}:${size}`). */
  encode(path: string, version: string, body: Buffer, encoding: Exclude<Encoding, 'identity'>): Promise<Buffer> {
    let entry = this.#entries.get(path);
    if (entry?.version !== version) entry = { version, encoded: new Map() };
    // Re-inserting keeps Map order = recency, so the first key is the least recently used.
    this.#entries.delete(path);
    this.#entries.set(path, entry);
    while (this.#entries.size > this.maxFiles) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    let pending = entry.encoded.get(encoding);
    if (!pending) {
      pending =
        encoding === 'br'
          ? brotli(body, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            })
          : gzipAsync(body, { level: 9 });
      const current = entry;
      // A failed compression is not cached: the next request tries again.
      pending.catch(() => current.encoded.delete(encoding));
      entry.encoded.set(encoding, pending);
    }
    return pending;
  }

  /** Number of files held (tests). */
  get size(): number {
    return this.#entries.size;
  }
}
