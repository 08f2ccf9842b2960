/**
 * axe-core on every Storybook story, and every story's play function, in real
 * Chromium. Reads the stories from
 * the built `storybook-static/index.json` (run `npm run build-storybook`
 * first), so a new story is checked without editing this file.
 *
 * Each story is opened alone (`iframe.html?id=…&viewMode=story`), left to
 * settle (elements updated, locale chunks loaded, nothing aria-busy, the DOM
 * unchanged for a moment) and then checked against WCAG 2.x A and AA. A
 * violation fails that story's test with the rule ids and the selectors of the
 * offending nodes.
 *
 * A story with a play function (Storybook tags it `play-fn`) is checked after
 * its play has run to the end: a failing `expect` in the play (or an error it
 * leaves uncaught) fails that story's test with Storybook's error message, and
 * axe then checks the state the play ended in.
 *
 *   npm run test:stories
 *   node --import tsx --test --test-name-pattern=amount test/stories/story-a11y.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import type { AxeResults } from 'axe-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.js';

const STATIC_DIR = fileURLToPath(new URL('../../storybook-static/', import.meta.url));
const SETTLE_SCRIPT = fileURLToPath(new URL('./settle.browser.js', import.meta.url));
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: the bar issue 3 sets ("zero violations in every story"). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** How long the DOM must stay unchanged (and nothing busy or loading) before axe runs. */
const QUIET_MS = 150;
/** A story that has not settled by then is reported as such rather than checked half-rendered. */
const SETTLE_TIMEOUT_MS = 10_000;
/** How long a story may take to render and play to its end (a play waits for its own conditions, up to 5 s each). */
const PLAY_TIMEOUT_MS = 30_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

interface IndexEntry {
  id: string;
  type: string;
  title: string;
  name: string;
  tags?: string[];
}

/** Story ids from the build's index, read at load time so each story becomes its own test. */
function storyEntries(): IndexEntry[] {
  const indexPath = resolve(STATIC_DIR, 'index.json');
  if (!existsSync(indexPath)) return [];
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as { entries?: Record<string, IndexEntry> };
  return Object.values(index.entries ?? {}).filter((entry) => entry.type === 'story');
}

/** Serves `storybook-static/` read-only on 127.0.0.1 and a free port. */
async function serveStatic(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = resolve(STATIC_DIR, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
    if (!file.startsWith(STATIC_DIR.endsWith(sep) ? STATIC_DIR : STATIC_DIR + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        // Hashed assets are immutable; caching them keeps 60+ page loads from re-reading megabytes.
        const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=3600, immutable' : 'no-cache';
        response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

interface Settled {
  rendered: boolean;
  busy: string[];
  signature: string;
}

/** Requests the page has open, so a lazy locale or catalog chunk in flight keeps the story unsettled. */
function trackRequests(page: Page): () => number {
  let open = 0;
  page.on('request', () => open++);
  page.on('requestfinished', () => open--);
  page.on('requestfailed', () => open--);
  return () => open;
}

async function settle(page: Page, openRequests: () => number): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let last = '';
  let quietSince = Date.now();
  for (;;) {
    const state = await page.evaluate(() => (window as unknown as { ckStorySettle: () => Promise<Settled> }).ckStorySettle());
    const calm = state.rendered && state.busy.length === 0 && openRequests() === 0;
    if (!calm || state.signature !== last) {
      last = state.signature;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= QUIET_MS) {
      return;
    }
    if (Date.now() > deadline) {
      const why = !state.rendered ? 'nothing rendered in #storybook-root' : state.busy.length ? `still aria-busy: ${state.busy.join(', ')}` : `${openRequests()} request(s) still open`;
      throw new Error(`did not settle within ${SETTLE_TIMEOUT_MS} ms (${why})`);
    }
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** One line per violation: rule, impact, and each offending node's selector (shadow hops joined by " >>> "). */
function describeViolations(violations: AxeResults['violations']): string[] {
  return violations.map((violation) => {
    const nodes = violation.nodes.map((node) => {
      const target = node.target.map((selector) => (Array.isArray(selector) ? selector.join(' >>> ') : String(selector))).join(' | ');
      return `      ${target}${node.failureSummary ? `\n        ${node.failureSummary.replace(/\n\s*/g, ' ')}` : ''}`;
    });
    return `  ${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n${nodes.join('\n')}`;
  });
}

const stories = storyEntries();

describe('axe-core on every Storybook story (Chromium)', () => {
  let server: Server | undefined;
  let origin = '';
  let browser: Browser | undefined;
  let page: Page;
  let openRequests: () => number = () => 0;
  let checked = 0;
  let played = 0;
  const withPlay = stories.filter((story) => story.tags?.includes('play-fn')).length;

  before(async () => {
    ({ server, origin } = await serveStatic());
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    page = await browser.newPage();
    openRequests = trackRequests(page);
  });

  after(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
  });

  it('finds the built stories (run `npm run build-storybook` first)', () => {
    assert.ok(existsSync(resolve(STATIC_DIR, 'index.json')), 'storybook-static/index.json is missing: run `npm run build-storybook`');
    assert.ok(stories.length > 0, 'storybook-static/index.json lists no stories');
  });

  for (const story of stories) {
    it(`${story.id} (${story.title} / ${story.name})`, async () => {
      const errors: string[] = [];
      const onError = (error: Error) => errors.push(error.message);
      page.on('pageerror', onError);
      try {
        const plays = story.tags?.includes('play-fn') ?? false;
        await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`, { waitUntil: 'load' });
        // Storybook marks the body once the story rendered, or shows its error display when it threw.
        // A story with a play function is waited for until its render has run every phase (rendering,
        // playing, completing, …) and `finished`.
        await page.waitForFunction(
          (waitForPlay) => {
            if (document.body.classList.contains('sb-show-errordisplay')) return true;
            if (!waitForPlay) return document.body.classList.contains('sb-show-main');
            const preview = (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }).__STORYBOOK_PREVIEW__;
            const phase = preview?.currentRender?.phase;
            return phase === 'finished' || phase === 'aborted';
          },
          plays,
          { timeout: plays ? PLAY_TIMEOUT_MS : SETTLE_TIMEOUT_MS },
        );
        const storyError = await page.evaluate(() =>
          document.body.classList.contains('sb-show-errordisplay')
            ? [document.getElementById('error-message')?.textContent, document.getElementById('error-stack')?.textContent].filter(Boolean).join('\n') || 'error'
            : null,
        );
        assert.equal(storyError, null, `the story ${plays ? 'or its play function ' : ''}failed: ${storyError}`);
        if (plays) {
          // A failed expect in a play does not stop the render (it ends "finished", status "success"):
          // Storybook reports it on its channel, which keeps the last payload of each event.
          const play = await page.evaluate(() => {
            type Reported = { message?: string; stack?: string };
            const data = (window as unknown as { __STORYBOOK_ADDONS_CHANNEL__?: { data?: Record<string, unknown[]> } }).__STORYBOOK_ADDONS_CHANNEL__?.data ?? {};
            const threw = data.playFunctionThrewException?.[0] as Reported | undefined;
            const unhandled = (data.unhandledErrorsWhilePlaying?.[0] ?? []) as Reported[];
            const finished = data.storyFinished?.[0] as { status?: string } | undefined;
            return {
              threw: threw ? `${threw.message ?? ''}\n${threw.stack ?? ''}` : null,
              unhandled: unhandled.map((error) => error.message ?? String(error)),
              status: finished?.status ?? null,
            };
          });
          assert.equal(play.threw, null, `the play function failed: ${play.threw}`);
          assert.deepEqual(play.unhandled, [], 'errors left uncaught while the play function ran');
          assert.equal(play.status, 'success', 'Storybook finished the story with an error');
          assert.deepEqual(errors, [], 'uncaught errors on the page while the play function ran');
          played++;
        }
        await page.addScriptTag({ path: SETTLE_SCRIPT });
        await settle(page, openRequests);
        await page.addScriptTag({ path: AXE_SCRIPT });
        const results = await page.evaluate(
          (tags) =>
            (window as unknown as { axe: typeof import('axe-core') }).axe.run(
              { include: [['#storybook-root']] },
              { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
            ),
          WCAG_TAGS,
        );
        checked++;
        const lines = describeViolations(results.violations);
        assert.equal(lines.length, 0, `${story.id}: ${lines.length} axe violation(s)\n${lines.join('\n')}`);
      } finally {
        page.off('pageerror', onError);
        if (errors.length) console.log(`# ${story.id}: page errors: ${errors.join(' | ')}`);
      }
    });
  }

  it('checked every story', () => {
    console.log(`# axe checked ${checked} of ${stories.length} stories; ${played} of ${withPlay} play functions passed`);
    assert.equal(checked, stories.length);
    assert.equal(played, withPlay);
  });
});
