// Payment actions and injected faults against the real reference backend: the
// buyer sees the right state, and the database holds exactly the payments it should.
import { expect, test } from './fixtures.js';
import { createCheckout, openCheckout, storedPayments } from './support.js';

test('response lost after the charge: the same attempt is re-sent and exactly one payment exists', async ({ page, request }) => {
  const handle = await createCheckout(request, { faults: { dropAfterCommit: 1 } });
  await openCheckout(page, handle);
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  const payments = await storedPayments(request, handle.sessionId);
  expect(payments.map((p) => p.status)).toEqual(['succeeded']);
});

test('redirect and return: the outcome is shown, also in a fresh browser, and no second payment is made', async ({ page, browser, request }) => {
  const handle = await createCheckout(request, { country: 'NL', currency: 'EUR', items: [{ sku: 'mug-stoneware', quantity: 1 }] });
  await openCheckout(page, handle, { country: 'NL', items: [{ sku: 'mug-stoneware', quantity: 1 }] });
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('radio', { name: 'iDEAL' }).check();
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await checkout.getByRole('button', { name: /Continue to iDEAL/ }).click();
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page).toHaveURL(/ck_payment=/);
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  // The same return URL opened where session storage is gone (another browser): the backend's word is shown.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(page.url());
  await expect(fresh.locator('ck-checkout').getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  await other.close();
  expect((await storedPayments(request, handle.sessionId)).map((p) => [p.method, p.status])).toEqual([['ideal', 'succeeded']]);
});

test('a QR code that expires offers a new attempt or another method, and nothing is charged', async ({ page, request }) => {
  const handle = await createCheckout(request, { country: 'BR', currency: 'BRL', locale: 'en', faults: { actionExpiresInMs: 2500 } });
  await openCheckout(page, handle, { country: 'BR', language: 'en' });
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('radio', { name: 'Pix' }).check();
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('img', { name: /QR/i })).toBeVisible();
  const alert = checkout.getByRole('alert');
  await expect(alert).toContainText('Time ran out', { timeout: 15_000 });
  await expect(checkout.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(checkout.getByRole('button', { name: 'Choose another method' })).toBeVisible();
  expect((await storedPayments(request, handle.sessionId)).every((p) => p.status !== 'succeeded')).toBe(true);
  // A new QR is a new attempt; paying it is the only charge.
  await checkout.getByRole('button', { name: 'Try again' }).click();
  await expect(checkout.getByRole('img', { name: /QR/i })).toBeVisible();
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
