import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../define/checkout.js';
import type { CkCheckout } from './checkout.js';
import type { PaymentResult } from '../../core/protocol/schemas.js';
import { queryAllByRole } from '../../../test/shared/queries.js';
import { FAKE_ENDPOINT, FakeBackend, sessionFixture, standardHandler } from '../../../test/shared/fake-backend.js';

let backend: FakeBackend | undefined;
afterEach(() => {
  backend?.restore();
  backend = undefined;
  sessionStorage.clear();
  document.querySelectorAll('ck-support-bubble').forEach((bubble) => bubble.remove());
});

const declined = (session: ReturnType<typeof sessionFixture>) => (method: string, id: string): PaymentResult => ({
  id,
  method,
  status: 'failed',
  amount: session.amount,
  createdAt: new Date().toISOString(),
  failure: { code: method === 'paypal' ? 'method_unavailable' : 'issuer_unavailable', retryable: true },
});

async function failedCheckout(): Promise<CkCheckout> {
  const session = sessionFixture();
  backend = new FakeBackend(standardHandler(session, declined(session)));
  const el = await fixture<CkCheckout>(html`<ck-checkout session-token="tok_1" endpoint=${FAKE_ENDPOINT} locale="en"></ck-checkout>`);
  await waitUntil(() => queryAllByRole(el, 'button', { name: /^Pay / }).length === 1, 'Pay button', { timeout: 5000 });
  const failed = oneEvent(el, 'ck-payment-failed');
  queryAllByRole(el, 'button', { name: /^Pay / })[0]!.click();
  await failed;
  await el.updateComplete;
  return el;
}

const alertText = (el: CkCheckout) => queryAllByRole(el, 'alert')[0]?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<ck-checkout> failures', () => {
  it('names the method that failed, says when it failed again, and lists this checkout\'s attempts', async () => {
    const el = await failedCheckout();
    expect(alertText(el)).to.contain("Payment with iDEAL didn't go through");
    expect(queryAllByRole(el, 'list')).to.have.length(0, 'no history after one attempt');

    const again = oneEvent(el, 'ck-payment-failed');
    queryAllByRole(el, 'button', { name: 'Try again' })[0]!.click();
    expect((await again).detail.attempt).to.equal(2);
    await el.updateComplete;
    expect(alertText(el)).to.contain("Payment with iDEAL didn't go through again");

    const third = oneEvent(el, 'ck-payment-failed');
    queryAllByRole(el, 'button', { name: 'Pay with PayPal instead' })[0]!.click();
    await third;
    await el.updateComplete;
    expect(alertText(el)).to.contain("Payment with PayPal didn't go through");
    expect(alertText(el)).not.to.contain('again');
    const [history] = queryAllByRole(el, 'list');
    const entries = [...history!.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(entries).to.have.length(3);
    expect(entries[0]).to.match(/^iDEAL/);
    expect(entries[1]).to.match(/^iDEAL/);
    expect(entries[2]).to.match(/^PayPal/);
    expect(queryAllByRole(el, 'heading', { name: 'Your payment attempts' })).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('offers "Need help?" only when the page has a support bubble, and hands it the context without secrets', async () => {
    const without = await failedCheckout();
    expect(queryAllByRole(without, 'button', { name: /Need help/ })).to.have.length(0);
    without.remove();
    backend?.restore();
    // Attempts are counted per session across page loads; this is a new page for the same session id.
    sessionStorage.clear();

    document.body.append(document.createElement('ck-support-bubble'));
    const el = await failedCheckout();
    const help = queryAllByRole(el, 'button', { name: 'Need help? Chat with us' });
    expect(help).to.have.length(1);
    const requested = oneEvent(document, 'ck-support-requested');
    help[0]!.click();
    const event = await requested;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.context).to.deep.equal({
      sessionId: 'cs_test_1',
      amount: { value: 4200, currency: 'EUR' },
      method: 'ideal',
      code: 'issuer_unavailable',
      attempt: 1,
      locale: 'en',
      country: 'NL',
    });
    expect(JSON.stringify(event.detail)).not.to.contain('tok_1');
  });

  it('takes the store\'s fallback rules from the attribute, and reports rules that are not valid', async () => {
    const session = sessionFixture();
    backend = new FakeBackend(standardHandler(session, declined(session)));
    const errors: string[] = [];
    const el = await fixture<CkCheckout>(html`<ck-checkout
      session-token="tok_1"
      endpoint=${FAKE_ENDPOINT}
      locale="en"
      fallback-rules='[{"when":{"method":"ideal"},"offer":["paypal","card"]},{"when":{"type":"nonsense"},"offer":[]}]'
      @ck-error=${(event: CustomEvent<{ code: string; message: string }>) => errors.push(`${event.detail.code}: ${event.detail.message}`)}
    ></ck-checkout>`);
    await waitUntil(() => queryAllByRole(el, 'button', { name: /^Pay / }).length === 1, 'Pay button', { timeout: 5000 });
    const offered = oneEvent(el, 'ck-fallback-offered');
    queryAllByRole(el, 'button', { name: /^Pay / })[0]!.click();
    // The built-in rule for a failed bank redirect puts cards first; the store's rule puts PayPal first.
    expect((await offered).detail.offered).to.deep.equal(['paypal', 'card']);
    expect(errors).to.include('invalid_attribute: fallback-rules: 1 invalid rule was left out');

    el.setAttribute('fallback-rules', '{not json');
    errors.length = 0;
    el.requestUpdate();
    await el.updateComplete;
    expect(errors).to.include('invalid_attribute: fallback-rules: is not JSON');
  });

  it('arabic: the method line and the history read right to left', async () => {
    const session = sessionFixture();
    backend = new FakeBackend(standardHandler(session, declined(session)));
    const el = await fixture<CkCheckout>(html`<ck-checkout session-token="tok_1" endpoint=${FAKE_ENDPOINT} locale="ar"></ck-checkout>`);
    await waitUntil(() => queryAllByRole(el, 'radio').length > 0, 'list', { timeout: 5000 });
    await el.updateComplete;
    const failed = oneEvent(el, 'ck-payment-failed');
    (el.shadowRoot!.querySelector('button[part~="pay-button"]') as HTMLButtonElement).click();
    await failed;
    await el.updateComplete;
    expect(alertText(el)).to.contain('لم تكتمل عملية الدفع عبر');
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('dir')).to.equal('rtl');
  });
});
