/**
 * Every `ck-*` event an element emits is documented with `@fires` on that
 * element, so custom-elements.json and the Storybook docs list it. Reads the
 * sources: an element and its private templates/controllers in one folder.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const ELEMENTS = new URL('../../src/elements/', import.meta.url);

describe('@fires documentation', () => {
  for (const folder of readdirSync(ELEMENTS).filter((name) => name !== 'base')) {
    it(`<ck-${folder}> documents every event it emits`, () => {
      const files = readdirSync(new URL(`${folder}/`, ELEMENTS)).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
      const source = files.map((file) => readFileSync(new URL(`${folder}/${file}`, ELEMENTS), 'utf8')).join('\n');
      const emitted = new Set([...source.matchAll(/\bemit\(\s*'(ck-[a-z-]+)'/g)].map((match) => match[1]));
      const documented = new Set([...source.matchAll(/@fires\s+(ck-[a-z-]+)/g)].map((match) => match[1]));
      assert.ok(emitted.size > 0, `no emit() found in src/elements/${folder}`);
      assert.deepEqual([...emitted].filter((name) => !documented.has(name)).sort(), [], 'emitted but not documented with @fires');
    });
  }
});
