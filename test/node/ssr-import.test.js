// Every way into the package, checked on the build (`npm run build` first):
// - a store's server render (Next.js, Nuxt) imports each entry in plain Node: that must not touch
//   window/document, and defining elements must be skipped;
// - each entry's declarations type a consumer that imports only that entry (tags, events, classes);
// - the build carries package.json's version.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** `[specifier, target]` for every `exports` entry, e.g. `['checkout-kit/drop-in', { types, node, default }]`. */
const entries = Object.entries(pkg.exports).map(([key, target]) => [key === '.' ? pkg.name : `${pkg.name}${key.slice(1)}`, target]);

describe('every package entry imports in plain Node without a DOM', () => {
  for (const [specifier, target] of entries) {
    test(specifier, async () => {
      assert.equal(typeof globalThis.window, 'undefined');
      assert.equal(typeof globalThis.HTMLElement, 'undefined');
      // Self-reference: resolved through package.json `exports` with Node's conditions, as a server would.
      const json = String(typeof target === 'string' ? target : target.default).endsWith('.json');
      await assert.doesNotReject(import(specifier, json ? { with: { type: 'json' } } : undefined), specifier);
    });
  }

  test('the package entry gives the elements and the protocol client', async () => {
    const module = await import('checkout-kit');
    for (const name of ['CkCheckout', 'CkMethodPicker', 'CkAmount', 'CkPaymentAction', 'ProtocolClient']) {
      assert.equal(typeof module[name], 'function', name);
    }
  });

  test('the drop-in gives the same element classes in Node as in a browser', async () => {
    const module = await import('checkout-kit/drop-in');
    for (const name of ['CkCheckout', 'CkMethodPicker', 'CkAmount', 'CkElement']) assert.equal(typeof module[name], 'function', name);
  });

  test('the protocol schemas work in Node for server-side validation', async () => {
    const { Session } = await import('checkout-kit');
    assert.equal(Session.safeParse({ id: 'x' }).success, false);
  });
});

describe('VERSION is package.json version in every build', () => {
  test('npm entries (dist/lib)', async () => {
    assert.equal((await import('checkout-kit')).VERSION, pkg.version);
    assert.equal((await import('checkout-kit/drop-in')).VERSION, pkg.version);
  });

  test('the browser drop-in (dist/checkout-kit.js and its element chunk)', () => {
    const entry = readFileSync(join(root, 'dist/checkout-kit.js'), 'utf8');
    // The entry names the element chunk it preloads ("./chunks/core-….js") and imports it with import().
    const chunks = [...entry.matchAll(/["']\.\/(chunks\/core-[^"']+\.js)["']/g)].map((match) => match[1]);
    assert.ok(chunks.length > 0, entry);
    const code = chunks.map((chunk) => readFileSync(join(root, 'dist', chunk), 'utf8')).join('\n');
    assert.ok(code.includes(JSON.stringify(pkg.version)), `"${pkg.version}" is not in ${chunks.join(', ')}`);
    assert.ok(!code.includes('0.0.0-source'), 'the unbundled fallback version leaked into the drop-in');
  });
});

describe('every entry carries its types (against the built declarations)', () => {
  const tsc = join(root, 'node_modules/.bin/tsc');
  const run = promisify(execFile);
  /** Type-checks `files` alone, with `checkout-kit/*` resolved through `exports` to dist/types. */
  async function typeCheck(files) {
    const dir = mkdtempSync(join(tmpdir(), 'ck-types-'));
    try {
      const config = join(dir, 'tsconfig.json');
      writeFileSync(config, JSON.stringify({ extends: join(root, 'test/types/tsconfig.dist.json'), files, include: [] }));
      await run(tsc, ['-p', config], { cwd: root });
    } catch (error) {
      assert.fail(`${files.join(', ')}:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  /** The typed consumer of each entry: test/types/entries/<name>.ts, or the React/Vue examples. */
  const consumerOf = (specifier) => {
    const name = specifier === pkg.name ? 'index' : specifier.slice(pkg.name.length + 1);
    return ['react', 'vue'].includes(name) ? join(root, `test/types/${name}.tsx`) : join(root, `test/types/entries/${name}.ts`);
  };

  for (const [specifier, target] of entries.filter(([, target]) => typeof target === 'object' && target.types)) {
    test(specifier, async () => {
      const declarations = join(root, target.types);
      assert.ok(existsSync(declarations), `${target.types} is missing`);
      assert.ok(statSync(declarations).size > 0, `${target.types} is empty`);
      const consumer = consumerOf(specifier);
      assert.ok(existsSync(consumer), `no typed consumer for ${specifier}: add ${consumer.slice(root.length)}`);
      // Alone in its program, so only what this entry's declarations bring in is known.
      await typeCheck([consumer]);
    });
  }
});
