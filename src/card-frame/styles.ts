/**
 * The frame's styles, applied as a constructed stylesheet (allowed by the
 * frame's `style-src 'self'` without inline styles). Colours, radius and
 * fonts are the host's resolved theme, set as custom properties by `applyTheme`.
 */
import type { CardFrameTheme } from '../core/protocol/card-frame.schema.js';

export const FRAME_CSS = `
:root { color-scheme: var(--scheme, light); --text: #1a1f36; --muted: #5b6275; --surface: #fff; --border: #c9ced8; --primary: #2456d6; --danger: #b42318; --radius: 10px; --font: system-ui, sans-serif; --font-size: 16px; }
html, body { margin: 0; padding: 0; background: var(--surface); color: var(--text); font-family: var(--font); font-size: var(--font-size); line-height: 1.4; }
*, *::before, *::after { box-sizing: border-box; }
form { display: grid; gap: 0.75em; padding: 3px; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: 0.75em; }
.field { display: grid; gap: 0.3em; min-width: 0; align-content: start; }
.head { display: flex; justify-content: space-between; align-items: baseline; gap: 0.5em; }
label, legend { font-weight: 500; font-size: 0.9375em; }
.hint { color: var(--muted); font-size: 0.8125em; font-weight: 400; }
.control { position: relative; }
input { width: 100%; min-height: 2.75em; padding: 0.55em 0.75em; border: 1px solid var(--border); border-radius: var(--radius); background: var(--surface); color: var(--text); font: inherit; }
input::placeholder { color: var(--muted); opacity: 0.8; }
input:focus { outline: none; border-color: var(--primary); box-shadow: 0 0 0 3px color-mix(in srgb, var(--primary) 40%, transparent); }
input[aria-invalid="true"] { border-color: var(--danger); }
#number { letter-spacing: 0.02em; }
[dir="ltr"] { text-align: left; }
:root[dir="rtl"] #number, :root[dir="rtl"] #expiry, :root[dir="rtl"] #cvc { text-align: right; }
.brand { font-size: 0.8125em; font-weight: 600; color: var(--muted); }
.error { margin: 0; color: var(--danger); font-size: 0.8125em; min-height: 0; }
.error:empty { display: none; }
fieldset { border: 1px solid var(--border); border-radius: var(--radius); margin: 0; padding: 0.5em 0.75em 0.75em; display: grid; gap: 0.4em; }
fieldset[hidden] { display: none; }
.choice { display: flex; align-items: center; gap: 0.5em; }
.choice input { width: auto; min-height: 0; accent-color: var(--primary); }
.status { margin: 0; color: var(--danger); font-size: 0.875em; }
.status:empty { display: none; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (max-width: 340px) { .row { grid-template-columns: 1fr; } }
`;

/** Paints the frame with the host's resolved theme. Values were validated by the schema; setProperty cannot escape a declaration. */
export function applyTheme(root: HTMLElement, theme: CardFrameTheme): void {
  const set = (name: string, value: string) => root.style.setProperty(name, value);
  set('--scheme', theme.colorScheme);
  set('--text', theme.text);
  set('--muted', theme.muted);
  set('--surface', theme.surface);
  set('--border', theme.border);
  set('--primary', theme.primary);
  set('--danger', theme.danger);
  set('--radius', theme.radius);
  set('--font', theme.fontFamily);
  set('--font-size', theme.fontSize);
  root.style.colorScheme = theme.colorScheme;
}
