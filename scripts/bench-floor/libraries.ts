// The libraries' part of the bench floor in libraries-entry.ts: zod parses the session, i18next
// translates the texts, lit renders the list. Not the product: no ordering, no error state.
import { LitElement, css, html, type TemplateResult } from 'lit';
import i18next from 'i18next';
import * as z from 'zod/mini';

const Session = z.object({
  id: z.string().check(z.maxLength(128)),
  country: z.string().check(z.regex(/^[A-Z]{2}$/)),
  amount: z.object({ value: z.int().check(z.nonnegative()), currency: z.string().check(z.regex(/^[A-Z]{3}$/)) }),
  paymentMethods: z.array(z.object({ id: z.string().check(z.maxLength(64)), type: z.string(), name: z.optional(z.string()) })),
});
type Session = z.infer<typeof Session>;

const i18n = i18next.createInstance();
i18n
  // `showSupportNotice` (i18next's console banner) is not in its option types; src/core/i18n/i18n.ts sets it the same way.
  .init({
    lng: 'en',
    defaultNS: 'checkout',
    showSupportNotice: false,
    resources: { en: { checkout: { title: 'Payment', total: 'Total', legend: 'Payment method' } } },
  } as Parameters<typeof i18n.init>[0])
  .catch((error: unknown) => console.error('floor:', error));

class FloorPicker extends LitElement {
  static override properties = { methods: { attribute: false } };
  static override styles = css`
    label { display: flex; gap: 0.5rem; padding: 0.75rem; border: 1px solid #ccc; border-radius: 10px; margin: 0.25rem 0; }
  `;
  methods: Session['paymentMethods'] = [];

  override render(): TemplateResult {
    return html`<fieldset>
      <legend>${i18n.t('legend')}</legend>
      ${this.methods.map((method) => html`<label><input type="radio" name="method" .value=${method.id} />${method.name ?? method.id}</label>`)}
    </fieldset>`;
  }
}

class FloorCheckout extends LitElement {
  static override properties = { session: { state: true } };
  static override styles = css`
    :host { display: block; font: 16px system-ui; max-width: 32rem; }
  `;
  session?: Session;

  override connectedCallback(): void {
    super.connectedCallback();
    const early = (globalThis as { floorSession?: Promise<unknown> }).floorSession;
    early?.then((body) => (this.session = Session.parse(body))).catch((error: unknown) => console.error('floor:', error));
  }

  override render(): TemplateResult {
    if (!this.session) return html``;
    const { value, currency } = this.session.amount;
    const total = new Intl.NumberFormat(navigator.language, { style: 'currency', currency }).format(value / 100);
    return html`<h2>${i18n.t('title')}</h2>
      <p>${i18n.t('total')} ${total}</p>
      <ck-method-picker .methods=${this.session.paymentMethods}></ck-method-picker>`;
  }
}

/** Called by the entry: a module-level define would be dropped by tree-shaking (package.json `sideEffects` does not list this file). */
export function defineFloorElements(): void {
  customElements.define('ck-method-picker', FloorPicker);
  customElements.define('ck-checkout', FloorCheckout);
}
