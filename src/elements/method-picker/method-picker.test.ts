import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define/method-picker.js';
import type { CkMethodPicker } from './method-picker.js';
import type { CkMethodSelectedDetail } from '../../events.js';
import type { Money, PaymentMethodOffer } from '../../core/protocol/schemas.js';
import { getByRole, queryAllByRole } from '../../../test/shared/queries.js';
import { domDriver } from '../../../test/shared/dom-driver.js';
import { MethodPickerHarness } from './method-picker.harness.js';

type Offer = PaymentMethodOffer;
const offer = (id: string, type: Offer['type'], extra: Partial<Offer> = {}): Offer => ({ id, type, ...extra });

const NL: Offer[] = [offer('card', 'card'), offer('paypal', 'wallet'), offer('klarna', 'bnpl'), offer('ideal', 'bank_redirect')];
const EUR = (value: number): Money => ({ value, currency: 'EUR' });
const INDONESIA: Offer[] = [
  offer('card', 'card'), offer('gopay', 'wallet'), offer('dana', 'wallet'), offer('ovo', 'wallet'), offer('shopeepay', 'wallet'),
  offer('qris', 'qr'), offer('bank_transfer', 'bank_transfer'), offer('cod', 'cash_on_delivery'), offer('alfamart', 'voucher', { name: 'Alfamart' }),
  offer('kredivo', 'bnpl', { name: 'Kredivo', status: 'degraded' }),
];
const SAUDI: Offer[] = [offer('card', 'card'), offer('cod', 'cash_on_delivery'), offer('apple_pay', 'wallet'), offer('mada', 'card'), offer('tabby', 'bnpl')];

interface Options {
  methods: Offer[];
  amount?: Money;
  country?: string;
  locale?: string;
  value?: string | null;
}

/** Mounts a picker and waits until its region and locale are loaded and the options are named. */
async function mount({ methods, amount, country, locale = 'en', value = null }: Options, ready: RegExp): Promise<CkMethodPicker> {
  const el = await fixture<CkMethodPicker>(
    html`<ck-method-picker .methods=${methods} .amount=${amount} country=${country ?? ''} locale=${locale} .value=${value}></ck-method-picker>`,
  );
  await waitUntil(() => queryAllByRole(el, 'radio', { name: ready }).length > 0, `an option named ${ready}`, { timeout: 5000 });
  await el.updateComplete;
  return el;
}

const radioNames = (el: HTMLElement) => queryAllByRole<HTMLInputElement>(el, 'radio').map((radio) => radio.getAttribute('aria-labelledby') && nameOf(radio));
function nameOf(radio: HTMLInputElement): string {
  const id = radio.getAttribute('aria-labelledby')!;
  return (radio.getRootNode() as ShadowRoot).getElementById(id)!.textContent!.trim();
}
/** The picker's harness: the same interaction API the stories and the end-to-end tests use. */
const harness = (el: CkMethodPicker) => new MethodPickerHarness(domDriver(el));
const focused = (el: CkMethodPicker) => el.shadowRoot!.activeElement as HTMLInputElement | null;

function record(el: HTMLElement): CustomEvent<CkMethodSelectedDetail>[] {
  const events: CustomEvent<CkMethodSelectedDetail>[] = [];
  // Listening on document proves the event crosses the shadow boundary and bubbles.
  const listener = (event: CustomEvent<CkMethodSelectedDetail>) => {
    if (event.composedPath().includes(el)) events.push(event);
  };
  document.addEventListener('ck-method-selected', listener);
  afterEach(() => document.removeEventListener('ck-method-selected', listener));
  return events;
}

describe('<ck-method-picker>', () => {
  it('is a labelled group of radios named by method, in the buyer country’s order', async () => {
    const el = await mount({ methods: NL, amount: EUR(12000), country: 'NL' }, /^iDEAL$/);
    const group = getByRole(el, 'group', { name: 'Payment method' });
    expect(group.tagName).to.equal('FIELDSET');
    expect(queryAllByRole(el, 'radio').map((radio) => radio.getAttribute('name'))).to.deep.equal(['method', 'method', 'method', 'method']);
    expect(await harness(el).options()).to.deep.equal(['iDEAL', 'Credit or debit card', 'PayPal', 'Klarna']);
    // Names are the method alone; details are descriptions.
    getByRole(el, 'radio', { name: 'Klarna' });
    await expect(el).to.be.accessible();
  });

  it('moves and selects with the arrow keys, wrapping around, and fires ck-method-selected for each choice', async () => {
    const el = await mount({ methods: NL, amount: EUR(12000), country: 'NL', value: 'ideal' }, /^iDEAL$/);
    const events = record(el);
    el.focus();
    expect(nameOf(focused(el)!)).to.equal('iDEAL');
    await sendKeys({ press: 'ArrowDown' });
    expect(nameOf(focused(el)!)).to.equal('Credit or debit card');
    expect(focused(el)!.checked).to.equal(true);
    await sendKeys({ press: 'ArrowRight' });
    expect(nameOf(focused(el)!)).to.equal('PayPal');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(nameOf(focused(el)!)).to.equal('Klarna', 'wraps from the first to the last');
    expect(el.value).to.equal('klarna');
    expect(el.getAttribute('value')).to.equal('klarna');
    expect(events.map((e) => e.detail)).to.deep.equal([
      { method: 'card', type: 'card' },
      { method: 'paypal', type: 'wallet' },
      { method: 'card', type: 'card' },
      { method: 'ideal', type: 'bank_redirect' },
      { method: 'klarna', type: 'bnpl' },
    ]);
    expect(events.every((e) => e.bubbles && e.composed)).to.equal(true);
  });

  it('in Arabic, left and right follow the right-to-left reading direction', async () => {
    const el = await mount({ methods: SAUDI, amount: { value: 40000, currency: 'SAR' }, country: 'SA', locale: 'ar', value: 'mada' }, /^مدى$/);
    expect(getComputedStyle(el.shadowRoot!.querySelector('fieldset')!).direction).to.equal('rtl');
    getByRole(el, 'group', { name: 'طريقة الدفع' });
    expect(radioNames(el)).to.deep.equal(['مدى', 'Apple Pay', 'بطاقة ائتمان أو خصم', 'تابي', 'الدفع عند الاستلام']);
    el.focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(nameOf(focused(el)!)).to.equal('Apple Pay', 'left is forward in RTL');
    await sendKeys({ press: 'ArrowRight' });
    expect(nameOf(focused(el)!)).to.equal('مدى', 'right is back in RTL');
    await sendKeys({ press: 'ArrowDown' });
    expect(nameOf(focused(el)!)).to.equal('Apple Pay', 'down is always forward');
    await expect(el).to.be.accessible();
  });

  it('fires once per buyer choice on click, not when value is set by code', async () => {
    const el = await mount({ methods: NL, country: 'NL', amount: EUR(5000) }, /^iDEAL$/);
    const events = record(el);
    const paypal = getByRole<HTMLInputElement>(el, 'radio', { name: 'PayPal' });
    const selected = oneEvent(el, 'ck-method-selected');
    await harness(el).choose('PayPal');
    const event = await selected;
    expect(event.detail).to.deep.equal({ method: 'paypal', type: 'wallet' });
    expect(await harness(el).selected()).to.equal('PayPal');
    paypal.click();
    expect(events).to.have.length(1, 'choosing the chosen method again is not a new choice');

    el.value = 'ideal';
    await el.updateComplete;
    expect(getByRole<HTMLInputElement>(el, 'radio', { name: 'iDEAL' }).checked).to.equal(true);
    expect(paypal.checked).to.equal(false);
    expect(el.getAttribute('value')).to.equal('ideal');
    expect(events).to.have.length(1, 'no event for a programmatic value');
    el.value = null;
    await el.updateComplete;
    expect(queryAllByRole<HTMLInputElement>(el, 'radio').some((radio) => radio.checked)).to.equal(false);
    expect(el.hasAttribute('value')).to.equal(false);
  });

  it('focus() lands on the chosen option, or on the first without a choice', async () => {
    const el = await mount({ methods: NL, country: 'NL', amount: EUR(5000) }, /^iDEAL$/);
    el.focus();
    expect(nameOf(focused(el)!)).to.equal('iDEAL');
    el.value = 'paypal';
    await el.updateComplete;
    el.focus();
    expect(nameOf(focused(el)!)).to.equal('PayPal');
  });

  it('disables every option while disabled', async () => {
    const el = await mount({ methods: NL, country: 'NL', amount: EUR(5000) }, /^iDEAL$/);
    el.disabled = true;
    await el.updateComplete;
    expect(queryAllByRole<HTMLInputElement>(el, 'radio').every((radio) => radio.matches(':disabled'))).to.equal(true);
    el.focus();
    expect(focused(el)).to.equal(null, 'nothing to focus while disabled');
    expect(el.hasAttribute('disabled')).to.equal(true);
  });

  it('previews pay-later instalments and hides pay-later outside its limits', async () => {
    const el = await mount({ methods: NL, country: 'NL', amount: EUR(12000) }, /^Klarna$/);
    const klarna = getByRole(el, 'radio', { name: 'Klarna' });
    const described = klarna.getAttribute('aria-describedby')!;
    expect(el.shadowRoot!.getElementById(described)!.textContent).to.equal('3 × €40.00');
    el.amount = EUR(2000);
    await el.updateComplete;
    expect(queryAllByRole(el, 'radio', { name: 'Klarna' })).to.have.length(0, '€20 is below Klarna’s minimum');
    el.amount = EUR(600_000);
    await el.updateComplete;
    expect(queryAllByRole(el, 'radio', { name: 'Klarna' })).to.have.length(0, '€6,000 is above Klarna’s maximum');
  });

  it('lists degraded methods last as "Temporarily slow" and leaves out methods that are down', async () => {
    const methods = [offer('ideal', 'bank_redirect', { status: 'degraded' }), offer('card', 'card', { status: 'down' }), offer('paypal', 'wallet')];
    const el = await mount({ methods, country: 'NL', amount: EUR(5000) }, /^iDEAL$/);
    expect(radioNames(el)).to.deep.equal(['PayPal', 'iDEAL']);
    const ideal = getByRole(el, 'radio', { name: 'iDEAL' });
    expect(el.shadowRoot!.getElementById(ideal.getAttribute('aria-describedby')!)!.textContent).to.equal('Temporarily slow');
    await expect(el).to.be.accessible();
  });

  it('shows a method the catalog does not know from the backend’s name and icon, after the known ones', async () => {
    const icon = 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E';
    const methods = [offer('store_credit', 'wallet', { name: 'Store credit', icon }), offer('local_pay', 'wallet'), ...NL];
    const el = await mount({ methods, country: 'NL', amount: EUR(5000) }, /^Store credit$/);
    expect(radioNames(el)).to.deep.equal(['iDEAL', 'Credit or debit card', 'PayPal', 'Klarna', 'Store credit', 'Local pay']);
    const option = el.shadowRoot!.querySelector('[data-method="store_credit"]')!;
    expect(option.querySelector('[part="icon"] img')!.getAttribute('src')).to.equal(icon);
    await expect(el).to.be.accessible();
  });

  it('leaves out entries that are not protocol offers and reports each once with ck-error', async () => {
    const errors: CustomEvent[] = [];
    const listener = (event: Event) => errors.push(event as CustomEvent);
    document.addEventListener('ck-error', listener);
    try {
      const junk = [{ id: 'Bad Id', type: 'card' }, { id: 'crypto', type: 'crypto' }, null] as unknown as Offer[];
      const el = await mount({ methods: [...junk, ...NL], country: 'NL', amount: EUR(5000) }, /^iDEAL$/);
      expect(radioNames(el)).to.deep.equal(['iDEAL', 'Credit or debit card', 'PayPal', 'Klarna']);
      el.requestUpdate();
      await el.updateComplete;
      expect(errors.map((e) => e.detail.code)).to.deep.equal(['invalid_attribute', 'invalid_attribute', 'invalid_attribute']);
      expect(errors.every((e) => e.bubbles && e.composed && e.detail.recoverable)).to.equal(true);
      expect(errors[1]!.detail.message).to.contain('crypto');
    } finally {
      document.removeEventListener('ck-error', listener);
    }
  });

  it('describes the accepted card brands on the card option', async () => {
    const el = await mount({ methods: [offer('card', 'card')], country: 'JP', amount: { value: 5000, currency: 'JPY' }, locale: 'en' }, /^Credit or debit card$/);
    const card = getByRole(el, 'radio', { name: 'Credit or debit card' });
    expect(el.shadowRoot!.getElementById(card.getAttribute('aria-describedby')!)!.textContent).to.equal(
      'Accepted cards: Visa, Mastercard, American Express, and JCB',
    );
  });

  it('names methods in the buyer’s language: konbini in Japanese, a virtual account in Indonesian', async () => {
    const ja = await mount({ methods: [offer('konbini', 'voucher'), offer('card', 'card'), offer('paypay', 'wallet')], country: 'JP', amount: { value: 5000, currency: 'JPY' }, locale: 'ja' }, /^コンビニ払い$/);
    getByRole(ja, 'group', { name: 'お支払い方法' });
    expect(radioNames(ja)).to.deep.equal(['クレジットカード', 'PayPay', 'コンビニ払い']);
    expect(ja.methodName('konbini')).to.equal('コンビニ払い');
    expect(ja.methodName('ideal')).to.equal(undefined);
    const id = await mount({ methods: [offer('bank_transfer', 'bank_transfer'), offer('gopay', 'wallet')], country: 'ID', amount: { value: 15_000_000, currency: 'IDR' }, locale: 'id' }, /Virtual Account/);
    expect(radioNames(id)).to.deep.equal(['Transfer Virtual Account', 'GoPay']);
  });

  describe('with more than eight methods', () => {
    it('keeps four in view and the rest, grouped by type, behind a "More payment methods" disclosure', async () => {
      const el = await mount({ methods: INDONESIA, country: 'ID', amount: { value: 25_000_000, currency: 'IDR' } }, /^GoPay$/);
      expect(radioNames(el)).to.deep.equal(['Bank transfer (virtual account)', 'GoPay', 'DANA', 'OVO']);
      const more = getByRole(el, 'button', { name: 'More payment methods' });
      expect(more.getAttribute('aria-expanded')).to.equal('false');
      more.click();
      await el.updateComplete;
      expect(more.getAttribute('aria-expanded')).to.equal('true');
      expect(radioNames(el)).to.deep.equal([
        'Bank transfer (virtual account)', 'GoPay', 'DANA', 'OVO', 'QRIS', 'ShopeePay', 'Credit or debit card', 'Cash on delivery', 'Alfamart', 'Kredivo',
      ]);
      for (const name of ['QR payment', 'E-wallets', 'Cards', 'Pay in cash']) getByRole(el, 'group', { name });
      await expect(el).to.be.accessible();
    });

    it('searches by name, announces the number of results and says when nothing matches', async () => {
      const el = await mount({ methods: INDONESIA, country: 'ID', amount: { value: 25_000_000, currency: 'IDR' } }, /^GoPay$/);
      getByRole(el, 'button', { name: 'More payment methods' }).click();
      await el.updateComplete;
      const search = getByRole<HTMLInputElement>(el, 'searchbox', { name: 'Search payment methods' });
      search.focus();
      await sendKeys({ type: 'shopee' });
      await el.updateComplete;
      expect(radioNames(el)).to.deep.equal(['ShopeePay']);
      const status = getByRole(el, 'status');
      expect(status.textContent!.trim()).to.equal('1 payment method found');
      // Group headings are searched too: "cash" finds everything under "Pay in cash".
      search.value = '';
      await sendKeys({ type: 'cash' });
      await el.updateComplete;
      expect(status.textContent!.trim()).to.equal('2 payment methods found');
      expect(radioNames(el)).to.deep.equal(['Cash on delivery', 'Alfamart']);
      search.value = '';
      await sendKeys({ type: 'zzz' });
      await el.updateComplete;
      expect(status.textContent!.trim()).to.equal('No payment methods match “zzz”');
      expect(queryAllByRole(el, 'radio')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('a buyer reaches a method behind "More payment methods" (the harness opens it, as a buyer would)', async () => {
      const el = await mount({ methods: INDONESIA, country: 'ID', amount: { value: 25_000_000, currency: 'IDR' } }, /^GoPay$/);
      const events = record(el);
      expect(await harness(el).options()).to.not.include('Alfamart');
      await harness(el).choose('Alfamart');
      expect(getByRole(el, 'button', { name: 'More payment methods' }).getAttribute('aria-expanded')).to.equal('true');
      expect(await harness(el).selected()).to.equal('Alfamart');
      expect(el.value).to.equal('alfamart');
      expect(events.map((e) => e.detail)).to.deep.equal([{ method: 'alfamart', type: 'voucher' }]);
    });

    it('builds the rows behind "more" hidden while idle, so opening it shows those very rows; a pinned method has one row', async () => {
      const el = await mount({ methods: INDONESIA, country: 'ID', amount: { value: 25_000_000, currency: 'IDR' }, value: 'qris' }, /^QRIS$/);
      const rows = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('#more label.option')];
      await waitUntil(() => rows().length > 0, 'the rows behind "more", built while idle', { timeout: 5000 });
      // Built but hidden: out of the accessibility tree and the tab order; QRIS (chosen) is only above.
      expect(radioNames(el)).to.deep.equal(['Bank transfer (virtual account)', 'GoPay', 'DANA', 'OVO', 'QRIS']);
      expect(rows().map((row) => row.dataset['method'])).to.not.include('qris');
      expect(el.shadowRoot!.querySelectorAll('[id="m-qris-name"]')).to.have.length(1);
      const built = rows().find((row) => row.dataset['method'] === 'alfamart')!;
      getByRole(el, 'button', { name: 'More payment methods' }).click();
      await el.updateComplete;
      expect(rows()).to.include(built, 'the row built while idle is the one shown');
      expect(built.checkVisibility()).to.equal(true);
      expect(radioNames(el)).to.deep.equal([
        'Bank transfer (virtual account)', 'GoPay', 'DANA', 'OVO', 'QRIS', 'ShopeePay', 'Credit or debit card', 'Cash on delivery', 'Alfamart', 'Kredivo',
      ]);
      expect(el.shadowRoot!.querySelectorAll('[id="m-qris-name"]')).to.have.length(1);
      await expect(el).to.be.accessible();
    });

    it('keeps a chosen method from behind "more" in view when the disclosure is closed', async () => {
      const el = await mount({ methods: INDONESIA, country: 'ID', amount: { value: 25_000_000, currency: 'IDR' }, value: 'qris' }, /^QRIS$/);
      expect(radioNames(el)).to.deep.equal(['Bank transfer (virtual account)', 'GoPay', 'DANA', 'OVO', 'QRIS']);
      el.focus();
      expect(nameOf(focused(el)!)).to.equal('QRIS');
    });
  });
});
