/**
 * The in-browser harness driver (component tests in web-test-runner, Storybook
 * play functions): finds controls through open shadow roots by ARIA role and
 * accessible name, as a screen reader perceives the page (see queries.ts).
 */
import { computeAccessibleName } from 'dom-accessibility-api';
import type { Control, Driver, Query } from './harness.js';
import { queryAllByRole } from './queries.js';

/** Every element under `root` (its own shadow root included) that `test` accepts, in document order. */
function allDeep(root: Element, test: (element: HTMLElement) => boolean): HTMLElement[] {
  const found: HTMLElement[] = [];
  const visit = (node: ParentNode) => {
    for (const element of node.querySelectorAll<HTMLElement>('*')) {
      if (test(element)) found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  if (root.shadowRoot) visit(root.shadowRoot);
  visit(root);
  return found;
}

// ASCII white space only: a no-break space (between an amount and its currency) is part of what the buyer reads.
const collapse = (text: string | null): string => (text ?? '').replace(/[ \t\n\r\f]+/g, ' ').replace(/^ | $/g, '');

class DomControl implements Control {
  constructor(
    readonly element: HTMLElement,
    private readonly byText: boolean,
    private readonly clicker: (element: HTMLElement) => Promise<void>,
  ) {}

  async name(): Promise<string> {
    return this.byText ? collapse(this.element.textContent) : computeAccessibleName(this.element).trim();
  }

  async text(): Promise<string> {
    return collapse(this.element.textContent);
  }

  async value(): Promise<string> {
    const element = this.element;
    return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.value : '';
  }

  async isChecked(): Promise<boolean> {
    const element = this.element;
    return element instanceof HTMLInputElement ? element.checked : element.getAttribute('aria-checked') === 'true';
  }

  async isDisabled(): Promise<boolean> {
    return this.element.matches(':disabled') || this.element.getAttribute('aria-disabled') === 'true';
  }

  click(): Promise<void> {
    return this.clicker(this.element);
  }
}

export interface DomDriverOptions {
  /** How long harness waits last before failing (ms); 5000 unless set. */
  timeout?: number;
  /**
   * How a control is clicked; `element.click()` unless set. Storybook play
   * functions pass `userEvent.click`, so the interactions panel shows each step.
   */
  click?: (element: HTMLElement) => Promise<void>;
}

/** A driver for the element `root` (usually the custom element under test) and everything in its shadow roots. */
export function domDriver(root: Element, options: DomDriverOptions = {}): Driver {
  const click = options.click ?? (async (element: HTMLElement) => element.click());
  return {
    timeout: options.timeout ?? 5000,
    async all(query: Query): Promise<Control[]> {
      if ('part' in query) return allDeep(root, (element) => element.part.contains(query.part)).map((element) => new DomControl(element, true, click));
      if ('live' in query) return allDeep(root, (element) => element.getAttribute('aria-live') === query.live).map((element) => new DomControl(element, true, click));
      return queryAllByRole(root, query.role, { name: query.name }).map((element) => new DomControl(element, false, click));
    },
    // The next frame (lit renders in microtasks, so by then any pending update has landed), or
    // 50 ms where frames are not painted (a hidden tab or iframe).
    pause: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        requestAnimationFrame(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
    elapsed: () => performance.now(),
    within: (control) => domDriver(elementOf(control), options),
  };
}

/** The DOM element behind a control from `domDriver`, for assertions a harness does not offer (focus, styles). */
export function elementOf(control: Control): HTMLElement {
  if (!(control instanceof DomControl)) throw new TypeError('not a control of the DOM driver');
  return control.element;
}
