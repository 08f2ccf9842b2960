/**
 * Serves files of the store's own folders (index.html, dist/, demo/), never
 * anything outside them: containment is checked against the served folder
 * itself, after percent-decoding, so `/dist/..%2fpackage.json` (which decodes
 * to a path inside the repository but outside dist/) is a 404 like any other
 * escape. Dot-files and dot-folders are never served either.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { cacheControlFor, contentHash, etagOf, matchesIfNoneMatch } from '../http/cache-headers.js';
import { CompressionCache, isCompressible, MIN_COMPRESSIBLE_BYTES, negotiateEncoding } from '../http/compression.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The folders of the store root that are served as a whole; index.html is served on its own. */
export const SERVED_FOLDERS = ['dist', 'demo', 'themes'] as const;

export interface StaticFile {
  body: Buffer;
  contentType: string;
  /** Absolute path on disk. */
  path: string;
  /** Changes when the file does (mtime and size): keys the compressed copies and the ETag. */
  version: string;
}

/** True when `path` is (or is inside) one of the folders the store serves under `root`. */
export function isServedPath(root: string, path: string): boolean {
  const full = resolve(path);
  if (full === resolve(root, 'index.html')) return true;
  return SERVED_FOLDERS.some((folder) => {
    const base = resolve(root, folder);
    return full === base || full.startsWith(base + sep);
  });
}

/**
 * Reads `relativePath` (still percent-encoded, as in the URL) under the served
 * `folder`; `undefined` when missing, a directory, a dot-file, or escaping `folder`.
 */
export async function readStatic(folder: string, relativePath: string): Promise<StaticFile | undefined> {
  const base = resolve(folder);
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  // No segment may climb or hide: '..', '.', '.git', '.env' ...
  if (decoded.split('/').some((segment) => segment.startsWith('.'))) return undefined;
  const full = resolve(base, `.${sep}${decoded}`);
  if (!full.startsWith(base + sep)) return undefined;
  try {
    const info = await stat(full);
    if (!info.isFile()) return undefined;
    const contentType = TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream';
    return { body: await readFile(full), contentType, path: full, version: `${info.mtimeMs}:${info.size}` };
  } catch {
    return undefined;
  }
}

const compressed = new CompressionCache();
const hashes = new Map<string, { version: string; hash: string }>();

/**
 * The response for a static file, served the way a CDN would: brotli or gzip
 * as the request accepts (`Vary: Accept-Encoding`), a year of `immutable`
 * caching for hashed chunks and revalidation for everything else
 * (server/http/cache-headers.ts), and a body-less 304 when `If-None-Match`
 * names the current ETag. `urlPath` is the path as requested (`/dist/...`).
 */
export async function staticResponse(request: Request, file: StaticFile, urlPath: string): Promise<Response> {
  let known = hashes.get(file.path);
  if (known?.version !== file.version) {
    known = { version: file.version, hash: contentHash(file.body) };
    hashes.set(file.path, known);
  }
  const compressible = isCompressible(file.contentType) && file.body.length >= MIN_COMPRESSIBLE_BYTES;
  const encoding = compressible ? negotiateEncoding(request.headers.get('Accept-Encoding')) : 'identity';
  const etag = etagOf(known.hash, encoding);
  const headers = new Headers({ 'Content-Type': file.contentType, 'Cache-Control': cacheControlFor(urlPath), ETag: etag });
  if (compressible) headers.set('Vary', 'Accept-Encoding');
  if (matchesIfNoneMatch(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
  if (encoding === 'identity') return new Response(new Uint8Array(file.body), { headers });
  headers.set('Content-Encoding', encoding);
  const body = await compressed.encode(file.path, file.version, file.body, encoding);
  return new Response(new Uint8Array(body), { headers });
}
