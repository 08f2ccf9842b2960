/**
 * Test harness of `<ck-amount>` (see test/shared/harness.ts). The amount is
 * text without a role, so the harness reads its documented parts.
 * Test code only: not built, not in the manifest.
 */
import { Harness, type Query } from '../../../test/shared/harness.js';

/** The parts of `<ck-amount>` a buyer reads. */
export const AMOUNT = {
  /** The formatted amount ("€42.00"). */
  amount: { part: 'amount' },
  /** The approximate amount in the settlement currency ("≈ US$45.60"). */
  approx: { part: 'approx' },
  /** "Invalid amount" / "Unknown currency XYZ" instead of an amount. */
  error: { part: 'error' },
} as const satisfies Record<string, Query>;

export class AmountHarness extends Harness {
  /** The amount as shown, once it is shown. */
  async text(): Promise<string> {
    return (await this.one(AMOUNT.amount)).text();
  }

  /** The message shown instead of an amount, once shown. */
  async error(): Promise<string> {
    return (await this.one(AMOUNT.error)).text();
  }

  /** The approximate settlement amount as a screen reader hears it, or null without one. */
  async approx(): Promise<string | null> {
    await this.one(AMOUNT.amount);
    const [note] = await this.driver.all(AMOUNT.approx);
    return note ? note.name() : null;
  }
}
