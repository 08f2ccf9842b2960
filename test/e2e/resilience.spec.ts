// What a store sees when things go wrong outside the buyer's control: a
// payment channel that goes down mid-checkout, a method the store marks slow
// and then well again, and a buyer whose connection drops while paying.
import { expect, test } from './fixtures.js';
import type { APIRequestContext } from '@playwright/test';
import { MERCHANT_SECRET, apiUrl, ckEvents, createCheckout, dbKeyStates, dbPayments, openCheckout, recordCkEvents } from './support.js';

async function setMethodStatus(request: APIRequestContext, sessionId: string, method: string, status: 'available' | 'degraded' | 'down'): Promise<void> {
  const response = await request.put(`${apiUrl()}/merchant/v1/sessions/${encodeURIComponent(sessionId)}/methods/${method}`, {
    headers: { Authorization: `Bearer ${MERCHANT_SECRET}` },
    data: { status },
  });
  expect(response.ok(), `PUT methods/${method} ${status}`).toBe(true);
}

test('a wallet whose channel goes down mid-checkout fails clearly, another method pays, and the events say what happened', async ({ page, request }) => {
  const handle = await createCheckout(request, { country: 'ID', currency: 'IDR', locale: 'en' });
  await recordCkEvents(page);
  await openCheckout(page, handle, { country: 'ID', language: 'en' });
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('radio', { name: 'GoPay' }).check();
  // The outage starts after the buyer loaded the page: the session they have still lists GoPay.
  await setMethodStatus(request, handle.sessionId, 'gopay', 'down');
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('alert')).toContainText(/can't be used|unavailable/i);

  const [failed] = await ckEvents(page, 'ck-payment-failed');
  expect(failed?.detail).toMatchObject({ method: 'gopay', code: 'method_unavailable', attempt: 1 });
  const [offered] = await ckEvents(page, 'ck-fallback-offered');
  expect(offered?.detail).toMatchObject({ method: 'gopay', code: 'method_unavailable', attempt: 1 });
  const offeredIds = (offered?.detail as { offered: string[] }).offered;
  expect(offeredIds).not.toContain('gopay');
  expect(offeredIds).toContain('card');

  await checkout.getByRole('button', { name: /card.*instead/i }).click();
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  const [chosen] = await ckEvents(page, 'ck-fallback-chosen');
  expect(chosen?.detail).toMatchObject({ method: 'gopay', code: 'method_unavailable', attempt: 1, chosen: 'card' });
  expect(dbPayments(handle.sessionId).map((p) => [p.method, p.status])).toEqual([
    ['gopay', 'failed'],
    ['card', 'succeeded'],
  ]);
});

test('the store marks a method slow and then well again, with no deploy: the list follows', async ({ page, request }) => {
  const handle = await createCheckout(request, { country: 'ID', currency: 'IDR', locale: 'en' });
  await openCheckout(page, handle, { country: 'ID', language: 'en' });
  const checkout = page.locator('ck-checkout');
  const radios = checkout.getByRole('radio');
  const order = () => radios.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  await expect(radios.first()).toBeVisible();
  const before = await order();
  const top = before[0]!;

  await setMethodStatus(request, handle.sessionId, top, 'degraded');
  await page.reload();
  await expect(checkout.getByText('Temporarily slow')).toBeVisible();
  expect((await order()).at(-1)).toBe(top);

  await setMethodStatus(request, handle.sessionId, top, 'down');
  await page.reload();
  await expect(radios.first()).toBeVisible();
  expect(await order()).not.toContain(top);

  await setMethodStatus(request, handle.sessionId, top, 'available');
  await page.reload();
  await expect(radios.first()).toBeVisible();
  expect(await order()).toEqual(before);
  await expect(checkout.getByText('Temporarily slow')).toHaveCount(0);
});

test('the connection drops while paying: "You\'re offline" is shown, nothing is sent twice, and the payment completes once back online', async ({ page, context, request }) => {
  const handle = await createCheckout(request, { faults: { latencyMs: 1500 } });
  await openCheckout(page, handle);
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('radio', { name: /card/i }).check();
  await checkout.getByRole('button', { name: /^Pay / }).click();
  // The POST has reached the backend, which holds it 1.5 s (its key is in flight); the buyer's Wi-Fi goes.
  await expect.poll(() => dbKeyStates(handle.sessionId)).toEqual(['in_flight']);
  await context.setOffline(true);
  await expect(checkout.getByRole('status').filter({ hasText: "You're offline" }).first()).toBeVisible();
  await expect(checkout.getByRole('button', { name: /^Pay / })).toHaveCount(0);
  // The charge goes through while the buyer is offline; then the connection comes back.
  await expect.poll(() => dbPayments(handle.sessionId).map((p) => p.status)).toEqual(['succeeded']);
  await context.setOffline(false);
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible({ timeout: 15_000 });
  expect(dbPayments(handle.sessionId).map((p) => p.status)).toEqual(['succeeded']);
});
