/**
 * Script pinning for stores under PCI DSS v4 6.4.3 / 11.6.1: after the drop-in
 * build, `dist/sri.json` lists the Subresource Integrity hash (SHA-384) of every
 * script file of the drop-in, the entry and each chunk, hashed from the bytes on
 * disk, and a ready import map whose `integrity` entries make the browser check
 * each chunk the entry loads with `import()` (see docs/security.md).
 *
 * `verifySri` re-hashes the files and lists every difference: `npm run size`
 * runs it on each build, and test/unit/sri.test.ts shows it failing on a tampered file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

/** The manifest's name inside the build folder. */
export const SRI_FILE = 'sri.json';

/** What `dist/sri.json` holds. */
export interface SriManifest {
  algorithm: 'sha384';
  /** `sha384-…` by path relative to the build folder (`checkout-kit.js`, `chunks/core-….js`). */
  files: Record<string, string>;
  /**
   * An import map for the page: the same hashes keyed `./chunks/…` relative to the
   * build folder; a store prefixes each key with the URL it serves the folder from.
   */
  importMap: { integrity: Record<string, string> };
}

/** The SRI value of some bytes: `sha384-` and the base64 digest, as `integrity` attributes and import maps take it. */
export function integrityOf(bytes: Uint8Array): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/**
 * The drop-in's script files: the `.js` files at the top of the build folder and
 * everything under `chunks/`. Other folders are other builds: `lib/` and `types/` for
 * npm, `card-frame/` the card frame's page script, served by the payment origin under its own policy.
 */
function scriptFiles(dir: string, top = true): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return !top || name === 'chunks' ? scriptFiles(path, false) : [];
    return name.endsWith('.js') ? [path] : [];
  });
}

/** Hashes every `.js` of the drop-in in `outDir` (see `scriptFiles`). */
export function buildSriManifest(outDir: string): SriManifest {
  const files: Record<string, string> = {};
  for (const path of scriptFiles(outDir).sort()) files[relative(outDir, path).split(sep).join('/')] = integrityOf(readFileSync(path));
  const integrity = Object.fromEntries(Object.entries(files).map(([file, hash]) => [`./${file}`, hash]));
  return { algorithm: 'sha384', files, importMap: { integrity } };
}

/**
 * Every way `outDir` disagrees with its `sri.json`: a missing manifest, a listed
 * file that is missing or whose bytes changed, a script file the manifest does not list.
 */
export function verifySri(outDir: string): string[] {
  const manifestPath = join(outDir, SRI_FILE);
  if (!existsSync(manifestPath)) return [`${SRI_FILE} is missing`];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as SriManifest;
  const actual = buildSriManifest(outDir).files;
  const problems: string[] = [];
  for (const [file, hash] of Object.entries(manifest.files)) {
    if (!(file in actual)) problems.push(`${file} is listed but missing`);
    else if (actual[file] !== hash) problems.push(`${file} does not match its hash`);
  }
  for (const file of Object.keys(actual)) if (!(file in manifest.files)) problems.push(`${file} is not listed`);
  for (const [key, hash] of Object.entries(manifest.importMap?.integrity ?? {})) {
    if (manifest.files[key.replace(/^\.\//, '')] !== hash) problems.push(`import map entry ${key} disagrees with files`);
  }
  return problems;
}

/** Writes `sri.json` once the bundle is on disk, so the hashes are of the exact bytes served. */
export function sriManifest(): Plugin {
  return {
    name: 'checkout-kit:sri-manifest',
    apply: 'build',
    writeBundle(options) {
      const outDir = options.dir;
      if (!outDir) return;
      writeFileSync(join(outDir, SRI_FILE), `${JSON.stringify(buildSriManifest(outDir), null, 2)}\n`);
    },
  };
}
