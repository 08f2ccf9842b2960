import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/define/amount.js';
import type { CurrencyDisplay } from '../src/core/money/format.js';

interface AmountArgs {
  value: string;
  currency: string;
  locale?: string;
  display?: CurrencyDisplay;
  settlementCurrency?: string;
  rate?: string;
}

const amount = (args: AmountArgs) => html`<ck-amount
  value=${args.value}
  currency=${args.currency}
  locale=${ifDefined(args.locale)}
  display=${ifDefined(args.display)}
  settlement-currency=${ifDefined(args.settlementCurrency)}
  rate=${ifDefined(args.rate)}
></ck-amount>`;

const meta: Meta<AmountArgs> = {
  title: 'Elements/Amount',
  component: 'ck-amount',
  render: amount,
  args: { value: '1250', currency: 'EUR', locale: 'de-DE' },
  argTypes: {
    display: { control: 'select', options: ['symbol', 'narrowSymbol', 'code', 'name'] },
  },
};
export default meta;

type Story = StoryObj<AmountArgs>;

/** €12.50 for a buyer in Germany: decimal comma, symbol after the amount. */
export const EuroGermany: Story = {};

/** US$12.50 in the United States. */
export const DollarUnitedStates: Story = { args: { value: '1250', currency: 'USD', locale: 'en-US' } };

/** Yen have no minor unit: 1250 minor units are ¥1,250. */
export const YenJapan: Story = { args: { value: '1250', currency: 'JPY', locale: 'ja-JP' } };

/** Kuwaiti dinar has three decimals: 1250 minor units are 1.250 KWD. */
export const DinarKuwait: Story = { args: { value: '1250', currency: 'KWD', locale: 'en-US' } };

/** Rupiah: ISO gives two decimals, shown only when not zero ("Rp 1.500.000"). */
export const RupiahIndonesia: Story = { args: { value: '150000000', currency: 'IDR', locale: 'id-ID' } };

/** Baht in Thailand. */
export const BahtThailand: Story = { args: { value: '159000', currency: 'THB', locale: 'th-TH' } };

/** Real in Brazil: symbol first, separated by a no-break space. */
export const RealBrazil: Story = { args: { value: '24990', currency: 'BRL', locale: 'pt-BR' } };

/** Rupees in India, grouped in lakhs. */
export const RupeeIndia: Story = { args: { value: '123456789', currency: 'INR', locale: 'hi-IN' } };

/** Saudi riyal inside right-to-left Arabic text: Arabic-Indic digits, the amount stays in one piece. */
export const RiyalInArabicText: Story = {
  args: { value: '125000', currency: 'SAR', locale: 'ar-SA' },
  render: (args) => html`<p dir="rtl" lang="ar">المبلغ الإجمالي ${amount(args)} شامل ضريبة القيمة المضافة</p>`,
};

/** A refund is a negative amount. */
export const Refund: Story = { args: { value: '-4999', currency: 'EUR', locale: 'fr-FR' } };

/**
 * The presentment note: the buyer pays in baht, the merchant settles in US
 * dollars. Screen readers hear the note as a phrase in the buyer's language
 * ("ประมาณ US$27.90 ตามอัตราแลกเปลี่ยนของร้านค้า"), not as "≈".
 */
export const PresentmentNote: Story = {
  args: { value: '100000', currency: 'THB', locale: 'th-TH', settlementCurrency: 'USD', rate: '0.0279' },
};

/** The note in Japanese reads "約$45.56" (約 = about), the way Japanese shops write a converted price. */
export const PresentmentNoteJapan: Story = {
  args: { value: '6800', currency: 'JPY', locale: 'ja-JP', settlementCurrency: 'USD', rate: '0.0067' },
};

/** The note inside right-to-left Arabic text: the riyal amount and the dollar note each stay in one piece. */
export const PresentmentNoteArabic: Story = {
  args: { value: '125000', currency: 'SAR', locale: 'ar-SA', settlementCurrency: 'USD', rate: '0.2666' },
  render: (args) => html`<p dir="rtl" lang="ar">المبلغ الإجمالي ${amount(args)}</p>`,
};

/** Every way of naming the currency. */
export const Displays: Story = {
  render: (args) => html`<ul>
    ${(['symbol', 'narrowSymbol', 'code', 'name'] as const).map(
      (display) => html`<li>${display}: ${amount({ ...args, display })}</li>`,
    )}
  </ul>`,
  args: { value: '1250', currency: 'CAD', locale: 'en-US' },
};

/** A value that is not an integer of minor units shows a localized error and fires `ck-error`. */
export const InvalidValue: Story = { args: { value: '12.50', currency: 'EUR', locale: 'en' } };

/** A code that is not an active ISO 4217 currency (here the kuna, withdrawn in 2023). */
export const UnknownCurrency: Story = { args: { value: '1250', currency: 'HRK', locale: 'en' } };

/** Several currencies side by side in several locales, for visual review. */
export const Matrix: Story = {
  render: () => {
    const currencies = ['USD', 'EUR', 'JPY', 'KWD', 'IDR', 'THB', 'BRL', 'INR', 'SAR', 'CLF'];
    const locales = ['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'ar-SA', 'th-TH', 'id-ID', 'pt-BR', 'hi-IN', 'zh-CN'];
    return html`<table>
      <thead>
        <tr>
          <th scope="col">Currency</th>
          ${locales.map((locale) => html`<th scope="col">${locale}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${currencies.map(
          (currency) => html`<tr>
            <th scope="row">${currency}</th>
            ${locales.map(
              (locale) => html`<td lang=${locale} dir=${locale.startsWith('ar') ? 'rtl' : nothing}>
                ${amount({ value: '123456789', currency, locale })}
              </td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>`;
  },
};
