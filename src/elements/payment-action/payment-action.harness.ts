/**
 * Test harness of `<ck-payment-action>`: QR codes, vouchers, redirects and
 * bank challenges as the buyer meets them (see test/shared/harness.ts).
 * Test code only: not built, not in the manifest.
 */
import { Harness, type Control, type Name, type Query } from '../../../test/shared/harness.js';

/** What the buyer finds in a payment action, by role and (English) accessible name. */
export const PAYMENT_ACTION = {
  /** The view's title ("Scan to pay with Pix", "Your boleto is ready"). */
  title: (name?: Name): Query => ({ role: 'heading', ...(name === undefined ? {} : { name }) }),
  /** The QR code image, named with the amount and method. */
  qrCode: { role: 'img', name: /^QR code to pay / },
  /** The copy-and-paste payload of a QR code. */
  qrPayload: { role: 'textbox', name: 'Or copy this code and paste it in your app' },
  /** "Time left: 4:59". */
  countdown: { role: 'timer' },
  /** "Copy code", "Copy digitable line", … and "Copied" right after. */
  copy: { role: 'button', name: /^Cop(y|ied)/ },
  /** "I've paid": asks the checkout to check now. */
  paid: { role: 'button', name: "I've paid" },
  /** "Waiting for payment" / "Checking your payment…". */
  status: { role: 'status' },
  /** The expired (or unsafe) panel. */
  alert: { role: 'alert' },
  /** A new QR code / voucher after expiry. */
  renew: { role: 'button', name: /^Get a new / },
  chooseAnother: { role: 'button', name: 'Choose another method' },
  print: { role: 'button', name: 'Print' },
  /** "Continue to iDEAL" (redirect) or the challenge's continue button. */
  proceed: { role: 'button', name: /^Continue / },
} as const satisfies Record<string, Query | ((name?: Name) => Query)>;

/** Polite announcements are read from the live region, which has no role of its own. */
const LIVE: Query = { live: 'polite' };

export class PaymentActionHarness extends Harness {
  /** The title of the action on screen, once there is one. */
  async title(): Promise<string> {
    const [heading] = await this.waitFor('a payment action', async () => {
      const found = await this.driver.all(PAYMENT_ACTION.title());
      return found.length ? found : undefined;
    });
    return heading!.name();
  }

  /** The QR code image, once shown. */
  qrCode(): Promise<Control> {
    return this.one(PAYMENT_ACTION.qrCode);
  }

  /** The copy-and-paste code under the QR code, once shown. */
  async qrPayload(): Promise<string> {
    return (await this.one(PAYMENT_ACTION.qrPayload)).value();
  }

  /** The text field with a voucher's reference, by its label ("Digitable line", "Payment number"). */
  async reference(label: Name): Promise<string> {
    return (await this.one({ role: 'textbox', name: label })).value();
  }

  /** "Time left: m:ss" as shown. */
  async countdown(): Promise<string> {
    return (await this.one(PAYMENT_ACTION.countdown)).text();
  }

  /**
   * Presses the copy button and resolves with what the buyer is told: its new
   * name ("Copied") when it worked, else the announcement that the code is
   * selected for copying by hand.
   */
  async copy(): Promise<string> {
    await this.press(PAYMENT_ACTION.copy);
    return this.waitFor('the copy feedback', async () => {
      if (await this.has({ role: 'button', name: 'Copied' })) return 'Copied';
      for (const live of await this.driver.all(LIVE)) {
        const said = await live.text();
        if (said) return said;
      }
      return undefined;
    });
  }

  /** "I've paid". */
  paid(): Promise<void> {
    return this.press(PAYMENT_ACTION.paid);
  }

  /** Waits for the expired panel and returns its title ("This QR code has expired"). */
  async expired(): Promise<string> {
    const alert = await this.one(PAYMENT_ACTION.alert);
    const [title] = await this.waitFor('a heading in the alert', async () => {
      const found = await this.driver.within(alert).all(PAYMENT_ACTION.title());
      return found.length ? found : undefined;
    });
    return title!.name();
  }

  /** "Get a new QR code" / "Get a new voucher" after expiry. */
  renew(): Promise<void> {
    return this.press(PAYMENT_ACTION.renew);
  }

  chooseAnother(): Promise<void> {
    return this.press(PAYMENT_ACTION.chooseAnother);
  }
}
