/**
 * The dependency arrows of the project, enforced on the sources:
 * - `src/core/` is plain TypeScript: it imports neither lit nor `src/elements/`,
 *   and uses no DOM globals (it runs in Node, in tests and on servers).
 * - `server/` imports nothing of `src/` but the protocol schemas (`src/core/protocol/`).
 * - An element imports another element only through its public module (the
 *   element file itself or `src/define/`), never its controllers, templates or styles
 *   (test harnesses may use each other's harness).
 *
 * `checkLayers` is pure, so the test also proves it fails on planted violations.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface SourceFile {
  /** Path from the repository root, with forward slashes. */
  path: string;
  text: string;
}

/** DOM globals that mean "this code needs a browser"; types-only mentions are allowed (see stripTypes). */
const DOM_GLOBALS = ['document', 'window', 'HTMLElement', 'customElements', 'localStorage', 'sessionStorage', 'navigator'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function sources(dir: string): SourceFile[] {
  return walk(join(ROOT, dir))
    .filter((path) => /\.(ts|js|mjs)$/.test(path) && !/\.(test|spec)\.ts$/.test(path) && !path.endsWith('.d.ts'))
    .map((path) => ({ path: relative(ROOT, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }));
}

/** Module specifiers of static imports, re-exports and dynamic imports (`import type` included: a type is an arrow too). */
function importsOf(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]/g)) found.add(match[1]!);
  for (const match of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.add(match[1]!);
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(match[1]!);
  return [...found];
}

/** The import target as a repository path, for relative specifiers; bare ones are returned as they are. */
function target(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return relative(ROOT, resolve(ROOT, dirname(from), specifier)).split(sep).join('/').replace(/\.js$/, '.ts');
}

/** Code without comments, strings and type-only positions that would make DOM names look used. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/[^\n]*/g, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""')
    .replace(/typeof\s+(document|window|navigator|customElements|localStorage|sessionStorage)\s*(===|!==)\s*""/g, '');
}

/** Every layer violation in `files`, one line each. */
export function checkLayers(files: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const imports = importsOf(file.text).map((specifier) => ({ specifier, to: target(file.path, specifier) }));
    if (file.path.startsWith('src/core/')) {
      for (const { specifier, to } of imports) {
        if (/^(lit|@lit\/|@lit-labs\/|@floating-ui\/)/.test(specifier)) problems.push(`${file.path}: core imports ${specifier} (rendering belongs in src/elements)`);
        if (to.startsWith('src/elements/') || to.startsWith('src/define/')) problems.push(`${file.path}: core imports ${to} (arrows run from elements to core)`);
      }
      const code = codeOnly(file.text);
      for (const name of DOM_GLOBALS) {
        if (new RegExp(`(?<![.\\w$])${name}(?![\\w$])(?!\\s*:)`).test(code)) problems.push(`${file.path}: core uses the DOM global ${name}`);
      }
    }
    if (file.path.startsWith('server/')) {
      for (const { to } of imports) {
        if (to.startsWith('src/') && !to.startsWith('src/core/protocol/')) problems.push(`${file.path}: server imports ${to} (only src/core/protocol is shared)`);
      }
    }
    const own = /^src\/elements\/([^/]+)\//.exec(file.path)?.[1];
    if (own) {
      for (const { to } of imports) {
        const other = /^src\/elements\/([^/]+)\/(.+)$/.exec(to);
        if (!other || other[1] === own || other[1] === 'base') continue;
        // Test harnesses compose: the checkout's harness drives the picker through the picker's harness.
        const harnessToHarness = file.path.endsWith('.harness.ts') && other[2] === `${other[1]}.harness.ts`;
        if (other[2] !== `${other[1]}.ts` && !harnessToHarness) problems.push(`${file.path}: reaches into <ck-${other[1]}> internals (${to}); use its element module or tag`);
      }
    }
  }
  return problems;
}

describe('layers', () => {
  const files = [...sources('src'), ...sources('server')];

  it('holds for the whole source tree', () => {
    assert.ok(files.some((f) => f.path.startsWith('src/core/')) && files.some((f) => f.path.startsWith('server/')), 'sources found');
    assert.deepEqual(checkLayers(files), []);
  });

  it('fails on each kind of planted violation', () => {
    const planted: SourceFile[] = [
      { path: 'src/core/money/bad-lit.ts', text: "import { html } from 'lit';\n" },
      { path: 'src/core/money/bad-element.ts', text: "import type { CkAmount } from '../../elements/amount/amount.js';\n" },
      { path: 'src/core/money/bad-dom.ts', text: 'export const width = () => window.innerWidth;\n' },
      { path: 'server/bad.ts', text: "import { formatMoney } from '../src/core/money/format.js';\n" },
      { path: 'src/elements/checkout/bad.ts', text: "import { optionTemplate } from '../method-picker/method-picker.templates.js';\n" },
      { path: 'src/core/money/bad-dynamic.ts', text: "export const load = () => import('../../elements/amount/amount.js');\n" },
    ];
    const problems = checkLayers(planted);
    assert.equal(problems.length, planted.length, problems.join('\n'));
    for (const file of planted) assert.ok(problems.some((p) => p.startsWith(file.path)), `${file.path} not caught`);
  });

  it('allows what the rules allow', () => {
    const fine: SourceFile[] = [
      { path: 'src/core/money/ok.ts', text: "// document.title is not touched here\nexport const isBrowser = typeof window !== 'undefined';\nexport type W = { window: number };\n" },
      { path: 'server/ok.ts', text: "import { Session } from '../src/core/protocol/schemas.js';\n" },
      { path: 'src/elements/checkout/ok.ts', text: "import { CkAmount } from '../amount/amount.js';\nimport { CkElement } from '../base/ck-element.js';\n" },
    ];
    assert.deepEqual(checkLayers(fine), []);
  });
});
