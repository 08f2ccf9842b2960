import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import en from '../../locales/en/index.js';
import { PSEUDO_EXPANSION, PSEUDO_MIN_GROWTH, pseudoBundle, pseudoLocalize, pseudoLocalizeString, type MessageTree } from '../../locales/pseudo.js';
import { addMessages, translate } from '../../src/core/i18n/i18n.js';

const TOKENS = /\{\{[^}]*\}\}|\$t\([^)]*\)/g;

function leaves(tree: MessageTree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[prefix + key, value]] : leaves(value, `${prefix}${key}.`),
  );
}

describe('pseudo-locale', () => {
  it('keeps placeholders and nesting byte for byte', () => {
    const out = pseudoLocalizeString('Pay {{amount}} with {{- method}} in {{count, number}} $t(checkout:total)');
    assert.deepEqual(out.match(TOKENS), ['{{amount}}', '{{- method}}', '{{count, number}}', '$t(checkout:total)']);
  });

  it('leaves no plain ASCII letter outside placeholders, so a hard-coded English string stands out', () => {
    for (const [key, text] of leaves(en.checkout)) {
      const visible = pseudoLocalizeString(text).replace(TOKENS, '');
      assert.doesNotMatch(visible, /[A-Za-z]/, key);
    }
  });

  it('brackets every message, so truncation and concatenation show at either end', () => {
    for (const [key, text] of leaves(en.checkout)) {
      const out = pseudoLocalizeString(text);
      assert.ok(out.startsWith('[') && out.endsWith(']'), `${key}: ${out}`);
    }
  });

  it('makes every message about 40% longer than English, short labels by at least a few characters', () => {
    for (const [key, text] of leaves(en.checkout)) {
      const visible = text.replace(TOKENS, '').length;
      const grown = pseudoLocalizeString(text).replace(TOKENS, '').length - visible;
      const want = Math.max(PSEUDO_MIN_GROWTH, Math.ceil(visible * PSEUDO_EXPANSION)) + 2; // + the brackets
      assert.equal(grown, want, `${key}: grew ${grown} on ${visible}`);
    }
    assert.equal(pseudoLocalizeString('Try again'), '[Ţŕý áĝáîñ ļöŕ]');
  });

  it('keeps every key, plural suffixes included, and leaves the English source untouched', () => {
    const source = { pay: 'Pay {{amount}}', more_one: '{{count}} more method', more_other: '{{count}} more methods', nested: { a: 'A' } };
    const copy = structuredClone(source);
    const out = pseudoLocalize(source);
    assert.deepEqual(Object.keys(out), Object.keys(source));
    assert.deepEqual(Object.keys(out.nested), ['a']);
    assert.deepEqual(source, copy);
    const bundle = pseudoBundle(en);
    assert.deepEqual(Object.keys(bundle).sort(), Object.keys(en).sort());
    assert.deepEqual(leaves(bundle.checkout).map(([k]) => k), leaves(en.checkout).map(([k]) => k));
  });

  it('interpolates through the i18n runtime once registered', () => {
    const bundle = pseudoBundle(en);
    for (const [namespace, messages] of Object.entries(bundle)) {
      addMessages('en-XA', namespace as keyof typeof en, messages);
    }
    const out = translate('en-XA' as 'en', 'checkout:pay', { amount: '€50.00' });
    assert.match(out, /^\[Þáý €50\.00 .+\]$/);
  });
});
