// Card fields (issue 13) end to end: the demo store with the card frame served by
// the reference backend's payment origin and its sandbox vault. The buyer types
// into one cross-origin frame; the store page only ever holds a token.
import type { FrameLocator, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { BRAND_TEST_CARDS } from '../../src/core/card/test-cards.js';
import { OUTCOME_TEST_CARDS } from '../../server/vault/test-cards.js';
import { checkoutHarness, createCheckout, openCheckout, storedPayments, storeUrl, type CheckoutOptions } from './support.js';

const VISA = '4242424242424242';
const DECLINED = OUTCOME_TEST_CARDS.find((card) => card.scenario === 'decline:card_declined')!.number;
const CHALLENGE = OUTCOME_TEST_CARDS.find((card) => card.scenario === 'action:challenge:iframe')!.number;
const SHOTS = process.env['CK_SHOTS_DIR'];

async function openCardCheckout(page: Page, request: Parameters<typeof createCheckout>[0], options: CheckoutOptions & { language?: string } = {}) {
  const handle = await createCheckout(request, { country: 'US', currency: 'USD', methods: ['card', 'paypal'], ...options, cardFields: true });
  await openCheckout(page, handle, options);
  const checkout = page.locator('ck-checkout');
  const frame = page.frameLocator('ck-checkout ck-card-fields iframe');
  // A busy machine can take a while: the list, the card form's chunk, then the frame's own bundle.
  await expect(frame.locator('#number')).toBeVisible({ timeout: 30_000 });
  return { handle, checkout, frame };
}

async function fillCard(frame: FrameLocator, number: string, cvc = '123'): Promise<void> {
  await frame.locator('#number').fill(number);
  await frame.locator('#expiry').fill('12 / 34');
  await frame.locator('#cvc').fill(cvc);
  await frame.locator('#name').fill('Ada Lovelace');
}

const payButton = (checkout: Locator) => checkout.getByRole('button', { name: /^Pay / });

test.describe('card fields', () => {
  test('keyboard only: Tab into the frame, type the card, Tab out to Pay, Enter pays', async ({ page, request }) => {
    const { handle, checkout, frame } = await openCardCheckout(page, request);
    const number = frame.locator('#number');
    // From the top of the page, Tab until the card number has focus: the frame sits in the natural order.
    for (let i = 0; i < 40 && !(await number.evaluate((el) => el === document.activeElement && document.hasFocus())); i++) await page.keyboard.press('Tab');
    await expect(number).toBeFocused();
    // Shift+Tab from the first field leaves the frame for the host's previous control (the method list), no trap.
    await page.keyboard.press('Shift+Tab');
    await expect(number).not.toBeFocused();
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('ck-checkout');
    await page.keyboard.press('Tab');
    await expect(number).toBeFocused();
    await page.keyboard.type(VISA);
    await expect(number).toHaveValue('4242 4242 4242 4242');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1234');
    await expect(frame.locator('#expiry')).toHaveValue('12 / 34');
    await page.keyboard.press('Tab');
    await page.keyboard.type('123');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ada Lovelace');
    // Tab from the last field moves to the host's next control.
    await page.keyboard.press('Tab');
    let onPay = false;
    for (let i = 0; i < 4 && !onPay; i++) {
      onPay = await payButton(checkout).evaluate((button) => button.getRootNode() instanceof ShadowRoot && (button.getRootNode() as ShadowRoot).activeElement === button);
      if (!onPay) await page.keyboard.press('Tab');
    }
    expect(onPay, 'Tab from the name field reaches Pay (past the instalments or the note, if any)').toBe(true);
    await page.keyboard.press('Enter');
    expect(await checkoutHarness(checkout).outcome()).toBe('succeeded');
    expect((await storedPayments(request, handle.sessionId)).map((p) => [p.method, p.status])).toEqual([['card', 'succeeded']]);
  });

  test('detects brands while typing, co-badged cards offer a choice, and one frame carries the autofill tokens', async ({ page, request }) => {
    const { checkout, frame } = await openCardCheckout(page, request);
    const number = frame.locator('#number');
    const brand = frame.locator('#brand');
    for (const card of BRAND_TEST_CARDS.filter((c) => ['visa', 'mastercard', 'amex', 'mada', 'elo', 'troy'].includes(c.brand))) {
      await number.fill(card.number);
      await expect(brand, card.label).toHaveText(card.label.split(' (')[0]!.replace(' + Visa', '').replace(' + Mastercard', ''));
    }
    await number.fill('4000002500001001');
    const choice = frame.getByRole('group', { name: 'Card network' });
    await expect(choice.getByRole('radio')).toHaveCount(2);
    await choice.getByRole('radio', { name: 'Visa' }).check();
    await expect(brand).toHaveText('Visa');
    // Autofill: one frame, `allow="autofill"`, and the four cc-* tokens in one form.
    await expect(checkout.locator('iframe')).toHaveCount(1);
    await expect(checkout.locator('ck-card-fields iframe')).toHaveAttribute('allow', /autofill/);
    const tokens = await frame.locator('form input[autocomplete^="cc-"]').evaluateAll((inputs) => inputs.map((i) => i.getAttribute('autocomplete')));
    expect(tokens).toEqual(['cc-number', 'cc-exp', 'cc-csc', 'cc-name']);
    await expect(number).toHaveAttribute('inputmode', 'numeric');
  });

  test('errors: an incomplete card is not sent; a declined test card shows its failure', async ({ page, request }) => {
    const { handle, checkout, frame } = await openCardCheckout(page, request);
    await frame.locator('#number').fill('4242 4242');
    await payButton(checkout).click();
    await expect(frame.getByText('Your card number is incomplete.')).toBeVisible();
    await expect(frame.locator('#number')).toHaveAttribute('aria-invalid', 'true');
    await expect(checkout.locator('ck-card-fields').getByRole('status').filter({ hasText: 'Check the card number.' })).toHaveCount(1);
    expect(await storedPayments(request, handle.sessionId)).toEqual([]);
    await fillCard(frame, DECLINED);
    await payButton(checkout).click();
    const harness = checkoutHarness(checkout);
    expect(await harness.outcome()).toBe('failed');
    expect(await harness.alertTitle()).toBe('Your card was declined');
  });

  test('3-D Secure test card goes through the bank challenge', async ({ page, request }) => {
    const { handle, checkout, frame } = await openCardCheckout(page, request);
    await fillCard(frame, CHALLENGE);
    await payButton(checkout).click();
    await expect(checkout.getByRole('heading', { name: 'Confirm with your bank' })).toBeVisible();
    const bank = page.frameLocator('iframe[title="Payment verification by your bank"]');
    await bank.getByRole('button', { name: 'Approve' }).click();
    await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible({ timeout: 20_000 });
    expect((await storedPayments(request, handle.sessionId)).map((p) => p.status)).toEqual(['succeeded']);
  });

  test('Arabic (RTL): the frame is right-to-left and localized, the card number stays left-to-right', async ({ page, request }) => {
    const { frame } = await openCardCheckout(page, request, { locale: 'ar', language: 'ar' });
    await expect(frame.locator('label[for="number"]')).toHaveText('رقم البطاقة');
    await expect(frame.locator('html')).toHaveAttribute('dir', 'rtl');
    await frame.locator('#number').fill(VISA);
    expect(await frame.locator('#number').evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    // Labels and errors follow the page; the name follows what is typed (dir="auto": Latin on most cards).
    expect(await frame.locator('label[for="number"]').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await frame.locator('#name').fill('محمد العتيبي');
    expect(await frame.locator('#name').evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);
  });

  test('a language whose messages arrive after the frame is ready still reaches the frame', async ({ page, request }) => {
    // Hold the Arabic payment messages (the card form's own) until the frame has said it is ready:
    // the form then renders, and the frame starts, in the language it has (English) until they come.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/chunks\/ar-payment-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const { frame } = await openCardCheckout(page, request, { locale: 'ar', language: 'ar' });
    await expect(frame.locator('label[for="number"]')).toHaveText('Card number');
    release();
    await expect(frame.locator('label[for="number"]')).toHaveText('رقم البطاقة');
    await expect(frame.locator('html')).toHaveAttribute('dir', 'rtl');
  });

  test('dark theme reaches inside the frame, and follows a change of scheme', async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const { checkout, frame } = await openCardCheckout(page, request);
    const background = () => frame.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor);
    const luminance = (rgb: string) => rgb.match(/[0-9.]+/g)!.slice(0, 3).reduce((sum, v) => sum + Number(v), 0) / 3;
    await expect.poll(async () => luminance(await background())).toBeLessThan(60);
    const hostSurface = await checkout.locator('ck-card-fields').evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.theme-probe')!).backgroundColor);
    expect(await background()).toBe(hostSurface);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(async () => luminance(await background())).toBeGreaterThan(200);
  });

  test('a skimmer on the store page gets no card number', async ({ page, request }) => {
    const store = new URL(storeUrl()).origin;
    // Runs first in the store page only (the frame is another origin, out of any page script's reach).
    await page.addInitScript((storeOrigin) => {
      if (location.origin !== storeOrigin) return;
      const loot: string[] = [];
      (window as unknown as { __loot: string[] }).__loot = loot;
      const keep = (what: string, value: unknown) => {
        try {
          loot.push(`${what}:${typeof value === 'string' ? value : JSON.stringify(value)}`);
        } catch {
          loot.push(`${what}:${String(value)}`);
        }
      };
      window.addEventListener('message', (event) => keep(`message ${event.origin}`, event.data), true);
      const post = window.postMessage.bind(window);
      window.postMessage = ((message: unknown, ...rest: [string]) => (keep('postMessage', message), post(message, ...rest))) as typeof window.postMessage;
      const framePost = Object.getOwnPropertyDescriptor(Window.prototype, 'postMessage');
      if (framePost?.value) {
        const original = framePost.value as (...args: unknown[]) => void;
        Window.prototype.postMessage = function (this: Window, ...args: unknown[]) {
          keep('Window.postMessage', args[0]);
          return original.apply(this, args);
        } as typeof window.postMessage;
      }
      const sweep = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) keep('input', el.value);
          if (el instanceof HTMLIFrameElement) {
            keep('iframe', el.src);
            try {
              const inner = el.contentDocument;
              if (inner) sweep(inner);
              keep('iframe-text', el.contentWindow?.document.body.innerText);
            } catch (error) {
              keep('iframe-blocked', String(error));
            }
          }
          if (el.shadowRoot) sweep(el.shadowRoot);
        }
        keep('text', (root as Document).body?.innerText ?? '');
      };
      document.addEventListener('keydown', (event) => keep('key', event.key), true);
      document.addEventListener('input', (event) => keep('input-event', (event.target as HTMLInputElement).value), true);
      setInterval(() => sweep(document), 50);
    }, store);
    const { checkout, frame } = await openCardCheckout(page, request);
    await fillCard(frame, VISA);
    await payButton(checkout).click();
    expect(await checkoutHarness(checkout).outcome()).toBe('succeeded');
    const loot = await page.evaluate(() => (window as unknown as { __loot: string[] }).__loot.join('\n'));
    // The skimmer worked: it heard the frame's messages and saw the token it returned.
    expect(loot).toContain('ck-card-frame/1');
    expect(loot).toMatch(/"type":"tokenized","requestId":"[^"]+","token":"ck_vt_/);
    // …and never a card number, in any spacing, nor the security code with the expiry.
    for (const pan of [VISA, '4242 4242 4242 4242']) expect(loot).not.toContain(pan);
    expect(loot).not.toContain('12 / 34');
  });

  test('screenshots of the card form: en, ar, th on a phone and a desktop', async ({ browser, request }) => {
    test.skip(!SHOTS, 'set CK_SHOTS_DIR to write them');
    test.setTimeout(240_000);
    for (const [language, country, currency] of [['en', 'BR', 'BRL'], ['ar', 'SA', 'SAR'], ['th', 'TH', 'THB']] as const) {
      for (const [device, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]] as const) {
        // A fresh context each time: the demo store keeps its cart and checkout in sessionStorage.
        const context = await browser.newContext({ viewport, locale: language });
        const page = await context.newPage();
        const { checkout, frame } = await openCardCheckout(page, request, { locale: language, language, country, currency, methods: ['card'] });
        await frame.locator('#number').fill(language === 'ar' ? '4406470000000007' : '4000002500001001');
        await frame.locator('#expiry').fill('1');
        await frame.locator('#cvc').focus();
        await checkout.screenshot({ path: `${SHOTS}/card-${language}-${device}.png` });
        await context.close();
      }
    }
  });
});
