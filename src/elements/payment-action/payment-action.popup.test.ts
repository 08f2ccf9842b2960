// <ck-payment-action> wallet popups: once the popup closes (the PSP page closes itself after the
// buyer decides) and the store page has focus again, the payment is checked at once.
import { expect, fixture, html } from '@open-wc/testing';
import '../../define/payment-action.js';
import type { CkPaymentAction } from './payment-action.js';
import type { PaymentAction } from '../../core/protocol/schemas.js';
import { getByRole } from '../../../test/shared/queries.js';

interface MochaGlobals {
  describe: (name: string, body: () => void) => void;
  it: (name: string, body: () => Promise<void> | void) => void;
}
const { describe, it } = globalThis as unknown as MochaGlobals;

const WALLET: PaymentAction = { type: 'redirect', url: 'https://wallet.example/approve/pay_1', popup: true };

async function mount(openWindow: (url: string) => Window | null): Promise<{ el: CkPaymentAction; checks: unknown[]; navigated: string[] }> {
  const navigated: string[] = [];
  const el = await fixture<CkPaymentAction>(html`<ck-payment-action
    .action=${WALLET}
    .amount=${{ value: 4200, currency: 'USD' }}
    method="PayPal"
    method-id="paypal"
    payment-id="pay_1"
    locale="en"
    .openWindow=${openWindow}
    .navigate=${(url: string) => navigated.push(url)}
  ></ck-payment-action>`);
  const checks: unknown[] = [];
  el.addEventListener('ck-action-check', (event) => checks.push(event.detail));
  await el.updateComplete;
  return { el, checks, navigated };
}

describe('<ck-payment-action> wallet popup', () => {
  it('checks the payment as soon as the closed popup gives focus back, not on focus while it is open', async () => {
    const popup = { closed: false };
    const opened: string[] = [];
    const { el, checks, navigated } = await mount((url) => (opened.push(url), popup as unknown as Window));
    getByRole(el, 'button', { name: 'Continue to PayPal' }).click();
    expect(opened).to.deep.equal([WALLET.type === 'redirect' ? WALLET.url : '']);
    expect(navigated).to.deep.equal([]);
    window.dispatchEvent(new Event('focus'));
    expect(checks).to.deep.equal([]);
    popup.closed = true;
    window.dispatchEvent(new Event('focus'));
    window.dispatchEvent(new Event('focus'));
    await el.updateComplete;
    expect(checks).to.deep.equal([{ action: 'redirect', paymentId: 'pay_1' }]);
    expect(getByRole(el, 'status').textContent!.trim()).to.equal('Checking your payment…');
  });

  it('a blocked popup continues in this page, and nothing is watched', async () => {
    const { el, checks, navigated } = await mount(() => null);
    getByRole(el, 'button', { name: 'Continue to PayPal' }).click();
    expect(navigated).to.deep.equal(['https://wallet.example/approve/pay_1']);
    window.dispatchEvent(new Event('focus'));
    expect(checks).to.deep.equal([]);
  });

  it('stops watching when the element leaves the page', async () => {
    const popup = { closed: false };
    const { el, checks } = await mount(() => popup as unknown as Window);
    getByRole(el, 'button', { name: 'Continue to PayPal' }).click();
    el.remove();
    popup.closed = true;
    window.dispatchEvent(new Event('focus'));
    expect(checks).to.deep.equal([]);
  });
});
