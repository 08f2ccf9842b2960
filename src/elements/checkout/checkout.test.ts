import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../define/checkout.js';
import type { CkCheckout } from './checkout.js';
import type { PaymentResult } from '../../core/protocol/schemas.js';
import type { CkEventMap } from '../../events.js';
import { queryAllByRole } from '../../../test/shared/queries.js';
import { FAKE_ENDPOINT, FakeBackend, sessionFixture, standardHandler, succeeded } from '../../../test/shared/fake-backend.js';
import { domDriver } from '../../../test/shared/dom-driver.js';
import { CheckoutHarness } from './checkout.harness.js';
import { afterNextPaint } from '../base/scheduling.js';

function byRole(el: CkCheckout, role: string, name?: RegExp): HTMLElement[] {
  return queryAllByRole(el, role, { name });
}

async function settle(el: CkCheckout, predicate: () => boolean, message: string): Promise<void> {
  await waitUntil(predicate, message, { timeout: 5000 });
  await el.updateComplete;
}

let backend: FakeBackend | undefined;
afterEach(() => {
  backend?.restore();
  backend = undefined;
  sessionStorage.clear();
});

const firstReady = new WeakMap<Element, Promise<CustomEvent<CkEventMap['ck-ready']['detail']>>>();

/** Mounts a checkout, listening for its first ck-ready from before it is connected (it may fire before fixture() resolves). */
async function mount(locale?: string): Promise<CkCheckout> {
  let resolve!: (event: CustomEvent<CkEventMap['ck-ready']['detail']>) => void;
  const ready = new Promise<CustomEvent<CkEventMap['ck-ready']['detail']>>((r) => (resolve = r));
  const el = await fixture<CkCheckout>(
    html`<ck-checkout session-token="tok_1" endpoint=${FAKE_ENDPOINT} locale=${locale ?? 'en'} @ck-ready=${(event: CkEventMap['ck-ready']) => resolve(event)}></ck-checkout>`,
  );
  firstReady.set(el, ready);
  return el;
}

/** The first ck-ready of a checkout from mount(). */
function readyOf(el: CkCheckout): Promise<CustomEvent<CkEventMap['ck-ready']['detail']>> {
  return firstReady.get(el)!;
}

describe('<ck-checkout>', () => {
  it('a checkout removed before its list was painted does not load the payment code', async () => {
    const session = sessionFixture();
    backend = new FakeBackend(standardHandler(session, (m, id) => succeeded(m, id, session)));
    const el = await mount();
    const payment = (el as unknown as { payment: { start: (...args: unknown[]) => unknown } }).payment;
    let starts = 0;
    const start = payment.start.bind(payment);
    payment.start = (...args) => {
      starts += 1;
      return start(...args);
    };
    await readyOf(el);
    // Removed in the task that fired ck-ready: the prefetch scheduled for after the list's paint must not run.
    el.remove();
    await afterNextPaint();
    await afterNextPaint();
    expect(starts).to.equal(0);
  });

  it('loads the session and shows the total, the methods and a Pay button with the amount', async () => {
    const session = sessionFixture();
    backend = new FakeBackend(standardHandler(session, (m, id) => succeeded(m, id, session)));
    const el = await mount();
    const ready = await readyOf(el);
    await el.updateComplete;
    expect(ready.detail.methods).to.include.members(['ideal', 'card', 'paypal']);
    expect(el.state).to.equal('ready');
    const checkout = new CheckoutHarness(domDriver(el));
    expect(await (await checkout.payButton()).name()).to.equal('Pay €42.00');
    expect(await checkout.picker.options()).to.have.length(3);
    const request = backend.requests[0]!;
    expect(request.headers.authorization).to.equal('Bearer tok_1');
    expect(request.headers['checkout-kit-version']).to.equal('1');
    await expect(el).to.be.accessible();
  });

  it('fires ck-ready only once the list and the Pay button are on screen', async () => {
    const session = sessionFixture();
    backend = new FakeBackend(standardHandler(session, (m, id) => succeeded(m, id, session)));
    const seenAtReady: { radios: number; pay: number }[] = [];
    await fixture<CkCheckout>(
      html`<ck-checkout session-token="tok_1" endpoint=${FAKE_ENDPOINT} locale="en" @ck-ready=${(event: Event) => {
        const el = event.target as CkCheckout;
        // Synchronously, as a store's listener would look (e.g. to click Pay or to scroll to it).
        seenAtReady.push({ radios: byRole(el, 'radio').length, pay: byRole(el, 'button', /^Pay /).length });
      }}></ck-checkout>`,
    );
    await waitUntil(() => seenAtReady.length === 1, 'ck-ready', { timeout: 5000 });
    expect(seenAtReady).to.deep.equal([{ radios: 3, pay: 1 }]);
  });

  it('pays, shows success, focuses the outcome and stores exactly one payment despite double clicks', async () => {
    const session = sessionFixture();
    backend = new FakeBackend(standardHandler(session, (m, id) => succeeded(m, id, session)));
    const el = await mount();
    await readyOf(el);
    await el.updateComplete;
    const pay = byRole(el, 'button', /^Pay/)[0]!;
    const done = oneEvent(el, 'ck-payment-succeeded');
    pay.click();
    pay.click();
    const event = await done;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.method).to.equal('ideal');
    await settle(el, () => byRole(el, 'heading', /Payment successful/).length === 1, 'success heading');
    expect(el.state).to.equal('succeeded');
    expect(backend.payments.size).to.equal(1);
    expect(el.shadowRoot!.activeElement?.textContent).to.contain('Payment successful');
    await expect(el).to.be.accessible();
  });

  it('explains a decline and retries with a new attempt key only after a definite failure', async () => {
    const session = sessionFixture();
    let declines = 1;
    backend = new FakeBackend(
      standardHandler(session, (method, id): PaymentResult =>
        declines-- > 0
          ? { id, method, status: 'failed', amount: session.amount, createdAt: new Date().toISOString(), failure: { code: 'insufficient_funds', retryable: true } }
          : succeeded(method, id, session),
      ),
    );
    const el = await mount();
    await readyOf(el);
    await el.updateComplete;
    const checkout = new CheckoutHarness(domDriver(el));
    const failed = oneEvent(el, 'ck-payment-failed');
    await checkout.pay();
    const failure = await failed;
    expect(failure.detail).to.include({ code: 'insufficient_funds', retryable: true, attempt: 1, method: 'ideal' });
    expect(await checkout.outcome()).to.equal('failed');
    expect(await checkout.alertTitle()).to.equal('Insufficient balance');
    await expect(el).to.be.accessible();
    const success = oneEvent(el, 'ck-payment-succeeded');
    await checkout.tryAgain();
    await success;
    await checkout.waitForOutcome('succeeded');
    const keys = backend.requests.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).to.equal(2);
    expect(backend.payments.size).to.equal(2);
  });

  it('re-sends the same attempt when the response is lost after the backend stored the payment', async () => {
    const session = sessionFixture();
    const standard = standardHandler(session, (m, id) => succeeded(m, id, session));
    let drops = 1;
    backend = new FakeBackend(async (request, fake) => {
      const reply = await standard(request, fake);
      if (request.method === 'POST' && drops-- > 0) return 'network-error';
      return reply;
    });
    const el = await mount();
    await readyOf(el);
    await el.updateComplete;
    byRole(el, 'button', /^Pay/)[0]!.click();
    await oneEvent(el, 'ck-payment-succeeded');
    const keys = backend.requests.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key']);
    expect(keys.length).to.equal(2);
    expect(keys[0]).to.equal(keys[1]);
    expect(backend.payments.size).to.equal(1);
  });

  it('sets aside an unknown method type with a ck-error and shows the rest', async () => {
    const session = sessionFixture();
    const raw = { ...session, paymentMethods: [...session.paymentMethods, { id: 'teleport', type: 'hologram' }] };
    backend = new FakeBackend((request) => (request.path === '/session' ? { status: 200, body: raw } : { status: 500, body: {} }));
    const ready = oneEvent(document, 'ck-ready');
    const el = fixture<CkCheckout>(html`<ck-checkout session-token="t" endpoint=${FAKE_ENDPOINT} locale="en"></ck-checkout>`);
    const error = await oneEvent(document, 'ck-error');
    expect(error.detail.code).to.equal('unknown_method');
    const checkout = await el;
    await ready;
    await checkout.updateComplete;
    expect(byRole(checkout, 'radio').length).to.equal(3);
  });

  const faults: [string, () => { status: number; body: unknown } | 'network-error', RegExp, string][] = [
    ['a malformed session', () => ({ status: 200, body: { id: 42 } }), /couldn't read/, 'malformed_response'],
    ['a network error', () => 'network-error', /couldn't reach/, 'network_error'],
    ['an HTTP 503', () => ({ status: 503, body: 'Service Unavailable' }), /having trouble/, 'server_error'],
  ];
  for (const [name, reply, message, code] of faults) {
    it(`shows a localized way forward after ${name}`, async () => {
      const session = sessionFixture();
      let broken = true;
      const good = standardHandler(session, (m, id) => succeeded(m, id, session));
      backend = new FakeBackend((request, fake) => (broken ? reply() : good(request, fake)));
      const errors: string[] = [];
      document.addEventListener('ck-error', (e) => errors.push(e.detail.code));
      const el = await mount();
      await settle(el, () => el.state === 'unavailable', 'unavailable state');
      await settle(el, () => byRole(el, 'alert').length === 1, 'alert');
      expect(byRole(el, 'alert')[0]!.textContent).to.match(message);
      expect(errors).to.include(code);
      await expect(el).to.be.accessible();
      broken = false;
      byRole(el, 'button', /^Try again$/)[0]!.click();
      await oneEvent(el, 'ck-ready');
      expect(el.state).to.equal('ready');
    });
  }

  it('rejects an invalid endpoint attribute with a visible state and ck-error, without any request', async () => {
    backend = new FakeBackend(() => ({ status: 500, body: {} }));
    const errorEvent = oneEvent(document, 'ck-error');
    const el = await fixture<CkCheckout>(html`<ck-checkout session-token="t" endpoint="javascript:alert(1)" locale="en"></ck-checkout>`);
    expect((await errorEvent).detail.code).to.equal('invalid_attribute');
    await settle(el, () => el.state === 'unavailable', 'unavailable');
    expect(byRole(el, 'alert')[0]!.textContent).to.match(/not set up correctly/);
    expect(backend.requests.length).to.equal(0);
  });

  it('on an expired token asks the store for a new one and continues the same attempt', async () => {
    const session = sessionFixture();
    const good = standardHandler(session, (m, id) => succeeded(m, id, session));
    backend = new FakeBackend((request, fake) =>
      request.headers.authorization === 'Bearer tok_1' && request.method === 'POST'
        ? { status: 401, body: { error: { code: 'session_expired', message: 'expired' } } }
        : good(request, fake),
    );
    const el = await mount();
    await readyOf(el);
    await el.updateComplete;
    await settle(el, () => byRole(el, 'radio', /card/i).length === 1, 'card radio');
    byRole(el, 'radio', /card/i)[0]!.click();
    const expired = oneEvent(el, 'ck-session-expired');
    byRole(el, 'button', /^Pay/)[0]!.click();
    await expired;
    await settle(el, () => el.state === 'expired', 'expired state');
    el.sessionToken = 'tok_2';
    const paid = await oneEvent(el, 'ck-payment-succeeded');
    expect(paid.detail.method).to.equal('card');
    const keys = backend.requests.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).to.equal(1);
    expect(backend.payments.size).to.equal(1);
  });

  it('leaves an open QR for another method: cancels it first, says so, then hands focus back to the list', async () => {
    const session = sessionFixture();
    let releaseCancel!: () => void;
    const cancelHeld = new Promise<void>((resolve) => (releaseCancel = resolve));
    const qr = (method: string, id: string): PaymentResult => ({
      id, method, amount: session.amount, createdAt: new Date().toISOString(), status: 'requires_action',
      action: { type: 'qr', payload: '00020101021226580014br.gov.bcb.pix', expiresAt: new Date(Date.now() + 600_000).toISOString() },
    });
    const standard = standardHandler(session, qr);
    backend = new FakeBackend(async (request, fake) => {
      if (request.path.endsWith('/cancel')) await cancelHeld;
      return standard(request, fake);
    });
    const el = await mount();
    await settle(el, () => el.state === 'ready', 'ready');
    byRole(el, 'button', /^Pay /)[0]!.click();
    await settle(el, () => el.state === 'action', 'QR shown');
    // The action element is its own lazy chunk.
    await customElements.whenDefined('ck-payment-action');
    const action = el.shadowRoot!.querySelector('ck-payment-action')!;
    await action.updateComplete;
    queryAllByRole(action, 'button', { name: /Choose another method/ })[0]!.click();
    // Until the backend confirmed the cancel the list stays away: the old QR could still be paid.
    await settle(el, () => byRole(el, 'heading', /Cancelling the previous payment/).length === 1, 'cancelling shown');
    expect(byRole(el, 'radio')).to.have.length(0);
    releaseCancel();
    await settle(el, () => el.state === 'ready', 'back to the list');
    const focused = el.shadowRoot!.activeElement;
    expect(focused?.tagName).to.equal('CK-METHOD-PICKER');
    expect([...backend.payments.values()].map((p) => (p.status === 'failed' ? p.failure.code : p.status))).to.deep.equal(['cancelled']);
  });

  it('renders right-to-left in Arabic with localized text', async () => {
    const session = sessionFixture({ country: 'SA', amount: { value: 15000, currency: 'SAR' }, paymentMethods: [{ id: 'mada', type: 'card' }, { id: 'stc_pay', type: 'wallet' }, { id: 'cod', type: 'cash_on_delivery' }] });
    backend = new FakeBackend(standardHandler(session, (m, id) => succeeded(m, id, session)));
    const el = await mount('ar');
    // No oneEvent here: the fixture resolves once Arabic has loaded, possibly after ck-ready already fired.
    await waitUntil(() => el.state === 'ready', 'ready', { timeout: 5000 });
    await waitUntil(() => el.shadowRoot!.querySelector('section')?.getAttribute('dir') === 'rtl', 'rtl', { timeout: 5000 });
    await el.updateComplete;
    expect(byRole(el, 'heading')[0]!.textContent).not.to.match(/Payment/);
    await expect(el).to.be.accessible();
  });
});
