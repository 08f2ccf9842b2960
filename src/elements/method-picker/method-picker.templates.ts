/**
 * Sub-templates of <ck-method-picker>. Kept free of element state: the
 * element works out the texts, these only arrange them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { OfferedMethod } from '../../core/catalog/index.js';
import { brandBadges, methodIcon } from './icons.js';

/** Everything one option shows, already localized. */
export interface OptionView {
  method: OfferedMethod;
  name: string;
  checked: boolean;
  /** Filtered out by the search (the radio leaves the tab order and the accessibility tree). */
  hidden: boolean;
  /** "4 × €12.50" for pay-later methods within their limits. */
  preview: string | null;
  /** "Temporarily slow" for degraded methods. */
  slow: string | null;
  /** "Accepted cards: Visa, Mastercard and American Express" for the card option. */
  brands: string | null;
}

/**
 * One radio option. The radio is named by the method's name alone
 * (`aria-labelledby`); the preview, the slow notice and the accepted brands
 * are its description, so a screen reader says "PayPal, radio button" and
 * then the details.
 */
export function optionTemplate(view: OptionView, onChange: (event: Event) => void): TemplateResult {
  const { method } = view;
  const id = `m-${method.id}`;
  const described = [view.preview && `${id}-preview`, view.slow && `${id}-slow`, view.brands && `${id}-brands`].filter(Boolean).join(' ');
  return html`<label part="option" class="option" data-method=${method.id} ?hidden=${view.hidden}>
    <input
      type="radio"
      name="method"
      .value=${method.id}
      .checked=${live(view.checked)}
      aria-labelledby=${`${id}-name`}
      aria-describedby=${described || nothing}
      @change=${onChange}
    />
    <span part="icon" class="icon" aria-hidden="true">${methodIcon(method.icon, method.id)}</span>
    <span class="text">
      <span part="option-label" class="name" id=${`${id}-name`}>${view.name}</span>
      ${view.preview ? html`<span part="option-note" class="note" id=${`${id}-preview`}>${view.preview}</span>` : nothing}
      ${view.slow ? html`<span part="option-note" class="note slow" id=${`${id}-slow`}>${view.slow}</span>` : nothing}
    </span>
    ${view.brands
      ? html`<span class="brands" aria-hidden="true">${brandBadges(method.brands)}</span
          ><span class="visually-hidden" id=${`${id}-brands`}>${view.brands}</span>`
      : nothing}
  </label>`;
}

/** The disclosure chevron; it turns with `aria-expanded` in CSS. */
export const chevron = html`<svg class="chevron" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="m4 6 4 4 4-4" /></svg>`;
