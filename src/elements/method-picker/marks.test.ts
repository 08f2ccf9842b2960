/**
 * Brand marks: the list is usable with the lettered tiles at once and the marks
 * of the methods on screen swap in afterwards; methods without a mark keep a tile,
 * and nothing off screen is fetched.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../define/method-picker.js';
import type { CkMethodPicker } from './method-picker.js';
import type { PaymentMethodOffer } from '../../core/protocol/schemas.js';
import { queryAllByRole } from '../../../test/shared/queries.js';
import { MARK_LOADERS } from './marks/index.js';
import { mark as paypalMark } from './marks/paypal.js';

const offer = (id: string, type: PaymentMethodOffer['type']): PaymentMethodOffer => ({ id, type });
const tileOf = (el: CkMethodPicker, id: string) => el.shadowRoot!.querySelector(`[data-method="${id}"] [part="icon"] svg`)!;

describe('<ck-method-picker> marks', () => {
  it('a mark behind "More payment methods" (first in this file: no other test fetched PayPal’s mark yet) swaps in when it is opened, in the rows built while the picker was idle', async function () {
    this.timeout(30_000);
    const methods = [
      offer('bank_transfer', 'bank_transfer'), offer('gopay', 'wallet'), offer('dana', 'wallet'), offer('ovo', 'wallet'), offer('shopeepay', 'wallet'),
      offer('qris', 'qr'), offer('card', 'card'), offer('cod', 'cash_on_delivery'), offer('paypal', 'wallet'),
    ];
    const el = await fixture<CkMethodPicker>(html`<ck-method-picker .methods=${methods} country="ID" locale="en"></ck-method-picker>`);
    await waitUntil(() => el.shadowRoot!.querySelector('#more [data-method="paypal"]'), 'PayPal\'s row, built hidden', { timeout: 5000 });
    expect(tileOf(el, 'paypal').classList.contains('mark')).to.equal(false, 'not fetched while hidden');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="more-button"]')!.click();
    await el.updateComplete;
    await waitUntil(() => tileOf(el, 'paypal').classList.contains('mark'), 'PayPal\'s mark in the opened rows', { timeout: 5000 });
  });

  it('shows the list with tiles first, then swaps in PayPal\'s and the card brands\' marks; iDEAL keeps its tile', async function () {
    // The first test of the file also fetches the catalog region, the locale and each mark's module from the dev server.
    this.timeout(30_000);
    const el = await fixture<CkMethodPicker>(
      html`<ck-method-picker .methods=${[offer('ideal', 'bank_redirect'), offer('card', 'card'), offer('paypal', 'wallet')]} country="NL" locale="en"></ck-method-picker>`,
    );
    await waitUntil(() => queryAllByRole(el, 'radio').length === 3, 'the options', { timeout: 5000 });
    await el.updateComplete;
    // updateComplete waits for the marks of the options on screen.
    const paypal = tileOf(el, 'paypal');
    expect(paypal.classList.contains('mark')).to.equal(true);
    expect(paypal.querySelector('path')!.getAttribute('d')).to.equal(paypalMark.path);
    expect(paypal.querySelector('rect')!.getAttribute('fill')).to.equal(paypalMark.hex);
    expect(tileOf(el, 'ideal').classList.contains('mark')).to.equal(false);
    expect(tileOf(el, 'ideal').textContent).to.equal('iD');
    const brands = [...el.shadowRoot!.querySelectorAll('[data-method="card"] .brands > svg')];
    // Visa and Mastercard have marks; American Express keeps its lettered tile (its wordmark is unreadable that small).
    expect(brands.map((svg) => (svg.classList.contains('mark') ? 'mark' : svg.textContent))).to.deep.equal(['mark', 'mark', 'AMEX']);
    // Still named by the method alone: the mark is decoration.
    expect(queryAllByRole(el, 'radio', { name: 'PayPal' })).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('every mark loader resolves to a path and a brand colour', async () => {
    for (const [id, load] of Object.entries(MARK_LOADERS)) {
      const { mark } = await load();
      expect(mark.path, id).to.match(/^[Mm]/);
      expect(mark.hex, id).to.match(/^#[0-9A-F]{6}$/i);
    }
  });
});
