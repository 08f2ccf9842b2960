// <ck-checkout>'s error boundary, end to end: every asynchronous path ends in a
// state the buyer can act on. The auto fixture fails any test whose page logs an
// uncaught error or an unhandled rejection, so "no floating promise" is asserted too.
import { expect, test } from './fixtures.js';
import { createCheckout, ckEvents, openCheckout, recordCkEvents, storedPayments } from './support.js';

// A retry asks for the chunk under a fresh URL (`?attempt=n`, see importAgain): blocked means every URL of it.
const PAYMENT_STAGE = /\/chunks\/payment-stage-[^/?]+\.js(\?.*)?$/;

test('a return from the bank while the payment code cannot be fetched says so, then completes the same payment after "Try again"', async ({ page, request }) => {
  const items = [{ sku: 'mug-stoneware', quantity: 1 }];
  const handle = await createCheckout(request, { country: 'NL', currency: 'EUR', items });
  await recordCkEvents(page);
  await openCheckout(page, handle, { country: 'NL', items });
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('radio', { name: 'iDEAL' }).check();
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await checkout.getByRole('button', { name: /Continue to iDEAL/ }).click();

  // Back from the bank, the store page loads afresh, and its payment code cannot be fetched.
  let blocked = true;
  await page.route(PAYMENT_STAGE, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page).toHaveURL(/ck_payment=/);
  await expect(checkout.getByRole('alert')).toContainText("We couldn't reach the payment service");
  await expect(checkout).toHaveAttribute('state', 'unavailable');
  // Never "Pay" again while the outcome of the payment in flight is unknown.
  await expect(checkout.getByRole('button', { name: /^Pay / })).toHaveCount(0);
  expect((await ckEvents(page, 'ck-error')).map((e) => (e.detail as { code: string }).code)).toContain('network_error');

  blocked = false;
  await checkout.getByRole('button', { name: 'Try again' }).click();
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  await expect(checkout).toHaveAttribute('state', 'succeeded');
  expect((await ckEvents(page, 'ck-payment-succeeded')).length).toBe(1);
  expect((await storedPayments(request, handle.sessionId)).map((p) => [p.method, p.status])).toEqual([['ideal', 'succeeded']]);
});

test('the order on screen, ck-ready and the fallback suggestions are one list', async ({ page, request }) => {
  const handle = await createCheckout(request, { country: 'ID', currency: 'IDR', items: [{ sku: 'mug-stoneware', quantity: 1 }], scenario: 'decline:insufficient_funds' });
  await recordCkEvents(page);
  await openCheckout(page, handle, { country: 'ID', items: [{ sku: 'mug-stoneware', quantity: 1 }] });
  const checkout = page.locator('ck-checkout');
  await expect(checkout.getByRole('button', { name: /^Pay / })).toBeEnabled();
  // ck-ready follows once the picker's rows are rendered too (in the task after the checkout's).
  await expect.poll(async () => (await ckEvents(page, 'ck-ready')).length).toBe(1);
  const [ready] = await ckEvents(page, 'ck-ready');
  const readyOrder = (ready!.detail as { methods: string[] }).methods;
  const shownOrder = await checkout.getByRole('radio').evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).value));
  expect(shownOrder).toEqual(readyOrder.slice(0, shownOrder.length));

  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('alert')).toBeVisible();
  const [offeredEvent] = await ckEvents(page, 'ck-fallback-offered');
  const offered = (offeredEvent!.detail as { offered: string[] }).offered;
  expect(offered.length).toBeGreaterThan(0);
  // Suggestions follow the buyer's list (within the rule's kinds), and never repeat the failed method.
  expect(offered).not.toContain(shownOrder[0]);
  for (const id of offered) expect(readyOrder).toContain(id);
});
