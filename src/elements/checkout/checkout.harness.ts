/**
 * Test harness of `<ck-checkout>`: the buyer's whole path (choose, pay, read
 * the outcome, take a way forward) as one API that component tests, Storybook
 * play functions and the end-to-end helpers share (see test/shared/harness.ts).
 * Test code only: not built, not in the manifest.
 */
import { Harness, type Control, type Driver, type Name, type Query } from '../../../test/shared/harness.js';
import { MethodPickerHarness } from '../method-picker/method-picker.harness.js';
import { PaymentActionHarness } from '../payment-action/payment-action.harness.js';

/** What the buyer finds in the checkout, by role and (English) accessible name. */
export const CHECKOUT = {
  /** "Pay €42.00". */
  pay: { role: 'button', name: /^Pay (?!with )/ },
  succeeded: { role: 'heading', name: 'Payment successful' },
  pending: { role: 'heading', name: 'Waiting for confirmation' },
  /** A failed payment, or a session that cannot be used: what happened and what to do. */
  alert: { role: 'alert' },
  /** A state that needs no action ("Payment successful", "You're offline", "Waiting for confirmation"). */
  status: { role: 'status' },
  tryAgain: { role: 'button', name: 'Try again' },
  chooseAnother: { role: 'button', name: 'Choose another method' },
  checkNow: { role: 'button', name: 'Check payment status' },
  /** "Pay with PayPal instead": one per fallback the checkout offers. */
  fallback: (method?: Name): Query => ({
    role: 'button',
    name: method === undefined ? /^Pay with .+ instead$/ : typeof method === 'string' ? `Pay with ${method} instead` : new RegExp(`^Pay with ${method.source} instead$`, method.flags),
  }),
} as const satisfies Record<string, Query | ((name?: Name) => Query)>;

/** Where a payment ended, as the buyer sees it. */
export type CheckoutOutcome = 'succeeded' | 'failed' | 'pending' | 'unavailable';

export class CheckoutHarness extends Harness {
  /** The method list inside the checkout. */
  readonly picker: MethodPickerHarness;
  /** The QR code, voucher, redirect or challenge the checkout shows after Pay. */
  readonly action: PaymentActionHarness;

  constructor(driver: Driver) {
    super(driver);
    this.picker = new MethodPickerHarness(driver);
    this.action = new PaymentActionHarness(driver);
  }

  /** The Pay button, once shown. */
  payButton(): Promise<Control> {
    return this.one(CHECKOUT.pay);
  }

  /** Chooses a method in the list (see {@link MethodPickerHarness.choose}). */
  choose(method: Name): Promise<void> {
    return this.picker.choose(method);
  }

  /** Presses Pay once it is enabled. */
  pay(): Promise<void> {
    return this.press(CHECKOUT.pay);
  }

  /**
   * Waits until the payment has an outcome on screen and says which:
   * `succeeded`, `failed` (an alert with a way forward), `pending` (waiting
   * for confirmation) or `unavailable` (an alert about the session itself).
   */
  outcome(): Promise<CheckoutOutcome> {
    return this.waitFor('a payment outcome', () => this.currentOutcome(), () => this.headings());
  }

  /**
   * Waits until the checkout shows `expected`, past passing states on the way
   * (e.g. "Your session has expired" while the store renews the token).
   */
  async waitForOutcome(expected: CheckoutOutcome): Promise<void> {
    await this.waitFor(`the outcome "${expected}"`, async () => ((await this.currentOutcome()) === expected ? true : undefined), () => this.headings());
  }

  private async currentOutcome(): Promise<CheckoutOutcome | undefined> {
    if (await this.has(CHECKOUT.succeeded)) return 'succeeded';
    if (await this.has(CHECKOUT.pending)) return 'pending';
    if (await this.has(CHECKOUT.alert)) return (await this.has(CHECKOUT.chooseAnother)) ? 'failed' : 'unavailable';
    return undefined;
  }

  private async headings(): Promise<string> {
    const names = await Promise.all((await this.driver.all({ role: 'heading' })).map((heading) => heading.name()));
    return `headings on screen: ${names.map((name) => JSON.stringify(name)).join(', ') || 'none'}`;
  }

  /** The heading of the alert on screen ("Insufficient balance", "Time ran out"), once there is one. */
  async alertTitle(): Promise<string> {
    const alert = await this.one(CHECKOUT.alert);
    const [heading] = await this.waitFor('a heading in the alert', async () => {
      const found = await this.driver.within(alert).all({ role: 'heading' });
      return found.length ? found : undefined;
    });
    return heading!.name();
  }

  /** The methods offered as "Pay with X instead", in order. */
  async fallbacks(): Promise<string[]> {
    const buttons = await this.driver.all(CHECKOUT.fallback());
    const names = await Promise.all(buttons.map((button) => button.name()));
    return names.map((name) => name.replace(/^Pay with (.+) instead$/, '$1'));
  }

  /** "Pay with X instead". */
  payInstead(method: Name): Promise<void> {
    return this.press(CHECKOUT.fallback(method));
  }

  tryAgain(): Promise<void> {
    return this.press(CHECKOUT.tryAgain);
  }

  chooseAnother(): Promise<void> {
    return this.press(CHECKOUT.chooseAnother);
  }

  /** Resolves once the Pay button is gone (a payment is under way or over). */
  payGone(): Promise<void> {
    return this.none(CHECKOUT.pay);
  }
}
