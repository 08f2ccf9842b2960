/**
 * The Node-side harness driver for the end-to-end tests: the same queries as
 * the DOM driver, answered by Playwright locators (which see through open
 * shadow roots and leave out what assistive technology does not see).
 */
import type { Locator } from '@playwright/test';
import type { Control, Driver, Query } from './harness.js';

// ASCII white space only: a no-break space (between an amount and its currency) is part of what the buyer reads.
const collapse = (text: string | null): string => (text ?? '').replace(/[ \t\n\r\f]+/g, ' ').replace(/^ | $/g, '');

/**
 * An element's accessible name as Playwright computes it, read from its ARIA
 * snapshot (`- radio "iDEAL" [checked]`); Playwright has no direct getter.
 */
async function accessibleName(locator: Locator): Promise<string> {
  const snapshot = await locator.ariaSnapshot();
  const quoted = /^- [\w-]+ ("(?:[^"\\]|\\.)*")/.exec(snapshot.split('\n')[0] ?? '');
  if (quoted?.[1]) return (JSON.parse(quoted[1]) as string).trim();
  const bare = /^- [\w-]+ ([^:[\n]+?)(?: \[|:|$)/.exec(snapshot.split('\n')[0] ?? '');
  return bare?.[1]?.trim() ?? '';
}

class LocatorControl implements Control {
  constructor(
    readonly locator: Locator,
    private readonly byText: boolean,
  ) {}

  async name(): Promise<string> {
    return this.byText ? collapse(await this.locator.textContent()) : accessibleName(this.locator);
  }

  async text(): Promise<string> {
    return collapse(await this.locator.textContent());
  }

  value(): Promise<string> {
    return this.locator.evaluate((element) =>
      element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.value : '',
    );
  }

  isChecked(): Promise<boolean> {
    return this.locator.isChecked();
  }

  isDisabled(): Promise<boolean> {
    return this.locator.isDisabled();
  }

  async click(): Promise<void> {
    await this.locator.click();
  }
}

export interface PlaywrightDriverOptions {
  /** How long harness waits last before failing (ms); 30 000 unless set: like Playwright's actions (which wait for their target), bounded by the test's timeout. */
  timeout?: number;
}

/** A driver for the element `root` points at (e.g. `page.locator('ck-checkout')`) and everything in its shadow roots. */
export function playwrightDriver(root: Locator, options: PlaywrightDriverOptions = {}): Driver {
  return {
    timeout: options.timeout ?? 30_000,
    async all(query: Query): Promise<Control[]> {
      if ('part' in query || 'live' in query) {
        const css = 'part' in query ? `[part~="${query.part.replace(/["\\]/g, '')}"]` : `[aria-live="${query.live}"]`;
        return (await root.locator(css).all()).map((locator) => new LocatorControl(locator, true));
      }
      const located =
        query.name === undefined ? root.getByRole(query.role) : root.getByRole(query.role, { name: query.name, exact: typeof query.name === 'string' });
      return (await located.all()).map((locator) => new LocatorControl(locator, false));
    },
    // A poll interval, as Playwright's own expect.poll uses; what is awaited is the condition, not the time.
    pause: () => new Promise((resolve) => setTimeout(resolve, 50)),
    elapsed: () => performance.now(),
    within: (control) => playwrightDriver(locatorOf(control), options),
  };
}

/** The locator behind a control from `playwrightDriver`, for Playwright's web-first assertions. */
export function locatorOf(control: Control): Locator {
  if (!(control instanceof LocatorControl)) throw new TypeError('not a control of the Playwright driver');
  return control.locator;
}
