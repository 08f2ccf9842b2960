import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import '../src/define/card-fields.js';
import { loadLocale } from '../src/core/i18n/i18n.js';
import { directionOf, resolveLocale } from '../src/core/i18n/locales.js';
import { CardForm } from '../src/card-frame/form.js';
import { loadStrings, type Translate } from '../src/card-frame/i18n.js';
import { FRAME_CSS } from '../src/card-frame/styles.js';
import type { CardField } from '../src/core/card/index.js';

/**
 * The card form in each state. In a store it lives in a frame on the payment
 * origin; here the frame's own view (src/card-frame/form.ts) is rendered in a
 * shadow root with the frame's styles, so every state can be shown without a
 * backend. The instalment chooser is `<ck-card-fields>`' own (host side).
 */
const STATES = {
  empty: { values: {}, touched: false },
  typingWithBrand: { values: { number: '4242 4242 42' }, touched: false },
  errors: { values: { number: '4242 4242 4242 4241', expiry: '13', cvc: '1' }, touched: true },
  coBadged: { values: { number: '4000 0025 0000 1001', expiry: '12 / 34', cvc: '123', name: 'Camille Martin' }, touched: false },
  complete: { values: { number: '3782 822463 10005', expiry: '12 / 34', cvc: '1234', name: 'Ada Lovelace' }, touched: true },
} satisfies Record<string, { values: Partial<Record<CardField, string>>; touched: boolean }>;

type StateName = keyof typeof STATES;

interface CardArgs {
  state: StateName;
  locale: string;
}

/** A host element whose shadow root holds the frame's form, styled as in the frame. */
function frameView(state: StateName, t: Translate, locale: string): HTMLElement {
  const host = document.createElement('div');
  host.className = 'ck-story-card-frame';
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  // The frame's sheet targets its own document (:root, body); in a shadow root those are the host.
  sheet.replaceSync(FRAME_CSS.replace(/:root\[dir="rtl"\]/g, ':host([dir="rtl"])').replace(/:root/g, ':host').replace('html, body', ':host'));
  root.adoptedStyleSheets = [sheet];
  host.dir = directionOf(locale);
  host.lang = locale;
  const form = new CardForm({ t, now: () => new Date('2030-01-08T12:00:00Z'), onChange: () => undefined, onFocus: () => undefined });
  root.append(form.form);
  const { values, touched } = STATES[state];
  form.fill(values, touched);
  return host;
}

const STYLES = html`<style>
  .ck-story-frame { max-inline-size: 26rem; display: grid; gap: 16px; }
  .ck-story-card-frame { display: block; border: 1px dashed #9aa1b1; padding: 8px; }
</style>`;

const loadAll = async ({ args }: { args: CardArgs }) => {
  const locale = resolveLocale([args.locale]);
  await loadLocale(locale, ['base', 'payment']);
  return { strings: await loadStrings(locale) };
};

const meta: Meta<CardArgs> = {
  title: 'Elements/Card fields',
  component: 'ck-card-fields',
  render: (args, { loaded }) => {
    const { strings } = loaded as { strings: { locale: string; t: Translate } };
    return html`${STYLES}<div class="ck-story-frame" dir=${directionOf(strings.locale)}>${frameView(args.state, strings.t, strings.locale)}</div>`;
  },
  loaders: [loadAll],
  args: { state: 'empty', locale: 'en' },
  argTypes: {
    state: { control: 'select', options: Object.keys(STATES) },
    locale: { control: 'select', options: ['en', 'ar', 'th', 'pt-BR', 'ja', 'es-MX', 'de'] },
  },
};
export default meta;

type Story = StoryObj<CardArgs>;

/** Nothing typed yet: four labelled fields in one form (autofill fills all four). */
export const Empty: Story = {};
export const EmptyArabic: Story = { args: { locale: 'ar' } };
export const EmptyThai: Story = { args: { locale: 'th' } };

/** Typing: the number is grouped 4-4-4-4 and the brand shows on the label's line. */
export const TypingWithBrand: Story = { args: { state: 'typingWithBrand' } };
export const TypingWithBrandArabic: Story = { args: { state: 'typingWithBrand', locale: 'ar' } };
export const TypingWithBrandThai: Story = { args: { state: 'typingWithBrand', locale: 'th' } };

/** After Pay with mistakes: each field says what is wrong, in text tied to the input. */
export const Errors: Story = { args: { state: 'errors' } };
export const ErrorsArabic: Story = { args: { state: 'errors', locale: 'ar' } };
export const ErrorsThai: Story = { args: { state: 'errors', locale: 'th' } };

/** A co-badged card (Cartes Bancaires + Visa): the buyer chooses the network. */
export const CoBadgedChoice: Story = { args: { state: 'coBadged' } };
export const CoBadgedChoiceArabic: Story = { args: { state: 'coBadged', locale: 'ar' } };
export const CoBadgedChoiceThai: Story = { args: { state: 'coBadged', locale: 'th' } };

/** Amex, complete: 4-6-5 grouping and a four-digit security code. */
export const CompleteAmex: Story = { args: { state: 'complete' } };

const instalments = (locale: string): TemplateResult => html`${STYLES}<div class="ck-story-frame">
  <ck-card-fields
    locale=${locale}
    frame-url="https://payments.invalid/card-frame/v1"
    .instalments=${{ counts: [2, 3, 6, 10, 12], interestFree: true }}
    .amount=${{ value: 24000, currency: 'BRL' }}
  ></ck-card-fields>
</div>`;

/**
 * The host side while the frame loads, with instalments offered (Brazil: parcelas sem juros).
 * The frame URL here points nowhere on purpose: the story shows the loading line and the chooser.
 */
export const InstalmentsLoading: Story = { render: (args) => instalments(args.locale), args: { locale: 'pt-BR' } };
export const InstalmentsLoadingArabic: Story = { render: (args) => instalments(args.locale), args: { locale: 'ar' } };
export const InstalmentsLoadingThai: Story = { render: (args) => instalments(args.locale), args: { locale: 'th' } };
