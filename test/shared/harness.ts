/**
 * Element test harnesses, the way Material Web has them: each element gets one
 * interaction API (`checkout.pay()`, `picker.choose('iDEAL')`,
 * `checkout.outcome()`) that component tests, Storybook play functions and the
 * end-to-end helpers all drive, so the three never disagree about how a buyer
 * uses the element.
 *
 * A harness only knows *what* to look for: a table of ARIA roles and
 * accessible names (or, for elements without a role, a documented `part`). How
 * to find it is the driver's job:
 * - `test/shared/dom-driver.ts` — in the browser (web-test-runner, Storybook),
 *   through open shadow roots, names computed by dom-accessibility-api;
 * - `test/shared/playwright-driver.ts` — in Node, through Playwright locators.
 *
 * This module is imported on both sides, so it touches neither the DOM nor
 * Playwright. Harness files live beside their element
 * (`src/elements/<name>/<name>.harness.ts`) and are test code: they are kept
 * out of the build and out of `custom-elements.json`.
 */

/** The ARIA roles our elements expose to buyers (and so to harnesses). */
export type Role = 'alert' | 'button' | 'group' | 'heading' | 'img' | 'link' | 'radio' | 'region' | 'status' | 'textbox' | 'timer';

/** An accessible name: exactly this text (trimmed), or matching this pattern. */
export type Name = string | RegExp;

/**
 * What a harness looks for: a role with an optional accessible name; a
 * documented CSS part (for text without a role); or a live region (what is
 * announced, which has no role of its own).
 */
export type Query = { readonly role: Role; readonly name?: Name } | { readonly part: string } | { readonly live: 'polite' | 'assertive' };

/** One element found by a driver. Every method reads or acts at the moment it is called. */
export interface Control {
  /** Its accessible name (for a part or a live region: its text). */
  name(): Promise<string>;
  /** Its text content, ASCII white space collapsed and trimmed (no-break spaces kept). */
  text(): Promise<string>;
  /** The value of an input or text area (empty for anything else). */
  value(): Promise<string>;
  isChecked(): Promise<boolean>;
  isDisabled(): Promise<boolean>;
  /** A buyer's click (the Playwright driver also checks that it is visible and enabled). */
  click(): Promise<void>;
}

/** Finds controls under one root element (shadow roots included) and waits for conditions. */
export interface Driver {
  /** How long `waitFor` waits before it fails, in ms. */
  readonly timeout: number;
  /** Every control matching now (possibly none), in document order; elements hidden from assistive technology are left out. */
  all(query: Query): Promise<Control[]>;
  /** Yields until it is worth probing again (the DOM driver waits for the next frame, the Playwright driver for a short poll interval). */
  pause(): Promise<void>;
  /** Wall time in ms, used only for `timeout`; never the page's (possibly faked) clock. */
  elapsed(): number;
  /** A driver for what is inside `control` (e.g. the heading of an alert). */
  within(control: Control): Driver;
}

/** What a query is, for messages. */
export function describeQuery(query: Query): string {
  if ('part' in query) return `part "${query.part}"`;
  if ('live' in query) return `${query.live} live region`;
  return `${query.role}${query.name === undefined ? '' : ` named ${String(query.name)}`}`;
}

/** Whether `actual` is the name a query asks for. */
export function nameMatches(actual: string, expected: Name | undefined): boolean {
  if (expected === undefined) return true;
  return typeof expected === 'string' ? actual.trim() === expected : expected.test(actual.trim());
}

/** Thrown when a harness waited for something that did not happen; says what it saw last. */
export class HarnessTimeout extends Error {
  override name = 'HarnessTimeout';
}

/**
 * The base every element harness extends: waiting for one control, for none,
 * or for any condition, with the driver's timeout and a message that says what
 * was expected and what was there.
 */
export abstract class Harness {
  constructor(protected readonly driver: Driver) {}

  /** Resolves with the first value `probe` returns that is not undefined; fails after the driver's timeout. */
  protected async waitFor<T>(what: string, probe: () => Promise<T | undefined>, seen: () => Promise<string> = async () => ''): Promise<T> {
    const started = this.driver.elapsed();
    let lastError: unknown;
    for (;;) {
      try {
        const value = await probe();
        if (value !== undefined) return value;
      } catch (error) {
        // A control re-rendered away between finding and reading it: probe again.
        lastError = error;
      }
      if (this.driver.elapsed() - started > this.driver.timeout) {
        const detail = await seen().catch(() => '');
        const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
        throw new HarnessTimeout(`waited ${this.driver.timeout} ms for ${what}${detail ? `; ${detail}` : ''}${cause}`);
      }
      await this.driver.pause();
    }
  }

  /** The single control matching `query`, once there is exactly one. */
  protected one(query: Query): Promise<Control> {
    return this.waitFor(
      `one ${describeQuery(query)}`,
      async () => {
        const found = await this.driver.all(query);
        return found.length === 1 ? found[0] : undefined;
      },
      () => this.present(query),
    );
  }

  /** Resolves once nothing matches `query`. */
  protected async none(query: Query): Promise<void> {
    await this.waitFor(`no ${describeQuery(query)}`, async () => ((await this.driver.all(query)).length === 0 ? true : undefined));
  }

  /** Whether something matches `query` right now (no waiting). */
  protected async has(query: Query): Promise<boolean> {
    return (await this.driver.all(query)).length > 0;
  }

  /** Clicks the single control matching `query` once it is there and enabled. */
  protected async press(query: Query): Promise<void> {
    const control = await this.one(query);
    await this.waitFor(`${describeQuery(query)} to be enabled`, async () => ((await control.isDisabled()) ? undefined : true));
    await control.click();
  }

  /** What is on screen with the same role (or part), for failure messages. */
  private async present(query: Query): Promise<string> {
    const same: Query = 'role' in query ? { role: query.role } : query;
    const names = await Promise.all((await this.driver.all(same)).map((control) => control.name()));
    return `present: ${names.length ? names.map((name) => JSON.stringify(name)).join(', ') : 'none'}`;
  }
}
