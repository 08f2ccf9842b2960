import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isLocaleLoaded, loadLocale, translate, type MessageKey, type MessageValues } from '../../core/i18n/i18n.js';
import { directionOf, resolveLocale, type RenderLocale } from '../../core/i18n/locales.js';

/**
 * Gives an element its buyer locale: resolves it from the candidates the host
 * provides (attribute, session hint, browser), loads the messages lazily and
 * re-renders the host when they arrive. Until then English is shown rather
 * than nothing, so the first paint never waits on a locale chunk.
 */
export class LocaleController implements ReactiveController {
  #locale: RenderLocale = 'en';
  #requested: RenderLocale = 'en';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly candidates: () => readonly (string | null | undefined)[],
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
    const wanted = resolveLocale([...this.candidates(), ...(typeof navigator === 'undefined' ? [] : navigator.languages)]);
    if (wanted === this.#requested) return;
    this.#requested = wanted;
    if (isLocaleLoaded(wanted)) {
      this.#locale = wanted;
      return;
    }
    void loadLocale(wanted).then((loaded) => {
      if (loaded && this.#requested === wanted) {
        this.#locale = wanted;
        this.host.requestUpdate();
      }
    });
  }

  /** Translates a message key in the rendered locale. */
  t(key: MessageKey, values?: MessageValues): string {
    return translate(this.#locale, key, values);
  }

  /** Resolves once the currently requested locale is loaded (tests and stories use it). */
  async ready(): Promise<void> {
    await loadLocale(this.#requested);
  }
}
