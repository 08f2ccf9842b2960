// The buyer's main paths through <ck-checkout>, played: each story's play function drives the
// checkout by role and accessible name (the checkout harness, which pierces shadow roots the way
// a screen reader does; Testing Library's `within` stops at them) with Storybook's `userEvent`,
// and asserts with `expect`. `npm run test:stories` runs every play, then axe on the end state.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent } from 'storybook/test';
import '../src/define/checkout.js';
import de from '../locales/de/checkout.json';
import ar from '../locales/ar/checkout.json';
import { CheckoutHarness } from '../src/elements/checkout/checkout.harness.js';
import { PaymentActionHarness } from '../src/elements/payment-action/payment-action.harness.js';
import { domDriver, elementOf } from '../test/shared/dom-driver.js';
import { elementArgs } from './support/element-args.js';
import { FAKE_ENDPOINT, resetSandbox } from './support/sandbox.js';

interface Args {
  sessionToken: string;
  locale: string;
  [token: `--${string}`]: string | undefined;
}

const meta: Meta<Args> = {
  title: 'Flows/Checkout',
  component: 'ck-checkout',
  // The element's docs page is Elements/ck-checkout; these are its played paths.
  tags: ['!autodocs'],
  render: (args) => html`<ck-checkout ${elementArgs('ck-checkout', { endpoint: FAKE_ENDPOINT, ...args })}></ck-checkout>`,
  args: { sessionToken: 'nl.succeeded~flow', locale: 'en' },
  // Replaying from the toolbar starts a fresh sandbox session (attempts are counted per token).
  loaders: [({ args }) => (resetSandbox(String(args.sessionToken)), {})],
};
export default meta;
type Story = StoryObj<Args>;

function checkoutIn(canvasElement: HTMLElement): CheckoutHarness {
  const element = canvasElement.querySelector('ck-checkout');
  if (!element) throw new Error('the story has no <ck-checkout>');
  return new CheckoutHarness(domDriver(element, { timeout: 10_000, click: (target) => userEvent.click(target) }));
}

/** Polls until `read` gives what `matches` accepts (or time is up) and returns the last reading, for `expect`. */
async function eventually<T>(read: () => Promise<T>, matches: (value: T) => boolean, timeout = 5000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = await read();
    if (matches(value) || performance.now() - started > timeout) return value;
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** The QR code or voucher `<ck-payment-action>` the checkout shows after Pay, by role and name inside it. */
async function actionIn(canvasElement: HTMLElement): Promise<PaymentActionHarness> {
  const checkout = canvasElement.querySelector('ck-checkout')!;
  const element = await eventually(async () => checkout.shadowRoot?.querySelector('ck-payment-action') ?? null, Boolean);
  if (!element) throw new Error('the checkout shows no <ck-payment-action>');
  return new PaymentActionHarness(domDriver(element, { timeout: 10_000, click: (target) => userEvent.click(target) }));
}

/** Choose a method and pay: the list is ready, the buyer picks iDEAL and the payment succeeds. */
export const ChooseAndPay: Story = {
  args: { sessionToken: 'nl.succeeded~choose' },
  play: async ({ canvasElement, step }) => {
    const checkout = checkoutIn(canvasElement);
    await step('the buyer chooses PayPal', async () => {
      await checkout.choose('PayPal');
      await expect(await checkout.picker.selected()).toBe('PayPal');
    });
    await step('Pay names the total; paying succeeds', async () => {
      await expect(await (await checkout.payButton()).name()).toBe('Pay €42.00');
      await checkout.pay();
      await expect(await checkout.outcome()).toBe('succeeded');
    });
  },
};

/** A retryable failure: the issuer is unavailable, the buyer presses "Try again" and it goes through. */
export const FailureThenRetry: Story = {
  args: { sessionToken: 'nl.retry_once~retry' },
  play: async ({ canvasElement, step }) => {
    const checkout = checkoutIn(canvasElement);
    await step('the first attempt fails and says why', async () => {
      await checkout.choose('Credit or debit card');
      await checkout.pay();
      await expect(await checkout.outcome()).toBe('failed');
      await expect(await checkout.alertTitle()).not.toBe('');
    });
    await step('Try again succeeds', async () => {
      await checkout.tryAgain();
      await checkout.waitForOutcome('succeeded');
    });
  },
};

/** Fallback: a declined card, and the checkout offers other methods; one of them pays. */
export const DeclinedThenFallback: Story = {
  args: { sessionToken: 'nl.declined_once~fallback' },
  play: async ({ canvasElement, step }) => {
    const checkout = checkoutIn(canvasElement);
    await step('the card is declined', async () => {
      await checkout.choose('Credit or debit card');
      await checkout.pay();
      await expect(await checkout.alertTitle()).toBe('Your card was declined');
    });
    await step('iDEAL is offered instead and pays', async () => {
      const offered = await checkout.fallbacks();
      await expect(offered).toContain('iDEAL');
      await expect(offered).not.toContain('Credit or debit card');
      await checkout.payInstead('iDEAL');
      await checkout.waitForOutcome('succeeded');
    });
  },
};

/** QR code: Pix in Brazil shows a scannable code for the amount, its copy-and-paste payload and a countdown. */
export const PayByQrCode: Story = {
  args: { sessionToken: 'br.qr~flow' },
  play: async ({ canvasElement, step }) => {
    const checkout = checkoutIn(canvasElement);
    await step('the buyer pays with Pix', async () => {
      await checkout.choose('Pix');
      await checkout.pay();
    });
    await step('the QR code, its payload and the time left are shown', async () => {
      const action = await actionIn(canvasElement);
      await expect(await action.title()).toMatch(/Pix/);
      await expect(await (await action.qrCode()).name()).toMatch(/R\$\s?367[.,]00/);
      await expect(await action.qrPayload()).toMatch(/^000201/);
      await expect(await action.countdown()).toMatch(/\d+:\d\d/);
    });
  },
};

/** Voucher: a boleto with its digitable line to copy. */
export const PayByVoucher: Story = {
  args: { sessionToken: 'br.voucher~flow' },
  play: async ({ canvasElement, step }) => {
    const checkout = checkoutIn(canvasElement);
    await step('the buyer pays with Boleto', async () => {
      await checkout.choose('Boleto');
      await checkout.pay();
    });
    await step('the boleto and its digitable line are shown', async () => {
      const action = await actionIn(canvasElement);
      await expect(await action.title()).toBe('Your boleto is ready');
      // Shown grouped as printed on the boleto ("34191.79001 01043.510047 …").
      await expect(await action.reference('Digitable line')).toMatch(/^34191\.79001 01043\.510047/);
    });
  },
};

/**
 * Locale switch: the store changes `locale` while the list is open (its own language menu); the
 * checkout re-renders in German, then in Arabic from right to left, and keeps the buyer's choice.
 */
export const SwitchLocale: Story = {
  args: { sessionToken: 'nl.succeeded~locale' },
  play: async ({ canvasElement, step }) => {
    const element = canvasElement.querySelector('ck-checkout')!;
    const checkout = checkoutIn(canvasElement);
    // The Pay button by role and its translated name, as a buyer reading German or Arabic finds it.
    const driver = domDriver(element);
    const payButtons = (name: string | RegExp) => driver.all({ role: 'button', name });
    await step('English first; the buyer chooses card', async () => {
      await checkout.choose('Credit or debit card');
      await expect(await (await checkout.payButton()).name()).toBe('Pay €42.00');
    });
    await step('German: the Pay button and the amount follow', async () => {
      element.locale = 'de';
      const want = de.pay.replace('{{amount}}', '42,00\u00a0€');
      await expect(await eventually(() => payButtons(want), (found) => found.length === 1)).toHaveLength(1);
      await expect(await checkout.picker.selected()).not.toBeNull();
    });
    await step('Arabic: right to left', async () => {
      element.locale = 'ar';
      const arabic = new RegExp(`^${ar.pay.split('{{')[0]!}`);
      const [button] = await eventually(() => payButtons(arabic), (found) => found.length === 1);
      await expect(button).toBeDefined();
      const pay = elementOf(button!);
      await expect(getComputedStyle(pay).direction).toBe('rtl');
    });
  },
};
