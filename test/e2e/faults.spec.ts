// Payment actions and injected faults against the real reference backend: the
// buyer sees the right state, and the database holds exactly the payments it should.
import { expect, test } from './fixtures.js';
import { checkoutHarness, createCheckout, dbPayments, openCheckout, storedPayments } from './support.js';
import { locatorOf } from '../shared/playwright-driver.js';

test('response lost after the charge: the same attempt is re-sent and exactly one payment exists', async ({ page, request }) => {
  const handle = await createCheckout(request, { faults: { dropAfterCommit: 1 } });
  await openCheckout(page, handle);
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  const payments = await storedPayments(request, handle.sessionId);
  expect(payments.map((p) => p.status)).toEqual(['succeeded']);
});

test('redirect and return: the outcome is shown, also in a new tab, never in another browser, and no second payment is made', async ({ page, browser, request }) => {
  // Created through the page's own request context, so this browser holds the store's session cookie.
  const handle = await createCheckout(page.request, { country: 'NL', currency: 'EUR', items: [{ sku: 'mug-stoneware', quantity: 1 }] });
  await openCheckout(page, handle, { country: 'NL', items: [{ sku: 'mug-stoneware', quantity: 1 }] });
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('radio', { name: 'iDEAL' }).check();
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await checkout.getByRole('button', { name: /Continue to iDEAL/ }).click();
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page).toHaveURL(/ck_payment=/);
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  // The same return URL in a new tab of this browser (session storage gone, the store's cookie kept): the backend's word is shown.
  const tab = await page.context().newPage();
  await tab.goto(page.url());
  await expect(tab.locator('ck-checkout').getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  // In another browser the order id alone opens nothing: the store mints no token for it (issue 17, hole 2).
  const other = await browser.newContext();
  const stranger = await other.newPage();
  const refused = stranger.waitForResponse((r) => r.url().includes('/store/sessions/') && r.url().endsWith('/token'));
  await stranger.goto(page.url());
  expect((await refused).status()).toBe(403);
  await expect(stranger.locator('ck-checkout')).toHaveCount(0);
  // …and the store says why, instead of showing nothing.
  await expect(stranger.getByRole('status').filter({ hasText: 'started in another browser' })).toBeVisible();
  await other.close();
  expect((await storedPayments(request, handle.sessionId)).map((p) => [p.method, p.status])).toEqual([['ideal', 'succeeded']]);
});

test('a QR code that expires offers a new attempt or another method, and nothing is charged', async ({ page, request, clockedBackend: backend }) => {
  // A minute to pay, on clocks only the test moves: the code cannot run out before the test has looked at it.
  const lifetime = 60_000;
  const handle = await createCheckout(request, { country: 'BR', currency: 'BRL', locale: 'en', faults: { actionExpiresInMs: lifetime }, backend });
  await backend.installClock(page);
  await openCheckout(page, handle, { country: 'BR', language: 'en', backend });
  const checkout = checkoutHarness(page.locator('ck-checkout'));
  await checkout.choose('Pix');
  await checkout.pay();
  await expect(locatorOf(await checkout.action.qrCode())).toBeVisible();
  expect(await checkout.action.countdown()).toMatch(/^Time left: [01]:\d\d$/);

  // The minute passes for the backend and the page at once.
  await backend.advance(page, lifetime);
  expect(await checkout.outcome()).toBe('failed');
  expect(await checkout.alertTitle()).toBe('Time ran out');
  await expect(page.locator('ck-checkout').getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(page.locator('ck-checkout').getByRole('button', { name: 'Choose another method' })).toBeVisible();
  expect(dbPayments(handle.sessionId, backend)).toEqual([{ method: 'pix', status: 'failed', failureCode: 'expired' }]);

  // A new QR is a new attempt; the expired one stays failed and nothing is charged.
  await checkout.tryAgain();
  await expect(locatorOf(await checkout.action.qrCode())).toBeVisible();
  expect(dbPayments(handle.sessionId, backend).map((p) => p.status)).toEqual(['failed', 'requires_action']);
});

test("a decline offers other methods ('Pay with X instead') and stores one failed payment", async ({ page, request }) => {
  const handle = await createCheckout(request, { country: 'ID', currency: 'IDR', locale: 'en', scenario: 'decline:issuer_unavailable' });
  await openCheckout(page, handle, { country: 'ID', language: 'en' });
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('alert')).toBeVisible();
  const offered = checkout.getByRole('button', { name: /instead$/ });
  await expect(offered.first()).toBeVisible();
  const payments = await storedPayments(request, handle.sessionId);
  expect(payments.map((p) => p.status)).toEqual(['failed']);
});
