import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { CkElement } from '../base/ck-element.js';
import { LocaleController } from '../base/locale-controller.js';
import { tokens } from '../base/tokens.styles.js';
import { amountStyles } from './amount.styles.js';
import { directionOf } from '../../core/i18n/locales.js';
import {
  formatApproximate,
  formatMoney,
  isKnownCurrency,
  parseMinorUnits,
  type CurrencyDisplay,
} from '../../core/money/format.js';
import type { CkErrorCode } from '../../events.js';

const DISPLAYS: readonly CurrencyDisplay[] = ['symbol', 'narrowSymbol', 'code', 'name'];

/** What the element shows, worked out once per update from its attributes. */
type View =
  /** `approx` is the converted settlement amount alone ("US$12.34"); the words around it are messages. */
  | { kind: 'amount'; text: string; approx: string | null }
  | { kind: 'invalid' }
  | { kind: 'unknown_currency'; code: string };

interface Problem {
  code: CkErrorCode;
  /** Which input was bad, and how: the key that makes each distinct bad input report once. */
  input: string;
  message: string;
}

/** The nearest `lang` on the element or its ancestors, crossing shadow roots (a ck-amount inside another component). */
function inheritedLang(start: Element): string | undefined {
  let node: Node | null = start;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang')?.trim();
      if (lang) return lang;
    }
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return undefined;
}

/**
 * Shows an amount of money given in ISO 4217 minor units, formatted for the
 * buyer's locale with the currency's exact number of decimals (¥1,250, 12,50 €,
 * KWD 1.250). Refunds are negative values. Optionally adds the approximate
 * amount in the merchant's settlement currency ("≈ US$12.34"), worded in the
 * buyer's language and read to screen readers as a phrase ("approximately
 * US$12.34 at the store's exchange rate").
 *
 * Invalid input never shows `NaN`: a `value` that is not an integer of minor
 * units shows a localized "Invalid amount", a currency that is not an active
 * ISO 4217 code shows "Unknown currency XYZ", and a `ck-error` is fired once
 * per distinct bad input.
 *
 * The locale is the `locale` attribute, else the nearest ancestor `lang`
 * (read when the element connects or an attribute changes), else the browser's
 * language. Digits, separators and symbol position follow that locale exactly
 * as `Intl.NumberFormat` does (Arabic-Indic digits for `ar-SA`, Latin for `ar`).
 *
 * @tag ck-amount
 * @summary An exactly formatted amount of money in the buyer's locale.
 *
 * @fires ck-error - An attribute is invalid. Detail: `{ code: 'invalid_attribute' | 'unknown_currency', message, recoverable: true }`. Bubbles and is composed.
 *
 * @csspart amount - The formatted amount.
 * @csspart approx - The localized approximate settlement amount ("≈ US$12.34", "約US$12.34"), present only with `settlement-currency` and `rate`.
 * @csspart error - The localized error text shown instead of the amount.
 *
 * @cssprop [--ck-amount-font-size=1em] - Font size of the amount (inherits the surrounding size by default).
 * @cssprop [--ck-amount-font-weight=inherit] - Font weight of the amount.
 * @cssprop [--ck-amount-approx-color=var(--ck-color-muted)] - Colour of the approximate settlement amount.
 * @cssprop [--ck-amount-approx-font-size=0.875em] - Font size of the approximate settlement amount.
 * @cssprop [--ck-amount-approx-gap=0.5em] - Space between the amount and the approximate settlement amount.
 * @cssprop [--ck-amount-error-color=var(--ck-color-danger)] - Colour of the error text.
 * @cssprop [--ck-color-surface=light-dark(#ffffff, #161a23)] - Background of the card, options and secondary buttons.
 * @cssprop [--ck-color-text=light-dark(#1a1f36, #e7e9f0)] - Main text; muted text, borders and the alternate surface are mixed from it.
 * @cssprop [--ck-color-muted=color-mix(in srgb, var(--ck-color-text) 72%, var(--ck-color-surface))] - Secondary text.
 * @cssprop [--ck-color-danger=light-dark(#b42318, #ff8f85)] - Failures and errors.
 */
export class CkAmount extends CkElement {
  static override styles = [tokens, amountStyles];

  /** Amount in ISO 4217 minor units: an integer, or a string of one (`"1250"` is €12.50, `"-1250"` a refund). */
  @property() value?: string | number;

  /** ISO 4217 code of an active currency, e.g. `EUR`. Letter case is ignored. */
  @property() currency = '';

  /** BCP 47 locale to format for, e.g. `de-CH`. Defaults to the nearest ancestor `lang`, then the browser's language. */
  @property() locale?: string;

  /** How the currency is named: `symbol` (€, US$), `narrowSymbol` ($), `code` (USD) or `name` (US dollars). */
  @property() display: CurrencyDisplay = 'symbol';

  /** ISO 4217 code the merchant settles in; with `rate`, adds an approximate amount in it. */
  @property({ attribute: 'settlement-currency' }) settlementCurrency?: string;

  /** Units of the settlement currency per one unit of `currency`, e.g. `1.0834` for EUR→USD. */
  @property() rate?: string | number;

  private view: View = { kind: 'invalid' };
  private formatLocale = 'en';
  private problems: Problem[] = [];
  private readonly reported = new Set<string>();

  // Messages are needed only for the presentment note and the error states;
  // asking for 'en' otherwise keeps a plain amount from downloading a locale
  // chunk it will never use.
  private readonly i18n = new LocaleController(this, () =>
    this.view.kind === 'amount' && !this.view.approx ? ['en'] : [this.formatLocale],
  );

  override connectedCallback(): void {
    super.connectedCallback();
    // A move to another subtree may change the inherited lang.
    this.requestUpdate();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.formatLocale =
      this.locale?.trim() || inheritedLang(this) || (typeof navigator === 'undefined' ? '' : navigator.language) || 'en';
    this.problems = [];
    this.view = this.computeView();
  }

  private computeView(): View {
    const currency = String(this.currency ?? '').trim().toUpperCase();
    let display = this.display;
    if (!DISPLAYS.includes(display)) {
      this.problem('invalid_attribute', `display=${String(display)}`, `display "${String(display)}" is not one of ${DISPLAYS.join(', ')}; using "symbol"`);
      display = 'symbol';
    }
    const value = parseMinorUnits(this.value);
    if (value === undefined) {
      const shown = this.value == null ? 'missing' : `"${String(this.value)}"`;
      this.problem('invalid_attribute', `value=${String(this.value)}`, `value ${shown} is not an integer amount of minor units within ±(2^53 − 1)`);
    }
    if (!isKnownCurrency(currency)) {
      this.problem('unknown_currency', `currency=${currency}`, `currency "${currency}" is not an active ISO 4217 code`);
    }
    if (value === undefined) return { kind: 'invalid' };
    const formatted = formatMoney(value, currency, this.formatLocale, { display });
    if (!formatted.ok) return { kind: 'unknown_currency', code: currency };
    return { kind: 'amount', text: formatted.text, approx: this.approximate(value, currency, display) };
  }

  /** The converted amount for the "≈ US$12.34" note, or null when not asked for or not possible (reported once). */
  private approximate(value: number, currency: string, display: CurrencyDisplay): string | null {
    const settlement = String(this.settlementCurrency ?? '').trim().toUpperCase();
    const rate = this.rate;
    const hasRate = rate !== undefined && rate !== null && String(rate).trim() !== '';
    if (!settlement && !hasRate) return null;
    if (!settlement || !hasRate) {
      const missing = settlement ? 'rate' : 'settlement-currency';
      this.problem('invalid_attribute', `${missing}=`, `${missing} is missing; the approximate settlement amount needs both settlement-currency and rate`);
      return null;
    }
    if (settlement === currency) return null;
    const note = formatApproximate(value, currency, { currency: settlement, rate: String(rate).trim() }, this.formatLocale, { display });
    if (note.ok) return note.amount;
    if (note.reason === 'unknown_currency') {
      this.problem('unknown_currency', `settlement-currency=${settlement}`, `settlement-currency "${settlement}" is not an active ISO 4217 code`);
    } else {
      this.problem('invalid_attribute', `rate=${String(rate)}`, `rate "${String(rate)}" is not a positive decimal number`);
    }
    return null;
  }

  private problem(code: CkErrorCode, input: string, message: string): void {
    this.problems.push({ code, input, message });
  }

  protected override updated(): void {
    // After render, so a listener already sees the visible error state.
    for (const { code, input, message } of this.problems) {
      const key = `${code}|${input}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.emit('ck-error', { code, message: `<ck-amount>: ${message}`, recoverable: true });
    }
  }

  override render(): TemplateResult {
    const view = this.view;
    if (view.kind === 'amount') {
      const dir = directionOf(this.formatLocale);
      return html`<span part="amount" lang=${this.formatLocale} dir=${dir}>${view.text}</span>${view.approx
          ? this.renderApprox(view.approx)
          : nothing}`;
    }
    const message =
      view.kind === 'invalid'
        ? this.i18n.t('checkout:amount.invalid')
        : this.i18n.t('checkout:amount.unknownCurrency', { code: view.code.slice(0, 12) }).trim();
    return html`<span part="error" lang=${this.i18n.locale} dir=${this.i18n.dir}>${message}</span>`;
  }

  /**
   * The note is short on screen ("≈ US$12.34", "約US$12.34") but a screen
   * reader would say "almost equal to" or skip the sign, so it hears a phrase
   * instead. A hidden text, not aria-label: aria-label on a span without a role
   * is ignored by most screen readers in reading mode.
   */
  private renderApprox(amount: string): TemplateResult {
    return html`<span part="approx" lang=${this.i18n.locale} dir=${this.i18n.dir}
      ><span aria-hidden="true">${this.i18n.t('checkout:amount.approx', { amount })}</span
      ><span class="visually-hidden">${this.i18n.t('checkout:amount.approxLabel', { amount })}</span></span
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-amount': CkAmount;
  }
}
