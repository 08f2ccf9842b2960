/**
 * What Storybook is shown of the Custom Elements Manifest (.storybook/manifest.ts): only the public
 * API, and controls that fit each row. Runs on a small manifest written here, and on the real
 * `custom-elements.json` when `npm run analyze` has written it.
 *
 *   node --import tsx --test test/stories/manifest.test.ts
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  elementOf,
  eventNames,
  isColour,
  isColourToken,
  publicManifest,
  tokenArgs,
  withControls,
  writableProperties,
  type ArgTypeLike,
  type Manifest,
} from '../../.storybook/manifest.js';

const SAMPLE: Manifest = {
  schemaVersion: '1.0.0',
  modules: [
    {
      kind: 'javascript-module',
      path: 'src/elements/x/x.ts',
      declarations: [
        {
          kind: 'class',
          name: 'CkX',
          tagName: 'ck-x',
          customElement: true,
          members: [
            { kind: 'field', name: 'sessionToken', type: { text: 'string' } },
            { kind: 'field', name: 'state', type: { text: 'XState' }, description: 'Current state. Read-only; reflected for styling.' },
            { kind: 'field', name: 'flow', privacy: 'private' },
            { kind: 'field', name: 'stage', privacy: 'protected' },
            { kind: 'field', name: '#pending', privacy: 'private' },
            { kind: 'field', name: '_cache' },
            { kind: 'field', name: 'unreadKey', readonly: true, description: '@internal storage key' },
            { kind: 'method', name: 'define', static: true },
            { kind: 'field', name: 'mode', type: { text: "'a' | 'b'" } },
            { kind: 'field', name: 'now', type: { text: '() => number' } },
          ],
          attributes: [
            { name: 'session-token', fieldName: 'sessionToken' },
            { name: 'flow', fieldName: 'flow' },
          ],
          events: [{ name: 'ck-ready' }, { name: 'ck-error' }],
          cssProperties: [
            { name: '--ck-color-primary', default: 'light-dark(#2456d6, #8fb0ff)' },
            { name: '--ck-x-border', default: 'var(--ck-color-primary, #2456d6)' },
            { name: '--ck-x-selected-background', default: '6% primary on surface' },
            { name: '--ck-radius', default: '10px' },
          ],
          cssParts: [{ name: 'option' }],
        },
      ],
    },
  ],
};

describe('Storybook manifest filter', () => {
  const filtered = elementOf(publicManifest(SAMPLE), 'ck-x')!;

  it('drops private, protected, #, _, static and @internal members, and attributes of dropped fields', () => {
    assert.deepEqual(
      filtered.members!.map((member) => member.name),
      ['sessionToken', 'state', 'mode', 'now'],
    );
    assert.deepEqual(
      filtered.attributes!.map((attribute) => attribute.name),
      ['session-token'],
    );
  });

  it('keeps events, parts and tokens, and lists every ck-* event for the Actions panel', () => {
    assert.equal(filtered.cssParts!.length, 1);
    assert.equal(filtered.cssProperties!.length, 4);
    assert.deepEqual(eventNames(SAMPLE), ['ck-error', 'ck-ready']);
  });

  it('recognises colour values and colour tokens', () => {
    for (const value of ['#d6246e', '#fff', 'rgb(1 2 3)', 'light-dark(#fff, #000)', 'color-mix(in srgb, red 10%, white)', 'transparent']) {
      assert.ok(isColour(value), value);
    }
    for (const value of ['10px', '0.75rem', 'system-ui', '1em', undefined]) assert.ok(!isColour(value), String(value));
    const defaults = new Map(SAMPLE.modules[0]!.declarations![0]!.cssProperties!.map((token) => [token.name, token.default]));
    assert.ok(isColourToken('--ck-x-border', 'var(--ck-color-primary, #2456d6)', defaults));
    assert.ok(isColourToken('--ck-x-selected-background', '6% primary on surface', defaults));
    assert.ok(!isColourToken('--ck-radius', '10px', defaults));
    assert.ok(!isColourToken('--ck-color-scheme', 'light dark', defaults));
  });

  it('gives colour tokens a colour picker, other tokens a text box, and read-only state no control', () => {
    const argTypes: Record<string, ArgTypeLike> = {
      sessionToken: { name: 'sessionToken', table: { category: 'properties', type: { summary: 'string' } } },
      state: { name: 'state', table: { category: 'properties', type: { summary: 'XState' } } },
      mode: { name: 'mode', table: { category: 'properties', type: { summary: "'a' | 'b'" } } },
      now: { name: 'now', table: { category: 'properties', type: { summary: '() => number' } } },
      'session-token': { name: 'session-token', table: { category: 'attributes' } },
      '--ck-color-primary': { name: '--ck-color-primary', table: { category: 'css custom properties' } },
      '--ck-radius': { name: '--ck-radius', table: { category: 'css custom properties' } },
      '--ck-color-scheme': { name: '--ck-color-scheme', table: { category: 'css custom properties' } },
      option: { name: 'option', table: { category: 'css shadow parts' } },
    };
    const out = withControls(argTypes, filtered);
    assert.deepEqual(out['--ck-color-primary']!.control, { type: 'color', presetColors: ['#2456d6'] });
    assert.deepEqual(out['--ck-radius']!.control, { type: 'text' });
    assert.deepEqual(out['--ck-color-scheme']!.options, ['light dark', 'light', 'dark']);
    assert.deepEqual(out.sessionToken!.control, { type: 'text' });
    assert.deepEqual(out.mode!.control, { type: 'radio' });
    assert.deepEqual(out.mode!.options, ['a', 'b']);
    assert.equal(out.state!.control, false);
    assert.equal(out.now!.control, false);
    assert.equal(out['session-token']!.control, false);
    assert.equal(out.option!.control, false);
  });

  it('lists writable properties and picks the token args a story applies', () => {
    assert.deepEqual(writableProperties(publicManifest(SAMPLE), 'ck-x'), ['sessionToken', 'state', 'mode', 'now']);
    assert.deepEqual(tokenArgs({ locale: 'en', '--ck-radius': '4px', '--ck-space': '', '--ck-color-primary': undefined }), [['--ck-radius', '4px']]);
  });

  const real = fileURLToPath(new URL('../../custom-elements.json', import.meta.url));
  it('on the real manifest: no internal member reaches the docs; <ck-checkout> documents its events, parts and tokens', { skip: !existsSync(real) && 'run `npm run analyze` first' }, () => {
    const manifest = publicManifest(JSON.parse(readFileSync(real, 'utf8')) as Manifest);
    const checkout = elementOf(manifest, 'ck-checkout');
    assert.ok(checkout, 'the manifest has <ck-checkout>');
    const names = (checkout.members ?? []).map((member) => member.name);
    for (const internal of ['flow', 'stage', 'session', 'payment', 'connectivity', 'guard', 'define', 'version', 'emit']) {
      assert.ok(!names.includes(internal), `${internal} is hidden`);
    }
    assert.ok(names.includes('sessionToken') && names.includes('endpoint') && names.includes('locale'));
    assert.ok((checkout.events ?? []).some((event) => event.name === 'ck-payment-succeeded'));
    assert.ok((checkout.cssParts ?? []).length > 0, 'parts are documented');
    assert.ok((checkout.cssProperties ?? []).some((token) => token.name === '--ck-color-primary'));
    for (const module of manifest.modules) {
      for (const declaration of module.declarations ?? []) {
        for (const member of declaration.customElement ? (declaration.members ?? []) : []) {
          assert.ok(!member.privacy || member.privacy === 'public', `${declaration.tagName}.${member.name} is ${member.privacy}`);
          assert.ok(!member.static, `${declaration.tagName}.${member.name} is static`);
        }
      }
    }
  });
});
