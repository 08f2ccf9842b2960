import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../define/checkout.js';
import { CkCheckout } from './checkout.js';
import { CkMethodPicker } from '../method-picker/method-picker.js';
import { CkAmount } from '../amount/amount.js';
import { LocaleController } from '../base/locale-controller.js';
import type { CkEventMap } from '../../events.js';
import { FAKE_ENDPOINT, FakeBackend, sessionFixture, standardHandler, succeeded } from '../../../test/shared/fake-backend.js';

/**
 * Main-thread work before the list (issue 15): how often each element renders, and how many
 * strings are translated, until the picker first shows options a buyer can choose. Each figure is a
 * count, not a time, so the test holds on a busy machine; each limit is today's count, so an extra
 * render or a per-render re-translation that creeps in fails here first. What comes after the list
 * (the brands' marks swapped in, `ck-ready`) is not counted.
 */
const counts = { checkout: 0, picker: 0, amount: 0, translations: 0, loadingRendered: 0 };
/** The counts at the end of the first picker update that left an enabled radio on screen. */
let atList: typeof counts | null = null;
const wrap = <T extends object>(proto: T, method: keyof T, count: () => void, after?: (self: T) => void) => {
  const original = proto[method] as (...args: unknown[]) => unknown;
  (proto as Record<keyof T, unknown>)[method] = function (this: T, ...args: unknown[]) {
    count();
    const result = original.apply(this, args);
    after?.(this);
    return result;
  };
  return () => ((proto as Record<keyof T, unknown>)[method] = original);
};
const listShown = (picker: CkMethodPicker) => {
  if (!atList && picker.shadowRoot?.querySelector('input[type=radio]:not(:disabled)')) atList = { ...counts };
};

let restore: (() => void)[] = [];
let backend: FakeBackend | undefined;
beforeEach(() => {
  for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] = 0;
  atList = null;
  // The fake backend answers at once, but a loaded machine can take longer than the real 300 ms
  // before the list is ready (CI did): how long the first render may wait is not what is counted
  // here, so it waits as long as it takes. The test with a held session sets it to 0.
  CkCheckout.loadingStateDelayMs = 60_000;
  restore = [
    wrap(
      CkCheckout.prototype,
      'update' as keyof CkCheckout,
      () => counts.checkout++,
      (checkout) => void (checkout.shadowRoot?.querySelector('.skeleton') && counts.loadingRendered++),
    ),
    wrap(CkMethodPicker.prototype, 'update' as keyof CkMethodPicker, () => counts.picker++, listShown),
    wrap(CkAmount.prototype, 'update' as keyof CkAmount, () => counts.amount++),
    wrap(LocaleController.prototype, 't', () => counts.translations++),
  ];
});
afterEach(() => {
  CkCheckout.loadingStateDelayMs = 300;
  for (const undo of restore) undo();
  backend?.restore();
  backend = undefined;
});

async function untilReady(locale: string): Promise<typeof counts> {
  const session = sessionFixture();
  backend = new FakeBackend(standardHandler(session, (m, id) => succeeded(m, id, session)));
  let resolve!: () => void;
  const ready = new Promise<void>((r) => (resolve = r));
  await fixture<CkCheckout>(html`<ck-checkout session-token="tok_1" endpoint=${FAKE_ENDPOINT} locale=${locale} @ck-ready=${(_: CkEventMap['ck-ready']) => resolve()}></ck-checkout>`);
  await ready;
  if (!atList) throw new Error('ck-ready came without an enabled option in the picker');
  return atList;
}

/**
 * 2026-12-02, when the first render began to wait for the list: with the session answered at once,
 * the checkout renders once, already with the list, in English and in a lazy language alike (its
 * messages load with the region's order, before that render); no loading state is rendered, laid
 * out and replaced. Before, it was 3 (en) and 4 (nl). The picker and the amount render once.
 * Translations get twice today's count: new strings may come, a list translated again on every
 * render (dozens) may not.
 */
const LIMITS: Record<string, Omit<typeof counts, 'loadingRendered'>> = {
  en: { checkout: 1, picker: 1, amount: 1, translations: 12 },
  nl: { checkout: 1, picker: 1, amount: 1, translations: 12 },
};

describe('<ck-checkout> before the list', () => {
  for (const [locale, limit] of Object.entries(LIMITS)) {
    it(`renders each element a bounded number of times until its list is usable (${locale})`, async () => {
      const seen = await untilReady(locale);
      expect(seen.checkout, 'ck-checkout updates').to.be.at.most(limit.checkout);
      expect(seen.picker, 'ck-method-picker updates').to.be.at.most(limit.picker);
      expect(seen.amount, 'ck-amount updates').to.be.at.most(limit.amount);
      expect(seen.translations, 'strings translated').to.be.at.most(limit.translations);
      expect(seen.loadingRendered, 'renders of the loading state').to.equal(0);
    });
  }

  it('a token set after the element was connected loads the session at once, without a loading state', async () => {
    const session = sessionFixture();
    backend = new FakeBackend(standardHandler(session, (m, id) => succeeded(m, id, session)));
    CkCheckout.loadingStateDelayMs = 60_000; // only the session can open the first render here
    const el = document.createElement('ck-checkout') as CkCheckout;
    el.setAttribute('endpoint', FAKE_ENDPOINT);
    el.setAttribute('locale', 'en');
    document.body.append(el);
    try {
      // The store fetched its token meanwhile (a later task).
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      el.setAttribute('session-token', 'tok_1');
      await waitUntil(() => el.state === 'ready', 'the list', { timeout: 5000 });
      expect(counts.loadingRendered).to.equal(0);
      expect(backend.requests.filter((r) => r.path === '/session').length).to.equal(1);
    } finally {
      el.remove();
    }
  });

  it('shows the loading state when the session takes longer than loadingStateDelayMs, then the list', async () => {
    const session = sessionFixture();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const handler = standardHandler(session, (m, id) => succeeded(m, id, session));
    backend = new FakeBackend(async (request, fake) => {
      if (request.path === '/session') await answered;
      return handler(request, fake);
    });
    CkCheckout.loadingStateDelayMs = 0;
    const el = await fixture<CkCheckout>(html`<ck-checkout session-token="tok_1" endpoint=${FAKE_ENDPOINT} locale="en"></ck-checkout>`);
    await el.updateComplete;
    const status = el.shadowRoot!.querySelector('.skeleton[role=status]');
    expect(status?.textContent?.trim()).to.equal('Loading payment options…');
    expect(el.shadowRoot!.querySelector('ck-method-picker')).to.equal(null);
    answer();
    await waitUntil(() => el.state === 'ready', 'the list after the session arrived', { timeout: 5000 });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.skeleton')).to.equal(null);
    expect(el.shadowRoot!.querySelector('ck-method-picker')!.shadowRoot!.querySelectorAll('input[type=radio]').length).to.equal(3);
  });
});
