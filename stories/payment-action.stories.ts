import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import '../src/define/payment-action.js';
import { loadLocale } from '../src/core/i18n/i18n.js';
import { resolveLocale } from '../src/core/i18n/locales.js';
import type { Money, PaymentAction } from '../src/core/protocol/schemas.js';

/** A fixed clock, so countdowns and expiry look the same in every screenshot. */
const NOW = Date.parse('2030-01-08T12:00:00.000Z');
const minutes = (n: number) => new Date(NOW + n * 60_000).toISOString();

/** A Pix "copia e cola" code in the real layout (with a valid CRC) for a made-up merchant. */
const PIX_PAYLOAD =
  '00020126490014br.gov.bcb.pix0127pagamentos@atlasoak.example5204000053039865406129.905802BR5913ATLAS AND OAK6008CURITIBA62140510CKSTORY00163040595';

/** Every state the element can show, with the amount and method a buyer would see with it. */
const STATES = {
  redirect: { action: { type: 'redirect', url: 'https://bank.example/ideal/authorise?trx=8812' }, method: 'iDEAL', amount: { value: 4200, currency: 'EUR' } },
  redirectPopup: { action: { type: 'redirect', url: 'https://wallet.example/checkout?token=ab12', popup: true }, method: 'PayPal', amount: { value: 4200, currency: 'EUR' } },
  qr: { action: { type: 'qr', payload: PIX_PAYLOAD, expiresAt: minutes(14.5) }, method: 'Pix', amount: { value: 12990, currency: 'BRL' } },
  qrLastMinute: { action: { type: 'qr', payload: PIX_PAYLOAD, expiresAt: minutes(0.75) }, method: 'PromptPay', amount: { value: 159000, currency: 'THB' } },
  qrDeepLink: {
    action: { type: 'qr', payload: PIX_PAYLOAD, expiresAt: minutes(9), deepLink: 'https://wallet.example/pay?c=000201' },
    method: 'Pix',
    amount: { value: 12990, currency: 'BRL' },
    mobile: true,
  },
  qrExpired: { action: { type: 'qr', payload: PIX_PAYLOAD, expiresAt: minutes(-1) }, method: 'Pix', amount: { value: 12990, currency: 'BRL' } },
  boleto: {
    action: {
      type: 'voucher',
      kind: 'boleto',
      reference: '23793381286000000000300000004001843400000123453',
      barcode: '23791843400000123453381260000000000400000000',
      expiresAt: '2030-01-11T23:59:00.000Z',
    },
    method: 'Boleto',
    amount: { value: 12990, currency: 'BRL' },
  },
  konbini: {
    action: {
      type: 'voucher',
      kind: 'konbini',
      reference: '4391-2208-7716',
      instructions: 'Lawson, FamilyMart, Ministop, Seicomart',
      expiresAt: '2030-01-10T14:59:00.000Z',
    },
    method: 'Konbini',
    amount: { value: 5480, currency: 'JPY' },
  },
  oxxo: { action: { type: 'voucher', kind: 'oxxo', reference: '93000012345678901234', expiresAt: '2030-01-11T05:59:00.000Z' }, method: 'OXXO', amount: { value: 89900, currency: 'MXN' } },
  bankTransfer: { action: { type: 'voucher', kind: 'bank_transfer', reference: 'CK-7XQ4-2291', expiresAt: '2030-01-15T16:00:00.000Z' }, method: 'Bank transfer', amount: { value: 4200, currency: 'EUR' } },
  voucherExpired: { action: { type: 'voucher', kind: 'oxxo', reference: '93000012345678901234', expiresAt: minutes(-5) }, method: 'OXXO', amount: { value: 89900, currency: 'MXN' } },
  challengeFrame: { action: { type: 'challenge', url: 'https://3ds.bank.example/challenge?session=5512', mode: 'iframe' }, method: 'Card', amount: { value: 4200, currency: 'EUR' } },
  challengeRedirect: { action: { type: 'challenge', url: 'https://3ds.bank.example/challenge?session=5512', mode: 'redirect' }, method: 'Card', amount: { value: 4200, currency: 'EUR' } },
  unsafe: { action: { type: 'redirect', url: 'javascript:alert(document.cookie)' }, method: 'iDEAL', amount: { value: 4200, currency: 'EUR' } },
} satisfies Record<string, { action: PaymentAction; method: string; amount: Money; mobile?: boolean }>;

type StateName = keyof typeof STATES;

interface ActionArgs {
  state: StateName;
  locale: string;
}

function view(state: StateName, locale: string): TemplateResult {
  const s: { action: PaymentAction; method: string; amount: Money; mobile?: boolean } = STATES[state];
  return html`<ck-payment-action
    .action=${s.action}
    .amount=${s.amount}
    method=${s.method}
    payment-id="pay_story"
    locale=${locale}
    ?mobile=${s.mobile ?? false}
    .now=${() => NOW}
    .navigate=${(url: string) => console.info('ck-payment-action would navigate to', url)}
    .openWindow=${(url: string) => (console.info('ck-payment-action would open a popup for', url), null)}
    .print=${() => console.info('ck-payment-action would print')}
  ></ck-payment-action>`;
}

const STYLES = html`<style>
  .ck-story-frame { max-inline-size: 30rem; }
  .ck-story-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(28rem, 1fr)); gap: 24px; align-items: start; }
  .ck-story-grid > section { border: 1px dashed #9aa1b1; padding: 12px; }
  .ck-story-grid h4 { margin: 0 0 8px; font: 600 12px/1.2 system-ui, sans-serif; color: #5b6275; }
</style>`;

const frame = (content: TemplateResult) => html`${STYLES}<div class="ck-story-frame">${content}</div>`;

/** Preload the locale so the first paint (and the screenshot) is already translated. */
const loadArgsLocale = async ({ args }: { args: ActionArgs }) => {
  await loadLocale(resolveLocale([args.locale]));
  return {};
};

const meta: Meta<ActionArgs> = {
  title: 'Elements/Payment action',
  component: 'ck-payment-action',
  render: (args) => frame(view(args.state, args.locale)),
  loaders: [loadArgsLocale],
  args: { state: 'qr', locale: 'en' },
  argTypes: {
    state: { control: 'select', options: Object.keys(STATES) },
    locale: { control: 'select', options: ['en', 'ar', 'th', 'pt-BR', 'ja', 'es-MX', 'de'] },
  },
};
export default meta;

type Story = StoryObj<ActionArgs>;

/** iDEAL: the buyer continues to their bank and comes back to the store. */
export const Redirect: Story = { args: { state: 'redirect' } };

/** A wallet that allows a popup: the store page stays, and waits for the payment. */
export const RedirectPopup: Story = { args: { state: 'redirectPopup' } };

/** Pix: QR code, amount, time left, copy-and-paste code and "I've paid". */
export const QrCode: Story = { args: { state: 'qr' } };

/** PromptPay in the last minute: the countdown turns red. */
export const QrCodeLastMinute: Story = { args: { state: 'qrLastMinute', locale: 'th' } };

/** On a phone, the wallet app can be opened directly. */
export const QrCodeWithDeepLink: Story = { args: { state: 'qrDeepLink' } };

/** The QR code ran out: a new code or another method. */
export const QrCodeExpired: Story = { args: { state: 'qrExpired' } };

/** Boleto: digitable line in its printed groups, barcode, due date, copy and print. */
export const Boleto: Story = { args: { state: 'boleto', locale: 'pt-BR' } };

/** Konbini: the payment number and the PSP's store list. */
export const Konbini: Story = { args: { state: 'konbini', locale: 'ja' } };

/** OXXO: a cash reference for the store register. */
export const Oxxo: Story = { args: { state: 'oxxo', locale: 'es-MX' } };

/** Bank transfer with a reference to quote. */
export const BankTransfer: Story = { args: { state: 'bankTransfer', locale: 'de' } };

/** A voucher past its deadline. */
export const VoucherExpired: Story = { args: { state: 'voucherExpired' } };

/** 3-D Secure in a frame (the example URL does not resolve in Storybook; the frame shows the browser's error page). */
export const ChallengeFrame: Story = { args: { state: 'challengeFrame' } };

/** 3-D Secure by redirect. */
export const ChallengeRedirect: Story = { args: { state: 'challengeRedirect' } };

/** A `javascript:` URL from the backend is refused, with a way forward. */
export const UnsafeUrl: Story = { args: { state: 'unsafe' } };

const gallery = (locale: string) => html`${STYLES}<div class="ck-story-grid" lang=${locale}>
  ${(Object.keys(STATES) as StateName[]).map((state) => html`<section><h4>${state}</h4>${view(state, locale)}</section>`)}
</div>`;

/** Every state at once in English, for review. */
export const AllStatesEnglish: Story = { args: { locale: 'en' }, render: (args) => gallery(args.locale) };

/** Every state in Arabic: right-to-left layout, references kept left-to-right. */
export const AllStatesArabic: Story = { args: { locale: 'ar' }, render: (args) => gallery(args.locale) };

/** Every state in Thai: long words without spaces must wrap cleanly. */
export const AllStatesThai: Story = { args: { locale: 'th' }, render: (args) => gallery(args.locale) };
