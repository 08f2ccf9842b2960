/**
 * The card frame's HTML page and its security headers. The page is a shell:
 * the form is built by the frame's script (dist/card-frame/card-frame.js, its
 * own small vite bundle). Which store origins may embed the frame and talk to
 * it comes from the backend's configuration, written into the page as JSON
 * data (never taken from the request).
 */

/** The page's configuration, read by src/card-frame/main.ts. */
export interface FramePageConfig {
  /** Exact origins of store pages allowed to host the frame; the frame talks to no other. */
  hostOrigins: readonly string[];
  /** Where the frame posts the card (same origin as the frame). */
  vaultPath: string;
}

/** JSON safe inside a `<script>` element: no `<` that could close it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function framePage(config: FramePageConfig, scriptPath: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Card details</title>
<script type="application/json" id="ck-card-frame-config">${scriptJson(config)}</script>
<script type="module" src="${scriptPath}"></script>
</head>
<body></body>
</html>
`;
}

/**
 * The frame's policy: its own scripts only, requests only to its own origin
 * (the vault), no forms, no plugins, and framed only by the configured stores.
 */
export function frameCsp(hostOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `frame-ancestors ${hostOrigins.length ? hostOrigins.join(' ') : "'none'"}`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}
