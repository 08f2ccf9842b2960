import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent } from 'storybook/test';
import '../src/define/method-picker.js';
import type { Money, PaymentMethodOffer } from '../src/core/protocol/schemas.js';
import { MethodPickerHarness } from '../src/elements/method-picker/method-picker.harness.js';
import { domDriver } from '../test/shared/dom-driver.js';

interface PickerArgs {
  methods: PaymentMethodOffer[];
  amount?: Money;
  country?: string;
  locale?: string;
  value?: string | null;
  disabled?: boolean;
}

const o = (id: string, type: PaymentMethodOffer['type'], extra: Partial<PaymentMethodOffer> = {}): PaymentMethodOffer => ({ id, type, ...extra });

const picker = (args: PickerArgs) => html`<div class="frame">
  <ck-method-picker
    .methods=${args.methods}
    .amount=${args.amount}
    country=${ifDefined(args.country)}
    locale=${ifDefined(args.locale)}
    .value=${args.value ?? null}
    ?disabled=${args.disabled ?? false}
    @ck-method-selected=${(event: CustomEvent) => console.info('ck-method-selected', event.detail)}
  ></ck-method-picker>
</div>`;

const meta: Meta<PickerArgs> = {
  title: 'Elements/Method picker',
  component: 'ck-method-picker',
  render: picker,
  decorators: [(story) => html`<style>.frame { max-inline-size: 26rem; }</style>${story()}`],
  argTypes: {
    methods: { control: 'object' },
    amount: { control: 'object' },
    country: { control: 'text' },
    locale: { control: 'text' },
    value: { control: 'text' },
    disabled: { control: 'boolean' },
  },
};
export default meta;

type Story = StoryObj<PickerArgs>;

/** United States, US$84.00: cards and wallets first, pay-later with its "4 × $21.00" preview. */
export const UnitedStates: Story = {
  args: {
    country: 'US',
    locale: 'en-US',
    amount: { value: 8400, currency: 'USD' },
    methods: [o('paypal', 'wallet'), o('card', 'card'), o('apple_pay', 'wallet'), o('google_pay', 'wallet'), o('klarna', 'bnpl'), o('afterpay', 'bnpl'), o('affirm', 'bnpl')],
    value: 'card',
  },
};

/** Netherlands, €42.00 in Dutch: iDEAL first, whatever order the backend sent. */
export const Netherlands: Story = {
  args: {
    country: 'NL',
    locale: 'nl',
    amount: { value: 4200, currency: 'EUR' },
    methods: [o('card', 'card'), o('paypal', 'wallet'), o('klarna', 'bnpl'), o('ideal', 'bank_redirect'), o('apple_pay', 'wallet'), o('sepa_debit', 'bank_transfer')],
  },
};

/** Germany, €129.00 in German: PayPal, Klarna (pay later, "3 × 43,00 €") and SEPA direct debit lead. */
export const Germany: Story = {
  args: {
    country: 'DE',
    locale: 'de-DE',
    amount: { value: 12900, currency: 'EUR' },
    methods: [o('card', 'card'), o('sepa_debit', 'bank_transfer'), o('klarna', 'bnpl'), o('paypal', 'wallet'), o('apple_pay', 'wallet'), o('google_pay', 'wallet'), o('bank_transfer', 'bank_transfer')],
  },
};

/** Indonesia, Rp 250.000 in Indonesian: virtual-account transfer and e-wallets; more than eight methods, so "more" and search appear. */
export const Indonesia: Story = {
  args: {
    country: 'ID',
    locale: 'id-ID',
    amount: { value: 25_000_000, currency: 'IDR' },
    methods: [
      o('card', 'card'), o('gopay', 'wallet'), o('dana', 'wallet'), o('ovo', 'wallet'), o('shopeepay', 'wallet'), o('qris', 'qr'),
      o('bank_transfer', 'bank_transfer'), o('cod', 'cash_on_delivery'), o('alfamart', 'voucher', { name: 'Alfamart / Alfamidi' }),
      o('indomaret', 'voucher', { name: 'Indomaret' }),
    ],
  },
};

/** Thailand, ฿1,590 in Thai: PromptPay (พร้อมเพย์) and TrueMoney first, cash on delivery last. */
export const Thailand: Story = {
  args: {
    country: 'TH',
    locale: 'th-TH',
    amount: { value: 159_000, currency: 'THB' },
    methods: [o('card', 'card'), o('cod', 'cash_on_delivery'), o('rabbit_line_pay', 'wallet'), o('truemoney', 'wallet'), o('promptpay', 'qr'), o('shopeepay', 'wallet')],
  },
};

/** Brazil, R$ 249,90 in Portuguese: Pix first, then cards, Mercado Pago and "Boleto bancário". */
export const Brazil: Story = {
  args: {
    country: 'BR',
    locale: 'pt-BR',
    amount: { value: 24_990, currency: 'BRL' },
    methods: [o('card', 'card'), o('boleto', 'voucher'), o('mercado_pago', 'wallet'), o('pix', 'qr')],
  },
};

/** Japan, ¥5,800 in Japanese: cards (JCB accepted), PayPay and "コンビニ払い". */
export const Japan: Story = {
  args: {
    country: 'JP',
    locale: 'ja-JP',
    amount: { value: 5800, currency: 'JPY' },
    methods: [o('konbini', 'voucher'), o('paypay', 'wallet'), o('card', 'card'), o('apple_pay', 'wallet'), o('bank_transfer', 'bank_transfer'), o('cod', 'cash_on_delivery')],
  },
};

/** Saudi Arabia, 1,250 SAR in Arabic, right to left: mada first, tabby with its preview, cash on delivery last. Arrow keys follow the reading direction. */
export const SaudiArabiaRtl: Story = {
  args: {
    country: 'SA',
    locale: 'ar-SA',
    amount: { value: 125_000, currency: 'SAR' },
    methods: [o('card', 'card'), o('cod', 'cash_on_delivery'), o('tabby', 'bnpl'), o('stc_pay', 'wallet'), o('apple_pay', 'wallet'), o('mada', 'card')],
    value: 'mada',
  },
  render: (args) => html`<div dir="rtl" lang="ar">${picker(args)}</div>`,
};

/** Many methods: top four in view, the rest grouped by type behind "More payment methods", with search. */
export const ManyMethodsWithSearch: Story = {
  args: {
    country: 'MY',
    locale: 'en',
    amount: { value: 15_000, currency: 'MYR' },
    methods: [
      o('fpx', 'bank_redirect'), o('card', 'card'), o('touch_n_go', 'wallet'), o('grabpay', 'wallet'), o('duitnow', 'qr'), o('shopeepay', 'wallet'),
      o('boost', 'wallet', { name: 'Boost' }), o('atome', 'bnpl', { name: 'Atome' }), o('cod', 'cash_on_delivery'), o('bank_transfer', 'bank_transfer'),
      o('paypal', 'wallet'), o('apple_pay', 'wallet'),
    ],
  },
};

/** Played: the buyer opens "More payment methods" and chooses Boost, which then stays in view. */
export const ChooseBehindMore: Story = {
  args: ManyMethodsWithSearch.args,
  play: async ({ canvasElement, step }) => {
    const element = canvasElement.querySelector('ck-method-picker');
    if (!element) throw new Error('the story has no <ck-method-picker>');
    const picker = new MethodPickerHarness(domDriver(element, { click: (target) => userEvent.click(target) }));
    await step('four methods are in view, Boost is not', async () => {
      await expect(await picker.options()).toHaveLength(4);
      await expect(await picker.options()).not.toContain('Boost');
    });
    await step('the buyer chooses Boost from behind "More payment methods"', async () => {
      await picker.choose('Boost');
      await expect(await picker.selected()).toBe('Boost');
      await expect(element.value).toBe('boost');
    });
  },
};

/** The backend reports two channels: one degraded (listed last as "Temporarily slow"), one down (hidden). */
export const DegradedAndDown: Story = {
  args: {
    country: 'NL',
    locale: 'en',
    amount: { value: 4200, currency: 'EUR' },
    methods: [o('ideal', 'bank_redirect', { status: 'degraded' }), o('card', 'card', { status: 'down' }), o('paypal', 'wallet'), o('klarna', 'bnpl'), o('apple_pay', 'wallet')],
  },
};

/**
 * Standalone, as a store would use it without a session: only `methods`, no
 * country or amount, so the backend's order is kept and nothing is filtered.
 * A method the catalog does not know is shown from its own name and icon.
 */
export const Standalone: Story = {
  args: {
    methods: [
      o('card', 'card'), o('paypal', 'wallet'),
      o('gift_card', 'voucher', { name: 'Store gift card', icon: 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 40 26%22%3E%3Crect width=%2240%22 height=%2226%22 rx=%224%22 fill=%22%23234%22/%3E%3Ctext x=%2220%22 y=%2217%22 text-anchor=%22middle%22 font-size=%2211%22 fill=%22white%22%3EGIFT%3C/text%3E%3C/svg%3E' }),
      o('bank_transfer', 'bank_transfer'),
    ],
  },
};

/** While a payment is submitted the whole list is disabled. */
export const Disabled: Story = { args: { ...Netherlands.args, value: 'ideal', disabled: true } };
