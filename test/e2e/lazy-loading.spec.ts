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

test('the payment code and the analytics outbox are fetched only after the list is painted', async ({ page, request }) => {
  // Records when the picker first shows an enabled radio and when the next frame starts after that:
  // a chunk requested before that frame would have run in the task that paints the list.
  await page.addInitScript(() => {
    const probe: { listAt?: number; frameAt?: number } = {};
    (window as unknown as { __listProbe: typeof probe }).__listProbe = probe;
    const check = () => {
      if (probe.listAt !== undefined) return;
      const picker = document.querySelector('ck-checkout')?.shadowRoot?.querySelector('ck-method-picker');
      const radio = picker?.shadowRoot?.querySelector<HTMLInputElement>('input[type=radio]');
      if (!radio || radio.disabled) return;
      probe.listAt = performance.now();
      requestAnimationFrame(() => (probe.frameAt = performance.now()));
    };
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attachShadow.call(this, init);
      new MutationObserver(check).observe(root, { subtree: true, childList: true, attributes: true });
      return root;
    };
  });
  const handle = await createCheckout(request);
  await openCheckout(page, handle);
  await expect(page.locator('ck-checkout').getByRole('radio').first()).toBeEnabled();
  const chunks = /\/chunks\/(payment-stage|analytics-outbox)-[^/]+\.js$/;
  const started = () =>
    page.evaluate((source) => {
      const pattern = new RegExp(source);
      return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => pattern.test(new URL(r.name).pathname)).map((r) => r.startTime);
    }, chunks.source);
  await expect.poll(async () => (await started()).length).toBe(2);
  const { listAt, frameAt } = await page.evaluate(() => (window as unknown as { __listProbe: { listAt: number; frameAt: number } }).__listProbe);
  expect(frameAt).toBeGreaterThanOrEqual(listAt);
  for (const start of await started()) expect(start).toBeGreaterThan(frameAt);
});

test('when the buyer\'s payment messages cannot be fetched, the outcome is shown in English, never blank', async ({ page, request }) => {
  const handle = await createCheckout(request, { country: 'DE', currency: 'EUR', locale: 'de' });
  const blocked: string[] = [];
  await page.route(/\/chunks\/de-payment-[^/]+\.js(\?.*)?$/, (route) => {
    blocked.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await openCheckout(page, handle, { country: 'DE', language: 'de' });
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('radio', { name: /karte/i }).check();
  await checkout.getByRole('button', { name: / bezahlen$/ }).click();
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  // The rest of the checkout stays German; only the payment's own messages fell back.
  await expect(checkout.getByRole('heading', { name: 'Zahlung', exact: true })).toBeVisible();
  expect(blocked.length).toBeGreaterThan(0);
  expect((await storedPayments(request, handle.sessionId)).map((p) => p.status)).toEqual(['succeeded']);
});

test("ck-ready comes with the list, not after the brands' marks: with the marks held back, the store hears it and the buyer can choose", async ({ page, request }) => {
  const handle = await createCheckout(request);
  // The marks' table and drawing code: never answered, as on a network that lost it.
  await page.route(/\/chunks\/marks-[^/]+\.js(\?.*)?$/, () => undefined);
  await page.addInitScript(() => {
    document.addEventListener('ck-ready', (event) => {
      (window as unknown as { ckReady: string[] }).ckReady = (event as CustomEvent<{ methods: string[] }>).detail.methods;
    });
  });
  await openCheckout(page, handle);
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('radio', { name: /card/i }).check();
  await expect.poll(() => page.evaluate(() => (window as unknown as { ckReady?: string[] }).ckReady ?? [])).toContain('card');
  await expect(checkout.getByRole('button', { name: /^Pay / })).toBeEnabled();
});
