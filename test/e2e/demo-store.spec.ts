// The demo store as a store owner and a buyer meet it: the visible sandbox panel drives every path
// (decline once then succeed, a failure code, a magic amount, an outage), the page has no 404s, its
// headings do not skip levels, its own words follow the language, and no disabled "Checkout" lingers.
import { expect, test } from './fixtures.js';
import type { Page } from '@playwright/test';
import { dbPayments, fillTestCard, storeUrl } from './support.js';
import { FAILURE_CODES } from '../../src/core/protocol/schemas.js';

test.describe.configure({ mode: 'parallel' });

/** Adds a mug and presses "Checkout"; returns what the store's server answered. */
async function startCheckout(page: Page): Promise<{ sessionId: string; amount: { value: number; currency: string } }> {
  await page.getByRole('button', { name: 'Add Stoneware mug to cart' }).click();
  const created = page.waitForResponse((r) => r.url().endsWith('/store/checkout'));
  await page.getByRole('button', { name: 'Checkout' }).click();
  return (await (await created).json()) as { sessionId: string; amount: { value: number; currency: string } };
}

test('sandbox panel: "Decline once, then succeed" declines the first attempt, "Try again" pays; no disabled Checkout above the success', async ({ page }) => {
  await page.goto(storeUrl());
  const panel = page.getByRole('region', { name: 'Sandbox' });
  await expect(panel).toBeVisible();
  await panel.getByLabel('Outcome').selectOption({ label: 'Decline once, then succeed' });
  await panel.getByLabel('Failure code').selectOption('issuer_unavailable');
  const { sessionId } = await startCheckout(page);
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('radio', { name: /card/i }).check();
  await fillTestCard(page);
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('alert')).toBeVisible();
  await checkout.getByRole('button', { name: /Try again/ }).click();
  // A card token is single-use: "Try again" brings back the card form for a new one.
  await fillTestCard(page);
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  await expect(page.getByText('Order confirmed')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Checkout' })).toHaveCount(0);
  expect(dbPayments(sessionId).map((p) => [p.method, p.status, p.failureCode])).toEqual([
    ['card', 'failed', 'issuer_unavailable'],
    ['card', 'succeeded', null],
  ]);
});

test('sandbox panel: a price ending reaches a magic amount (…52 declines the card)', async ({ page }) => {
  await page.goto(storeUrl());
  await page.getByRole('region', { name: 'Sandbox' }).getByLabel('Price ending (magic amount)').selectOption('52');
  const { sessionId, amount } = await startCheckout(page);
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('radio', { name: /card/i }).check();
  await fillTestCard(page);
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('alert')).toBeVisible();
  expect(amount.value % 100).toBe(52);
  expect(dbPayments(sessionId)).toEqual([{ method: 'card', status: 'failed', failureCode: 'card_declined' }]);
});

test('sandbox panel: a method goes down and comes back in the open checkout', async ({ page }) => {
  await page.goto(storeUrl());
  await startCheckout(page);
  const checkout = page.locator('ck-checkout');
  const card = checkout.getByRole('radio', { name: /card/i });
  await expect(card).toBeVisible();
  const outage = page.getByRole('group', { name: 'Method outage (the open checkout)' });
  await outage.getByLabel('Method').selectOption('card');
  await outage.getByRole('button', { name: 'Down' }).click();
  await expect(outage.getByRole('status')).toContainText('card is down');
  await outage.getByRole('button', { name: 'Reload the method list' }).click();
  await expect(checkout.getByRole('radio').first()).toBeVisible();
  await expect(card).toHaveCount(0);
  await outage.getByRole('button', { name: 'Back' }).click();
  await expect(outage.getByRole('status')).toContainText('card is back');
  await outage.getByRole('button', { name: 'Reload the method list' }).click();
  await expect(card).toBeVisible();
});

test('the page: no 404 (favicon included), headings in order, its own words in the chosen language', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto(storeUrl());
  await expect(page.getByRole('button', { name: 'Add Stoneware mug to cart' })).toBeVisible();
  expect(await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href)).toMatch(/favicon\.svg$/);
  expect((await page.request.get(`${storeUrl()}/demo/favicon.svg`)).status()).toBe(200);
  expect(missing).toEqual([]);
  // The panel offers every failure code of the protocol, in the order magic amounts use.
  expect(await page.getByLabel('Failure code').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual([...FAILURE_CODES]);
  const levels = await page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])));
  expect(levels[0]).toBe(1);
  levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0), `heading levels ${levels.join(',')}`).toBeLessThanOrEqual(1));

  await page.getByLabel('Language').selectOption('th');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ของใช้ประจำวัน ส่งทั่วโลก');
  await expect(page.getByRole('button', { name: 'ใส่ แก้วมัคสโตนแวร์ ลงตะกร้า' })).toBeVisible();
  await page.getByLabel('ภาษา').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { name: 'سلة التسوق' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Sandbox' })).toHaveAttribute('dir', 'ltr');
});

test('the theme switcher restyles the checkout with tokens and parts only, in the page\'s language', async ({ page }) => {
  await page.goto(storeUrl());
  await startCheckout(page);
  const pay = page.locator('ck-checkout [part~="pay-button"]');
  await expect(pay).toBeVisible();
  const background = () => pay.evaluate((button) => getComputedStyle(button).backgroundColor);
  expect(await background()).toBe('rgb(36, 86, 214)');
  await page.getByLabel('Theme').selectOption({ label: 'Marketplace' });
  await expect.poll(background).toBe('rgb(194, 65, 12)');
  // ck-checkout::part(pay-button) from themes/marketplace.css reaches into the shadow root.
  expect(await pay.evaluate((button) => getComputedStyle(button).textTransform)).toBe('uppercase');
  await page.getByLabel('Theme').selectOption({ label: 'Dark luxury' });
  await expect.poll(() => page.locator('ck-checkout').evaluate((el) => getComputedStyle(el).colorScheme)).toBe('dark');
  await page.getByLabel('Language').selectOption('de');
  await expect(page.getByLabel('Design').locator('option:checked')).toHaveText('Dunkler Luxus');
  await page.reload();
  await expect(page.getByLabel('Design')).toHaveValue('luxury-dark');
});
