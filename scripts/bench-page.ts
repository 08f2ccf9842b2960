// Loads the built drop-in like a buyer does, for `npm run bench` and `npm run size`:
// a store page (HTML with `session-token` and `endpoint`, as a store renders it)
// and dist/ served from one origin by the reference server's own static serving
// (brotli/gzip, cache headers), the checkout API on a second origin, a fresh
// browser context per load (cold cache), optional CDP network and CPU emulation.
// Everything binds 127.0.0.1 on free ports and stops with `close()`.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Browser, CDPSession } from 'playwright';
import { startServers, type RunningServers } from '../server/app.js';
import { readStatic, staticResponse } from '../server/store/static.js';

/** A buyer: the browser's language and clock, and the session the store creates for them. */
export interface Buyer {
  name: string;
  /** Browser context locale (navigator.language) and the session's locale hint. */
  locale: string;
  timezoneId: string;
  country: string;
  currency: string;
  /** `<html lang>` of the store page. */
  lang: string;
}

export const BUYERS: readonly Buyer[] = [
  { name: 'en-US buyer in NL (EUR)', locale: 'en-US', timezoneId: 'Europe/Amsterdam', country: 'NL', currency: 'EUR', lang: 'en' },
  { name: 'th-TH buyer in TH (THB)', locale: 'th-TH', timezoneId: 'Asia/Bangkok', country: 'TH', currency: 'THB', lang: 'th' },
];

/** Network emulation (Network.emulateNetworkConditions); `none` leaves loopback as it is. */
export interface NetworkProfile {
  name: string;
  /** Added to each request's round trip, ms. */
  latency: number;
  /** Bytes per second; -1 disables throttling. */
  download: number;
  upload: number;
}

export const NETWORKS: Readonly<Record<'none' | 'slow4g', NetworkProfile>> = {
  none: { name: 'no network emulation', latency: 0, download: -1, upload: -1 },
  // The issue's slow 4G: 150 ms latency, 1.6 Mbps down, 750 kbps up.
  slow4g: { name: 'slow 4G', latency: 150, download: (1.6 * 1_000_000) / 8, upload: (750 * 1_000) / 8 },
};

/** One request of a page load, times in ms since navigation start (the page's `performance.timeOrigin`). */
export interface LoadedRequest {
  url: string;
  /** Path for our own origin's files (`/new/dist/chunks/core-….js`), `METHOD origin/path` for the API. */
  label: string;
  start: number;
  end: number;
  /** Bytes on the wire (headers + encoded body; a CORS preflight's bytes are added to its request). */
  transferBytes: number;
  /** Sequential request level (see `requestLevels`). */
  level: number;
}

export interface LoadResult {
  /** Navigation start → first enabled radio in the method picker. */
  listMs: number;
  /** Every request that finished before the list was usable, the document first. */
  critical: LoadedRequest[];
  /** Every request seen until the list was usable plus a short settle, in start order. */
  all: LoadedRequest[];
  /** Highest level among `critical` (the HTML is level 0). */
  levels: number;
  criticalBytes: number;
  /** Sum of (duration − 50 ms) of long tasks that started before the list was usable. */
  totalBlockingMs: number;
  longTasks: number;
  /** Performance.getMetrics JSHeapUsedSize right after the list was usable. */
  heapBytes: number;
}

/**
 * Sequential request levels. The HTML is level 0. Any other request's level is
 * 1 + the level of the latest-finishing request that had finished before it
 * started (the HTML when none had): the chain of waits that could have caused
 * it. Requests in flight at the same time share a level, so two requests
 * started together after the HTML arrived are both level 1. CORS preflights
 * are part of their request (its start is before its preflight), not a level.
 * Input in any order; `start`/`end` in one clock; `isDocument` marks the HTML.
 */
export function requestLevels<T extends { start: number; end: number; isDocument?: boolean }>(requests: readonly T[]): Map<T, number> {
  const levels = new Map<T, number>();
  const byStart = [...requests].sort((a, b) => Number(b.isDocument ?? false) - Number(a.isDocument ?? false) || a.start - b.start);
  for (const request of byStart) {
    if (request.isDocument) {
      levels.set(request, 0);
      continue;
    }
    let cause: T | undefined;
    for (const [other] of levels) {
      if (other !== request && other.end <= request.start && (!cause || other.end > cause.end)) cause = other;
    }
    levels.set(request, cause ? (levels.get(cause) ?? 0) + 1 : 1);
  }
  return levels;
}

/** The p-quantile (0..1) of `values`, linearly interpolated. */
export function quantile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** A store page with the checkout; with `bubble`, also a `<ck-support-bubble>` (it opens no connection until used). */
const html = (build: string, buyer: Buyer, token: string, endpoint: string, bubble: boolean) => `<!doctype html>
<html lang="${buyer.lang}"><head><meta charset="utf-8"><title>store checkout</title>
<link rel="icon" href="data:,">
<script type="module" src="/${build}/dist/checkout-kit.js"></script></head>
<body><ck-checkout session-token="${token}" endpoint="${endpoint}"></ck-checkout>${bubble ? '<ck-support-bubble endpoint="/api/support/v1"></ck-support-bubble>' : ''}</body></html>`;

const attr = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The store-side test page origin: `/<build>/page?...` and `/<build>/dist/*` for each build folder. */
export interface BenchServers {
  /** Origin of the store page and dist/ (e.g. `http://127.0.0.1:41234`). */
  pageOrigin: string;
  backend: RunningServers;
  /** URL of a store page for `build` with a fresh session for `buyer` (and a support bubble with `bubble`). */
  pageFor(build: string, buyer: Buyer, options?: { bubble?: boolean }): Promise<string>;
  /** A fresh session for `buyer` (the token and the checkout API endpoint). */
  createSession(buyer: Buyer): Promise<{ sessionToken: string; endpoint: string }>;
  close(): Promise<void>;
}

/** Starts the reference backend and a page origin serving each of `builds` (name → repository root holding dist/). */
export async function startBenchServers(builds: Readonly<Record<string, string>>): Promise<BenchServers> {
  const dir = mkdtempSync(join(tmpdir(), 'ck-bench-'));
  const app = new Hono();
  app.get('/:build/page', (c) => {
    const build = c.req.param('build');
    const buyer = BUYERS.find((b) => b.country === c.req.query('country'));
    if (!(build in builds) || !buyer) return c.text('unknown build or buyer', 404);
    const body = html(build, buyer, attr(c.req.query('token') ?? ''), attr(c.req.query('endpoint') ?? ''), c.req.query('bubble') === '1');
    return c.body(body, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  });
  // The drop-in alone, for measurements that mount elements themselves (scripts/bench-steady.ts).
  app.get('/:build/harness', (c) => {
    const build = c.req.param('build');
    if (!(build in builds)) return c.text('unknown build', 404);
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>harness</title><link rel="icon" href="data:,">
<script type="module" src="/${build}/dist/checkout-kit.js"></script></head><body></body></html>`;
    return c.body(body, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  });
  app.get('/:build/dist/*', async (c) => {
    const build = c.req.param('build');
    const root = builds[build];
    if (root === undefined) return c.text('unknown build', 404);
    const relative = c.req.path.slice(`/${build}/dist/`.length);
    const file = await readStatic(resolve(root, 'dist'), relative);
    if (!file) return c.text('not found', 404);
    return staticResponse(c.req.raw, file, `/dist/${relative}`);
  });
  const pageServer = await new Promise<ServerType>((done, fail) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => done(server));
    server.once('error', fail);
  });
  const pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  const backend = await startServers({
    host: '127.0.0.1',
    storePort: 0,
    apiPort: 0,
    dbPath: join(dir, 'bench.sqlite'),
    storeRoot: process.cwd(),
    extraStoreOrigins: [pageOrigin],
    // A bench creates a few hundred sessions from one address.
    rateLimits: { storeSessions: { limit: 100_000, windowMs: 60_000 } },
  });
  const createSession = async (buyer: Buyer) => {
    const created = await fetch(`${backend.storeUrl}/store/checkout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ items: [{ sku: 'mug-stoneware', quantity: 1 }], country: buyer.country, currency: buyer.currency, locale: buyer.locale }),
    });
    if (!created.ok) throw new Error(`POST /store/checkout: ${created.status} ${await created.text()}`);
    return (await created.json()) as { sessionToken: string; endpoint: string };
  };
  return {
    pageOrigin,
    backend,
    createSession,
    async pageFor(build, buyer, options) {
      const { sessionToken, endpoint } = await createSession(buyer);
      const query = new URLSearchParams({ country: buyer.country, token: sessionToken, endpoint, ...(options?.bubble ? { bubble: '1' } : {}) });
      return `${pageOrigin}/${build}/page?${query}`;
    },
    async close() {
      await new Promise<void>((done) => {
        pageServer.close(() => done());
        if ('closeAllConnections' in pageServer) pageServer.closeAllConnections();
      });
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Installed before any page script: records long tasks and the moment the
 * first method radio in `<ck-checkout>`'s picker exists and is enabled. Every
 * shadow root gets a MutationObserver, so that moment is taken in the
 * microtask after the DOM change, before anything the page starts later (the
 * payment stage's prefetch after the list is shown) can count as "before the
 * list"; a per-frame check covers changes an observer cannot see (properties).
 */
const PROBE = `(() => {
  if (window !== window.top) return;
  const state = (window.__ckBench = { longTasks: [], listAt: undefined });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const check = () => {
    if (state.listAt !== undefined) return true;
    const picker = document.querySelector('ck-checkout')?.shadowRoot?.querySelector('ck-method-picker');
    const radio = picker?.shadowRoot?.querySelector('input[type=radio], [role=radio]');
    if (radio && !radio.disabled && radio.getAttribute('aria-disabled') !== 'true') state.listAt = performance.now();
    return state.listAt !== undefined;
  };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    new MutationObserver(check).observe(root, { subtree: true, childList: true, attributes: true });
    return root;
  };
  const poll = () => { if (!check()) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
})();`;

interface ProbeState {
  longTasks: Array<[number, number]>;
  listAt?: number;
}

export interface LoadOptions {
  url: string;
  buyer: Buyer;
  network: NetworkProfile;
  cpu: number;
  timeoutMs?: number;
  /** Requests to hold unanswered for the whole load (to learn whether the list waits for them). */
  hold?: (url: URL) => boolean;
  /** Gives up waiting for the list (the load rejects) once this settles. */
  cancel?: Promise<unknown>;
}

/**
 * Resolves once the probe has seen the list, polling with a bare
 * `Runtime.evaluate` of one property. Not Playwright's `waitForFunction`: that
 * first parses Playwright's injected script (~300 KB) on the page's main thread,
 * in the middle of the load being measured (about 100 ms at 4× CPU, one long
 * task), which no buyer's browser does.
 */
async function waitForList(cdp: CDPSession, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = await cdp
      .send('Runtime.evaluate', { expression: 'window.__ckBench?.listAt !== undefined', returnByValue: true })
      .catch(() => undefined); // the document is being replaced: ask again
    if (probe?.result.value === true) return;
    if (Date.now() > deadline) throw new Error(`the list was not usable within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** One cold page load in a fresh context; resolves when the list is usable, with everything measured up to then. */
export async function loadOnce(browser: Browser, options: LoadOptions): Promise<LoadResult> {
  const context = await browser.newContext({ locale: options.buyer.locale, timezoneId: options.buyer.timezoneId });
  try {
    await context.addInitScript({ content: PROBE });
    // Held requests get no answer; closing the context cancels them.
    if (options.hold) await context.route(options.hold, () => undefined);
    const page = await context.newPage();
    const cdp: CDPSession = await context.newCDPSession(page);
    const bytes = new Map<string, number>();
    const urlOf = new Map<string, string>();
    const methodOf = new Map<string, string>();
    cdp.on('Network.requestWillBeSent', (event) => {
      urlOf.set(event.requestId, event.request.url);
      methodOf.set(event.request.url, event.request.method === 'OPTIONS' ? (methodOf.get(event.request.url) ?? 'GET') : event.request.method);
    });
    cdp.on('Network.loadingFinished', (event) => {
      const url = urlOf.get(event.requestId);
      if (url) bytes.set(url, (bytes.get(url) ?? 0) + event.encodedDataLength);
    });
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable');
    if (options.network.latency > 0 || options.network.download > 0) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: options.network.latency,
        downloadThroughput: options.network.download,
        uploadThroughput: options.network.upload,
        connectionType: 'cellular4g',
      });
    }
    if (options.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpu });
    await page.goto(options.url, { waitUntil: 'commit' });
    const listed = waitForList(cdp, options.timeoutMs ?? 60_000);
    if (options.cancel) {
      // The losing wait rejects when the context closes; that rejection is expected.
      listed.catch(() => undefined);
      const cancelled = options.cancel.then(() => {
        throw new Error('cancelled before the list was usable');
      });
      cancelled.catch(() => undefined);
      await Promise.race([listed, cancelled]);
    } else {
      await listed;
    }
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heapBytes = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    const seen = await page.evaluate(() => {
      const state = (window as unknown as { __ckBench: ProbeState }).__ckBench;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({ url: r.name, start: r.startTime, end: r.responseEnd }));
      return {
        listAt: state.listAt ?? Number.NaN,
        longTasks: state.longTasks,
        document: { url: location.href, start: nav?.startTime ?? 0, end: nav?.responseEnd ?? 0 },
        resources,
      };
    });
    // Unthrottle before closing so the next load does not inherit a busy renderer.
    if (options.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const origin = new URL(options.url).origin;
    const label = (url: string) => {
      const parsed = new URL(url);
      return parsed.origin === origin ? parsed.pathname : `${methodOf.get(url) ?? 'GET'} ${parsed.pathname}`;
    };
    const entries = [
      { ...seen.document, isDocument: true },
      ...seen.resources.filter((r) => !r.url.startsWith('data:')).map((r) => ({ ...r, isDocument: false })),
    ];
    const levels = requestLevels(entries);
    const all: LoadedRequest[] = entries
      .map((entry) => ({
        url: entry.url,
        label: label(entry.url),
        start: entry.start,
        end: entry.end,
        transferBytes: bytes.get(entry.url.split('#')[0]!) ?? 0,
        level: levels.get(entry) ?? 0,
      }))
      .sort((a, b) => a.start - b.start);
    const critical = all.filter((r) => r.end <= seen.listAt);
    const blocking = seen.longTasks.filter(([start]) => start < seen.listAt);
    return {
      listMs: seen.listAt,
      critical,
      all,
      levels: Math.max(0, ...critical.map((r) => r.level)),
      criticalBytes: critical.reduce((sum, r) => sum + r.transferBytes, 0),
      totalBlockingMs: blocking.reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0),
      longTasks: blocking.length,
      heapBytes,
    };
  } finally {
    await context.close();
  }
}

/** Prints one load's requests as a table: file, start, end, level, bytes; `*` marks what the list waited for. */
export function waterfall(result: LoadResult): string {
  const rows = result.all.map((r) => {
    const mark = r.end <= result.listMs ? '*' : ' ';
    const name = r.label.length > 58 ? `…${r.label.slice(-57)}` : r.label;
    return `  ${mark} ${name.padEnd(58)} ${r.start.toFixed(0).padStart(6)} ${r.end.toFixed(0).padStart(6)} ${String(r.level).padStart(5)} ${(r.transferBytes / 1000).toFixed(1).padStart(7)} KB`;
  });
  return [
    `    ${'request'.padEnd(58)} ${'start'.padStart(6)} ${'end'.padStart(6)} level ${'bytes'.padStart(10)}`,
    ...rows,
    `    list usable at ${result.listMs.toFixed(0)} ms; * = finished before it`,
  ].join('\n');
}
