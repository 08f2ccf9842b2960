/**
 * Apple Pay and Google Pay are offered only where this browser can pay with
 * them. Headless Chromium on Linux has neither, so the first tests use the real
 * `PaymentRequest`: a session that offers both shows neither, in the list, in
 * `ck-ready.detail.methods` or among the fallbacks. A fake `PaymentRequest`,
 * installed on window for one test only, stands in for a browser that can.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../define/checkout.js';
import type { CkCheckout } from './checkout.js';
import type { PaymentResult, Session } from '../../core/protocol/schemas.js';
import type { CkEventMap } from '../../events.js';
import { FAKE_ENDPOINT, FakeBackend, sessionFixture, standardHandler, succeeded, type Handler } from '../../../test/shared/fake-backend.js';
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

  it('asks the browser once per page: a re-mounted checkout reuses the answer instead of another manifest lookup', async () => {
    let asked = 0;
    const Counting = fakePaymentRequest({
      'https://google.com/pay': () => {
        asked += 1;
        return Promise.resolve(true);
      },
    });
    Object.defineProperty(window, 'PaymentRequest', { configurable: true, writable: true, value: Counting });
    expect(await probeWallets(['google_pay'])).to.deep.equal({ google_pay: 'available' });
    expect(await probeWallets(['google_pay', 'card'])).to.deep.equal({ google_pay: 'available' });
    expect(asked).to.equal(1);
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

  describe('paying with a wallet (a fake PaymentRequest on window for each test only)', () => {
    const APPLE_DATA = { version: 3, merchantIdentifier: 'merchant.example.sandbox', merchantCapabilities: ['supports3DS'], supportedNetworks: ['visa', 'masterCard'], countryCode: 'US' };
    const APPLE_SESSION: Session = sessionFixture({ ...WALLET_SESSION, wallets: { apple_pay: { data: APPLE_DATA } } });
    const TOKEN = { token: { paymentData: { version: 'EC_v1', data: 'ZW5jcnlwdGVk' }, paymentMethod: { network: 'Visa' } } };

    /** What the fake sheet saw, and how it ends: the buyer approves, closes the sheet, or the sheet breaks. */
    interface Sheet {
      methods: PaymentMethodData[];
      total: PaymentDetailsInit['total'] | undefined;
      completed: string[];
      validated: boolean;
      /** Calls of the sheet's abort(). */
      aborted: number;
      /** `hold` and `approve-late`: ends a sheet that waits for the buyer (approve-late: approved). */
      release: () => void;
    }

    /**
     * `hold`: the sheet stays open until abort() (then AbortError, as browsers do). `approve-late`: the buyer
     * approves on release(), and abort() comes too late (the sheet is no longer interactive: InvalidStateError).
     */
    function installSheet(ending: 'approve' | 'cancel' | 'break' | 'hold' | 'approve-late'): Sheet {
      let settle!: { resolve: () => void; reject: (error: DOMException) => void };
      const buyer = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
      const sheet: Sheet = { methods: [], total: undefined, completed: [], validated: false, aborted: 0, release: () => settle.resolve() };
      class FakeSheet extends EventTarget {
        abort(): Promise<void> {
          sheet.aborted += 1;
          if (ending === 'approve-late') return Promise.reject(new DOMException('The sheet is closing', 'InvalidStateError'));
          settle.reject(new DOMException('The page aborted the sheet', 'AbortError'));
          return Promise.resolve();
        }
        constructor(methods: PaymentMethodData[], details: PaymentDetailsInit) {
          super();
          sheet.methods = methods;
          sheet.total = details.total;
        }
        canMakePayment(): Promise<boolean> {
          return Promise.resolve(true);
        }
        async show(): Promise<unknown> {
          // Safari asks the page to validate the merchant before it shows the sheet.
          const merchantSession = await new Promise<unknown>((resolve, reject) => {
            const event = Object.assign(new Event('merchantvalidation'), {
              validationURL: 'https://apple-pay-gateway.apple.com/paymentservices/startSession',
              complete: (promise: Promise<unknown>) => promise.then(resolve, reject),
            });
            this.dispatchEvent(event);
          }).catch(() => {
            throw new DOMException('merchant validation failed', 'AbortError');
          });
          sheet.validated = merchantSession !== undefined;
          if (ending === 'cancel') throw new DOMException('The buyer closed the sheet', 'AbortError');
          if (ending === 'break') throw new DOMException('The wallet is not set up', 'NotSupportedError');
          // Waits for the buyer, or for abort() and its AbortError.
          if (ending === 'hold' || ending === 'approve-late') await buyer;
          return { details: TOKEN, complete: (result: string) => (sheet.completed.push(result), Promise.resolve()) };
        }
      }
      Object.defineProperty(window, 'PaymentRequest', { configurable: true, writable: true, value: FakeSheet });
      return sheet;
    }

    /** The standard backend plus the Apple Pay merchant validation endpoint. */
    function walletBackend(session: Session, validation: 'ok' | 'refused' = 'ok'): Handler {
      const standard = standardHandler(session, (method, id) => succeeded(method, id, session));
      return (request, backend) => {
        if (request.method === 'POST' && request.path === '/wallets/apple-pay/merchant-session') {
          return validation === 'ok'
            ? { status: 200, body: { merchantSession: { merchantSessionIdentifier: 'sandbox', epochTimestamp: 1 } } }
            : { status: 502, body: { error: { code: 'internal_error', message: 'Apple refused the merchant' } } };
        }
        return standard(request, backend);
      };
    }

    async function payWithApplePay(el: CkCheckout): Promise<CheckoutHarness> {
      const checkout = new CheckoutHarness(domDriver(el));
      await checkout.choose('Apple Pay');
      await checkout.pay();
      return checkout;
    }

    const payments = () => backend!.requests.filter((r) => r.method === 'POST' && r.path === '/payments');

    it('approved: the backend validates the merchant, receives the wallet token with POST /payments, and the sheet closes with success', async () => {
      const sheet = installSheet('approve');
      backend = new FakeBackend(walletBackend(APPLE_SESSION));
      const { el, ready } = await mount(APPLE_SESSION);
      expect(ready.detail.methods).to.include('apple_pay');
      const paid = oneEvent(el, 'ck-payment-succeeded');
      await payWithApplePay(el);
      expect((await paid).detail.method).to.equal('apple_pay');
      expect(sheet.methods).to.deep.equal([{ supportedMethods: 'https://apple.com/apple-pay', data: APPLE_DATA }]);
      expect(sheet.total).to.deep.equal({ label: 'Total', amount: { currency: 'USD', value: '42.00' } });
      expect(sheet.validated).to.equal(true);
      const validation = backend.requests.find((r) => r.path === '/wallets/apple-pay/merchant-session')!;
      expect(validation.body).to.deep.equal({ validationUrl: 'https://apple-pay-gateway.apple.com/paymentservices/startSession' });
      expect(payments()).to.have.length(1);
      expect(payments()[0]!.body).to.include({ method: 'apple_pay', walletToken: JSON.stringify(TOKEN) });
      await waitUntil(() => sheet.completed.length === 1, 'the sheet to close');
      expect(sheet.completed).to.deep.equal(['success']);
    });

    it('the buyer closes the sheet (AbortError): a cancelled state, no payment, the list and Pay are back', async () => {
      installSheet('cancel');
      backend = new FakeBackend(walletBackend(APPLE_SESSION));
      const { el } = await mount(APPLE_SESSION);
      const checkout = await payWithApplePay(el);
      await waitUntil(() => el.shadowRoot!.textContent!.includes('Payment cancelled. Nothing was charged.'), 'the cancellation announced');
      expect(payments()).to.have.length(0);
      expect(el.state).to.equal('ready');
      expect(await checkout.picker.selected()).to.equal('Apple Pay');
      await checkout.payButton();
    });

    /** Pays with Apple Pay, and removes the checkout once the sheet is shown; the sheet was asked to abort once. */
    async function removeWhileSheetOpen(ending: 'hold' | 'approve-late'): Promise<{ el: CkCheckout; sheet: Sheet }> {
      const sheet = installSheet(ending);
      backend = new FakeBackend(walletBackend(APPLE_SESSION));
      const { el } = await mount(APPLE_SESSION);
      await payWithApplePay(el);
      await waitUntil(() => sheet.validated, 'the sheet to be shown');
      el.remove();
      expect(sheet.aborted).to.equal(1);
      return { el, sheet };
    }
    const cancelled = (el: CkCheckout) => waitUntil(() => el.shadowRoot!.textContent!.includes('Payment cancelled. Nothing was charged.'), 'the sheet to end cancelled');

    it('the checkout removed while its sheet is open: the sheet is aborted, and no payment is made', async () => {
      const { el } = await removeWhileSheetOpen('hold');
      await cancelled(el);
      expect(payments()).to.have.length(0);
    });

    it('approved just as the checkout was removed (too late to abort): the sheet closes with fail, and no payment is made', async () => {
      const { el, sheet } = await removeWhileSheetOpen('approve-late');
      sheet.release();
      await cancelled(el);
      expect(sheet.completed).to.deep.equal(['fail']);
      expect(payments()).to.have.length(0);
    });

    it('a sheet that breaks, or a merchant the backend cannot validate: failed, no payment, the buyer is told to choose another method', async () => {
      installSheet('break');
      backend = new FakeBackend(walletBackend(APPLE_SESSION));
      let { el } = await mount(APPLE_SESSION);
      await payWithApplePay(el);
      const failure = "Apple Pay isn't available right now. Nothing was charged. Please choose another method.";
      await waitUntil(() => el.shadowRoot!.textContent!.includes(failure), 'the failure announced');
      expect(payments()).to.have.length(0);
      expect(el.state).to.equal('ready');
      backend.restore();

      installSheet('approve');
      backend = new FakeBackend(walletBackend(APPLE_SESSION, 'refused'));
      ({ el } = await mount(APPLE_SESSION));
      await payWithApplePay(el);
      await waitUntil(() => el.shadowRoot!.textContent!.includes(failure), 'the failed validation announced');
      expect(payments()).to.have.length(0);
    });
  });
});
