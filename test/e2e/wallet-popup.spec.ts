// A wallet approved in its popup: the popup closes itself and the store page finishes the checkout;
// the popup never loads a second copy of the store.
import { expect, test } from './fixtures.js';
import { chooseMethod, createCheckout, dbPayments, openCheckout, storeUrl } from './support.js';

test('wallet popup: Approve closes the popup, the original page shows the success, one page, one succeeded row', async ({ page, request, context }) => {
  const handle = await createCheckout(request, { country: 'US', currency: 'USD', methods: ['paypal', 'card'] });
  await openCheckout(page, handle, { country: 'US', language: 'en' });
  const checkout = page.locator('ck-checkout');
  await chooseMethod(checkout, 'PayPal');
  await checkout.getByRole('button', { name: /^Pay / }).click();

  const [popup] = await Promise.all([page.waitForEvent('popup'), checkout.getByRole('button', { name: 'Continue to PayPal' }).click()]);
  const visited: string[] = [];
  popup.on('framenavigated', (frame) => {
    if (frame === popup.mainFrame()) visited.push(frame.url());
  });
  await expect(popup.getByRole('heading', { name: 'Pay with PayPal' })).toBeVisible();
  await Promise.all([popup.waitForEvent('close'), popup.getByRole('button', { name: 'Approve' }).click()]);

  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible({ timeout: 20_000 });
  expect(context.pages()).toEqual([page]);
  expect(visited.filter((url) => url.startsWith(storeUrl()))).toEqual([]);
  expect(dbPayments(handle.sessionId)).toEqual([{ method: 'paypal', status: 'succeeded', failureCode: null }]);
});

test('wallet popup blocked: the same page goes to the wallet and comes back to the store to finish', async ({ page, request }) => {
  const handle = await createCheckout(request, { country: 'US', currency: 'USD', methods: ['paypal', 'card'] });
  await page.addInitScript(() => {
    window.open = () => null;
  });
  await openCheckout(page, handle, { country: 'US', language: 'en' });
  const checkout = page.locator('ck-checkout');
  await chooseMethod(checkout, 'PayPal');
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await checkout.getByRole('button', { name: 'Continue to PayPal' }).click();
  await expect(page.getByRole('heading', { name: 'Pay with PayPal' })).toBeVisible();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.waitForURL((url) => url.href.startsWith(storeUrl()) && url.searchParams.has('ck_payment'));
  await expect(page.locator('ck-checkout').getByRole('heading', { name: 'Payment successful' })).toBeVisible({ timeout: 20_000 });
  expect(dbPayments(handle.sessionId)).toEqual([{ method: 'paypal', status: 'succeeded', failureCode: null }]);
});
