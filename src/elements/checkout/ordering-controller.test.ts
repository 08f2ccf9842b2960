import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { computeAccessibleName } from 'dom-accessibility-api';
import '../../define/checkout.js';
import type { CkCheckout } from './checkout.js';
import type { Session } from '../../core/protocol/schemas.js';
import type { CkEventMap } from '../../events.js';
import { queryAllByRole } from '../../../test/shared/queries.js';
import { FAKE_ENDPOINT, FakeBackend, sessionFixture, standardHandler, succeeded } from '../../../test/shared/fake-backend.js';

let backend: FakeBackend | undefined;
afterEach(() => {
  backend?.restore();
  backend = undefined;
  sessionStorage.clear();
  localStorage.clear();
});

type Ready = CustomEvent<CkEventMap['ck-ready']['detail']>;

/** Mounts a checkout against `session`; resolves with it, its first ck-ready and the ck-errors it fired. */
async function mount(session: Session, attributes: { experiments?: string; buyerId?: string; remember?: boolean } = {}) {
  backend?.restore();
  backend = new FakeBackend(standardHandler(session, (m, id) => succeeded(m, id, session)));
  const errors: CkEventMap['ck-error']['detail'][] = [];
  let resolve!: (event: Ready) => void;
  const ready = new Promise<Ready>((r) => (resolve = r));
  const el = await fixture<CkCheckout>(html`<ck-checkout
    session-token="tok_1"
    endpoint=${FAKE_ENDPOINT}
    locale="en"
    experiments=${attributes.experiments ?? ''}
    buyer-id=${attributes.buyerId ?? ''}
    ?remember-method=${attributes.remember ?? false}
    @ck-ready=${(event: Ready) => resolve(event)}
    @ck-error=${(event: CkEventMap['ck-error']) => errors.push(event.detail)}
  ></ck-checkout>`);
  const event = await ready;
  await el.updateComplete;
  return { el, methods: event.detail.methods, errors };
}

/** The names of the method radios, top to bottom. */
const shown = (el: CkCheckout) => queryAllByRole(el, 'radio').map((radio) => computeAccessibleName(radio));

const NL = (extra: Partial<Session> = {}) =>
  sessionFixture({
    paymentMethods: [
      { id: 'card', type: 'card' },
      { id: 'paypal', type: 'wallet' },
      { id: 'ideal', type: 'bank_redirect' },
    ],
    ...extra,
  });

describe('<ck-checkout> method order', () => {
  it('shows the regional order when the session says nothing, and the order as sent with ordering.source "merchant"', async () => {
    const regional = await mount(NL());
    expect(regional.methods).to.deep.equal(['ideal', 'card', 'paypal']);
    const merchant = await mount(NL({ ordering: { source: 'merchant' } }));
    expect(merchant.methods).to.deep.equal(['card', 'paypal', 'ideal']);
    expect(shown(merchant.el)[0]).to.match(/card/i);
    expect(shown(merchant.el)[1]).to.match(/paypal/i);
  });

  it('applies pins, hides and the session’s experiment variant on screen and in ck-ready', async () => {
    const { el, methods } = await mount(NL({ ordering: { source: 'merchant', hide: ['card'] }, experiments: [{ key: 'ideal-first', variant: 'b', order: ['ideal'] }] }));
    expect(methods).to.deep.equal(['ideal', 'paypal']);
    expect(shown(el).length).to.equal(2);
    expect(shown(el)[0]).to.match(/ideal/i);
  });

  it('buckets client-side experiments on buyer-id: the same buyer sees the same order every time', async () => {
    const experiments = JSON.stringify([{ key: 'wallet-first', variants: [{ key: 'control' }, { key: 'paypal', order: ['paypal'] }] }]);
    const seen = new Map<string, string>();
    for (const buyer of ['b-1', 'b-2', 'b-3', 'b-4', 'b-5', 'b-6', 'b-1', 'b-4']) {
      const { methods } = await mount(NL(), { experiments, buyerId: buyer });
      const order = methods.join(',');
      if (seen.has(buyer)) expect(order, buyer).to.equal(seen.get(buyer));
      seen.set(buyer, order);
    }
    // Both variants occur among six buyers with these ids (GrowthBook v2 buckets of "wallet-first").
    expect(new Set(seen.values()).size).to.equal(2);
  });

  it('keeps an anonymous id in this browser when no buyer-id is given, so a reload keeps the variant', async () => {
    const experiments = JSON.stringify([{ key: 'wallet-first', variants: [{ key: 'control' }, { key: 'paypal', order: ['paypal'] }] }]);
    const first = await mount(NL(), { experiments });
    const unit = localStorage.getItem('ck-unit-id');
    expect(unit).to.match(/^[0-9a-f-]{36}$/);
    const again = await mount(NL(), { experiments });
    expect(again.methods).to.deep.equal(first.methods);
  });

  it('lists the method last paid with first only when the store opts in with remember-method', async () => {
    const { el } = await mount(NL(), { remember: true });
    const paypal = queryAllByRole(el, 'radio', { name: /paypal/i })[0]!;
    paypal.click();
    await el.updateComplete;
    queryAllByRole(el, 'button', { name: /^Pay/ })[0]!.click();
    await waitUntil(() => el.state === 'succeeded', 'payment succeeded', { timeout: 5000 });
    expect(Object.values(localStorage).filter((value) => value === 'paypal')).to.have.length(1);
    expect((await mount(NL(), { remember: true })).methods[0]).to.equal('paypal');
    expect((await mount(NL())).methods[0]).to.equal('ideal');
  });

  it('survives malformed ordering, experiments and attributes: regional order, reported with ck-error', async () => {
    const broken = { ...NL(), ordering: { source: 'sideways' }, experiments: 'nope' } as unknown as Session;
    const { methods, errors } = await mount(broken, { experiments: '{not json' });
    expect(methods).to.deep.equal(['ideal', 'card', 'paypal']);
    expect(errors.map((e) => e.code)).to.include.members(['malformed_response', 'invalid_attribute']);
    expect(errors.filter((e) => e.code === 'malformed_response')).to.have.length(2);
  });
});
