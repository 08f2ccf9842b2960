import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { guard } from 'lit/directives/guard.js';
import { CkElement } from '../base/ck-element.js';
import { LocaleController } from '../base/locale-controller.js';
import { onIdle } from '../base/scheduling.js';
import { tokens } from '../base/tokens.styles.js';
import { focusStyles } from '../base/focus.styles.js';
import { buttonStyles } from '../base/button.styles.js';
import { methodPickerStyles } from './method-picker.styles.js';
import { chevron, optionTemplate, type OptionView } from './method-picker.templates.js';
import { loadMarks, marksArrived } from './icons.js';
import {
  GLOBAL_CATALOG,
  groupOf,
  layoutMethods,
  loadCatalog,
  localizedText,
  offeredMethods,
  searchKey,
  type Catalog,
  type MethodLayout,
  type OfferedMethod,
} from '../../core/catalog/index.js';
import { formatInstalment } from '../../core/money/format.js';
import type { MessageKey } from '../../core/i18n/i18n.js';
import { PaymentMethodOffer, type Money } from '../../core/protocol/session.schema.js';

// i18next adds the plural suffix (_one, _few ...) itself; the typed keys list only the suffixed forms.
const RESULT_COUNT = 'catalog:picker.resultCount' as MessageKey;
const ARROWS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/** One list formatter per locale for the page: building one costs far more than using it, and every card row and re-render asked. */
const listFormats = new Map<string, Intl.ListFormat>();
function listFormatOf(locale: string): Intl.ListFormat {
  let format = listFormats.get(locale);
  if (!format) listFormats.set(locale, (format = new Intl.ListFormat(locale, { type: 'conjunction' })));
  return format;
}

/**
 * The buyer's choice of payment method: an accessible single-choice list of
 * the methods a session offers, filtered to what fits the buyer's country,
 * currency and amount and ordered the way buyers in that country expect
 * (iDEAL first in the Netherlands, Pix in Brazil, mada in Saudi Arabia).
 *
 * Native radio buttons in a fieldset: Tab enters the list at the chosen
 * method, arrow keys move and choose (left and right follow the reading
 * direction, so they are swapped in Arabic). More than eight methods: the
 * first four stay in view and the rest sit behind "More payment methods",
 * grouped by type, with a search box. Pay-later methods preview their
 * instalments ("4 × €12.50") and are hidden outside their amount limits;
 * methods the backend reports as degraded are listed last as "Temporarily
 * slow"; methods the catalog does not know are shown from the backend's name
 * and icon.
 *
 * Inside `<ck-checkout>` it renders the `list` the checkout computed once
 * for the session, exactly in that order. Usable alone: set `methods` (the
 * protocol's offers), and optionally `amount`, `country` and `locale`; the
 * picker then computes the list with the same pipeline.
 *
 * @tag ck-method-picker
 * @summary Accessible, localized list of the payment methods a buyer can use.
 *
 * @fires ck-method-selected - The buyer chose a method (click, Space or arrow keys); not fired when `value` is set by code. Detail: `{ method, type }`. Bubbles and is composed.
 * @fires ck-error - An entry of `methods` is not a valid offer and is left out. Detail: `{ code: 'invalid_attribute', message, recoverable: true }`. Once per distinct bad entry.
 *
 * @csspart legend - The "Payment method" legend of the list.
 * @csspart option - One method: a label holding the radio, icon, name and notes.
 * @csspart option-label - The method's name inside an option.
 * @csspart option-note - A note under the name: the instalment preview ("4 × €12.50") or "Temporarily slow".
 * @csspart icon - The method's icon (brand badge, type icon or the backend's image).
 * @csspart group - A group of methods of one kind ("E-wallets") behind "More payment methods".
 * @csspart button - The "More payment methods" button (every button, as in the other elements).
 * @csspart link-button - The same button: it looks like a link.
 * @csspart more-button - The "More payment methods" disclosure button (lists of more than eight).
 * @csspart search - The search field behind "More payment methods".
 *
 * @cssstate expanded - "More payment methods" is open.
 *
 * @cssprop [--ck-method-picker-gap=calc(var(--ck-space) * 2 / 3)] - Space between options.
 * @cssprop [--ck-method-picker-option-padding=var(--ck-space) calc(var(--ck-space) * 4 / 3)] - Padding inside an option.
 * @cssprop [--ck-method-picker-option-radius=var(--ck-radius)] - Corner radius of options and the search field.
 * @cssprop [--ck-method-picker-option-border=var(--ck-color-border)] - Border colour of an option.
 * @cssprop [--ck-method-picker-option-background=var(--ck-color-surface)] - Background of an option.
 * @cssprop [--ck-method-picker-selected-border=var(--ck-color-primary)] - Border colour of the chosen option.
 * @cssprop [--ck-method-picker-selected-background=color-mix(in srgb, var(--ck-color-primary) 6%, var(--ck-color-surface))] - Background of the chosen option.
 * @cssprop [--ck-method-picker-heading-color=var(--ck-color-muted)] - Colour of group headings.
 * @cssprop [--ck-color-scheme=light dark] - Colour schemes the widget may use: `light dark` follows the buyer's `prefers-color-scheme`; `light` or `dark` fixes it. Sets the CSS `color-scheme`.
 * @cssprop [--ck-color-primary=light-dark(#2456d6, #8fb0ff)] - Accent: main buttons, the chosen option, links, radios and the focus ring.
 * @cssprop [--ck-color-surface=light-dark(#ffffff, #161a23)] - Background of the card, options and secondary buttons.
 * @cssprop [--ck-color-text=light-dark(#1a1f36, #e7e9f0)] - Main text; muted text, borders and the alternate surface are mixed from it.
 * @cssprop [--ck-font-family=system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Thai', sans-serif] - Font stack.
 * @cssprop [--ck-font-size=1rem] - Base font size; every size is relative to it.
 * @cssprop [--ck-radius=10px] - Corner radius of the card, options, panels and (by default) buttons.
 * @cssprop [--ck-space=0.75rem] - Spacing unit (density): every gap and padding is a multiple of it.
 * @cssprop [--ck-control-height=2.75rem] - Minimum height of buttons (a 44 px touch target at 16 px).
 * @cssprop [--ck-color-on-primary=light-dark(#ffffff, #0c1222)] - Text and icons on the accent.
 * @cssprop [--ck-color-muted=color-mix(in srgb, var(--ck-color-text) 72%, var(--ck-color-surface))] - Secondary text.
 * @cssprop [--ck-color-surface-alt=color-mix(in srgb, var(--ck-color-text) 4%, var(--ck-color-surface))] - Panels, code fields, placeholders.
 * @cssprop [--ck-color-border=color-mix(in srgb, var(--ck-color-text) 20%, var(--ck-color-surface))] - Borders of the card, options, fields and secondary buttons.
 * @cssprop [--ck-color-danger=light-dark(#b42318, #ff8f85)] - Failures and errors.
 * @cssprop [--ck-color-success=light-dark(#1e7b43, #6fd69a)] - Success.
 * @cssprop [--ck-color-warning=light-dark(#8a5a00, #f0b54a)] - Waiting, pending, offline and expiry notices.
 * @cssprop [--ck-focus-ring=0 0 0 3px color-mix(in srgb, var(--ck-color-primary) 45%, transparent)] - Focus ring, a `box-shadow` value (forced colors draw an outline instead).
 * @cssprop [--ck-button-radius=var(--ck-radius)] - Corner radius of buttons.
 * @cssprop [--ck-font-weight-medium=500] - Weight of method names and link buttons.
 * @cssprop [--ck-font-weight-bold=600] - Weight of headings, the total and primary buttons.
 * @cssprop [--ck-line-height=1.5] - Line height of body text.
 */
export class CkMethodPicker extends CkElement {
  static override styles = [tokens, focusStyles, buttonStyles, methodPickerStyles];

  /** The payment methods the session offers (`Session.paymentMethods`), in the backend's order. Ignored while `list` is set. */
  @property({ attribute: false }) methods: PaymentMethodOffer[] = [];

  /**
   * The buyer's list, already filtered and ordered (see `offeredMethods` in the
   * core catalog), shown exactly as given. `<ck-checkout>` sets it, so the order
   * on screen, `ck-ready` and the fallback suggestions are one list. When unset,
   * the picker computes it from `methods`, `country` and `amount`.
   */
  @property({ attribute: false }) list?: readonly OfferedMethod[];

  /** The amount to pay, in minor units; filters methods by currency and limits and drives instalment previews. */
  @property({ attribute: false }) amount?: Money;

  /** Buyer country, ISO 3166-1 alpha-2 (`NL`); chooses the order and drops methods not offered there. */
  @property() country?: string;

  /** BCP 47 locale of names and texts (`ar-SA`); defaults to the browser's language. */
  @property() locale?: string;

  /** Id of the chosen method, or null. Setting it does not fire `ck-method-selected`. */
  @property({ reflect: true }) value: string | null = null;

  /** Disables every option (while a payment is submitted). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  @state() private expanded = false;
  @state() private query = '';
  /**
   * The rows behind "More payment methods" are built, hidden, once the picker is idle after
   * showing its list: opening it then only shows them (within a frame for 60 methods, where
   * building them on the click took longer).
   */
  @state() private moreBuilt = false;
  /** Cancels the pending idle build (see `moreBuilt`); set while one is pending. */
  private cancelMoreBuild: (() => void) | undefined;

  /** What is on screen, in order: `list`, or the list computed from `methods`. */
  private shown: readonly OfferedMethod[] = [];
  private layout: MethodLayout = layoutMethods([]);
  /** The catalog the standalone picker orders with, and the country it was loaded for. */
  private catalog: Catalog = GLOBAL_CATALOG;
  private catalogFor: string | undefined;
  /** The catalog `shown` was computed with (standalone use). */
  private listCatalog: Catalog | undefined;
  /**
   * True while the country's order is on its way: the options are not shown
   * until then, so a click cannot land on a row that is about to move.
   */
  @state() private catalogLoading = false;
  // Created by the checkout's list render: its own rows (the longest render before the list) get a task of their own.
  protected static override firstUpdateInOwnTask = true;
  private readonly reported = new Set<string>();
  private invalid: string[] = [];
  private readonly i18n = new LocaleController(this, () => [this.locale]);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed before it was idle: no callback keeps it alive; the next update after it is back schedules the build again.
    this.cancelMoreBuild?.();
    this.cancelMoreBuild = undefined;
  }

  /** Focuses the chosen option, else the first one: where a keyboard user continues after "Choose another method". */
  override focus(options?: FocusOptions): void {
    const radios = this.radios();
    const target = radios.find((radio) => radio.checked) ?? radios[0];
    if (target) target.focus(options);
    else super.focus(options);
  }

  /**
   * The buyer-facing name of a listed method as the picker shows it ("iDEAL",
   * "コンビニ払い"), or undefined when it is not listed; for messages such as
   * "Continue to {{method}}".
   */
  methodName(id: string): string | undefined {
    const method = this.shown.find((m) => m.id === id);
    return method && this.nameOf(method);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.list) {
      this.catalogLoading = false;
      this.invalid = [];
      this.shown = this.list;
    } else if (!this.hasUpdated || changed.has('list') || changed.has('methods') || changed.has('country') || changed.has('amount') || this.listCatalog !== this.catalog) {
      // Computed again only when an input changed: one list object for as long as it holds (the guard on the rows behind "more" relies on it).
      this.shown = this.computeList();
      this.listCatalog = this.catalog;
    }
    this.layout = layoutMethods(this.shown);
    if ((changed.has('methods') || changed.has('list')) && !this.layout.collapsible) this.query = '';
  }

  /** Standalone use: the same pipeline as the checkout's, over the catalog this picker loaded for `country`. */
  private computeList(): OfferedMethod[] {
    const country = this.country?.trim() || undefined;
    const wanted = country?.toUpperCase() ?? '*';
    if (this.catalogFor !== wanted) {
      this.catalogFor = wanted;
      this.catalog = GLOBAL_CATALOG;
      if (!GLOBAL_CATALOG.covers(country)) {
        // Until the country's order is there the options are not shown, so a click cannot land on a row about to move.
        // A chunk that cannot be fetched leaves the backend's order (loadCatalog never rejects).
        this.catalogLoading = true;
        this.trackPending(
          loadCatalog(country).then((catalog) => {
            if (this.catalogFor !== wanted) return;
            this.catalog = catalog;
            this.catalogLoading = false;
          }),
        );
      }
    }
    return offeredMethods({ offers: this.validOffers(), country, amount: this.amount, catalog: this.catalog });
  }

  protected override updated(): void {
    if (this.layout.collapsible && !this.moreBuilt && !this.cancelMoreBuild && !this.catalogLoading) {
      this.cancelMoreBuild = onIdle(() => {
        this.cancelMoreBuild = undefined;
        this.moreBuilt = true;
      });
    }
    // The brands' marks for the options on screen, after the list is: it is usable with the tiles meanwhile.
    const onScreen = this.catalogLoading ? [] : this.expanded ? this.shown : this.layout.top;
    const ids = onScreen.flatMap((method) => [method.id, ...method.brands.map((brand) => brand.id)]);
    this.trackPending(loadMarks(ids).then((arrived) => arrived && this.requestUpdate()));
    // After render, so a listener already sees the list without the bad entries.
    for (const entry of this.invalid) {
      if (this.reported.has(entry)) continue;
      this.reported.add(entry);
      this.emit('ck-error', { code: 'invalid_attribute', message: `<ck-method-picker>: ignored invalid payment method ${entry}`, recoverable: true });
    }
  }

  /** `methods` may come from a store's own code: entries that are not protocol offers are left out and reported. */
  private validOffers(): PaymentMethodOffer[] {
    const valid: PaymentMethodOffer[] = [];
    this.invalid = [];
    for (const entry of Array.isArray(this.methods) ? (this.methods as unknown[]) : []) {
      const parsed = PaymentMethodOffer.safeParse(entry);
      if (parsed.success) valid.push(parsed.data);
      else this.invalid.push((JSON.stringify(entry) ?? String(entry)).slice(0, 200));
    }
    return valid;
  }

  override render(): TemplateResult {
    const { layout } = this;
    const needle = searchKey(this.query);
    const checked = this.shown.find((method) => method.id === this.value);
    // The chosen method always stays in view, so Tab (which lands on it) can always reach the list.
    const shown = (method: OfferedMethod): boolean => method === checked || !needle || this.haystack(method).includes(needle);
    const rest = [...layout.groups.flatMap((g) => g.methods), ...layout.degraded];
    const pinned = !this.expanded && checked && rest.includes(checked) ? checked : undefined;
    const matches = needle ? this.shown.filter((method) => this.haystack(method).includes(needle)).length : 0;
    if (this.catalogLoading) {
      return html`<fieldset disabled aria-busy="true" lang=${this.i18n.locale} dir=${this.i18n.dir}>
        <legend part="legend">${this.i18n.t('catalog:picker.label')}</legend>
        <div class="list loading"></div>
      </fieldset>`;
    }
    return html`<fieldset ?disabled=${this.disabled} lang=${this.i18n.locale} dir=${this.i18n.dir} @keydown=${this.handleKeydown}>
      <legend part="legend">${this.i18n.t('catalog:picker.label')}</legend>
      <div class="list">
        ${[...layout.top, ...(pinned ? [pinned] : [])].map((method) => this.option(method, shown(method)))}
        ${layout.collapsible
          ? html`<button part="button link-button more-button" class="more-button" type="button" aria-expanded=${String(this.expanded)} aria-controls="more" @click=${this.handleToggle}>
                ${this.i18n.t('catalog:picker.more')}${chevron}
              </button>
              <div id="more" class="more" ?hidden=${!this.expanded}>
                ${this.expanded || this.moreBuilt
                  ? // Rebuilt only when what it shows changed: opening the built rows only unhides them.
                    guard([this.shown, this.i18n.locale, this.locale, this.amount, this.value, this.query, pinned, marksArrived()], () => this.renderMore(needle, matches, shown, pinned))
                  : nothing}
              </div>`
          : nothing}
      </div>
    </fieldset>`;
  }

  /** The search and the grouped rows; `pinned` is on screen above, so it is left out here (one row, one id, per method). */
  private renderMore(needle: string, matches: number, shown: (method: OfferedMethod) => boolean, pinned?: OfferedMethod): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const status = !needle ? '' : matches ? t(RESULT_COUNT, { count: matches }) : t('catalog:picker.noMatch', { query: this.query.trim() });
    return html`<div class="search">
        <label for="search">${t('catalog:picker.search')}</label>
        <input id="search" part="search" type="search" autocomplete="off" spellcheck="false" .value=${live(this.query)} @input=${this.handleSearch} />
      </div>
      <p class=${needle && !matches ? 'no-match' : 'visually-hidden'} role="status">${status}</p>
      ${this.layout.groups.map(({ group, methods: all }) => {
        const methods = pinned ? all.filter((method) => method !== pinned) : all;
        const visible = methods.filter(shown);
        return html`<fieldset part="group" class="group" ?hidden=${!visible.length}>
          <legend>${t(`catalog:group.${group}`)}</legend>
          <div class="group-list">${methods.map((method) => this.option(method, visible.includes(method)))}</div>
        </fieldset>`;
      })}
      ${this.layout.degraded.length
        ? html`<div class="group-list">${this.layout.degraded.filter((method) => method !== pinned).map((method) => this.option(method, shown(method)))}</div>`
        : nothing}`;
  }

  private option(method: OfferedMethod, visible: boolean): TemplateResult {
    const view: OptionView = {
      method,
      name: this.nameOf(method),
      checked: method.id === this.value,
      hidden: !visible,
      preview: this.preview(method),
      slow: method.degraded ? this.i18n.t('catalog:picker.degraded') : null,
      brands: method.brands.length ? this.i18n.t('catalog:picker.acceptedCards', { brands: this.listFormat(method.brands.map((b) => b.name)) }) : null,
    };
    return optionTemplate(view, this.handleChange);
  }

  /** The name the buyer reads: translated for generic methods, the brand (as written in their language) otherwise. */
  private nameOf(method: OfferedMethod): string {
    const name = method.name;
    return name.kind === 'key' ? this.i18n.t(`catalog:method.${name.key}`) : localizedText(name, this.i18n.locale);
  }

  /** What search looks in: the shown name, the brand as its owner writes it, and the group heading. */
  private haystack(method: OfferedMethod): string {
    const brand = method.name.kind === 'text' ? method.name.text : '';
    return searchKey(`${this.nameOf(method)} ${brand} ${this.i18n.t(`catalog:group.${groupOf(method.type)}`)}`);
  }

  private preview(method: OfferedMethod): string | null {
    if (!method.instalments || !this.amount) return null;
    const plan = formatInstalment(this.amount.value, method.instalments, this.amount.currency, this.formatLocale());
    return plan.ok ? this.i18n.t('catalog:bnpl.instalments', { count: plan.countText, amount: plan.text }) : null;
  }

  /** Money and lists follow the full locale the store gave (`ar-SA` digits), not just its language. */
  private formatLocale(): string {
    return this.locale?.trim() || this.i18n.locale;
  }

  private listFormat(items: string[]): string {
    try {
      return listFormatOf(this.formatLocale()).format(items);
    } catch {
      return items.join(', ');
    }
  }

  /** Radios the buyer can reach now, in visual order. */
  private radios(): HTMLInputElement[] {
    const all = [...(this.renderRoot?.querySelectorAll<HTMLInputElement>('input[type=radio]') ?? [])];
    return all.filter((radio) => !radio.matches(':disabled') && !radio.closest('[hidden]'));
  }

  private choose(id: string): void {
    if (id === this.value) return;
    const method = this.shown.find((m) => m.id === id);
    if (!method) return;
    this.value = id;
    this.emit('ck-method-selected', { method: id, type: method.type });
  }

  private readonly handleChange = (event: Event): void => {
    this.choose((event.target as HTMLInputElement).value);
  };

  /**
   * Arrow keys across every visible radio (top, pinned and grouped alike),
   * wrapping at the ends. Done here rather than left to the browser because
   * browsers disagree on left/right in right-to-left text and on skipping
   * hidden radios.
   */
  private handleKeydown(event: KeyboardEvent): void {
    const current = event.target;
    if (!ARROWS.has(event.key) || !(current instanceof HTMLInputElement) || current.type !== 'radio') return;
    const radios = this.radios();
    const index = radios.indexOf(current);
    if (index < 0 || !radios.length) return;
    event.preventDefault();
    const rtl = this.i18n.dir === 'rtl';
    const forward = event.key === 'ArrowDown' || event.key === (rtl ? 'ArrowLeft' : 'ArrowRight');
    const next = radios[(index + (forward ? 1 : radios.length - 1)) % radios.length]!;
    next.focus();
    next.checked = true;
    this.choose(next.value);
  }

  private handleToggle(): void {
    this.expanded = !this.expanded;
    this.toggleState('expanded', this.expanded);
    // Focus stays on the button (disclosure pattern); the search field is the next Tab stop.
    if (!this.expanded) this.query = '';
  }

  private handleSearch(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-method-picker': CkMethodPicker;
  }
}
