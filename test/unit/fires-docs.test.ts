/**
 * The event contract: every `ck-*` event that leaves an element is documented
 * with `@fires` on that element, and every `@fires` is an event that can
 * actually leave it. "Leaves" includes the events of the child elements it
 * renders: they bubble and are composed, so they cross its shadow root and are
 * part of its public API unless the element stops them at its boundary.
 *
 * Reads the sources: an element and its private templates/controllers live in
 * one folder; the children are the `<ck-…>` tags its templates render.
 * `eventContract` is pure, so the test also proves it fails on planted violations.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const ELEMENTS = new URL('../../src/elements/', import.meta.url);

/** One element's folder, reduced to what the contract needs. */
export interface ElementSource {
  name: string;
  /** Every non-test source file of the folder, joined. */
  text: string;
}

interface Facts {
  emitted: Set<string>;
  documented: Set<string>;
  children: Set<string>;
  /** Events stopped at the boundary: `@ck-x=${…stopPropagation…}` handlers are not detectable reliably, so they are declared. */
  stopped: Set<string>;
}

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/[^\n]*/g, '$1');
}

function factsOf(source: ElementSource): Facts {
  const text = source.text;
  return {
    emitted: new Set([...text.matchAll(/\bemit\(\s*'(ck-[a-z-]+)'/g)].map((m) => m[1]!)),
    documented: new Set([...text.matchAll(/@fires\s+(ck-[a-z-]+)/g)].map((m) => m[1]!)),
    // Tags in code (templates), not in doc comments that merely mention an element.
    children: new Set([...withoutComments(text).matchAll(/<ck-([a-z-]+)[\s>]/g)].map((m) => m[1]!).filter((child) => child !== source.name)),
    stopped: new Set([...text.matchAll(/@stops\s+(ck-[a-z-]+)/g)].map((m) => m[1]!)),
  };
}

/** Every contract violation across `elements`, one line each. */
export function eventContract(elements: readonly ElementSource[]): string[] {
  const facts = new Map(elements.map((source) => [source.name, factsOf(source)]));
  const leaving = (name: string, seen: Set<string> = new Set()): Set<string> => {
    const own = facts.get(name);
    if (!own || seen.has(name)) return new Set();
    seen.add(name);
    const out = new Set(own.emitted);
    for (const child of own.children) for (const event of leaving(child, seen)) if (!own.stopped.has(event)) out.add(event);
    return out;
  };
  const problems: string[] = [];
  for (const [name, own] of facts) {
    const out = leaving(name);
    for (const event of [...out].sort()) if (!own.documented.has(event)) problems.push(`<ck-${name}>: ${event} leaves the element but has no @fires`);
    for (const event of [...own.documented].sort()) if (!out.has(event)) problems.push(`<ck-${name}>: @fires ${event}, but neither it nor a child emits it`);
  }
  return problems;
}

function readElements(): ElementSource[] {
  return readdirSync(ELEMENTS)
    .filter((name) => name !== 'base')
    .map((name) => {
      const files = readdirSync(new URL(`${name}/`, ELEMENTS)).filter((file) => file.endsWith('.ts') && !/\.(test|harness)\.ts$/.test(file));
      return { name, text: files.map((file) => readFileSync(new URL(`${name}/${file}`, ELEMENTS), 'utf8')).join('\n') };
    });
}

describe('event contract (@fires)', () => {
  const elements = readElements();

  it('finds every element and what it emits', () => {
    assert.ok(elements.length >= 4, 'elements found');
    const checkout = factsOf(elements.find((e) => e.name === 'checkout')!);
    assert.ok(checkout.children.has('method-picker') && checkout.children.has('payment-action'), 'children of <ck-checkout> found');
  });

  for (const element of elements) {
    it(`<ck-${element.name}> documents every event that leaves it, and only those`, () => {
      assert.deepEqual(
        eventContract(elements).filter((problem) => problem.startsWith(`<ck-${element.name}>`)),
        [],
      );
    });
  }

  it('fails on an undocumented event, an undocumented child event and a documented event nobody emits', () => {
    const planted: ElementSource[] = [
      { name: 'parent', text: "/** @fires ck-own - x\n * @fires ck-ghost - never sent */\nthis.emit('ck-own', {}); this.emit('ck-secret', {}); html`<ck-child></ck-child>`" },
      { name: 'child', text: "/** @fires ck-child-news - x */\nthis.emit('ck-child-news', {});" },
    ];
    assert.deepEqual(eventContract(planted), [
      '<ck-parent>: ck-child-news leaves the element but has no @fires',
      '<ck-parent>: ck-secret leaves the element but has no @fires',
      '<ck-parent>: @fires ck-ghost, but neither it nor a child emits it',
    ]);
  });

  it('accepts a child event the parent stops at its boundary (declared with @stops)', () => {
    const planted: ElementSource[] = [
      { name: 'parent', text: "/** @fires ck-own - x\n * @stops ck-child-news - handled inside */\nthis.emit('ck-own', {}); html`<ck-child></ck-child>`" },
      { name: 'child', text: "/** @fires ck-child-news - x */\nthis.emit('ck-child-news', {});" },
    ];
    assert.deepEqual(eventContract(planted), []);
  });
});
