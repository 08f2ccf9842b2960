import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import en from '../locales/en/index.js';
import { PSEUDO_LOCALE, pseudoBundle, type MessageTree } from '../locales/pseudo.js';
import { addMessages, loadLocale, translate, type MessageKey } from '../src/core/i18n/i18n.js';
import { SUPPORTED_LOCALES, directionOf, type SupportedLocale } from '../src/core/i18n/locales.js';
import type { Money, PaymentMethodOffer } from '../src/core/protocol/schemas.js';
import '../src/define/amount.js';
import '../src/define/method-picker.js';

// Registered once per preview iframe, before any story renders, so elements find en-XA messages synchronously.
const pseudo = pseudoBundle(en);
for (const namespace of Object.keys(pseudo) as (keyof typeof en)[]) {
  addMessages(PSEUDO_LOCALE, namespace, pseudo[namespace]);
}

/** What a German store typically offers (ids from the method catalog; names come from `catalog.json`). */
const GERMAN_OFFERS: PaymentMethodOffer[] = [
  { id: 'paypal', type: 'wallet' },
  { id: 'klarna', type: 'bnpl', minAmount: 100, maxAmount: 1_000_000 },
  { id: 'card', type: 'card' },
  { id: 'sepa_direct_debit', type: 'bank_transfer' },
  { id: 'apple_pay', type: 'wallet' },
  { id: 'google_pay', type: 'wallet' },
  { id: 'bank_transfer', type: 'bank_transfer' },
  { id: 'cash_on_delivery', type: 'cash_on_delivery' },
  { id: 'eps', type: 'bank_redirect' },
  { id: 'bancontact', type: 'bank_redirect' },
];

const AMOUNT: Money = { value: 5000, currency: 'EUR' };

interface I18nArgs {
  locale: string;
  /** Width of the container, to see where labels wrap or get cut. */
  width: number;
}

const WIDTHS = [280, 320, 360, 480] as const;

const styles = html`<style>
  .frame { inline-size: var(--frame-width); border: 1px dashed #9aa1b1; padding: 8px; box-sizing: border-box; }
  .frame[data-width='280'] { --frame-width: 280px; }
  .frame[data-width='320'] { --frame-width: 320px; }
  .frame[data-width='360'] { --frame-width: 360px; }
  .frame[data-width='480'] { --frame-width: 480px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 16px; }
  table { border-collapse: collapse; }
  th, td { text-align: start; vertical-align: top; padding: 4px 8px; border-block-end: 1px solid #e3e6ec; }
  td.sample { max-inline-size: 16rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
</style>`;

function picker(locale: string): TemplateResult {
  return html`<ck-method-picker
    .methods=${GERMAN_OFFERS}
    .amount=${AMOUNT}
    country="DE"
    locale=${locale}
  ></ck-method-picker>`;
}

function leaves(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : leaves(value, `${prefix}${key}.`),
  );
}

/** Base keys only: plural forms are shown once, through `count`. */
function messageKeys(): MessageKey[] {
  const keys = new Set<string>();
  for (const [namespace, tree] of Object.entries(en) as [string, MessageTree][]) {
    for (const path of leaves(tree)) keys.add(`${namespace}:${path.replace(/_(zero|one|two|few|many|other)$/, '')}`);
  }
  return [...keys] as MessageKey[];
}

const SAMPLE_VALUES = { amount: '€50.00', method: 'PayPal', code: 'XTS', count: 3 };

const meta: Meta<I18nArgs> = {
  title: 'Foundations/Localization',
  args: { locale: PSEUDO_LOCALE, width: 320 },
  argTypes: {
    locale: { control: 'select', options: [PSEUDO_LOCALE, ...SUPPORTED_LOCALES] },
    width: { control: 'select', options: WIDTHS },
  },
  parameters: {
    docs: {
      description: {
        component:
          '`en-XA` is a pseudo-locale: English made ~40% longer, accented and bracketed (`locales/pseudo.ts`). ' +
          'Text cut at the end loses its `]`; plain ASCII among accented text is a string that skipped i18next.',
      },
    },
  },
};
export default meta;

type Story = StoryObj<I18nArgs>;

/** The method picker for a German store in the pseudo-locale, in a narrow phone-width frame. */
export const PseudoMethodPicker: Story = {
  render: (args) => html`${styles}
    <div class="frame" data-width=${args.width} lang=${args.locale} dir=${directionOf(args.locale)}>${picker(args.locale)}</div>`,
};

/** Amounts and their localized error states in the pseudo-locale. */
export const PseudoAmount: Story = {
  render: (args) => html`${styles}
    <div class="frame" data-width=${args.width} lang=${args.locale} dir=${directionOf(args.locale)}>
      <p><ck-amount value="5000" currency="EUR" locale=${args.locale}></ck-amount></p>
      <p><ck-amount value="-4999" currency="EUR" locale=${args.locale}></ck-amount></p>
      <p><ck-amount value="12.50" currency="EUR" locale=${args.locale}></ck-amount></p>
      <p><ck-amount value="1250" currency="HRK" locale=${args.locale}></ck-amount></p>
    </div>`,
};

/** Every message, in the chosen locale, next to English; the last column is cut at button width. */
export const AllMessages: Story = {
  loaders: [async ({ args }) => ({ loaded: await loadLocale(args.locale as SupportedLocale).catch(() => false) })],
  render: (args) => {
    const locale = args.locale as SupportedLocale;
    return html`${styles}
      <table>
        <caption>Messages in ${args.locale}</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">English</th>
            <th scope="col">${args.locale}</th>
            <th scope="col">At 16rem</th>
          </tr>
        </thead>
        <tbody>
          ${messageKeys().map((key) => {
            const text = translate(locale, key, SAMPLE_VALUES);
            return html`<tr>
              <th scope="row"><code>${key}</code></th>
              <td lang="en">${translate('en', key, SAMPLE_VALUES)}</td>
              <td lang=${args.locale} dir=${directionOf(args.locale)}>${text}</td>
              <td class="sample" lang=${args.locale} dir=${directionOf(args.locale)}>${text}</td>
            </tr>`;
          })}
        </tbody>
      </table>`;
  },
};

/** The picker in all 20 shipped locales at once, for comparing real lengths (German, Filipino) and right-to-left. */
export const EveryLocale: Story = {
  loaders: [async () => ({ loaded: await Promise.all(SUPPORTED_LOCALES.map((locale) => loadLocale(locale))) })],
  render: (args) => html`${styles}
    <div class="grid">
      ${SUPPORTED_LOCALES.map(
        (locale) => html`<section aria-label=${locale} class="frame" data-width=${args.width} lang=${locale} dir=${directionOf(locale)}>
          <h2>${locale}</h2>
          ${picker(locale)}
        </section>`,
      )}
    </div>`,
};
