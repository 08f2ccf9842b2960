/**
 * Test harness of `<ck-method-picker>`: the one way component tests, stories
 * and end-to-end tests choose a payment method (see test/shared/harness.ts).
 * Test code only: not built, not in the manifest.
 */
import { Harness, type Name, type Query } from '../../../test/shared/harness.js';

/** What the buyer finds in the picker, by role and (English) accessible name. */
export const METHOD_PICKER = {
  /** The fieldset of every option, named by its legend. */
  list: { role: 'group', name: 'Payment method' },
  /** The disclosure that shows the methods beyond the first few. */
  more: { role: 'button', name: 'More payment methods' },
  /** One option: a radio named by the method alone ("iDEAL"), details are its description. */
  option: (name?: Name): Query => ({ role: 'radio', ...(name === undefined ? {} : { name }) }),
} as const satisfies Record<string, Query | ((name?: Name) => Query)>;

export class MethodPickerHarness extends Harness {
  /** The options' names in the order on screen, once there is at least one. */
  async options(): Promise<string[]> {
    const radios = await this.waitFor('the payment methods', async () => {
      const found = await this.driver.all(METHOD_PICKER.option());
      return found.length ? found : undefined;
    });
    return Promise.all(radios.map((radio) => radio.name()));
  }

  /** The chosen method's name, or null while none is chosen. */
  async selected(): Promise<string | null> {
    for (const radio of await this.driver.all(METHOD_PICKER.option())) {
      if (await radio.isChecked()) return radio.name();
    }
    return null;
  }

  /**
   * Chooses a method as a buyer does: opens "More payment methods" when it is
   * not among the first ones, clicks its radio, and waits until it is checked.
   */
  async choose(name: Name): Promise<void> {
    await this.options();
    if (!(await this.has(METHOD_PICKER.option(name))) && (await this.has(METHOD_PICKER.more))) await this.press(METHOD_PICKER.more);
    const radio = await this.one(METHOD_PICKER.option(name));
    if (!(await radio.isChecked())) await radio.click();
    await this.waitFor(`${String(name)} to be checked`, async () => ((await radio.isChecked()) ? true : undefined));
  }
}
