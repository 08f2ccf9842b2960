// The parts <ck-checkout> promises (docs/theming.md) style real nodes from the page: a store's
// `ck-checkout::part(x)` rule reaches the checkout's own nodes and, through exportparts, its
// children's (picker, amount, payment action). test/unit/tokens.test.ts checks every promised part
// statically; this checks in Chromium, state by state, that the forwarding actually works, and that
// the checkout's state is a CSS custom state (`:state(failed)`).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../define/checkout.js';
import type { CkCheckout } from './checkout.js';
import type { PaymentResult } from '../../core/protocol/schemas.js';
import { FAKE_ENDPOINT, FakeBackend, sessionFixture, standardHandler } from '../../../test/shared/fake-backend.js';

let backend: FakeBackend | undefined;
const probe = document.createElement('style');
document.head.append(probe);
afterEach(() => {
  backend?.restore();
  backend = undefined;
  probe.textContent = '';
  sessionStorage.clear();
});

/** Every element in the composed tree below `root`, through open shadow roots. */
function deepElements(root: Element | ShadowRoot): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...deepElements(element.shadowRoot));
  }
  return found;
}

/** The parts of `names` that a page rule `ck-checkout::part(name)` does not reach. */
function unreached(el: CkCheckout, names: readonly string[]): string[] {
  const nodes = deepElements(el.shadowRoot!);
  return names.filter((name) => {
    probe.textContent = `ck-checkout::part(${name}) { scroll-margin-block-start: 7px; }`;
    return !nodes.some((node) => getComputedStyle(node).scrollMarginBlockStart === '7px');
  });
}

async function checkout(outcome: (method: string, id: string) => PaymentResult, state: string): Promise<CkCheckout> {
  const session = sessionFixture();
  backend = new FakeBackend(standardHandler(session, outcome));
  const el = await fixture<CkCheckout>(html`<ck-checkout session-token="tok_1" endpoint=${FAKE_ENDPOINT} locale="en"></ck-checkout>`);
  await waitUntil(() => el.state === 'ready', 'ready', { timeout: 5000 });
  await el.updateComplete;
  if (state === 'ready') return el;
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
  await waitUntil(() => el.state === state, state, { timeout: 5000 });
  if (state === 'action') await customElements.whenDefined('ck-payment-action');
  await el.updateComplete;
  await el.shadowRoot!.querySelector<CkCheckout>('ck-payment-action')?.updateComplete;
  return el;
}

const failed = (method: string, id: string): PaymentResult => ({
  id,
  method,
  status: 'failed',
  amount: sessionFixture().amount,
  createdAt: new Date().toISOString(),
  failure: { code: 'issuer_unavailable', retryable: true },
});
const qr = (method: string, id: string): PaymentResult => ({
  id,
  method,
  status: 'requires_action',
  amount: sessionFixture().amount,
  createdAt: new Date().toISOString(),
  action: { type: 'qr', payload: '00020101021226580014br.gov.bcb.pix', expiresAt: new Date(Date.now() + 600_000).toISOString() },
});

describe('<ck-checkout> parts from the page', () => {
  it('reaches its own and the picker\'s and amount\'s parts when ready', async () => {
    const el = await checkout(failed, 'ready');
    const parts = ['base', 'header', 'title', 'total', 'amount', 'legend', 'option', 'option-label', 'icon', 'button', 'primary-button', 'pay-button'];
    expect(unreached(el, parts)).to.deep.equal([]);
    expect(el.matches(':state(ready)')).to.equal(true);
  });

  it('reaches the outcome panel and the fallback buttons after a failure', async () => {
    const el = await checkout(failed, 'failed');
    const parts = ['panel', 'danger-panel', 'title', 'primary-button', 'secondary-button', 'fallback-button', 'fallbacks'];
    expect(unreached(el, parts)).to.deep.equal([]);
    expect(el.matches(':state(failed)')).to.equal(true);
    expect(el.matches(':state(ready)')).to.equal(false, 'one state at a time');
  });

  it('reaches the payment action\'s parts, renamed where they would be ambiguous', async () => {
    const el = await checkout(qr, 'action');
    const parts = ['action', 'title', 'waiting', 'qr', 'countdown', 'code', 'button', 'copy-button', 'primary-button', 'secondary-button'];
    expect(unreached(el, parts)).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('ck-payment-action')!.matches(':state(qr)')).to.equal(true);
  });

  it('would say so when a part is not forwarded', async () => {
    const el = await checkout(failed, 'ready');
    el.shadowRoot!.querySelector('ck-method-picker')!.setAttribute('exportparts', 'legend');
    expect(unreached(el, ['legend', 'option'])).to.deep.equal(['option']);
  });
});
