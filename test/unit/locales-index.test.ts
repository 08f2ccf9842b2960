/**
 * Each locale ships as lazy chunks the runtime imports: `index.ts` (the
 * first-paint namespaces), `payment.ts`, `support.ts` and `call.ts`. All must exist for every supported
 * locale, default-export that locale's own JSON, and together cover every namespace.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SUPPORTED_LOCALES } from '../../src/core/i18n/locales.js';

const LOCALES_DIR = new URL('../../locales/', import.meta.url);
const NAMESPACES = readdirSync(new URL('en/', LOCALES_DIR))
  .filter((file) => file.endsWith('.json'))
  // The card frame's strings are chunks of the frame's own bundle (src/card-frame/i18n.ts), not of the widget.
  .filter((file) => file !== 'card-frame.json')
  .map((file) => file.slice(0, -'.json'.length))
  .sort();

describe('locales/<locale>/index.ts', () => {
  it('exists for every supported locale and no other folder is left over', () => {
    const folders = readdirSync(LOCALES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    assert.deepEqual(folders, [...SUPPORTED_LOCALES].sort());
    const missing = SUPPORTED_LOCALES.flatMap((locale) =>
      ['index.ts', 'payment.ts', 'support.ts', 'call.ts'].filter((file) => !existsSync(new URL(`${locale}/${file}`, LOCALES_DIR))).map((file) => `${locale}/${file}`),
    );
    assert.deepEqual(missing, []);
  });

  const CHUNKS = { index: ['catalog', 'checkout'], payment: ['payment'], support: ['support'], call: ['call'] } as const;

  it('the chunks together cover every namespace exactly once', () => {
    assert.deepEqual(Object.values(CHUNKS).flat().sort(), NAMESPACES);
  });

  for (const locale of SUPPORTED_LOCALES) {
    for (const [chunk, namespaces] of Object.entries(CHUNKS)) {
      it(`${locale}/${chunk}.ts default-exports ${namespaces.join(', ')} from its own JSON files`, async () => {
        const module = (await import(`../../locales/${locale}/${chunk}.ts`)) as { default?: unknown };
        const bundle = module.default;
        assert.ok(bundle !== null && typeof bundle === 'object', `locales/${locale}/${chunk}.ts has no default export object`);
        assert.deepEqual(Object.keys(bundle).sort(), [...namespaces]);
        for (const namespace of namespaces) {
          const onDisk: unknown = JSON.parse(readFileSync(new URL(`${locale}/${namespace}.json`, LOCALES_DIR), 'utf8'));
          // Guards against a copy-pasted module that imports another locale's file.
          assert.deepEqual((bundle as Record<string, unknown>)[namespace], onDisk, `${locale}/${namespace}`);
        }
      });
    }
  }
});
