// Where the launcher and the panel go on a phone, on the demo store with a
// checkout: never over the Pay button or an element the store names, a
// stacking order the store sets with a custom property, the reading
// direction's corner, and a panel that follows the visual viewport (which the
// on-screen keyboard shrinks; a pinch zoom shrinks it the same way here).
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { startSupportServers, type SupportServers } from './support-helpers.js';

test.describe.configure({ timeout: 120_000 });

let servers: SupportServers;
test.beforeAll(async () => {
  servers = await startSupportServers();
});
test.afterAll(async () => {
  await servers.dispose();
});

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
const box = async (locator: Locator): Promise<Box> => (await locator.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };

/** The demo store with a checkout session open, on a phone. */
async function storeWithCheckout(page: Page): Promise<void> {
  const response = await page.context().request.post(`${servers.current.storeUrl}/store/checkout`, {
    data: { items: [{ sku: 'mug-stoneware', quantity: 1 }], country: 'NL', currency: 'EUR', sameOrigin: false },
  });
  expect(response.ok()).toBe(true);
  const checkout = (await response.json()) as { sessionToken: string; endpoint: string; sessionId: string };
  await page.addInitScript((value) => {
    if (!sessionStorage.getItem('atlas-oak-store')) sessionStorage.setItem('atlas-oak-store', value);
  }, JSON.stringify({ country: 'NL', language: 'en', cart: { 'mug-stoneware': 1 }, checkout }));
  await page.goto(`${servers.current.storeUrl}/`);
}

const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

test('on a phone the launcher never covers the Pay button or an element the store names; z-index from --ck-support-z-index', async ({ browser }) => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await storeWithCheckout(page);
  const pay = page.locator('ck-checkout').getByRole('button', { name: /^Pay / });
  await expect(pay).toBeVisible();
  const bubble = page.locator('ck-support-bubble');
  const launcher = page.getByRole('button', { name: 'Chat with us' });
  await expect(bubble).toHaveAttribute('data-placed', '');

  // Scroll so the Pay button's end sits exactly where the launcher's corner is (20 px from the bottom and the side).
  await pay.evaluate((button) => window.scrollBy(0, button.getBoundingClientRect().bottom - window.innerHeight + 20));
  const payBox = await box(pay);
  const size = (await box(launcher)).width;
  const corner = { x: 375 - 20 - size, y: 667 - 20 - size, width: size, height: size };
  expect(overlap(corner, payBox), 'the Pay button is where the launcher would sit by default').toBe(true);
  await expect.poll(async () => overlap(await box(launcher), await box(pay))).toBe(false);
  const placed = await box(launcher);
  expect(placed.x >= 0 && placed.y >= 0 && placed.x + placed.width <= 375 && placed.y + placed.height <= 667, `launcher on screen: ${JSON.stringify(placed)}`).toBe(true);

  // An element the store names in `avoid` (a promotion pinned where the launcher now is).
  await page.evaluate(({ x, y }) => {
    const promo = document.createElement('aside');
    promo.id = 'promo';
    promo.textContent = 'Free shipping today';
    Object.assign(promo.style, { position: 'fixed', left: `${x - 40}px`, top: `${y - 10}px`, width: '160px', height: '90px', background: '#fd0' });
    document.body.append(promo);
  }, placed);
  await bubble.evaluate((el) => el.setAttribute('avoid', '#promo'));
  const promo = page.locator('#promo');
  await expect.poll(async () => overlap(await box(launcher), await box(promo))).toBe(false);
  await expect.poll(async () => overlap(await box(launcher), await box(pay))).toBe(false);

  // Stacking: 1000 by default (no hard-coded maximum), the store's value when it sets the custom property.
  expect(await bubble.evaluate((el) => getComputedStyle(el).zIndex)).toBe('1000');
  await bubble.evaluate((el) => el.style.setProperty('--ck-support-z-index', '4321'));
  expect(await bubble.evaluate((el) => getComputedStyle(el).zIndex)).toBe('4321');
  await context.close();
});

test('right to left: the launcher sits at the reading end (left) in Arabic', async ({ browser }) => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${servers.current.storeUrl}/`);
  await page.locator('ck-support-bubble').evaluate((el) => el.setAttribute('locale', 'ar'));
  const launcher = page.locator('ck-support-bubble').getByRole('button');
  await expect(launcher).toHaveAccessibleName(/[\u0600-\u06FF]/);
  await expect.poll(async () => (await box(launcher)).x).toBeLessThan(100);
  await context.close();
});

test('on a phone the open panel fills the visual viewport and follows it when it shrinks (keyboard, zoom): the message field stays visible', async ({ browser }) => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${servers.current.storeUrl}/`);
  await page.getByRole('button', { name: 'Chat with us' }).click();
  const dialog = page.getByRole('dialog', { name: 'Customer support' });
  await expect(dialog).toBeVisible();
  const field = page.getByRole('textbox', { name: 'Message' });
  await expect(field).toBeFocused();
  const full = await box(dialog);
  expect(full.width).toBeGreaterThan(360);
  expect(full.height).toBeGreaterThan(600);

  // Shrink the visual viewport to half its height (what the on-screen keyboard does to it).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.synthesizePinchGesture', { x: 187, y: 600, scaleFactor: 2, relativeSpeed: 800 });
  await expect.poll(() => page.evaluate(() => Math.round(window.visualViewport!.height))).toBeLessThan(400);
  const inView = async () => {
    const [vv, fieldBox] = await Promise.all([
      page.evaluate(() => ({ top: window.visualViewport!.offsetTop, height: window.visualViewport!.height })),
      field.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect),
    ]);
    return fieldBox.top >= vv.top - 1 && fieldBox.bottom <= vv.top + vv.height + 1;
  };
  await expect.poll(inView).toBe(true);
  await context.close();
});
