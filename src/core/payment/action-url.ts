/**
 * Which URLs from the backend the widget may open. A compromised or buggy
 * backend must not be able to run script in the store's page (`javascript:`),
 * smuggle content (`data:`, `blob:`) or send the buyer to a cleartext page.
 */

/** Hosts that are the buyer's own machine: allowed over http in sandbox sessions only (local development). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Schemes a deep link may never use, whatever else it is. */
const NEVER = new Set(['javascript:', 'data:', 'blob:', 'file:', 'about:', 'vbscript:', 'filesystem:', 'http:', 'ftp:', 'ws:', 'wss:']);

export type UrlVerdict = { ok: true; url: string } | { ok: false; reason: 'invalid' | 'scheme' | 'credentials' };

/**
 * A redirect or challenge URL: `https:` only, or `http:` on a loopback host
 * when `sandbox`. URLs with embedded credentials (`https://user@bank.example`)
 * are refused too: they exist mostly to disguise the real host.
 */
export function checkActionUrl(raw: string, sandbox: boolean): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const loopback = url.protocol === 'http:' && sandbox && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !loopback) return { ok: false, reason: 'scheme' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  return { ok: true, url: url.href };
}

/**
 * A wallet app link: `https:` (universal/app links) or an app's own scheme
 * (`picpay://`, `itau://`), never a scheme that a browser runs or renders itself.
 */
export function checkDeepLink(raw: string, sandbox: boolean): UrlVerdict {
  const asAction = checkActionUrl(raw, sandbox);
  if (asAction.ok) return asAction;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (NEVER.has(url.protocol) || !/^[a-z][a-z0-9+.-]*:$/.test(url.protocol)) return { ok: false, reason: 'scheme' };
  return { ok: true, url: url.href };
}
