// <ck-checkout> in each state, against an in-page stand-in backend (test/shared/fake-backend.ts):
// the token of each story picks what the "backend" answers.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/checkout.js';
import type { PaymentResult, Session } from '../src/core/protocol/schemas.js';
import { FAKE_ENDPOINT, FakeBackend, sessionFixture, type Handler } from '../test/shared/fake-backend.js';

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

const SESSIONS: Record<string, Session> = {
  nl: sessionFixture(),
  sa: sessionFixture({ country: 'SA', amount: { value: 25600, currency: 'SAR' }, paymentMethods: [{ id: 'mada', type: 'card' }, { id: 'apple_pay', type: 'wallet' }, { id: 'stc_pay', type: 'wallet' }, { id: 'tabby', type: 'bnpl' }, { id: 'cod', type: 'cash_on_delivery' }] }),
  jp: sessionFixture({ country: 'JP', amount: { value: 6800, currency: 'JPY' }, paymentMethods: [{ id: 'card', type: 'card' }, { id: 'paypay', type: 'wallet' }, { id: 'konbini', type: 'voucher' }] }),
  br: sessionFixture({ country: 'BR', amount: { value: 36700, currency: 'BRL' }, paymentMethods: [{ id: 'pix', type: 'qr' }, { id: 'card', type: 'card' }, { id: 'boleto', type: 'voucher' }] }),
};

/** What a payment attempt returns, per story token. */
const OUTCOMES: Record<string, (session: Session, method: string, id: string) => PaymentResult> = {
  declined: (s, method, id) => ({ id, method, amount: s.amount, createdAt: later(0), status: 'failed', failure: { code: 'insufficient_funds', retryable: true } }),
  succeeded: (s, method, id) => ({ id, method, amount: s.amount, createdAt: later(0), status: 'succeeded' }),
  pending: (s, method, id) => ({ id, method, amount: s.amount, createdAt: later(0), status: 'pending', pollAfterMs: 60_000 }),
  qr: (s, method, id) => ({ id, method, amount: s.amount, createdAt: later(0), status: 'requires_action', action: { type: 'qr', payload: '00020101021226580014br.gov.bcb.pix0136sandbox-checkout-kit-demo5204000053039865802BR6304ABCD', expiresAt: later(15) } }),
  voucher: (s, method, id) => ({ id, method, amount: s.amount, createdAt: later(0), status: 'requires_action', action: { type: 'voucher', kind: 'konbini', reference: '4567-8901-2345', expiresAt: later(3 * 24 * 60), instructions: 'Pay at the register of any FamilyMart, Lawson or 7-Eleven within 3 days.' } }),
};

const payments = new Map<string, PaymentResult>();
const handler: Handler = (request) => {
  const [region = 'nl', outcome = 'succeeded', fault] = (request.headers.authorization ?? '').replace('Bearer ', '').split('.');
  const session = SESSIONS[region] ?? SESSIONS.nl!;
  if (fault === 'network') return 'network-error';
  if (fault === 'expired') return { status: 401, body: { error: { code: 'session_expired', message: 'expired' } } };
  if (fault === 'malformed') return { status: 200, body: { id: 7 } };
  if (request.method === 'GET' && request.path === '/session') return { status: 200, body: session };
  if (request.method === 'POST' && request.path === '/payments') {
    const key = request.headers['idempotency-key'] ?? '';
    const method = (request.body as { method: string }).method;
    const payment = payments.get(key) ?? (OUTCOMES[outcome] ?? OUTCOMES.succeeded!)(session, method, `pay_${payments.size + 1}`);
    payments.set(key, payment);
    return { status: 201, body: payment };
  }
  const found = [...payments.values()].find((p) => request.path.endsWith(`/payments/${p.id}`));
  return found ? { status: 200, body: found } : { status: 404, body: { error: { code: 'not_found', message: request.path } } };
};
if (typeof window !== 'undefined') new FakeBackend(handler);

// Clicks Pay once the methods are shown, for the stories that show what happens after it.
function payWhenReady(event: Event): void {
  const pay = (event.target as HTMLElement).shadowRoot?.querySelector<HTMLButtonElement>('[part="pay-button"]');
  requestAnimationFrame(() => pay?.click());
}

interface Args {
  token: string;
  locale: string;
  pay: boolean;
}

const meta: Meta<Args> = {
  title: 'Elements/ck-checkout',
  component: 'ck-checkout',
  render: ({ token, locale, pay }) =>
    html`<ck-checkout session-token=${token} endpoint=${FAKE_ENDPOINT} locale=${locale} @ck-ready=${pay ? payWhenReady : null}></ck-checkout>`,
  args: { token: 'nl.succeeded', locale: 'en', pay: false },
};
export default meta;
type Story = StoryObj<Args>;

export const ReadyNetherlands: Story = {};
export const ReadySaudiArabiaArabic: Story = { args: { token: 'sa.succeeded', locale: 'ar' } };
export const ReadyJapanJapanese: Story = { args: { token: 'jp.succeeded', locale: 'ja' } };
export const Succeeded: Story = { args: { token: 'nl.succeeded', pay: true } };
export const Declined: Story = { args: { token: 'nl.declined', pay: true } };
export const DeclinedArabic: Story = { args: { token: 'sa.declined', locale: 'ar', pay: true } };
export const Pending: Story = { args: { token: 'nl.pending', pay: true } };
export const PixQrCode: Story = { args: { token: 'br.qr', locale: 'pt-BR', pay: true } };
export const KonbiniVoucher: Story = { args: { token: 'jp.voucher', locale: 'ja', pay: true } };
export const UnavailableNetwork: Story = { args: { token: 'nl.succeeded.network' } };
export const UnavailableMalformed: Story = { args: { token: 'nl.succeeded.malformed' } };
export const SessionExpired: Story = { args: { token: 'nl.succeeded.expired' } };
export const InvalidEndpoint: Story = {
  render: () => html`<ck-checkout session-token="x" endpoint="javascript:alert(1)" locale="en"></ck-checkout>`,
};
