// An experiment on the method order, end to end: the reference backend assigns
// each buyer a variant (same hash as the widget), and the variant decides the
// order on screen, in ck-ready, and in the exposure event stored in SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startServers, type RunningServers } from '../../server/app.js';
import { assignVariant, type ExperimentDefinition } from '../../src/core/protocol/bucketing.js';
import { expect, test } from './fixtures.js';
import { checkoutHarness, createCheckout, openCheckout, type Backend, type CheckoutHandle } from './support.js';

const PAYPAL_FIRST: ExperimentDefinition = { key: 'paypal-first', variants: [{ key: 'control' }, { key: 'paypal', order: ['paypal'] }] };

let servers: RunningServers;
let backend: Backend;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ck-e2e-experiments-'));
  const dbPath = join(dir, 'e2e.sqlite');
  servers = await startServers({ host: '127.0.0.1', storePort: 0, apiPort: 0, dbPath, storeRoot: process.cwd(), experiments: [PAYPAL_FIRST] });
  backend = { storeUrl: servers.storeUrl, apiUrl: servers.apiUrl, dbPath };
});

test.afterAll(async () => {
  await servers.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sessions until one lands in `variant` (the demo store passes no buyer id, so the session id is the unit). */
async function sessionIn(request: Parameters<typeof createCheckout>[0], variant: string): Promise<CheckoutHandle> {
  for (let i = 0; i < 40; i++) {
    const handle = await createCheckout(request, { backend, country: 'NL', currency: 'EUR' });
    if (assignVariant(PAYPAL_FIRST, handle.sessionId, 'NL')?.variant === variant) return handle;
  }
  throw new Error(`no session in variant ${variant} among 40`);
}

test('the assigned variant decides the order on screen and in ck-ready, and its exposure is stored', async ({ context, request }) => {
  const seen: Record<string, { screen: string[]; ready: { methods: string[]; experiments: unknown } }> = {};
  for (const variant of ['control', 'paypal']) {
    const handle = await sessionIn(request, variant);
    // A page of its own per buyer: the demo store keeps its checkout in sessionStorage.
    const page = await context.newPage();
    await page.addInitScript(() => {
      document.addEventListener('ck-ready', (event) => {
        (window as unknown as { ckReady: unknown }).ckReady = (event as CustomEvent<unknown>).detail;
      });
    });
    await openCheckout(page, handle, { backend, country: 'NL' });
    const checkout = checkoutHarness(page.locator('ck-checkout'));
    const screen = await checkout.picker.options();
    const ready = await page.waitForFunction(() => (window as unknown as { ckReady?: unknown }).ckReady).then((h) => h.jsonValue() as Promise<{ methods: string[]; experiments: unknown }>);
    seen[variant] = { screen, ready };
    expect(ready.experiments).toEqual([{ key: 'paypal-first', variant }]);
    // The exposure reaches the backend when the page is hidden.
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
    await expect
      .poll(() => {
        const db = new Database(backend.dbPath, { readonly: true, fileMustExist: true });
        try {
          return db.prepare("SELECT data_json FROM events WHERE session_id = ? AND type = 'experiment.exposed'").all(handle.sessionId) as { data_json: string }[];
        } finally {
          db.close();
        }
      })
      .toEqual([{ data_json: JSON.stringify({ experiment: 'paypal-first', variant }) }]);
    await page.close();
  }
  expect(seen['control']!.ready.methods[0]).toBe('ideal');
  expect(seen['paypal']!.ready.methods[0]).toBe('paypal');
  expect(seen['paypal']!.ready.methods.slice(1)).toEqual(seen['control']!.ready.methods.filter((id) => id !== 'paypal'));
  expect(seen['control']!.screen[0]).toMatch(/iDEAL/i);
  expect(seen['paypal']!.screen[0]).toMatch(/PayPal/i);
});
