// The drop-in loads the payment code after the method list is shown. These
// tests hold that split to its promises: the list never waits for it, and a
// chunk that cannot be fetched is a clear, recoverable state, never a dead button.
import { expect, test } from './fixtures.js';
import { createCheckout, openCheckout, storedPayments } from './support.js';

// A retry asks for the chunk under a fresh URL (`?attempt=n`, see importAgain): blocked means every URL of it.
const PAYMENT_STAGE = /\/chunks\/payment-stage-[^/?]+\.js(\?.*)?$/;

test('the method list is interactive while the payment code is still on its way', async ({ page, request }) => {
  const handle = await createCheckout(request);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(PAYMENT_STAGE, async (route) => {
    await held;
    await route.continue();
  });
  await openCheckout(page, handle);
  const checkout = page.locator('ck-checkout');
  // The list and the Pay button are there without the payment chunk.
  await checkout.getByRole('radio', { name: /card/i }).check();
  const pay = checkout.getByRole('button', { name: /^Pay / });
  await expect(pay).toBeEnabled();
  // A click before the chunk arrived is not lost: it pays once the code is there.
  await pay.click();
  release();
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  expect((await storedPayments(request, handle.sessionId)).map((p) => p.status)).toEqual(['succeeded']);
});

test('a payment chunk that cannot be fetched says so, charges nothing, and paying works after "Try again"', async ({ page, request }) => {
  const handle = await createCheckout(request);
  let blocked = true;
  await page.route(PAYMENT_STAGE, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  const errors: string[] = [];
  await page.exposeFunction('reportCkError', (code: string) => errors.push(code));
  await page.addInitScript(() => {
    document.addEventListener('ck-error', (event) => {
      (window as unknown as { reportCkError(code: string): void }).reportCkError((event as CustomEvent<{ code: string }>).detail.code);
    });
  });
  await openCheckout(page, handle);
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('radio', { name: /card/i }).check();
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('alert')).toContainText(/connect|connection|network/i);
  expect(await storedPayments(request, handle.sessionId)).toEqual([]);
  expect(errors).toContain('network_error');

  blocked = false;
  await checkout.getByRole('button', { name: /try again/i }).click();
  // The buyer's choice survived the reload of the session.
  await expect(checkout.getByRole('radio', { name: /card/i })).toBeChecked();
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  expect((await storedPayments(request, handle.sessionId)).map((p) => p.status)).toEqual(['succeeded']);
});
