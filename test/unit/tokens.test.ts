/**
 * The theming contract (docs/theming.md): every `--ck-*` token used in styles
 * is documented there with its tier and default, every documented token is
 * used, each element's `@cssprop` agrees with the docs, the docs' brand and
 * system defaults are the ones in tokens.styles.ts, every part an element
 * renders is documented on it (and every documented part is rendered), and
 * every part `<ck-checkout>` promises is reachable from the page through its
 * own template or its children's `exportparts`. The example themes use only
 * documented tokens and reachable parts, and declare nothing but tokens
 * outside `::part()` rules.
 *
 * `themingContract` is pure, so the test also proves each check fails on a
 * planted violation. The component test
 * src/elements/checkout/checkout.parts.test.ts checks in Chromium that
 * `ck-checkout::part(x)` really styles the node.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');

/** What the contract reads, as plain text, so tests can plant violations. */
export interface ThemingSources {
  /** `src/elements/<folder>/<file>` → text, for every non-test source file. */
  files: Record<string, string>;
  /** docs/theming.md */
  docs: string;
  /** `themes/<file>` → text */
  themes: Record<string, string>;
}

interface ElementDoc {
  tag: string;
  folder: string;
  props: Map<string, string>;
  parts: Set<string>;
}

const BASE_TOKENS = 'src/elements/base/tokens.styles.ts';

function loadSources(): ThemingSources {
  const files: Record<string, string> = {};
  for (const folder of readdirSync(new URL('src/elements/', ROOT))) {
    for (const file of readdirSync(new URL(`src/elements/${folder}/`, ROOT))) {
      if (!file.endsWith('.ts') || /\.(test|harness)\.ts$/.test(file)) continue;
      files[`src/elements/${folder}/${file}`] = read(`src/elements/${folder}/${file}`);
    }
  }
  const themes: Record<string, string> = {};
  for (const file of readdirSync(new URL('themes/', ROOT))) if (file.endsWith('.css')) themes[`themes/${file}`] = read(`themes/${file}`);
  return { files, docs: read('docs/theming.md'), themes };
}

const folderOf = (path: string): string => path.split('/')[2]!;

/** Public elements: class docs with `@tag` and without `@internal`. */
function elementDocs(files: Record<string, string>): ElementDoc[] {
  const docs: ElementDoc[] = [];
  for (const [path, text] of Object.entries(files)) {
    for (const block of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
      const tag = /@tag (ck-[a-z-]+)/.exec(block)?.[1];
      if (!tag || /@internal/.test(block)) continue;
      const props = new Map([...block.matchAll(/@cssprop \[(--ck-[a-z0-9-]+)=([^\]]*)\]/g)].map((m) => [m[1]!, m[2]!]));
      const parts = new Set([...block.matchAll(/@csspart ([a-z][a-z0-9-]*)/g)].map((m) => m[1]!));
      docs.push({ tag, folder: folderOf(path), props, parts });
    }
  }
  return docs;
}

/** Part names in `part="…"` attributes, including quoted names inside `${…}`. */
function renderedParts(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, value] of text.matchAll(/\spart="([^"]*)"/g)) {
    const literal = value!.replace(/\$\{([^}]*)\}/g, (_, expr: string) => [...expr.matchAll(/'([^']*)'/g)].map((m) => m[1]).join(' '));
    for (const name of literal.split(/\s+/)) if (name) names.add(name);
  }
  return names;
}

/** `exportparts` of each child tag a template renders: tag → outer name → inner name. */
function forwarded(text: string): { tags: Set<string>; map: Map<string, Map<string, string>> } {
  const tags = new Set([...text.matchAll(/<(ck-[a-z-]+)[\s>]/g)].map((m) => m[1]!));
  const map = new Map<string, Map<string, string>>();
  for (const [, tag, value] of text.matchAll(/<(ck-[a-z-]+)\s+exportparts="([^"]*)"/g)) {
    const entries = map.get(tag!) ?? new Map<string, string>();
    for (const entry of value!.split(',')) {
      const [inner, outer = inner] = entry.split(':').map((s) => s.trim());
      if (inner) entries.set(outer!, inner);
    }
    map.set(tag!, entries);
  }
  return { tags, map };
}

/** Tokens documented in docs/theming.md's table: name → { tier, default }. */
function documentedTokens(docs: string): Map<string, { tier: string; value: string }> {
  const rows = [...docs.matchAll(/^\| `(--ck-[a-z0-9-]+)` \| ([^|]+) \| `([^`]*)` \|/gm)];
  return new Map(rows.map((m) => [m[1]!, { tier: m[2]!.trim(), value: m[3]! }]));
}

/** Parts listed in docs/theming.md's "Everything reachable from <ck-checkout>" table. */
function documentedParts(docs: string): Set<string> {
  const section = docs.split('### Everything reachable from `<ck-checkout>`')[1]?.split(/\n#/)[0] ?? '';
  return new Set([...section.matchAll(/^\| `([a-z][a-z0-9-]*)` \|/gm)].map((m) => m[1]!));
}

/** `var(--ck-x, default)` of each local in tokens.styles.ts, with `var(--_y)` written as the public token it reads. */
function baseDefaults(text: string): Map<string, string> {
  const publicOf = new Map<string, string>();
  const defaults = new Map<string, string>();
  for (const m of text.matchAll(/(--_[a-z0-9-]+|color-scheme): var\((--ck-[a-z0-9-]+), /g)) {
    let depth = 1;
    let end = m.index + m[0].length;
    while (depth && end < text.length) {
      const ch = text[end++];
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
    }
    publicOf.set(m[1]!, m[2]!);
    defaults.set(m[2]!, text.slice(m.index + m[0].length, end - 1));
  }
  for (const [token, value] of defaults) {
    defaults.set(token, value.replace(/var\((--_[a-z0-9-]+)\)/g, (whole, local: string) => (publicOf.has(local) ? `var(${publicOf.get(local)})` : whole)));
  }
  return defaults;
}

const TOKEN = /--ck-[a-z0-9]+(?:-[a-z0-9]+)*/g;

/** Source without comments, which mention tokens and tags that are not used there. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1');
}

export function themingContract(sources: ThemingSources): string[] {
  const problems: string[] = [];
  const docTokens = documentedTokens(sources.docs);
  const elements = elementDocs(sources.files);
  const styles = Object.entries(sources.files).filter(([path]) => path.endsWith('.styles.ts'));

  // Tokens: used ⇔ documented.
  const used = new Map<string, Set<string>>();
  for (const [path, text] of styles) {
    for (const [token] of code(text).matchAll(TOKEN)) used.set(token, (used.get(token) ?? new Set()).add(folderOf(path)));
  }
  for (const [token, folders] of used) {
    if (!docTokens.has(token)) problems.push(`${token} is used in ${[...folders].join(', ')} styles but not documented in docs/theming.md`);
  }
  for (const token of docTokens.keys()) if (!used.has(token)) problems.push(`${token} is documented in docs/theming.md but used in no styles`);

  // Brand and system defaults are the ones the base styles apply.
  const defaults = baseDefaults(sources.files[BASE_TOKENS] ?? '');
  for (const [token, doc] of docTokens) {
    if (doc.tier !== 'brand' && doc.tier !== 'system') continue;
    if (!defaults.has(token)) problems.push(`${token} is a ${doc.tier} token in docs/theming.md but tokens.styles.ts does not resolve it`);
    else if (defaults.get(token) !== doc.value) problems.push(`${token}: docs/theming.md says \`${doc.value}\`, tokens.styles.ts applies \`${defaults.get(token)}\``);
  }

  // Each element's @cssprop agrees with the docs; element tokens are documented on their element.
  for (const element of elements) {
    for (const [token, value] of element.props) {
      const doc = docTokens.get(token);
      if (!doc) problems.push(`<${element.tag}> documents ${token}, which docs/theming.md does not list`);
      else if (doc.value !== value) problems.push(`<${element.tag}> documents ${token} as \`${value}\`, docs/theming.md as \`${doc.value}\``);
    }
  }
  const checkout = elements.find((element) => element.tag === 'ck-checkout');
  for (const [token, doc] of docTokens) {
    if (doc.tier === 'brand' || doc.tier === 'system') {
      if (checkout && !checkout.props.has(token)) problems.push(`<ck-checkout> does not document the ${doc.tier} token ${token} (every one applies to it)`);
    } else {
      const tag = /^`<(ck-[a-z-]+)>`$/.exec(doc.tier)?.[1];
      const owner = elements.find((element) => element.tag === tag);
      if (!owner) problems.push(`${token}: tier ${doc.tier} in docs/theming.md is not brand, system or a public element`);
      else if (!owner.props.has(token)) problems.push(`${token} is <${owner.tag}>'s token in docs/theming.md but not an @cssprop of it`);
      else if (![...(used.get(token) ?? [])].every((folder) => folder === owner.folder)) problems.push(`${token} belongs to <${owner.tag}> but is used in other elements' styles`);
    }
  }

  // Parts: what each folder renders is what its public elements document.
  const folders = new Set(Object.keys(sources.files).map(folderOf));
  for (const folder of folders) {
    const text = Object.entries(sources.files).filter(([path]) => folderOf(path) === folder).map(([, t]) => t).join('\n');
    const rendered = renderedParts(text);
    const documented = new Set(elements.filter((element) => element.folder === folder).flatMap((element) => [...element.parts]));
    if (folder === 'checkout') for (const name of [...documented]) if (!rendered.has(name)) documented.delete(name); // forwarded ones are checked below
    for (const name of rendered) if (!documented.has(name)) problems.push(`part "${name}" is rendered in ${folder}/ but documented with @csspart on none of its elements`);
    if (folder !== 'checkout') for (const name of documented) if (!rendered.has(name)) problems.push(`part "${name}" is documented in ${folder}/ but never rendered`);
  }

  // Parts: everything <ck-checkout> promises is reachable from the page.
  if (checkout) {
    const text = code(Object.entries(sources.files).filter(([path]) => folderOf(path) === 'checkout').map(([, t]) => t).join('\n'));
    const own = renderedParts(text);
    const { tags, map } = forwarded(text);
    const reachable = new Set(own);
    for (const tag of tags) {
      const child = elements.find((element) => element.tag === tag);
      const exported = map.get(tag);
      if (!child) continue;
      if (!exported) {
        problems.push(`<ck-checkout> renders <${tag}> without exportparts: its parts are unreachable`);
        continue;
      }
      for (const [outer, inner] of exported) {
        if (!child.parts.has(inner)) problems.push(`<ck-checkout> forwards "${inner}" of <${tag}>, which documents no such part`);
        else reachable.add(outer);
      }
      for (const inner of child.parts) {
        if (![...exported.values()].includes(inner)) problems.push(`<${tag}> part "${inner}" is not forwarded by <ck-checkout> (add it to exportparts)`);
      }
    }
    for (const name of checkout.parts) if (!reachable.has(name)) problems.push(`<ck-checkout> documents part "${name}", which is not reachable through its template or exportparts`);
    for (const name of reachable) if (!checkout.parts.has(name)) problems.push(`part "${name}" is reachable on <ck-checkout> but not documented with @csspart there`);
    for (const name of documentedParts(sources.docs)) if (!checkout.parts.has(name)) problems.push(`docs/theming.md promises part "${name}" on <ck-checkout>, which it does not document or reach`);
    for (const name of checkout.parts) if (!documentedParts(sources.docs).has(name)) problems.push(`<ck-checkout> part "${name}" is missing from docs/theming.md's parts table`);

    // Themes: documented tokens, reachable parts, nothing but tokens outside ::part().
    for (const [path, css] of Object.entries(sources.themes)) {
      const plain = css.replace(/\/\*[\s\S]*?\*\//g, '');
      for (const [token] of plain.matchAll(TOKEN)) if (!docTokens.has(token)) problems.push(`${path} sets ${token}, which docs/theming.md does not list`);
      for (const [, name] of plain.matchAll(/::part\(([a-z0-9-]+)\)/g)) if (!checkout.parts.has(name!)) problems.push(`${path} styles ::part(${name}), which <ck-checkout> does not promise`);
      for (const [, selector, body] of plain.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
        if (selector!.includes('::part(')) continue;
        for (const declaration of body!.split(';').map((d) => d.trim()).filter(Boolean)) {
          if (!declaration.startsWith('--ck-')) problems.push(`${path}: "${selector!.trim()}" sets "${declaration}"; a theme changes only tokens and parts`);
        }
      }
    }
  }
  return problems;
}

describe('theming contract (docs/theming.md)', () => {
  const sources = loadSources();

  it('holds for the sources', () => {
    assert.deepEqual(themingContract(sources), []);
  });

  it('covers every element, token and theme it should', () => {
    const tags = elementDocs(sources.files).map((element) => element.tag);
    for (const tag of ['ck-amount', 'ck-checkout', 'ck-method-picker', 'ck-payment-action', 'ck-support-bubble']) assert.ok(tags.includes(tag), tag);
    assert.ok(documentedTokens(sources.docs).size >= 40, 'the token table is parsed');
    assert.ok(documentedParts(sources.docs).has('option'), 'the parts table is parsed');
    assert.deepEqual(Object.keys(sources.themes).sort(), ['themes/luxury-dark.css', 'themes/marketplace.css', 'themes/minimal.css']);
  });

  const planted = (edit: (s: ThemingSources) => void): string[] => {
    const copy: ThemingSources = { files: { ...sources.files }, docs: sources.docs, themes: { ...sources.themes } };
    edit(copy);
    return themingContract(copy);
  };
  const picker = 'src/elements/method-picker/method-picker.styles.ts';

  it('fails on a token used in styles but not documented', () => {
    const problems = planted((s) => (s.files[picker] = s.files[picker]!.replace('display: block;', 'display: block; color: var(--ck-undocumented-ink);')));
    assert.ok(problems.some((p) => p.startsWith('--ck-undocumented-ink is used in method-picker styles but not documented')), problems.join('\n'));
  });

  it('fails on a token documented but used nowhere', () => {
    const problems = planted((s) => (s.docs = s.docs.replace('| `--ck-radius` |', '| `--ck-ghost` | system | `1px` | Planted. |\n| `--ck-radius` |')));
    assert.ok(problems.includes('--ck-ghost is documented in docs/theming.md but used in no styles'), problems.join('\n'));
  });

  it('fails when the docs and the base styles disagree on a default', () => {
    const problems = planted((s) => (s.docs = s.docs.replace('| `--ck-radius` | brand | `10px` |', '| `--ck-radius` | brand | `12px` |')));
    assert.ok(problems.some((p) => p.startsWith('--ck-radius: docs/theming.md says `12px`')), problems.join('\n'));
  });

  it('fails when an element documents a token with another default', () => {
    const path = 'src/elements/payment-action/payment-action.ts';
    const problems = planted((s) => (s.files[path] = s.files[path]!.replace('[--ck-payment-action-qr-size=13rem]', '[--ck-payment-action-qr-size=12rem]')));
    assert.ok(problems.some((p) => p.includes('<ck-payment-action> documents --ck-payment-action-qr-size as `12rem`')), problems.join('\n'));
  });

  it('fails on a part rendered but not documented', () => {
    const path = 'src/elements/method-picker/method-picker.templates.ts';
    const problems = planted((s) => (s.files[path] = s.files[path]!.replace('<span class="text">', '<span part="text" class="text">')));
    assert.ok(problems.includes('part "text" is rendered in method-picker/ but documented with @csspart on none of its elements'), problems.join('\n'));
  });

  it('fails on a part promised but not reachable from <ck-checkout>', () => {
    const path = 'src/elements/checkout/payment.templates.ts';
    const problems = planted((s) => (s.files[path] = s.files[path]!.replace(' qr, countdown,', ' countdown,')));
    assert.ok(problems.includes('<ck-checkout> documents part "qr", which is not reachable through its template or exportparts'), problems.join('\n'));
    assert.ok(problems.includes('<ck-payment-action> part "qr" is not forwarded by <ck-checkout> (add it to exportparts)'), problems.join('\n'));
  });

  it('fails on a part the docs promise that <ck-checkout> does not have', () => {
    const problems = planted((s) => (s.docs = s.docs.replace('| `option` |', '| `tab` | Planted. | here |\n| `option` |')));
    assert.ok(problems.includes('docs/theming.md promises part "tab" on <ck-checkout>, which it does not document or reach'), problems.join('\n'));
  });

  it('fails on a theme that styles more than tokens and parts', () => {
    const problems = planted((s) => (s.themes['themes/minimal.css'] += '\nck-checkout { margin: 0; }\nck-checkout::part(tab) { color: red; }\n'));
    assert.ok(problems.includes('themes/minimal.css: "ck-checkout" sets "margin: 0"; a theme changes only tokens and parts'), problems.join('\n'));
    assert.ok(problems.includes('themes/minimal.css styles ::part(tab), which <ck-checkout> does not promise'), problems.join('\n'));
  });
});
