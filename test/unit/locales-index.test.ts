/**
 * Each locale's `index.ts` is the lazy chunk the runtime imports: it must exist
 * for every supported locale and default-export that locale's own namespaces.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SUPPORTED_LOCALES } from '../../src/core/i18n/locales.js';

const LOCALES_DIR = new URL('../../locales/', import.meta.url);
const NAMESPACES = readdirSync(new URL('en/', LOCALES_DIR))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort();

describe('locales/<locale>/index.ts', () => {
  it('exists for every supported locale and no other folder is left over', () => {
    const folders = readdirSync(LOCALES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    assert.deepEqual(folders, [...SUPPORTED_LOCALES].sort());
    const missing = SUPPORTED_LOCALES.filter((locale) => !existsSync(new URL(`${locale}/index.ts`, LOCALES_DIR)));
    assert.deepEqual(missing, []);
  });

  for (const locale of SUPPORTED_LOCALES) {
    it(`${locale}: default-exports ${NAMESPACES.join(', ')} from its own JSON files`, async () => {
      const module = (await import(`../../locales/${locale}/index.ts`)) as { default?: unknown };
      const bundle = module.default;
      assert.ok(bundle !== null && typeof bundle === 'object', `locales/${locale}/index.ts has no default export object`);
      assert.deepEqual(Object.keys(bundle).sort(), NAMESPACES);
      for (const namespace of NAMESPACES) {
        const onDisk: unknown = JSON.parse(readFileSync(new URL(`${locale}/${namespace}.json`, LOCALES_DIR), 'utf8'));
        // Guards against a copy-pasted index.ts that imports another locale's file.
        assert.deepEqual((bundle as Record<string, unknown>)[namespace], onDisk, `${locale}/${namespace}`);
      }
    });
  }
});
