/**
 * Apple Pay and Google Pay are offered only where this browser can pay with
 * them. Headless Chromium on Linux has neither, so the first tests use the real
 * `PaymentRequest`: a session that offers both shows neither, in the list, in
 * `ck-ready.detail.methods` or among the fallbacks. A fake `PaymentRequest`,
 * installed on window for one test only, stands in for a browser that can.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../define/checkout.js';
import type { CkCheckout } from './checkout.js';
import type { PaymentResult, Session } from '../../core/protocol/schemas.js';
import type { CkEventMap } from '../../events.js';
import { FAKE_ENDPOINT, FakeBackend, sessionFixture, standardHandler } from '../../../test/shared/fake-backend.js';
import { domDriver } from '../../../test/shared/dom-driver.js';
import { CheckoutHarness } from './checkout.harness.js';
import { probeWallets } from './wallet-probe.js';

const WALLET_SESSION: Partial<Session> = {
  country: 'US',
  amount: { value: 4200, currency: 'USD' },
  paymentMethods: [
    { id: 'apple_pay', type: 'wallet' },
    { id: 'card', type: 'card' },
    { id: 'google_pay', type: 'wallet' },
    { id: 'paypal', type: 'wallet' },
  ],
};

const declinedCard = (session: Session) => (method: string, id: string): PaymentResult => ({
  id,
  method,
  status: 'failed',
  amount: session.amount,
  createdAt: new Date().toISOString(),
  failure: { code: 'issuer_unavailable', retryable: true },
});

let backend: FakeBackend | undefined;
const realPaymentRequest = Object.getOwnPropertyDescriptor(window, 'PaymentRequest');
afterEach(() => {
  backend?.restore();
  backend = undefined;
  sessionStorage.clear();
  if (realPaymentRequest) Object.defineProperty(window, 'PaymentRequest', realPaymentRequest);
  else delete (window as { PaymentRequest?: unknown }).PaymentRequest;
});

/** A `PaymentRequest` whose `canMakePayment()` answers per method identifier (a promise that never settles hangs). */
function fakePaymentRequest(answers: Record<string, () => Promise<boolean>>): typeof PaymentRequest {
  return class FakePaymentRequest {
    readonly #method: string;
    constructor(methods: PaymentMethodData[]) {
      this.#method = methods[0]?.supportedMethods ?? '';
    }
    canMakePayment(): Promise<boolean> {
      return (answers[this.#method] ?? (() => Promise.resolve(false)))();
    }
  } as unknown as typeof PaymentRequest;
}

async function mount(session: Session): Promise<{ el: CkCheckout; ready: CustomEvent<CkEventMap['ck-ready']['detail']> }> {
  let resolve!: (event: CustomEvent<CkEventMap['ck-ready']['detail']>) => void;
  const ready = new Promise<CustomEvent<CkEventMap['ck-ready']['detail']>>((r) => (resolve = r));
  const el = await fixture<CkCheckout>(
    html`<ck-checkout session-token="tok_1" endpoint=${FAKE_ENDPOINT} locale="en" @ck-ready=${(event: CkEventMap['ck-ready']) => resolve(event)}></ck-checkout>`,
  );
  return { el, ready: await ready };
}

describe('<ck-checkout> device wallets', () => {
  it('in this Chromium (no Apple Pay, no Google Pay): the real probe says neither is available', async () => {
    const availability = await probeWallets(['apple_pay', 'google_pay', 'card']);
    expect(availability.apple_pay).to.be.oneOf(['unavailable', 'unsupported', 'failed']);
    expect(availability.google_pay).to.be.oneOf(['unavailable', 'unsupported', 'failed']);
    expect(availability).not.to.have.property('card');
  });

  it('shows neither wallet where the browser cannot pay with them: not in the list, not in ck-ready, not as a fallback', async () => {
    const session = sessionFixture(WALLET_SESSION);
    backend = new FakeBackend(standardHandler(session, declinedCard(session)));
    const { el, ready } = await mount(session);
    expect(ready.detail.methods).to.deep.equal(['card', 'paypal']);
    const checkout = new CheckoutHarness(domDriver(el));
    expect(await checkout.picker.options()).to.deep.equal(['Credit or debit card', 'PayPal']);

    const offeredEvent = oneEvent(el, 'ck-fallback-offered');
    await checkout.choose('Credit or debit card');
    await checkout.pay();
    const offered = (await offeredEvent).detail.offered;
    expect(offered).to.deep.equal(['paypal']);
    expect(await checkout.fallbacks()).to.deep.equal(['PayPal']);
  });

  it('shows a wallet the browser can pay with (a fake PaymentRequest for this test only), and not the other', async () => {
    Object.defineProperty(window, 'PaymentRequest', {
      configurable: true,
      writable: true,
      value: fakePaymentRequest({ 'https://google.com/pay': () => Promise.resolve(true), 'https://apple.com/apple-pay': () => Promise.resolve(false) }),
    });
    const session = sessionFixture(WALLET_SESSION);
    backend = new FakeBackend(standardHandler(session, declinedCard(session)));
    const { ready } = await mount(session);
    expect(ready.detail.methods).to.deep.equal(['card', 'paypal', 'google_pay']);
  });

  it('a canMakePayment() that never answers ends in timed_out and the wallet is left out; one that rejects ends in failed', async () => {
    const Request = fakePaymentRequest({
      'https://apple.com/apple-pay': () => new Promise<boolean>(() => {}),
      'https://google.com/pay': () => Promise.reject(new DOMException('boom', 'NotAllowedError')),
    });
    let release!: () => void;
    const clock = new Promise<void>((resolve) => (release = resolve));
    const probe = probeWallets(['apple_pay', 'google_pay'], { paymentRequest: Request, timeout: () => clock });
    release();
    expect(await probe).to.deep.equal({ apple_pay: 'timed_out', google_pay: 'failed' });
    expect(await probeWallets(['apple_pay'], { paymentRequest: undefined })).to.deep.equal({ apple_pay: 'unsupported' });
  });
});
