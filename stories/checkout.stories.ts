// <ck-checkout> in each state, against an in-page stand-in backend (test/shared/fake-backend.ts):
// the token of each story picks what the "backend" answers, as `<region>.<outcome>[.<fault>]`.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { expect, userEvent } from 'storybook/test';
import '../src/define/checkout.js';
import { CheckoutHarness } from '../src/elements/checkout/checkout.harness.js';
import { FAILURE_CODES, failureInfo, type FailureCode } from '../src/core/payment/failures.js';
import type { PaymentAction, PaymentResult, Session } from '../src/core/protocol/schemas.js';
import { FAKE_ENDPOINT, FakeBackend, sessionFixture, type Handler } from '../test/shared/fake-backend.js';
import { domDriver } from '../test/shared/dom-driver.js';

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** The buyer's region: its amount, currency and the methods a store there offers. */
const REGIONS: Record<string, Omit<Session, 'id' | 'expiresAt' | 'mode'>> = {
  nl: sessionFixture(),
  sa: { country: 'SA', amount: { value: 25600, currency: 'SAR' }, paymentMethods: [{ id: 'mada', type: 'card' }, { id: 'apple_pay', type: 'wallet' }, { id: 'stc_pay', type: 'wallet' }, { id: 'tabby', type: 'bnpl' }, { id: 'bank_transfer', type: 'bank_transfer' }, { id: 'cod', type: 'cash_on_delivery' }] },
  jp: { country: 'JP', amount: { value: 6800, currency: 'JPY' }, paymentMethods: [{ id: 'card', type: 'card' }, { id: 'paypay', type: 'wallet' }, { id: 'konbini', type: 'voucher' }] },
  br: { country: 'BR', amount: { value: 36700, currency: 'BRL' }, paymentMethods: [{ id: 'pix', type: 'qr' }, { id: 'card', type: 'card' }, { id: 'boleto', type: 'voucher' }, { id: 'mercado_pago', type: 'wallet' }] },
  th: { country: 'TH', amount: { value: 159000, currency: 'THB' }, paymentMethods: [{ id: 'promptpay', type: 'qr' }, { id: 'truemoney', type: 'wallet' }, { id: 'card', type: 'card' }, { id: 'bank_transfer', type: 'bank_transfer' }, { id: 'cod', type: 'cash_on_delivery' }] },
};

/** ISO 4217 numeric codes of the story currencies, for the QR payloads. */
const NUMERIC_CURRENCY: Record<string, string> = { EUR: '978', SAR: '682', JPY: '392', BRL: '986', THB: '764' };

/** A made-up payload in the shape of an EMV merchant-presented QR code (no real scheme or merchant). */
function qrPayload(session: Session): string {
  const amount = String(session.amount.value / 100);
  const field = (id: string, value: string) => `${id}${String(value.length).padStart(2, '0')}${value}`;
  return ['000201', '010212', field('26', field('00', 'story.checkout-kit') + field('01', 'CK0042')), field('53', NUMERIC_CURRENCY[session.amount.currency] ?? '999'), field('54', amount), field('58', session.country), field('59', 'ATLAS AND OAK'), '6304', 'B7E2'].join('');
}

/** Each region's voucher as its PSP would issue it. */
const VOUCHERS: Record<string, PaymentAction> = {
  br: { type: 'voucher', kind: 'boleto', reference: '34191790010104351004791020150008291070000036700', barcode: '34192910700000367001790001043510047910201500', expiresAt: later(3 * 24 * 60) },
  jp: { type: 'voucher', kind: 'konbini', reference: '4567-8901-2345', expiresAt: later(3 * 24 * 60), instructions: 'ファミリーマート、ローソン、セブン-イレブンのレジで3日以内にお支払いください。' },
  default: { type: 'voucher', kind: 'bank_transfer', reference: 'CK-7XQ4-2291', expiresAt: later(5 * 24 * 60) },
};

/**
 * Which of the region's methods each action belongs to. The stand-in answers with it whatever
 * the buyer chose, as a backend answers a second tab with the session's live payment, so the
 * headings name the method that really shows a QR code or a voucher.
 */
const ACTION_METHODS: Record<string, Partial<Record<string, string>>> = {
  nl: { redirect: 'ideal', challenge: 'card' },
  br: { redirect: 'mercado_pago', qr: 'pix', voucher: 'boleto', challenge: 'card' },
  sa: { redirect: 'stc_pay', qr: 'stc_pay', voucher: 'bank_transfer', challenge: 'mada' },
  th: { redirect: 'truemoney', qr: 'promptpay', voucher: 'bank_transfer', challenge: 'card' },
  jp: { redirect: 'paypay', qr: 'paypay', voucher: 'konbini', challenge: 'card' },
};

/**
 * What a new payment answers, per outcome name; `fail_<code>` declines with that code;
 * `declined_once` declines the session's first payment (card declined) and accepts the next.
 */
function outcome(name: string, region: string, session: Session, chosen: string, id: string, attempt: number): PaymentResult {
  if (name === 'declined_once') return outcome(attempt === 1 ? 'fail_card_declined' : 'succeeded', region, session, chosen, id, attempt);
  const method = ACTION_METHODS[region]?.[name] ?? chosen;
  const base = { id, method, amount: session.amount, createdAt: later(0) };
  if (name.startsWith('fail_')) {
    const code = name.slice('fail_'.length) as FailureCode;
    return { ...base, status: 'failed', failure: { code, retryable: failureInfo(code).retryable } };
  }
  switch (name) {
    case 'declined':
      return { ...base, status: 'failed', failure: { code: 'insufficient_funds', retryable: true } };
    case 'pending':
      return { ...base, status: 'pending', pollAfterMs: 60_000 };
    case 'qr':
      return { ...base, status: 'requires_action', action: { type: 'qr', payload: qrPayload(session), expiresAt: later(15) } };
    case 'voucher':
      return { ...base, status: 'requires_action', action: VOUCHERS[region] ?? VOUCHERS.default! };
    case 'redirect':
      return { ...base, status: 'requires_action', action: { type: 'redirect', url: 'https://bank.example/authorise?trx=8812' } };
    case 'challenge':
      return { ...base, status: 'requires_action', action: { type: 'challenge', url: 'https://3ds.bank.example/challenge?session=5512', mode: 'redirect' } };
    default:
      return { ...base, status: 'succeeded' };
  }
}

const payments = new Map<string, PaymentResult>();
/** New payments per token, for outcomes that change from one attempt to the next. */
const attempts = new Map<string, number>();
const handler: Handler = (request) => {
  const token = (request.headers.authorization ?? '').replace('Bearer ', '');
  const [region = 'nl', result = 'succeeded', fault] = token.split('.');
  // One session id per token: attempts kept in sessionStorage must not leak from one story into another.
  const session: Session = sessionFixture({ ...(REGIONS[region] ?? REGIONS.nl!), id: `cs_story_${token.replace(/[^a-z0-9_]/gi, '_')}` });
  if (fault === 'network') return 'network-error';
  if (fault === 'expired') return { status: 401, body: { error: { code: 'session_expired', message: 'expired' } } };
  if (fault === 'malformed') return { status: 200, body: { id: 7 } };
  if (request.method === 'GET' && request.path === '/session') return { status: 200, body: session };
  if (request.method === 'POST' && request.path === '/payments') {
    if (result === 'rejected') return { status: 422, body: { error: { code: 'method_not_offered', message: 'not offered' } } };
    const key = request.headers['idempotency-key'] ?? '';
    const method = (request.body as { method: string }).method;
    let payment = payments.get(key);
    if (!payment) {
      const attempt = (attempts.get(token) ?? 0) + 1;
      attempts.set(token, attempt);
      payment = outcome(result, region, session, method, `pay_${payments.size + 1}`, attempt);
    }
    payments.set(key, payment);
    return { status: 201, body: payment };
  }
  const found = [...payments.values()].find((p) => request.path.endsWith(`/payments/${p.id}`));
  return found ? { status: 200, body: found } : { status: 404, body: { error: { code: 'not_found', message: request.path } } };
};
if (typeof window !== 'undefined') new FakeBackend(handler);

// Clicks Pay once the methods are shown, for the stories that show what happens after it.
function payWhenReady(event: Event): void {
  const pay = (event.target as HTMLElement).shadowRoot?.querySelector<HTMLButtonElement>('[part~="pay-button"]');
  requestAnimationFrame(() => pay?.click());
}

interface Args {
  token: string;
  locale: string;
  pay: boolean;
}

const checkout = ({ token, locale, pay }: Args): TemplateResult =>
  html`<ck-checkout session-token=${token} endpoint=${FAKE_ENDPOINT} locale=${locale} @ck-ready=${pay ? payWhenReady : null}></ck-checkout>`;

const GALLERY_STYLES = html`<style>
  .ck-story-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(24rem, 1fr)); gap: 24px; align-items: start; }
  .ck-story-grid > section { border: 1px dashed #9aa1b1; padding: 12px; }
  .ck-story-grid h4 { margin: 0 0 8px; font: 600 12px/1.2 system-ui, sans-serif; color: #5b6275; }
</style>`;

/** Several checkouts side by side, each paying with its own token, for review and screenshots. */
const gallery = (locale: string, tokens: readonly string[]): TemplateResult => html`${GALLERY_STYLES}
  <div class="ck-story-grid">
    ${tokens.map((token) => html`<section><h4>${token}</h4>${checkout({ token, locale, pay: true })}</section>`)}
  </div>`;

const meta: Meta<Args> = {
  title: 'Elements/ck-checkout',
  component: 'ck-checkout',
  render: checkout,
  args: { token: 'nl.succeeded', locale: 'en', pay: false },
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
  args: { token: 'nl.succeeded' },
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
  args: { token: 'nl.declined_once' },
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
export const ReadySaudiArabiaArabic: Story = { args: { token: 'sa.succeeded', locale: 'ar' } };
export const ReadyThailandThai: Story = { args: { token: 'th.succeeded', locale: 'th' } };
export const ReadyJapanJapanese: Story = { args: { token: 'jp.succeeded', locale: 'ja' } };
export const Succeeded: Story = { args: { token: 'nl.succeeded', pay: true } };
export const SucceededArabic: Story = { args: { token: 'sa.succeeded', locale: 'ar', pay: true } };
export const SucceededThai: Story = { args: { token: 'th.succeeded', locale: 'th', pay: true } };
export const Declined: Story = { args: { token: 'nl.declined', pay: true } };
export const DeclinedArabic: Story = { args: { token: 'sa.declined', locale: 'ar', pay: true } };
export const Pending: Story = { args: { token: 'nl.pending', pay: true } };
export const PixQrCode: Story = { args: { token: 'br.qr', locale: 'pt-BR', pay: true } };
export const KonbiniVoucher: Story = { args: { token: 'jp.voucher', locale: 'ja', pay: true } };
/** The backend refused the attempt with a 4xx the widget cannot fix (here `method_not_offered`). */
export const Rejected: Story = { args: { token: 'nl.rejected', pay: true } };
export const UnavailableNetwork: Story = { args: { token: 'nl.succeeded.network' } };
export const UnavailableMalformed: Story = { args: { token: 'nl.succeeded.malformed' } };
export const SessionExpired: Story = { args: { token: 'nl.succeeded.expired' } };
export const InvalidEndpoint: Story = {
  render: () => html`<ck-checkout session-token="x" endpoint="javascript:alert(1)" locale="en"></ck-checkout>`,
};

// Every failure code's view in English: what happened, what to do, "Try again" only when
// the code is retryable, and other ways to pay. One export each so each is checked and shown alone.
const failed = (code: FailureCode): Story => ({ args: { token: `nl.fail_${code}`, pay: true } });
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
export const AllFailuresEnglish: Story = { render: () => gallery('en', FAILURE_CODES.map((code) => `nl.fail_${code}`)) };
/** Representative failures in Arabic (right to left, SAR). */
export const FailuresArabic: Story = { render: () => gallery('ar', REPRESENTATIVE_FAILURES.map((code) => `sa.fail_${code}`)) };
/** Representative failures in Thai (no spaces between words, THB). */
export const FailuresThai: Story = { render: () => gallery('th', REPRESENTATIVE_FAILURES.map((code) => `th.fail_${code}`)) };

/** Every action type as the checkout shows it after "Pay", then waiting for confirmation. */
const ACTION_OUTCOMES = ['redirect', 'qr', 'voucher', 'challenge', 'pending'] as const;
export const ActionsEnglish: Story = { render: () => gallery('en', ACTION_OUTCOMES.map((name) => `br.${name}`)) };
export const ActionsArabic: Story = { render: () => gallery('ar', ACTION_OUTCOMES.map((name) => `sa.${name}`)) };
export const ActionsThai: Story = { render: () => gallery('th', ACTION_OUTCOMES.map((name) => `th.${name}`)) };
