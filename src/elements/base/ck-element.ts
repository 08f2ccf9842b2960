import { LitElement } from 'lit';
import type { CkEventMap } from '../../events.js';
import { yieldToBrowser } from './scheduling.js';

/**
 * package.json's version, written in by the build (vite `define` in vite.config.ts). Undefined
 * where the source runs unbundled (component tests, Storybook without the config, tsx).
 */
declare const __CHECKOUT_KIT_VERSION__: string | undefined;

/**
 * Version of this build (package.json's); a second copy on the page with another version gets a
 * console warning. Unbundled source reports `0.0.0-source`.
 */
export const VERSION: string = typeof __CHECKOUT_KIT_VERSION__ === 'string' ? __CHECKOUT_KIT_VERSION__ : '0.0.0-source';

const registeredVersions = new Map<string, string>();

/**
 * Base of every checkout-kit element: typed `ck-*` events and a `define()`
 * that is safe when a store loads the script twice.
 */
export abstract class CkElement extends LitElement {
  /**
   * Registers `tag` unless it is already defined. Stores paste our script into
   * pages they don't control, so a second copy must not throw; a different
   * version is worth a warning because only the first one is live.
   */
  static define(tag: string, ctor: CustomElementConstructor = this as unknown as CustomElementConstructor): void {
    if (typeof customElements === 'undefined') return;
    const existing = customElements.get(tag);
    if (existing) {
      const version = (existing as unknown as { version?: string }).version ?? registeredVersions.get(tag);
      if (version !== VERSION) {
        console.warn(`checkout-kit: <${tag}> is already defined by version ${version ?? 'unknown'}; version ${VERSION} is not used.`);
      }
      return;
    }
    customElements.define(tag, ctor);
    registeredVersions.set(tag, VERSION);
  }

  /** The checkout-kit version that defined this element. */
  static readonly version = VERSION;

  /**
   * @internal When true, the element's first render runs in a task of its own instead of the one
   * that created or upgraded it. Set by elements whose first render is long and follows other long
   * work in the same task (the drop-in's code evaluating, the checkout rendering its list): one
   * long task there keeps the page from answering input for its whole length.
   */
  protected static firstUpdateInOwnTask = false;

  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated || !(this.constructor as typeof CkElement).firstUpdateInOwnTask) return super.scheduleUpdate();
    return yieldToBrowser().then(() => super.scheduleUpdate());
  }

  readonly #pendingWork = new Set<Promise<unknown>>();
  #internals?: ElementInternals;

  /**
   * Turns a CSS custom state on or off (`ck-checkout:state(failed)`), for
   * themes to style states without attributes of ours to match. A no-op in
   * browsers without `CustomStateSet` or with only its older `--name` syntax.
   */
  protected toggleState(name: string, on: boolean): void {
    this.#internals ??= this.attachInternals();
    const states = (this.#internals as Partial<ElementInternals>).states;
    if (!states) return;
    try {
      if (on) states.add(name);
      else states.delete(name);
    } catch {
      // Chromium 90–124 accepted only `--name` states; :state(name) needs 125+.
    }
  }

  /**
   * @internal Work the element's first meaningful render depends on (a
   * locale chunk): `updateComplete` resolves only after it settled and the
   * element re-rendered, so stores and tests that await it see real text.
   */
  trackPending(work: Promise<unknown>): void {
    // Settles either way (the work reports its own failure); removes itself once settled.
    const settled: Promise<void> = work.then(
      () => void this.#pendingWork.delete(settled),
      () => void this.#pendingWork.delete(settled),
    );
    this.#pendingWork.add(settled);
  }

  /**
   * @internal Resolves once the pending render is done, without waiting for tracked work (see
   * `trackPending`): for "it is on screen" moments that must not wait for what an element fetches
   * after its content, such as the method picker's brand marks before `<ck-checkout>`'s `ck-ready`.
   */
  get renderComplete(): Promise<boolean> {
    return super.getUpdateComplete();
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.#pendingWork.size) {
      await Promise.all(this.#pendingWork);
      result = await super.getUpdateComplete();
    }
    return result;
  }

  /**
   * Dispatches a bubbling, composed `ck-*` event with a typed detail; returns false if cancelled.
   * Each element documents the events it emits with `@fires` in its own class doc.
   */
  protected emit<K extends keyof CkEventMap>(name: K, detail: CkEventMap[K]['detail'], cancelable = false): boolean {
    /** @internal The event name is a parameter, so the manifest analyzer must not list "name" as an event. */
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
  }
}
