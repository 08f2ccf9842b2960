// The buyer's main paths through the demo store against the real reference backend.
import { expect, test } from './fixtures.js';
import { DEFAULT_TOKEN_TTL_SECONDS } from '../../server/config.js';
import { checkoutHarness, createCheckout, fillTestCard, openCheckout, storedPayments, storeUrl } from './support.js';

/** The reference backend's session token lifetime. */
const TOKEN_TTL_MS = DEFAULT_TOKEN_TTL_SECONDS * 1000;

test.describe('demo store checkout', () => {
  test('a buyer adds to cart, checks out and pays by card', async ({ page, request }) => {
    await page.goto(storeUrl());
    await page.getByRole('button', { name: /Add Stoneware mug to cart/i }).click();
    const created = page.waitForResponse((r) => r.url().endsWith('/store/checkout'));
    await page.getByRole('button', { name: 'Checkout' }).click();
    const { sessionId } = (await (await created).json()) as { sessionId: string };
    const checkout = checkoutHarness(page.locator('ck-checkout'));
    await checkout.choose(/card/i);
    await fillTestCard(page);
    await checkout.pay();
    expect(await checkout.outcome()).toBe('succeeded');
    await expect(page.getByText('Order confirmed')).toBeVisible();
    const payments = await storedPayments(request, sessionId);
    expect(payments.map((p) => [p.method, p.status])).toEqual([['card', 'succeeded']]);
  });

  test('a decline shows its reason and the backend holds exactly one failed payment', async ({ page, request }) => {
    const handle = await createCheckout(request, { scenario: 'decline:insufficient_funds' });
    await openCheckout(page, handle);
    const checkout = checkoutHarness(page.locator('ck-checkout'));
    await checkout.pay();
    expect(await checkout.outcome()).toBe('failed');
    expect(await checkout.alertTitle()).toBe('Insufficient balance');
    const payments = await storedPayments(request, handle.sessionId);
    expect(payments).toHaveLength(1);
    expect(payments[0]!.status).toBe('failed');
  });

  test('reloading mid-payment resumes the same attempt and creates exactly one payment', async ({ page, request }) => {
    const handle = await createCheckout(request, { faults: { latencyMs: 2500 } });
    await openCheckout(page, handle);
    const checkout = page.locator('ck-checkout');
    const posted = page.waitForRequest((r) => r.url().endsWith('/payments') && r.method() === 'POST');
    await checkout.getByRole('button', { name: /^Pay / }).click();
    await posted;
    await page.reload();
    await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible({ timeout: 20_000 });
    const payments = await storedPayments(request, handle.sessionId);
    expect(payments).toHaveLength(1);
    expect(payments[0]!.status).toBe('succeeded');
  });

  test('double clicks on Pay create one payment', async ({ page, request }) => {
    const handle = await createCheckout(request, { faults: { latencyMs: 800 } });
    await openCheckout(page, handle);
    const pay = page.locator('ck-checkout').getByRole('button', { name: /^Pay / });
    await pay.dblclick({ force: true });
    await pay.click({ force: true, timeout: 1000 }).catch(() => undefined);
    await expect(page.locator('ck-checkout').getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    expect(await storedPayments(request, handle.sessionId)).toHaveLength(1);
  });

  for (const sameOrigin of [false, true]) {
    test(`works with the checkout API ${sameOrigin ? 'on the store origin' : 'on another origin (CORS)'}`, async ({ page, request }) => {
      const handle = await createCheckout(request, { sameOrigin });
      expect(new URL(handle.endpoint).origin === new URL(storeUrl()).origin).toBe(sameOrigin);
      await openCheckout(page, handle);
      const checkout = page.locator('ck-checkout');
      await checkout.getByRole('button', { name: /^Pay / }).click();
      await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    });
  }

  test('an expired token is renewed by the store and the buyer keeps their choice', async ({ page, clockedBackend: backend }) => {
    // The store's server creates the checkout for this browser (page.request shares its cookies, as the store's page would).
    const handle = await createCheckout(page.request, { country: 'NL', currency: 'EUR', items: [{ sku: 'mug-stoneware', quantity: 1 }], backend });
    await backend.installClock(page);
    await openCheckout(page, handle, { country: 'NL', items: [{ sku: 'mug-stoneware', quantity: 1 }], backend });
    const checkout = checkoutHarness(page.locator('ck-checkout'));
    await checkout.choose(/card/i);
    const expired = page.evaluate(() => new Promise((resolve) => document.addEventListener('ck-session-expired', () => resolve(true), { once: true })));
    // The buyer leaves the tab open past the token's lifetime (30 minutes), on the backend's and the page's clocks.
    await backend.advance(page, TOKEN_TTL_MS + 1_000);
    await checkout.pay();
    expect(await expired).toBe(true);
    // The store's listener fetched a new token; the same attempt continues with the card the buyer chose.
    await checkout.waitForOutcome('succeeded');
    expect((await storedPayments(page.request, handle.sessionId, backend)).map((p) => [p.method, p.status])).toEqual([['card', 'succeeded']]);
  });
});
