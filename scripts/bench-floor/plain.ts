// A bench floor (scripts/bench-floor.ts): the least any drop-in does before its list is usable, with no
// library: one request for the session, then a shadow-DOM list of radios with the amount formatted.
// Not the product: no validation, no translation, no ordering, no error state.
import { requestSession } from './session.js';

class FloorPicker extends HTMLElement {}

class FloorCheckout extends HTMLElement {
  connectedCallback(): void {
    this.load().catch((error: unknown) => console.error('floor:', error));
  }

  private async load(): Promise<void> {
    const session = (await requestSession(this)) as { amount: { value: number; currency: string }; paymentMethods: { id: string; name?: string }[] };
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = ':host{display:block;font:16px system-ui;max-width:32rem}';
    const title = document.createElement('h2');
    title.textContent = 'Payment';
    const total = document.createElement('p');
    const { value, currency } = session.amount;
    total.textContent = `Total ${new Intl.NumberFormat(navigator.language, { style: 'currency', currency }).format(value / 100)}`;
    const picker = document.createElement('ck-method-picker');
    const list = picker.attachShadow({ mode: 'open' });
    const listStyle = document.createElement('style');
    listStyle.textContent = 'label{display:flex;gap:.5rem;padding:.75rem;border:1px solid #ccc;border-radius:10px;margin:.25rem 0}';
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = 'Payment method';
    fieldset.append(legend);
    for (const method of session.paymentMethods) {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = 'method';
      input.value = method.id;
      label.append(input, method.name ?? method.id);
      fieldset.append(label);
    }
    list.append(listStyle, fieldset);
    root.append(style, title, total, picker);
  }
}

customElements.define('ck-method-picker', FloorPicker);
customElements.define('ck-checkout', FloorCheckout);
