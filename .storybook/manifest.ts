/**
 * What Storybook is shown of `custom-elements.json`: the public API only, with controls that work.
 *
 * The analyzer lists everything a class declares (private and protected members, `#` fields, the
 * static `define()`/`version` of the base class, controllers). Storybook's web-components docs
 * would turn each into a row of the docs table and a control, so the manifest is filtered here
 * before `setCustomElementsManifest`, and the generated argTypes get the controls their types call
 * for (a colour picker for colour tokens, a text box for other tokens, none for read-only state).
 * Pure functions over plain JSON, tested in Node (test/stories/manifest.test.ts).
 */

/** The parts of the Custom Elements Manifest schema read here. */
export interface ManifestItem {
  name: string;
  kind?: string;
  description?: string;
  summary?: string;
  default?: string;
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
  readonly?: boolean;
  fieldName?: string;
  type?: { text?: string };
  [key: string]: unknown;
}
export interface ManifestDeclaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  description?: string;
  members?: ManifestItem[];
  attributes?: ManifestItem[];
  events?: ManifestItem[];
  slots?: ManifestItem[];
  cssParts?: ManifestItem[];
  cssProperties?: ManifestItem[];
  cssStates?: ManifestItem[];
  [key: string]: unknown;
}
export interface Manifest {
  schemaVersion?: string;
  modules: { kind?: string; path: string; declarations?: ManifestDeclaration[]; exports?: unknown[] }[];
  [key: string]: unknown;
}

/** A member that is no part of the public API: private, protected, static, `#`/`_` named or tagged `@internal`. */
export function isInternal(item: ManifestItem): boolean {
  if (item.privacy === 'private' || item.privacy === 'protected') return true;
  if (item.static) return true;
  if (item.name.startsWith('#') || item.name.startsWith('_')) return true;
  return /(^|\s)@internal\b/.test(`${item.description ?? ''} ${item.summary ?? ''}`);
}

/**
 * The manifest with only public members: internal fields, methods and accessors are dropped, and
 * so are attributes that reflect a dropped field. Declarations and modules are kept (Storybook
 * looks elements up by `tagName`), so the result is still a valid manifest.
 */
export function publicManifest(manifest: Manifest): Manifest {
  return {
    ...manifest,
    modules: manifest.modules.map((module) => ({
      ...module,
      declarations: module.declarations?.map((declaration) => {
        if (!declaration.customElement) return declaration;
        const members = (declaration.members ?? []).filter((member) => !isInternal(member));
        const kept = new Set(members.map((member) => member.name));
        const hidden = new Set((declaration.members ?? []).filter(isInternal).map((member) => member.name));
        const attributes = (declaration.attributes ?? []).filter(
          (attribute) => !isInternal(attribute) && !(attribute.fieldName && hidden.has(attribute.fieldName) && !kept.has(attribute.fieldName)),
        );
        return { ...declaration, members, attributes };
      }),
    })),
  };
}

/** The custom element declaration of `tag`, if the manifest has one. */
export function elementOf(manifest: Manifest | undefined, tag: string): ManifestDeclaration | undefined {
  for (const module of manifest?.modules ?? []) {
    for (const declaration of module.declarations ?? []) if (declaration.tagName === tag) return declaration;
  }
  return undefined;
}

/** Every `ck-*` event any element documents, for the Actions panel. */
export function eventNames(manifest: Manifest): string[] {
  const names = new Set<string>();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) for (const event of declaration.events ?? []) names.add(event.name);
  }
  return [...names].filter((name) => name.startsWith('ck-')).sort();
}

/** Writable public properties of `tag` (fields, not methods; not read-only): what a story may set from args. */
export function writableProperties(manifest: Manifest | undefined, tag: string): string[] {
  return (elementOf(manifest, tag)?.members ?? [])
    .filter((member) => member.kind === 'field' && !member.readonly && !isInternal(member))
    .map((member) => member.name);
}

const NAMED_COLOURS = new Set([
  'black', 'white', 'red', 'green', 'blue', 'yellow', 'orange', 'purple', 'gray', 'grey', 'silver', 'maroon', 'navy', 'teal',
  'olive', 'lime', 'aqua', 'fuchsia', 'transparent', 'currentcolor', 'canvas', 'canvastext',
]);

/** Whether a CSS value is a colour: hex, a colour function, a named colour, or `light-dark()`/`color-mix()` of colours. */
export function isColour(value: string | undefined): boolean {
  if (!value) return false;
  const text = value.trim().toLowerCase();
  if (/^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.test(text)) return true;
  if (/^(rgb|rgba|hsl|hsla|hwb|lab|lch|oklab|oklch|color|light-dark|color-mix)\(/.test(text)) return true;
  return NAMED_COLOURS.has(text);
}

/** The first literal colour in a value (`light-dark(#2456d6, #8fb0ff)` → `#2456d6`), for the picker's preset. */
export function firstColour(value: string | undefined): string | undefined {
  return value?.match(/#[0-9a-fA-F]{3,8}\b|(?:rgba?|hsla?|oklch|oklab)\([^()]*\)/)?.[0];
}

/**
 * Whether a token holds a colour: its documented default is one, or a `var()` of a token whose
 * default is one (`--ck-method-picker-selected-border=var(--ck-color-primary, #2456d6)`), or its
 * name says so and the default is prose ("6% primary on surface").
 */
export function isColourToken(name: string, defaultValue: string | undefined, defaults: ReadonlyMap<string, string | undefined>): boolean {
  if (isColour(defaultValue)) return true;
  const referenced = defaultValue?.match(/^var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)$/);
  if (referenced) {
    if (isColour(referenced[2])) return true;
    const target = referenced[1]!;
    if (target !== name && isColour(defaults.get(target))) return true;
  }
  return /-(color|colour|background|border-color)(-|$)|^--ck-color-/.test(name) && !/-(radius|width|size|gap|padding|scheme)$/.test(name);
}

/** An argType as Storybook takes it (only the fields set here). */
export interface ArgTypeLike {
  name?: string;
  control?: unknown;
  table?: { category?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * Controls for the argTypes Storybook derived from the manifest: a colour picker for every colour
 * token, a text box for other tokens (instead of the JSON editor Storybook gives a `void` type),
 * no control for read-only properties, attributes (their property has the control) or parts,
 * which are documentation only.
 */
export function withControls(argTypes: Record<string, ArgTypeLike>, element: ManifestDeclaration | undefined): Record<string, ArgTypeLike> {
  const defaults = new Map((element?.cssProperties ?? []).map((token) => [token.name, token.default] as const));
  // `readonly` from the analyzer (getters, `readonly` fields); a reflected state documented as "Read-only" is one too.
  const readonly = new Set(
    (element?.members ?? []).filter((member) => member.readonly || /\bread-only\b/i.test(member.description ?? '')).map((member) => member.name),
  );
  const out: Record<string, ArgTypeLike> = {};
  for (const [key, argType] of Object.entries(argTypes)) {
    const category = argType.table?.category;
    if (category === 'css custom properties') {
      const fallback = defaults.get(key);
      // `--ck-color-scheme` names palettes, not a colour.
      if (key.endsWith('-color-scheme')) {
        out[key] = { ...argType, control: { type: 'select' }, options: ['light dark', 'light', 'dark'] };
        continue;
      }
      const colour = isColourToken(key, fallback, defaults);
      const preset = colour ? firstColour(fallback) : undefined;
      out[key] = { ...argType, control: colour ? { type: 'color', ...(preset ? { presetColors: [preset] } : {}) } : { type: 'text' } };
    } else if (category === 'attributes' || category === 'css shadow parts' || category === 'events' || category === 'slots') {
      out[key] = { ...argType, control: false };
    } else if (category === 'properties') {
      out[key] = { ...argType, ...(readonly.has(key) ? { control: false } : propertyControl(argType)) };
    } else {
      out[key] = argType;
    }
  }
  return out;
}

/**
 * A control from a property's TypeScript type as the manifest writes it: `string | null` is a text
 * box, `boolean` a checkbox, a union of string literals a select; anything else (objects, arrays)
 * keeps Storybook's JSON editor.
 */
function propertyControl(argType: ArgTypeLike): Partial<ArgTypeLike> {
  const text = ((argType.table?.type as { summary?: string } | undefined)?.summary ?? '').replace(/\s+/g, ' ').trim();
  const parts = text.split('|').map((part) => part.trim()).filter((part) => part && part !== 'null' && part !== 'undefined');
  if (parts.length === 0) return {};
  // Callbacks (`navigate`, `now`) are hooks for tests and stores, not something a control can edit.
  if (text.includes('=>')) return { control: false };
  if (parts.every((part) => part === 'string')) return { control: { type: 'text' } };
  if (parts.every((part) => part === 'boolean')) return { control: { type: 'boolean' } };
  if (parts.every((part) => part === 'number')) return { control: { type: 'number' } };
  if (parts.every((part) => /^(['"]).*\1$/.test(part))) {
    const options = parts.map((part) => part.slice(1, -1));
    return { control: { type: options.length <= 5 ? 'radio' : 'select' }, options };
  }
  return {};
}

/** The CSS custom properties among a story's args, as `[name, value]` pairs with a value set. */
export function tokenArgs(args: Record<string, unknown>): [string, string][] {
  return Object.entries(args)
    .filter((entry): entry is [string, string | number] => entry[0].startsWith('--') && (typeof entry[1] === 'string' || typeof entry[1] === 'number') && String(entry[1]).trim() !== '')
    .map(([name, value]) => [name, String(value)]);
}
