/**
 * Pseudo-localisation for Storybook and QA. Turns the English messages into
 * accented, bracketed text about 40% longer, so that before any real
 * translation exists a story already shows:
 * - truncation and overflow (German, Filipino and Tamil-length strings),
 * - clipped diacritics and line-height problems (Vietnamese, Thai stack marks),
 * - any string that skipped i18next (it stays plain ASCII among accented text),
 * - strings concatenated in code (brackets appear mid-sentence).
 *
 * Placeholders (`{{amount}}`, `{{- raw}}`, `{{count, number}}`), nesting
 * (`$t(ns:key)`) and markup are left untouched, so interpolation still works.
 */

/** BCP 47 private-use region for pseudo-locales, as Android and Chromium use it. */
export const PSEUDO_LOCALE = 'en-XA';

/** How much longer than English the pseudo text is; German and Finnish often run +30–40%. */
export const PSEUDO_EXPANSION = 0.4;

/** Short labels grow proportionally more in real translations ("Pay" → "Bezahlen"), so never add less. */
export const PSEUDO_MIN_GROWTH = 4;

// One look-alike per ASCII letter so every letter is visibly transformed yet still readable.
const LOOKALIKE: Readonly<Record<string, string>> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

// Filler words are appended, not a single run of characters, so long strings still wrap at spaces.
const FILLER = 'ļöŕéɱ îþšûɱ ðöļöŕ šîţ áɱéţ çöñšéçţéţûŕ áðîþîšçîñĝ éļîţ šéð ðö éîûšɱöð ţéɱþöŕ';

/** Parts of a message that must reach i18next and the DOM byte for byte. */
const PROTECTED = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<[^>]*>|&[a-z]+;)/g;

/** Turns one English message into its pseudo-localised form. */
export function pseudoLocalizeString(text: string): string {
  if (text === '') return text;
  const pieces = text.split(PROTECTED);
  let visible = 0;
  const body = pieces
    .map((piece, index) => {
      // split() with one capture group puts protected tokens at odd indices.
      if (index % 2 === 1) return piece;
      visible += piece.length;
      return Array.from(piece, (char) => LOOKALIKE[char] ?? char).join('');
    })
    .join('');
  const padding = Math.max(PSEUDO_MIN_GROWTH, Math.ceil(visible * PSEUDO_EXPANSION));
  return `[${body} ${fill(padding - 1)}]`;
}

function fill(length: number): string {
  if (length <= 0) return '';
  let text = FILLER;
  while (text.length < length) text += ` ${FILLER}`;
  return text.slice(0, length).trimEnd().padEnd(length, '·');
}

/** Messages of one namespace, as nested JSON: strings at the leaves. */
export type MessageTree = { readonly [key: string]: string | MessageTree };

/** Pseudo-localises every string of a message tree, keeping its keys (plural suffixes included). */
export function pseudoLocalize<T extends MessageTree>(messages: T): T {
  const out: Record<string, string | MessageTree> = {};
  for (const [key, value] of Object.entries(messages)) {
    out[key] = typeof value === 'string' ? pseudoLocalizeString(value) : pseudoLocalize(value);
  }
  return out as T;
}

/** Pseudo-localises a whole locale bundle (`{ checkout, catalog, payment }`). */
export function pseudoBundle<B extends { readonly [namespace: string]: MessageTree }>(bundle: B): B {
  const out: Record<string, MessageTree> = {};
  for (const [namespace, messages] of Object.entries(bundle)) out[namespace] = pseudoLocalize(messages);
  return out as B;
}
