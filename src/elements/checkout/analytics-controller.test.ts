import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../define/checkout.js';
import type { CkCheckout } from './checkout.js';
import type { AnalyticsEvent, EventBeacon, PaymentResult, Session } from '../../core/protocol/schemas.js';
import type { CkEventMap } from '../../events.js';
import { queryAllByRole } from '../../../test/shared/queries.js';
import { FAKE_ENDPOINT, FakeBackend, sessionFixture, standardHandler, succeeded } from '../../../test/shared/fake-backend.js';

let backend: FakeBackend | undefined;
const originalBeacon = navigator.sendBeacon.bind(navigator);
/** What sendBeacon was given, recorded synchronously: the URL and the text/plain Blob. */
let beacons: { url: string; blob: Blob }[] = [];
let sessionNumber = 0;

beforeEach(() => {
  beacons = [];
  sessionNumber += 1;
  localStorage.clear();
  navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
    beacons.push({ url: String(url), blob: data as Blob });
    return true;
  };
});
afterEach(() => {
  backend?.restore();
  backend = undefined;
  navigator.sendBeacon = originalBeacon;
  sessionStorage.clear();
  localStorage.clear();
});

type Ready = CustomEvent<CkEventMap['ck-ready']['detail']>;

/** What the fake PSP answers to a payment; success unless a test says otherwise. */
type Outcome = (method: string, id: string) => PaymentResult;

async function mount(session: Session, analytics?: string, outcome?: Outcome): Promise<CkCheckout> {
  backend?.restore();
  const standard = standardHandler(session, outcome ?? ((m, id) => succeeded(m, id, session)));
  backend = new FakeBackend((request, fake) =>
    request.method === 'POST' && request.path === '/events' ? { status: 202, body: { accepted: 1 } } : standard(request, fake),
  );
  let resolve!: (event: Ready) => void;
  const ready = new Promise<Ready>((r) => (resolve = r));
  const el = await fixture<CkCheckout>(html`<ck-checkout
    session-token="tok_secret_1"
    endpoint=${FAKE_ENDPOINT}
    locale="en"
    analytics=${analytics ?? 'on'}
    @ck-ready=${(event: Ready) => resolve(event)}
  ></ck-checkout>`);
  await ready;
  await el.updateComplete;
  // The outbox is fetched once the list is on screen; it then takes every event kept until then.
  await (el as unknown as { outbox: { ready: Promise<void> } }).outbox.ready;
  return el;
}

/** The parsed bodies of the beacons sent so far. */
const beaconBodies = () => Promise.all(beacons.map(async (b) => JSON.parse(await b.blob.text()) as EventBeacon));

/** Hides the page the way a closing tab does, and returns the events the beacons carried. */
async function hidePage(): Promise<AnalyticsEvent[]> {
  window.dispatchEvent(new PageTransitionEvent('pagehide'));
  return (await beaconBodies()).flatMap((body) => body.events);
}

async function payWith(el: CkCheckout, method: RegExp): Promise<void> {
  queryAllByRole(el, 'radio', { name: method })[0]!.click();
  await el.updateComplete;
  queryAllByRole(el, 'button', { name: /^Pay/ })[0]!.click();
  await waitUntil(() => el.state === 'succeeded', 'payment succeeded', { timeout: 5000 });
}

/** A session of its own per test, so no test sees another's stored events. */
const NL = (extra: Partial<Session> = {}) =>
  sessionFixture({ id: `cs_analytics_${sessionNumber}`, experiments: [{ key: 'paypal-first', variant: 'b', order: ['paypal'] }], ...extra });
const slot = () => `ck-events:cs_analytics_${sessionNumber}`;

describe('<ck-checkout> analytics', () => {
  it('fires ck-checkout-viewed, ck-ready with the experiments, and ck-payment-submitted before ck-payment-succeeded', async () => {
    const seen: string[] = [];
    const record = (event: Event) => seen.push(event.type + ((event as CustomEvent<{ experiments?: unknown }>).detail.experiments ? JSON.stringify((event as CustomEvent<{ experiments?: unknown }>).detail.experiments) : ''));
    for (const name of ['ck-checkout-viewed', 'ck-ready', 'ck-payment-submitted', 'ck-payment-succeeded']) document.addEventListener(name, record);
    try {
      const el = await mount(NL());
      await payWith(el, /ideal/i);
    } finally {
      for (const name of ['ck-checkout-viewed', 'ck-ready', 'ck-payment-submitted', 'ck-payment-succeeded']) document.removeEventListener(name, record);
    }
    expect(seen).to.deep.equal(['ck-checkout-viewed', 'ck-ready[{"key":"paypal-first","variant":"b"}]', 'ck-payment-submitted', 'ck-payment-succeeded']);
  });

  it('beacons every step when the page is hidden right after paying: exact order, variant, nothing personal', async () => {
    const el = await mount(NL());
    await payWith(el, /ideal/i);
    const events = await hidePage();
    expect(events.map((e) => e.type)).to.deep.equal([
      'checkout.viewed', 'methods.shown', 'experiment.exposed', 'method.selected', 'payment.submitted', 'payment.succeeded',
    ]);
    expect(events[0]!.data).to.deep.equal({ country: 'NL', currency: 'EUR', amount: 4200 });
    expect(events[1]!.data).to.deep.equal({ methods: 'paypal,ideal,card', count: 3, experiments: 'paypal-first:b' });
    expect(events[2]!.data).to.deep.equal({ experiment: 'paypal-first', variant: 'b' });
    expect(events[3]!.data).to.deep.equal({ method: 'ideal', position: 2 });
    expect(events[4]!.data).to.deep.equal({ method: 'ideal', attempt: 1 });
    expect(events[5]!.data).to.deep.equal({ method: 'ideal', amount: 4200, currency: 'EUR' });
    expect(new Set(events.map((e) => e.id)).size).to.equal(events.length);
    expect(JSON.stringify(events)).not.to.include('tok_secret_1');
    expect(beacons.map((b) => [b.url, b.blob.type])).to.deep.equal([[`${FAKE_ENDPOINT}/events/beacon`, 'text/plain;charset=utf-8']]);
    expect((await beaconBodies())[0]).to.include({ version: '1', token: 'tok_secret_1' });
  });

  it('maps a failed payment, the fallback offered and the fallback chosen to payment.failed and fallback.* with codes and methods only', async () => {
    const session = NL();
    const declined: Outcome = (method, id) => ({
      id,
      method,
      status: 'failed',
      amount: session.amount,
      createdAt: new Date().toISOString(),
      failure: { code: method === 'paypal' ? 'method_unavailable' : 'issuer_unavailable', retryable: true },
    });
    const el = await mount(session, 'on', declined);
    queryAllByRole(el, 'radio', { name: /ideal/i })[0]!.click();
    await el.updateComplete;
    queryAllByRole(el, 'button', { name: /^Pay/ })[0]!.click();
    await waitUntil(() => queryAllByRole(el, 'button', { name: 'Pay with PayPal instead' }).length === 1, 'fallback offered', { timeout: 5000 });
    queryAllByRole(el, 'button', { name: 'Pay with PayPal instead' })[0]!.click();
    await waitUntil(() => el.state === 'failed' && queryAllByRole(el, 'alert')[0]?.textContent?.includes('PayPal') === true, 'PayPal failed', { timeout: 5000 });
    const events = await hidePage();
    const steps = events.filter((e) => /^(payment|fallback)\./.test(e.type)).map((e) => [e.type, e.data]);
    expect(steps).to.deep.equal([
      ['payment.submitted', { method: 'ideal', attempt: 1 }],
      ['payment.failed', { method: 'ideal', code: 'issuer_unavailable', attempt: 1 }],
      // A failed bank redirect offers cards first (the built-in rule), never the method that failed.
      ['fallback.offered', { method: 'ideal', code: 'issuer_unavailable', offered: 'card,paypal' }],
      ['fallback.chosen', { method: 'ideal', chosen: 'paypal' }],
      // `attempt` counts the checkout's attempts, whichever method.
      ['payment.submitted', { method: 'paypal', attempt: 2 }],
      ['payment.failed', { method: 'paypal', code: 'method_unavailable', attempt: 2 }],
      ['fallback.offered', { method: 'paypal', code: 'method_unavailable', offered: 'card' }],
    ]);
    expect(JSON.stringify(events)).not.to.include('tok_secret_1');
  });

  it('keeps unsent events in storage for the session, so the next page (a reload) sends them with the same ids', async () => {
    const first = await mount(NL());
    const stored = JSON.parse(localStorage.getItem(slot()) ?? '{}') as { events: AnalyticsEvent[] };
    expect(stored.events.map((e) => e.type)).to.deep.equal(['checkout.viewed', 'methods.shown', 'experiment.exposed']);
    // The page goes away (its beacon may or may not arrive); the next page of the session starts.
    first.remove();
    expect(beacons).to.have.length(1, 'the leaving page beacons what it has');
    beacons = [];
    await mount(NL());
    const events = await hidePage();
    expect(events.slice(0, 3).map((e) => e.id)).to.deep.equal(stored.events.map((e) => e.id));
    expect(events.filter((e) => e.type === 'checkout.viewed')).to.have.length(2, 'one per page view: the stored one and the new one');
  });

  it("records the support bubble's events from anywhere on the page in the checkout's session, without message text", async () => {
    await mount(NL());
    // As <ck-support-bubble> fires them (bubbling, composed), from outside the checkout; support-bubble.test.ts checks that contract.
    const bubble = document.createElement('div');
    document.body.append(bubble);
    const fire = <K extends keyof CkEventMap>(name: K, detail: CkEventMap[K]['detail']) =>
      bubble.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    fire('ck-support-opened', { reason: 'checkout' });
    fire('ck-support-message-sent', { messageId: 'msg_1', attachment: false, maskedCardNumbers: 1 });
    fire('ck-support-message-received', { messageId: 'msg_2', author: 'agent' });
    fire('ck-support-closed', {});
    bubble.remove();
    const events = (await hidePage()).filter((e) => e.type.startsWith('support.'));
    expect(events.map((e) => [e.type, e.data])).to.deep.equal([
      ['support.opened', { reason: 'checkout' }],
      ['support.message_sent', { attachment: false, maskedCardNumbers: 1 }],
      ['support.message_received', { author: 'agent' }],
      ['support.closed', {}],
    ]);
    expect((await beaconBodies())[0]).to.include({ token: 'tok_secret_1' });
  });

  it('sends nothing while analytics is "wait", everything once "on", and forgets all with "off"', async () => {
    const el = await mount(NL(), 'wait');
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await el.updateComplete;
    expect(beacons).to.have.length(0);
    expect(localStorage.getItem(slot())).to.equal(null);
    el.analytics = 'on';
    await el.updateComplete;
    expect((await hidePage()).map((e) => e.type)).to.deep.equal(['checkout.viewed', 'methods.shown', 'experiment.exposed']);

    beacons = [];
    const off = await mount(NL(), 'off');
    await payWith(off, /ideal/i);
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(beacons).to.have.length(0);
    expect(localStorage.getItem(slot())).to.equal(null);
    expect(backend!.requests.filter((r) => r.path === '/events')).to.have.length(0);
  });
});
