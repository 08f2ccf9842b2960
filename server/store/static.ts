/**
 * Serves files of the store's own folders (index.html, dist/, demo/), never
 * anything outside them: containment is checked against the served folder
 * itself, after percent-decoding, so `/dist/..%2fpackage.json` (which decodes
 * to a path inside the repository but outside dist/) is a 404 like any other
 * escape. Dot-files and dot-folders are never served either.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

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
export const SERVED_FOLDERS = ['dist', 'demo'] as const;

export interface StaticFile {
  body: Buffer;
  contentType: string;
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
    if (!(await stat(full)).isFile()) return undefined;
    return { body: await readFile(full), contentType: TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}
