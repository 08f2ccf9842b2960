/**
 * The card form inside the frame: number, expiry, security code and name in
 * one form, so browser autofill fills the whole card at once. Plain DOM (the
 * frame carries no lit): built once, then updated field by field.
 *
 * What leaves this module is only what `CardFormState` holds (brand,
 * completeness, error codes); the digits stay in the inputs until `card()`
 * hands them to the vault call in main.ts.
 */
import {
  BRAND_SPECS,
  CARD_FIELDS,
  checkCard,
  digitsOf,
  formatCvc,
  formatExpiry,
  formatNumber,
  submitError,
  type CardBrand,
  type CardCheck,
  type CardField,
  type CardFieldError,
} from '../core/card/index.js';
import type { Translate } from './i18n.js';

/** What the host may know after each change. */
export interface CardFormState {
  brand: CardBrand | null;
  brands: readonly CardBrand[];
  complete: boolean;
  empty: boolean;
  errors: Partial<Record<CardField, CardFieldError>>;
}

export interface CardFormOptions {
  t: Translate;
  /** The buyer's clock, for "expiry in the future". */
  now: () => Date;
  onChange: (state: CardFormState) => void;
  onFocus: (field: CardField | null) => void;
}

/** The values the vault needs, read only on submit. */
export interface CardValues {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  name: string;
  brand: CardBrand;
}

const AUTOCOMPLETE: Record<CardField, string> = { number: 'cc-number', expiry: 'cc-exp', cvc: 'cc-csc', name: 'cc-name' };

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

export class CardForm {
  readonly form: HTMLFormElement;
  readonly #inputs = {} as Record<CardField, HTMLInputElement>;
  readonly #errors = {} as Record<CardField, HTMLElement>;
  readonly #labels = {} as Record<CardField, HTMLElement>;
  readonly #brand: HTMLElement;
  readonly #cvcHint: HTMLElement;
  readonly #choice: HTMLFieldSetElement;
  readonly #choiceLegend: HTMLElement;
  readonly #choiceHint: HTMLElement;
  readonly #status: HTMLElement;
  /** Fields the buyer has left once (or all of them after a submit): their errors show. */
  readonly #touched = new Set<CardField>();
  #chosenBrand: CardBrand | null = null;
  #check: CardCheck;
  #t: Translate;

  constructor(private readonly options: CardFormOptions) {
    this.#t = options.t;
    this.form = element('form', { novalidate: '', autocomplete: 'on' });
    this.form.addEventListener('submit', (event) => event.preventDefault());
    this.#brand = element('span', { class: 'brand', id: 'brand' });
    this.#cvcHint = element('span', { class: 'hint', id: 'cvc-hint' });
    this.#choice = element('fieldset', { hidden: '' });
    this.#choiceLegend = element('legend');
    this.#choiceHint = element('p', { class: 'hint', id: 'choice-hint' });
    this.#status = element('p', { class: 'status', role: 'alert' });

    const number = this.#field('number', { inputmode: 'numeric', dir: 'ltr', maxlength: '23' });
    // The brand sits on the label's line, not inside the input, so a long name never covers digits.
    number.head.append(this.#brand);
    const expiry = this.#field('expiry', { inputmode: 'numeric', dir: 'ltr', maxlength: '7' });
    const cvc = this.#field('cvc', { inputmode: 'numeric', dir: 'ltr', maxlength: '4' });
    cvc.label.append(' ', this.#cvcHint);
    const name = this.#field('name', { dir: 'auto', maxlength: '64', autocapitalize: 'words' });
    this.#choice.append(this.#choiceLegend, this.#choiceHint);
    const row = element('div', { class: 'row' });
    row.append(expiry.wrapper, cvc.wrapper);
    this.form.append(number.wrapper, this.#choice, row, name.wrapper, this.#status);
    this.#check = checkCard(this.#values(), options.now());
    this.setTranslator(options.t);
  }

  /** Re-labels everything (the host changed the locale). */
  setTranslator(t: Translate): void {
    this.#t = t;
    this.#labels.number.textContent = t('number.label');
    this.#labels.expiry.textContent = t('expiry.label');
    this.#labels.cvc.textContent = t('cvc.label');
    this.#labels.name.textContent = t('name.label');
    this.#inputs.expiry.placeholder = t('expiry.placeholder');
    this.#choiceLegend.textContent = t('brandChoice.legend');
    this.#choiceHint.textContent = t('brandChoice.hint');
    this.#render();
  }

  #field(field: CardField, attributes: Record<string, string>) {
    const wrapper = element('div', { class: 'field' });
    const head = element('div', { class: 'head' });
    const label = element('label', { for: field });
    const text = element('span');
    label.append(text);
    head.append(label);
    const control = element('div', { class: 'control' });
    const input = element('input', {
      id: field,
      name: field === 'number' ? 'cardnumber' : field === 'expiry' ? 'cc-exp' : field === 'cvc' ? 'cvc' : 'ccname',
      type: 'text',
      autocomplete: AUTOCOMPLETE[field],
      spellcheck: 'false',
      autocorrect: 'off',
      'aria-describedby': field === 'number' ? 'brand number-error' : field === 'cvc' ? 'cvc-hint cvc-error' : `${field}-error`,
      ...attributes,
    });
    const error = element('p', { class: 'error', id: `${field}-error` });
    control.append(input);
    wrapper.append(head, control, error);
    input.addEventListener('input', (event) => this.#handleInput(field, event as InputEvent));
    input.addEventListener('focus', () => this.options.onFocus(field));
    input.addEventListener('blur', (event) => this.#handleBlur(field, event));
    this.#inputs[field] = input;
    this.#errors[field] = error;
    this.#labels[field] = text;
    return { wrapper, head, label, text, control, input };
  }

  #values() {
    const value = (field: CardField) => this.#inputs[field]?.value ?? '';
    return { number: value('number'), expiry: value('expiry'), cvc: value('cvc'), name: value('name'), chosenBrand: this.#chosenBrand };
  }

  /** Formats as the buyer types or pastes, keeping the caret after the same digit. */
  #handleInput(field: CardField, event: InputEvent): void {
    const input = this.#inputs[field];
    if (field !== 'name') {
      const caret = input.selectionStart ?? input.value.length;
      const digitsBefore = input.value.slice(0, caret).replace(/[^0-9]/g, '').length;
      const deleting = event.inputType?.startsWith('delete') ?? false;
      const formatted = field === 'number' ? formatNumber(input.value) : field === 'expiry' ? formatExpiry(input.value, deleting) : formatCvc(input.value);
      if (formatted !== input.value) {
        input.value = formatted;
        let position = 0;
        for (let seen = 0; position < formatted.length && seen < digitsBefore; position++) if (/[0-9]/.test(formatted[position]!)) seen++;
        if (caret >= formatted.length || digitsBefore >= formatted.replace(/[^0-9]/g, '').length) position = formatted.length;
        input.setSelectionRange(position, position);
      }
    }
    this.#update();
  }

  #handleBlur(field: CardField, event: FocusEvent): void {
    if (this.#inputs[field].value) this.#touched.add(field);
    this.#update();
    // Focus that leaves the form (to the host page) is reported as leaving the frame.
    const next = event.relatedTarget as Node | null;
    if (!next || !this.form.contains(next)) this.options.onFocus(null);
  }

  #handleChoice(brand: CardBrand): void {
    this.#chosenBrand = brand;
    this.#update();
  }

  #update(): void {
    this.#check = checkCard(this.#values(), this.options.now());
    this.#render();
    this.options.onChange(this.state());
  }

  /** The error shown for each field: after the buyer left it or submitted, or at once when it can only be wrong. */
  #shownErrors(): Partial<Record<CardField, CardFieldError>> {
    const shown: Partial<Record<CardField, CardFieldError>> = {};
    for (const field of CARD_FIELDS) {
      const { status, error } = this.#check.fields[field];
      const definite = status === 'invalid';
      if (this.#touched.has(field) || (definite && field !== 'name')) {
        const code = this.#touched.has(field) ? submitError(field, status, error) : error;
        if (code) shown[field] = code;
      }
    }
    return shown;
  }

  #render(): void {
    const errors = this.#shownErrors();
    for (const field of CARD_FIELDS) {
      const code = errors[field];
      this.#errors[field].textContent = code ? this.#t(`errors.${code}`) : '';
      this.#inputs[field].setAttribute('aria-invalid', code ? 'true' : 'false');
    }
    const brand = this.#check.brand;
    this.#brand.textContent = brand ? BRAND_SPECS[brand].name : '';
    this.#cvcHint.textContent = this.#t(brand === 'amex' ? 'cvc.hint4' : 'cvc.hint3');
    this.#inputs.cvc.maxLength = brand ? BRAND_SPECS[brand].cvcLength : 4;
    this.#renderChoice();
  }

  #renderChoice(): void {
    const brands = this.#check.brands;
    const show = brands.length > 1;
    this.#choice.hidden = !show;
    const current = [...this.#choice.querySelectorAll('input')].map((input) => input.value).join();
    if (!show || current === brands.join()) {
      if (!show) this.#chosenBrand = null;
      return;
    }
    this.#choice.querySelectorAll('.choice').forEach((node) => node.remove());
    for (const brand of brands) {
      const label = element('label', { class: 'choice' });
      const radio = element('input', { type: 'radio', name: 'brand', value: brand });
      radio.checked = brand === this.#check.brand;
      radio.addEventListener('change', () => this.#handleChoice(brand));
      radio.addEventListener('focus', () => this.options.onFocus('number'));
      label.append(radio, BRAND_SPECS[brand].name);
      this.#choice.append(label);
    }
  }

  state(): CardFormState {
    const check = this.#check;
    return { brand: check.brand, brands: check.brands, complete: check.complete, empty: check.empty, errors: this.#shownErrors() };
  }

  /** Submit: every field shows its error now. */
  touchAll(): CardFormState {
    for (const field of CARD_FIELDS) this.#touched.add(field);
    this.#update();
    return this.state();
  }

  focus(field: CardField | 'first_invalid'): void {
    const target = field === 'first_invalid' ? (CARD_FIELDS.find((f) => this.#check.fields[f].status !== 'valid') ?? 'number') : field;
    this.#inputs[target].focus();
  }

  /** Shows (or clears) a message about the whole card, e.g. the vault could not be reached. */
  setStatus(text: string): void {
    this.#status.textContent = text;
  }

  /** The card for the vault; `null` unless complete. */
  card(): CardValues | null {
    const check = this.#check;
    if (!check.complete || !check.brand || !check.expiry) return null;
    return {
      number: digitsOf(this.#inputs.number.value),
      expMonth: check.expiry.month,
      expYear: check.expiry.year,
      cvc: this.#inputs.cvc.value,
      name: this.#inputs.name.value.trim(),
      brand: check.brand,
    };
  }

  /** Sets values as a buyer would type them (stories and tests of the form itself). */
  fill(values: Partial<Record<CardField, string>>, touched = false): void {
    for (const field of CARD_FIELDS) {
      const value = values[field];
      if (value === undefined) continue;
      this.#inputs[field].value = field === 'number' ? formatNumber(value) : field === 'expiry' ? formatExpiry(value) : value;
      if (touched) this.#touched.add(field);
    }
    this.#update();
  }
}
