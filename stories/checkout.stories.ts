// <ck-checkout> in each state, against the in-page sandbox (stories/support/sandbox.ts): the session
// token of each story picks what the "backend" answers, as `<region>.<outcome>[.<fault>]`, and the
// toolbar's Outcome and Fault menus rewrite it.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, userEvent } from 'storybook/test';
import '../src/define/checkout.js';
import { CheckoutHarness } from '../src/elements/checkout/checkout.harness.js';
import { FAILURE_CODES, type FailureCode } from '../src/core/payment/failures.js';
import { domDriver } from '../test/shared/dom-driver.js';
import { elementArgs } from './support/element-args.js';
import { payWhenReady } from './support/pay.js';
import { FAKE_ENDPOINT } from './support/sandbox.js';

/** The element's own properties and tokens (controls from the manifest), plus `pay`: click Pay once ready. */
interface Args {
  sessionToken: string;
  endpoint?: string;
  locale: string;
  pay: boolean;
  [token: `--${string}`]: string | undefined;
}

const checkout = (args: Args): TemplateResult =>
  html`<ck-checkout
    ${elementArgs('ck-checkout', { endpoint: FAKE_ENDPOINT, ...args })}
    @ck-ready=${args.pay ? payWhenReady : null}
  ></ck-checkout>`;

const GALLERY_STYLES = html`<style>
  .ck-story-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(24rem, 1fr)); gap: 24px; align-items: start; }
  .ck-story-grid > section { border: 1px dashed #9aa1b1; padding: 12px; }
  .ck-story-grid h4 { margin: 0 0 8px; font: 600 12px/1.2 system-ui, sans-serif; color: #5b6275; }
</style>`;

/** Several checkouts side by side, each paying with its own token, for review and screenshots. */
const gallery = (locale: string, tokens: readonly string[]): TemplateResult => html`${GALLERY_STYLES}
  <div class="ck-story-grid">
    ${tokens.map((token) => html`<section><h4>${token}</h4>${checkout({ sessionToken: token, locale, pay: true })}</section>`)}
  </div>`;

const meta: Meta<Args> = {
  title: 'Elements/ck-checkout',
  component: 'ck-checkout',
  render: checkout,
  args: { sessionToken: 'nl.succeeded', locale: 'en', pay: false },
  argTypes: { pay: { control: 'boolean', description: 'Clicks Pay once the methods are listed (story only).' } },
};
export default meta;
type Story = StoryObj<Args>;

export const ReadyNetherlands: Story = {};

/** The checkout harness over the story's `<ck-checkout>`, clicking through Storybook's `userEvent`. */
function checkoutIn(canvasElement: HTMLElement): CheckoutHarness {
  const element = canvasElement.querySelector('ck-checkout');
  if (!element) throw new Error('the story has no <ck-checkout>');
  return new CheckoutHarness(domDriver(element, { click: (target) => userEvent.click(target) }));
}

/** A buyer's whole path, played: the list is ready, they choose card, pay, and read the success. */
export const BuyerPaysByCard: Story = {
  // A `~tag` of its own: stories that pay must not share a sandbox session with the ready ones (the docs page shows them together).
  args: { sessionToken: 'nl.succeeded~card' },
  play: async ({ canvasElement, step }) => {
    const checkout = checkoutIn(canvasElement);
    await step('the methods are listed in the Netherlands order', async () => {
      await expect(await checkout.picker.options()).toEqual(['iDEAL', 'Credit or debit card', 'PayPal']);
    });
    await step('the buyer chooses card; Pay shows the total', async () => {
      await checkout.choose('Credit or debit card');
      await expect(await checkout.picker.selected()).toBe('Credit or debit card');
      await expect(await (await checkout.payButton()).name()).toBe('Pay €42.00');
    });
    await step('they pay and the payment succeeds', async () => {
      await checkout.pay();
      await expect(await checkout.outcome()).toBe('succeeded');
    });
  },
};

/** A decline, played: the buyer is told why, offered other methods, and pays with one of them. */
export const DeclinedThenPaysAnotherWay: Story = {
  args: { sessionToken: 'nl.declined_once' },
  play: async ({ canvasElement, step }) => {
    const checkout = checkoutIn(canvasElement);
    await step('the card is declined', async () => {
      await checkout.choose('Credit or debit card');
      await checkout.pay();
      await expect(await checkout.outcome()).toBe('failed');
      await expect(await checkout.alertTitle()).toBe('Your card was declined');
    });
    let offered: string[] = [];
    await step('other ways to pay are offered', async () => {
      offered = await checkout.fallbacks();
      await expect(offered.length).toBeGreaterThan(0);
      await expect(offered).not.toContain('Credit or debit card');
    });
    await step('paying another way succeeds', async () => {
      await checkout.payInstead(offered[0]!);
      await checkout.waitForOutcome('succeeded');
    });
  },
};
export const ReadySaudiArabiaArabic: Story = { args: { sessionToken: 'sa.succeeded', locale: 'ar' } };
export const ReadyThailandThai: Story = { args: { sessionToken: 'th.succeeded', locale: 'th' } };
export const ReadyJapanJapanese: Story = { args: { sessionToken: 'jp.succeeded', locale: 'ja' } };
export const Succeeded: Story = { args: { sessionToken: 'nl.succeeded~paid', pay: true } };
export const SucceededArabic: Story = { args: { sessionToken: 'sa.succeeded~paid', locale: 'ar', pay: true } };
export const SucceededThai: Story = { args: { sessionToken: 'th.succeeded~paid', locale: 'th', pay: true } };
export const Declined: Story = { args: { sessionToken: 'nl.declined', pay: true } };
export const DeclinedArabic: Story = { args: { sessionToken: 'sa.declined', locale: 'ar', pay: true } };
export const Pending: Story = { args: { sessionToken: 'nl.pending', pay: true } };
export const PixQrCode: Story = { args: { sessionToken: 'br.qr', locale: 'pt-BR', pay: true } };
export const KonbiniVoucher: Story = { args: { sessionToken: 'jp.voucher', locale: 'ja', pay: true } };
/** The backend refused the attempt with a 4xx the widget cannot fix (here `method_not_offered`). */
export const Rejected: Story = { args: { sessionToken: 'nl.rejected', pay: true } };
export const UnavailableNetwork: Story = { args: { sessionToken: 'nl.succeeded.network' } };
export const UnavailableMalformed: Story = { args: { sessionToken: 'nl.succeeded.malformed' } };
export const SessionExpired: Story = { args: { sessionToken: 'nl.succeeded.expired' } };
export const InvalidEndpoint: Story = {
  render: () => html`<ck-checkout session-token="x" endpoint="javascript:alert(1)" locale="en"></ck-checkout>`,
};

// Every failure code's view in English: what happened, what to do, "Try again" only when
// the code is retryable, and other ways to pay. One export each so each is checked and shown alone.
// Kept out of the docs page (it shows the element's API and a few states; these are one click away in the sidebar).
const failed = (code: FailureCode): Story => ({ tags: ['!autodocs'], args: { sessionToken: `nl.fail_${code}`, pay: true } });
export const FailedInsufficientFunds = failed('insufficient_funds');
export const FailedCardDeclined = failed('card_declined');
export const FailedExpiredCard = failed('expired_card');
export const FailedIncorrectCvc = failed('incorrect_cvc');
export const FailedAuthenticationFailed = failed('authentication_failed');
export const FailedRiskBlocked = failed('risk_blocked');
export const FailedLimitExceeded = failed('limit_exceeded');
export const FailedMethodUnavailable = failed('method_unavailable');
export const FailedIssuerUnavailable = failed('issuer_unavailable');
export const FailedCancelled = failed('cancelled');
export const FailedExpired = failed('expired');
export const FailedNetworkError = failed('network_error');
export const FailedTimeout = failed('timeout');
export const FailedProcessingError = failed('processing_error');

/** A cross-section of failures: retryable and not, card, bank, wallet and QR wording. */
const REPRESENTATIVE_FAILURES: readonly FailureCode[] = [
  'insufficient_funds',
  'card_declined',
  'authentication_failed',
  'risk_blocked',
  'method_unavailable',
  'expired',
  'network_error',
];

/** Every failure code in English on one page, for review. */
export const AllFailuresEnglish: Story = { tags: ['!autodocs'], render: () => gallery('en', FAILURE_CODES.map((code) => `nl.fail_${code}`)) };
/** Representative failures in Arabic (right to left, SAR). */
export const FailuresArabic: Story = { tags: ['!autodocs'], render: () => gallery('ar', REPRESENTATIVE_FAILURES.map((code) => `sa.fail_${code}`)) };
/** Representative failures in Thai (no spaces between words, THB). */
export const FailuresThai: Story = { tags: ['!autodocs'], render: () => gallery('th', REPRESENTATIVE_FAILURES.map((code) => `th.fail_${code}`)) };

/** Every action type as the checkout shows it after "Pay", then waiting for confirmation. */
const ACTION_OUTCOMES = ['redirect', 'qr', 'voucher', 'challenge', 'pending'] as const;
export const ActionsEnglish: Story = { tags: ['!autodocs'], render: () => gallery('en', ACTION_OUTCOMES.map((name) => `br.${name}`)) };
export const ActionsArabic: Story = { tags: ['!autodocs'], render: () => gallery('ar', ACTION_OUTCOMES.map((name) => `sa.${name}`)) };
export const ActionsThai: Story = { tags: ['!autodocs'], render: () => gallery('th', ACTION_OUTCOMES.map((name) => `th.${name}`)) };
