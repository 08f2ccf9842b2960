/**
 * The framework examples (examples/<framework>/) as a store would ship them: each is built with
 * Vite and its own config (React 19 TSX, Vue 3 SFC with @vitejs/plugin-vue, Svelte 5 with
 * @sveltejs/vite-plugin-svelte, plain HTML) to a temporary folder, served on 127.0.0.1 and opened
 * in Chromium. The store's "create a checkout session" route and the checkout API are answered by
 * Playwright routes with protocol-valid bodies. Each must show the method list inside
 * `<ck-checkout>`, and the framework's own handlers must receive `ck-ready` and, after Pay,
 * `ck-payment-succeeded` (their text appears in the framework-rendered status line).
 *
 *   node --import tsx --test test/frameworks/examples.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { build } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.js';
import { sessionFixture } from '../shared/fake-backend.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const FRAMEWORKS = ['html', 'react', 'vue', 'svelte'] as const;
const ENDPOINT = 'https://merchant.test/checkout/v1';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.json': 'application/json' };

/** Serves one built example read-only on 127.0.0.1 and a free port. */
async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const root = dir.endsWith(sep) ? dir : dir + sep;
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The store's session route and a well-behaved checkout API (one payment, which succeeds). */
async function answerBackend(page: Page): Promise<void> {
  const session = sessionFixture({ id: 'cs_framework_example' });
  await page.route('**/api/checkout-session', (route) => route.fulfill({ json: { sessionToken: 'tok_example', endpoint: ENDPOINT } }));
  await page.route(`${ENDPOINT}/**`, async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname.replace('/checkout/v1', '');
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' };
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    if (request.method() === 'GET' && path === '/session') return route.fulfill({ json: session, headers: cors });
    if (request.method() === 'POST' && path === '/payments') {
      const { method } = request.postDataJSON() as { method: string };
      return route.fulfill({ status: 201, headers: cors, json: { id: 'pay_example_1', status: 'succeeded', method, amount: session.amount, createdAt: new Date().toISOString() } });
    }
    if (request.method() === 'POST' && path === '/events') return route.fulfill({ status: 202, headers: cors, json: {} });
    return route.fulfill({ status: 404, headers: cors, json: { error: { code: 'not_found', message: path } } });
  });
}

describe('framework examples, built with Vite and rendered in Chromium', () => {
  const out = mkdtempSync(join(tmpdir(), 'ck-examples-'));
  let browser: Browser | undefined;

  before(async () => {
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    rmSync(out, { recursive: true, force: true });
  });

  for (const framework of FRAMEWORKS) {
    it(`${framework}: shows the method list and the framework's handlers get ck-ready and ck-payment-succeeded`, async () => {
      const root = join(EXAMPLES, framework);
      const outDir = join(out, framework);
      await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: false } });
      const { server, origin } = await serve(outDir);
      const page = await browser!.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await answerBackend(page);
        await page.goto(`${origin}/`);
        const checkout = page.locator('ck-checkout');
        // Playwright's role queries pierce the element's shadow root, as a screen reader does.
        const methods = checkout.getByRole('radio');
        await methods.first().waitFor({ timeout: 15_000 });
        assert.deepEqual(await methods.evaluateAll((radios) => radios.length), 3, 'the three methods of the session');
        await page.getByRole('status').filter({ hasText: 'Ready: 3 payment methods' }).waitFor({ timeout: 10_000 });
        await checkout.getByRole('radio', { name: 'Credit or debit card' }).check();
        await checkout.getByRole('button', { name: 'Pay €42.00' }).click();
        await page.getByRole('status').filter({ hasText: 'Paid: pay_example_1' }).waitFor({ timeout: 10_000 });
        assert.deepEqual(errors, [], 'no uncaught errors on the page');
      } finally {
        await page.close();
        await new Promise((done) => server.close(done));
      }
    });
  }
});
