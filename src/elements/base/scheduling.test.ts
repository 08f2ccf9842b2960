import { expect } from '@open-wc/testing';
import '../../define/checkout.js';
import '../../define/method-picker.js';
import { CkCheckout } from '../checkout/checkout.js';
import type { CkMethodPicker } from '../method-picker/method-picker.js';
import { afterNextPaint, onIdle, yieldToBrowser } from './scheduling.js';

/** Runs every microtask queued so far (and those they queue), without ending the task. */
async function drainMicrotasks(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

describe('scheduling', () => {
  it('afterNextPaint resolves only after the next frame has started', async () => {
    let framed = false;
    requestAnimationFrame(() => (framed = true));
    await afterNextPaint();
    expect(framed).to.equal(true);
  });

  it('onIdle runs its work once idle, and never once cancelled', async () => {
    const ran: string[] = [];
    const cancel = onIdle(() => ran.push('cancelled'), 0);
    let done!: () => void;
    const idle = new Promise<void>((resolve) => (done = resolve));
    onIdle(() => {
      ran.push('kept');
      done();
    }, 0);
    cancel();
    await idle;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ran).to.deep.equal(['kept']);
  });

  it('a method picker removed before it was idle leaves no build pending, and builds once it is back', async () => {
    const picker = document.createElement('ck-method-picker') as CkMethodPicker;
    const many = ['card', 'gopay', 'dana', 'ovo', 'shopeepay', 'qris', 'bank_transfer', 'cod', 'alfamart'].map((id) => ({ id, type: id === 'card' ? 'card' : 'wallet' }));
    Object.assign(picker, { methods: many, country: 'ID', locale: 'en' });
    const scheduled: Array<() => void> = [];
    const cancelled: number[] = [];
    const request = window.requestIdleCallback;
    const cancelIdle = window.cancelIdleCallback;
    window.requestIdleCallback = ((work: () => void) => scheduled.push(work)) as typeof requestIdleCallback;
    window.cancelIdleCallback = (handle: number) => void cancelled.push(handle);
    try {
      document.body.append(picker);
      for (let i = 0; i < 100 && !scheduled.length; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(scheduled, 'an idle build scheduled').to.have.length(1);
      picker.remove();
      expect(cancelled, 'cancelled on removal').to.have.length(1);
      document.body.append(picker);
      picker.requestUpdate();
      await picker.updateComplete;
      expect(scheduled, 'scheduled again once back').to.have.length(2);
      scheduled[1]!();
      await picker.updateComplete;
      expect(picker.shadowRoot!.querySelectorAll('#more label.option').length).to.be.greaterThan(0);
    } finally {
      window.requestIdleCallback = request;
      window.cancelIdleCallback = cancelIdle;
      picker.remove();
    }
  });

  it('afterNextPaint still resolves in a tab that runs no frames', async () => {
    const requestFrame = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0; // a hidden tab: frames never come
    try {
      await afterNextPaint(0);
    } finally {
      window.requestAnimationFrame = requestFrame;
    }
  });

  it('yieldToBrowser continues in a new task, never within the current one', async () => {
    let continued = false;
    const yielded = yieldToBrowser().then(() => (continued = true));
    await drainMicrotasks();
    expect(continued).to.equal(false);
    await yielded;
    expect(continued).to.equal(true);
  });

  // The drop-in's code evaluates, and upgrades <ck-checkout>, in one long task; the checkout's first
  // render (which also waits for its list, see checkout.renders.test.ts) and the picker's each get a
  // task of their own (issue 15: blocking time before the list).
  for (const tag of ['ck-checkout', 'ck-method-picker'] as const) {
    it(`<${tag}> renders for the first time in a task of its own, then within the task of each change`, async () => {
      // A checkout without a session shows its loading state once loadingStateDelayMs has passed: no wait here.
      CkCheckout.loadingStateDelayMs = 0;
      const el = document.createElement(tag) as CkCheckout | CkMethodPicker;
      document.body.append(el);
      try {
        await drainMicrotasks();
        expect(el.hasUpdated, 'rendered in the task that connected it').to.equal(false);
        await el.updateComplete;
        expect(el.hasUpdated).to.equal(true);
        el.setAttribute('locale', 'de');
        await drainMicrotasks();
        expect(el.isUpdatePending, 'later updates wait for no task').to.equal(false);
      } finally {
        el.remove();
        CkCheckout.loadingStateDelayMs = 300;
      }
    });
  }
});
