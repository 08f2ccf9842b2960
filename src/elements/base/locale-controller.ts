import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isLocaleLoaded, loadLocale, translate, type LocalePart, type MessageKey, type MessageValues } from '../../core/i18n/i18n.js';
import { directionOf, resolveLocale, type RenderLocale } from '../../core/i18n/locales.js';

/**
 * Gives an element its buyer locale: resolves it from the candidates the host
 * provides (attribute, session hint, browser), loads the messages lazily and
 * re-renders the host when they arrive. Until then English is shown rather
 * than nothing, so the first paint never waits on a locale chunk.
 */
export class LocaleController implements ReactiveController {
  #locale: RenderLocale = 'en';
  #wanted: RenderLocale = 'en';
  #wantedParts: readonly LocalePart[] = ['base'];
  /** The load #follow started for the wanted locale, while it is in flight. */
  #loading: Promise<void> | undefined;
  /** The last load handed to the host's trackPending. */
  #tracked: Promise<void> | undefined;

  /**
   * @param candidates the host's locale sources, most specific first
   * @param parts which message chunks the host renders now: `payment` is only
   *   asked for by hosts that show payment states, once they do
   */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { trackPending?(work: Promise<unknown>): void },
    private readonly candidates: () => readonly (string | null | undefined)[],
    private readonly parts: () => readonly LocalePart[] = () => ['base'],
  ) {
    host.addController(this);
  }

  /** The locale messages are currently rendered in. */
  get locale(): RenderLocale {
    return this.#locale;
  }

  /** `ltr` or `rtl` for the rendered locale. */
  get dir(): 'ltr' | 'rtl' {
    return directionOf(this.#locale);
  }

  hostUpdate(): void {
    const loading = this.#follow();
    // Once per load, whether it started here or in prepare(): the host's updateComplete waits for it.
    if (loading && loading !== this.#tracked) {
      this.#tracked = loading;
      this.host.trackPending?.(loading);
    }
  }

  /**
   * Starts loading the locale the candidates ask for now, without waiting for a render (a host
   * whose first render waits for its language); resolves once that locale can be rendered, or
   * English is used because its chunk could not be fetched.
   */
  async prepare(): Promise<void> {
    const shown = this.#locale;
    await this.#follow();
    if (this.#locale !== shown) this.host.requestUpdate();
  }

  /** Follows the candidates: the locale to load, if it is not loaded yet (the previous one stays on screen until it is). */
  #follow(): Promise<void> | undefined {
    const wanted = resolveLocale([...this.candidates(), ...(typeof navigator === 'undefined' ? [] : navigator.languages)]);
    const parts = this.parts();
    if (wanted === this.#wanted && parts.join() === this.#wantedParts.join()) return this.#loading;
    this.#wanted = wanted;
    this.#wantedParts = parts;
    if (isLocaleLoaded(wanted, parts)) {
      this.#locale = wanted;
      this.#loading = undefined;
      return undefined;
    }
    const loading: Promise<void> = loadLocale(wanted, parts).then((loaded) => {
      if (this.#loading === loading) this.#loading = undefined;
      if (loaded && this.#wanted === wanted && this.#wantedParts === parts) {
        this.#locale = wanted;
        this.host.requestUpdate();
      }
    });
    this.#loading = loading;
    return loading;
  }

  /**
   * Translates a message key in the rendered locale. A payment message asked
   * for before its chunk arrived renders as nothing for that frame, never as
   * its raw key.
   */
  t(key: MessageKey, values?: MessageValues): string {
    if (key.startsWith('payment:') && !isLocaleLoaded(this.#locale, ['payment']) && !isLocaleLoaded('en', ['payment'])) return '';
    return translate(this.#locale, key, values);
  }

  /** Resolves once the currently requested locale is loaded (tests and stories use it). */
  async ready(): Promise<void> {
    await loadLocale(this.#wanted, this.#wantedParts);
  }
}
