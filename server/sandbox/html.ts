/** Tiny HTML helpers for the sandbox pages: escaped interpolation and the page shell. */
import { createHash } from 'node:crypto';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export interface PageOptions {
  title: string;
  body: string;
  /** A constant script allowed by its hash in the page's CSP (`scriptHash`); never built from input. */
  script?: typeof CLOSE_POPUP_SCRIPT;
}

/**
 * The one script a sandbox page runs: a wallet approved in a popup closes the
 * popup (the store page learns the outcome by polling). A window the widget did
 * not open (a blocked popup became a full-page redirect) cannot be closed by
 * script, so it goes back to the store through the page's own "back" link.
 */
export const CLOSE_POPUP_SCRIPT = "window.close();if(!window.closed)location.replace(document.getElementById('back').href);";

/** CSP source for an inline script: `'sha256-…'` of its exact text. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/** The page a popup shows once the buyer has decided: it closes itself, or links back to the store. */
export function popupDoneBody(heading: string, returnUrl: string): string {
  return `<h1>${escapeHtml(heading)}</h1>
<p>You can close this window: the store's checkout shows the result.</p>
<p><a id="back" href="${escapeHtml(returnUrl)}">Back to the store</a></p>`;
}

/** No inline style anywhere and no script but the constant one above: the page runs under its own strict CSP. */
export function page({ title, body, script }: PageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="../sandbox.css">
</head>
<body>
<main class="card">
<p class="badge">Sandbox — no real money moves</p>
${body}
</main>
${script ? `<script>${script}</script>\n` : ''}</body>
</html>
`;
}

export const SANDBOX_CSS = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
.card { max-width: 26rem; margin: 1rem; padding: 1.5rem; border: 1px solid GrayText; border-radius: 0.75rem; }
.badge { display: inline-block; margin: 0 0 1rem; padding: 0.2rem 0.6rem; border-radius: 1rem; background: #fde68a; color: #422006; font-size: 0.8rem; }
h1 { font-size: 1.25rem; margin: 0 0 0.5rem; }
.amount { font-size: 1.75rem; font-weight: 600; margin: 0.5rem 0 1.25rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
button { font: inherit; padding: 0.6rem 1.1rem; border-radius: 0.5rem; border: 1px solid GrayText; background: Canvas; color: CanvasText; cursor: pointer; }
button.primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
button:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }
.muted { color: GrayText; }
`;
