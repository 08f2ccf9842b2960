// The dashboard end to end: two buyers of the demo store pay in the real
// widget, one in each variant of an experiment run by the reference backend;
// one closes the page right after paying, so only the beacon carries its
// events. The merchant then signs in to /dashboard, reads the numbers in the
// variant table and downloads it as CSV.
import { readFileSync } from 'node:fs';
import type { ExperimentDefinition } from '../../src/core/protocol/bucketing.js';
import { useExperimentBackend } from './experiment-backend.js';
import { expect, test } from './fixtures.js';
import { checkoutHarness, openCheckout, type CheckoutHandle } from './support.js';

const PAYPAL_FIRST: ExperimentDefinition = { key: 'dashboard-order', variants: [{ key: 'control' }, { key: 'paypal', order: ['paypal'] }] };

const experimentBackend = useExperimentBackend(PAYPAL_FIRST, 'dashboard');
const sessionIn = experimentBackend.sessionIn;

/** The event types the backend stored for the session, in arrival order, read through its storage (SQLite or Postgres). */
const storedTypes = async (sessionId: string): Promise<string[]> =>
  (await experimentBackend.servers().store.all<{ type: string }>('SELECT type FROM events WHERE session_id = ? ORDER BY rowid', [sessionId])).map((r) => r.type);

test('paid sessions of both variants reach the storage and the dashboard, a closed page included; login, table, CSV', async ({ context, request }) => {
  const handles: CheckoutHandle[] = [];
  for (const variant of ['control', 'paypal']) {
    const handle = await sessionIn(request, variant);
    handles.push(handle);
    const page = await context.newPage();
    await openCheckout(page, handle, { backend: experimentBackend.backend(), country: 'NL' });
    const checkout = checkoutHarness(page.locator('ck-checkout'));
    await checkout.choose(/card/i);
    await checkout.pay();
    expect(await checkout.outcome()).toBe('succeeded');
    if (variant === 'paypal') {
      // Closed right after paying: within the flush interval, so only the beacon can deliver.
      expect(await storedTypes(handle.sessionId)).toEqual([]);
      await page.close({ runBeforeUnload: true });
    } else {
      await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
      await page.close();
    }
  }
  for (const handle of handles) {
    await expect.poll(() => storedTypes(handle.sessionId), { timeout: 10_000 }).toEqual(expect.arrayContaining(['experiment.exposed', 'payment.succeeded']));
  }

  const page = await context.newPage();
  await page.goto(`${experimentBackend.backend().apiUrl}/dashboard`);
  await page.getByLabel('Merchant secret').fill('not it');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not the merchant secret.');
  await page.getByLabel('Merchant secret').fill(experimentBackend.servers().merchantSecret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Experiment dashboard-order' })).toBeVisible();

  const table = page.getByRole('table', { name: 'Variants of dashboard-order' });
  const row = (variant: string) => table.getByRole('row', { name: new RegExp(`^${variant} `) });
  for (const variant of ['control', 'paypal']) {
    const cells = row(variant).getByRole('cell');
    await expect(cells.nth(0)).toHaveText('1');
    await expect(cells.nth(1)).toHaveText('1');
    await expect(cells.nth(2)).toHaveText(/^100\.0% \(/);
  }
  await expect(page.getByRole('status').first()).toContainText('Keep running');

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download Variants of dashboard-order as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('variants-dashboard-order.csv');
  const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(csv[0]).toMatch(/^variant,exposed_sessions,paid_sessions,conversion,/);
  expect(csv.slice(1, 3).map((line) => line.split(',').slice(0, 4).join(','))).toEqual(['control,1,1,1', 'paypal,1,1,1']);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
