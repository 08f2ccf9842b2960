import { expect, fixture, html } from '@open-wc/testing';
import './support-call.js';
import type { CkSupportCall } from './support-call.js';
import type { Appointment, AppointmentOffer, Attachment, SupportEvent, SupportTransport } from '../../core/support/transport.js';
import { getByRole } from '../../../test/shared/queries.js';

interface MochaGlobals {
  describe: (name: string, body: () => void) => void;
  it: (name: string, body: (this: { timeout(ms: number): void }) => Promise<void> | void) => void;
}
const { describe, it } = globalThis as unknown as MochaGlobals;

/** A store-supplied transport recording the call signals the element sends. */
class FakeTransport implements SupportTransport {
  signals: { callId: string; payload: Record<string, unknown> }[] = [];
  booked: string[] = [];
  #listeners = new Set<(event: SupportEvent) => void>();
  connect(): void {}
  disconnect(): void {}
  subscribe(listener: (event: SupportEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  emit(event: SupportEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
  send(): string {
    return crypto.randomUUID();
  }
  uploadImage(): Promise<Attachment> {
    return Promise.reject(new Error('no uploads'));
  }
  loadImage(): Promise<Blob> {
    return Promise.resolve(new Blob([]));
  }
  typing(): void {}
  markRead(): void {}
  shareContext(): void {}
  sendOffline(): Promise<void> {
    return Promise.resolve();
  }
  signal(callId: string, payload: Record<string, unknown>): void {
    this.signals.push({ callId, payload });
  }
  appointments(): Promise<AppointmentOffer> {
    return Promise.resolve({ slots: ['2030-01-07T12:00:00.000Z', '2030-01-07T12:30:00.000Z'], booking: null, slotMinutes: 30 });
  }
  book(startsAt: string): Promise<Appointment> {
    this.booked.push(startsAt);
    return Promise.resolve({ id: 'apt_1', conversationId: 'cv_1', startsAt, endsAt: startsAt, timeZone: 'UTC' });
  }
}

const invite = (callId = 'c1'): SupportEvent => ({ type: 'signal', callId, payload: { kind: 'invite', video: true } });

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 8000;
  while (performance.now() < deadline) {
    if (check()) return;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('<ck-support-call>', () => {
  it('rings accessibly with the camera-off promise; declining tells the agent and fires ck-support-call', async function () {
    // A busy machine's first compile, the locale chunk and axe can take longer than mocha's default.
    this.timeout(60_000);
    const transport = new FakeTransport();
    const phases: string[] = [];
    document.addEventListener('ck-support-call', (event) => phases.push(`${event.detail.phase}:${event.detail.reason ?? ''}`));
    const el = await fixture<CkSupportCall>(html`<ck-support-call locale="en" .transport=${transport} .early=${[invite()]}></ck-support-call>`);
    await until(() => el.shadowRoot?.querySelector('[role="region"]') !== null, 'the ringing region');
    await expect(el).to.be.accessible();
    expect(getByRole(el, 'status').textContent).to.equal('The store is calling you');
    getByRole(el, 'button', { name: 'Decline' }).click();
    await el.updateComplete;
    expect(transport.signals).to.deep.equal([{ callId: 'c1', payload: { kind: 'hangup', reason: 'declined' } }]);
    expect(phases).to.deep.equal(['ringing:', 'ended:declined']);
    expect(getByRole(el, 'status').textContent).to.equal('The call was declined.');
  });

  it('joining without a microphone opens no device, and the agent hanging up ends the call with its own sentence', async function () {
    // A busy machine's first compile, the locale chunk and axe can take longer than mocha's default.
    this.timeout(60_000);
    const transport = new FakeTransport();
    const el = await fixture<CkSupportCall>(html`<ck-support-call locale="en" .transport=${transport} .early=${[invite('c2')]}></ck-support-call>`);
    await until(() => el.shadowRoot?.querySelector('[role="region"]') !== null, 'the ringing region');
    getByRole(el, 'button', { name: 'Join without microphone' }).click();
    await until(() => transport.signals.some((s) => s.payload['kind'] === 'accept'), 'the accept signal');
    expect(el.localTracks).to.have.length(0);
    expect(el.callState.phase).to.equal('connecting');
    transport.emit({ type: 'signal', callId: 'c2', payload: { kind: 'hangup', reason: 'page-closed' } });
    await el.updateComplete;
    expect(el.callState).to.deep.equal({ phase: 'ended', callId: 'c2', reason: 'peer-left' });
    expect(el.peerConnection).to.equal(null);
    expect(getByRole(el, 'status').textContent).to.equal('The agent left the call.');
  });

  it('shows a blocked microphone as an alert with a way forward, in Thai', async function () {
    // A busy machine's first compile, the locale chunk and axe can take longer than mocha's default.
    this.timeout(60_000);
    const transport = new FakeTransport();
    const el = await fixture<CkSupportCall>(html`<ck-support-call locale="th" .transport=${transport} .early=${[invite('c3')]}></ck-support-call>`);
    await until(() => el.shadowRoot?.querySelector('[role="region"]') !== null, 'the ringing region');
    el.harness.machine.dispatch({ type: 'media-failed', reason: 'permission-refused' });
    await el.updateComplete;
    await until(() => (el.shadowRoot?.querySelector('[role="alert"]')?.textContent ?? '').includes('ไมโครโฟน'), 'the Thai alert');
    await expect(el).to.be.accessible();
    expect(getByRole(el, 'button', { name: 'โทรโดยไม่ใช้ไมโครโฟน' })).to.exist;
  });

  it('books a slot from the booking view', async function () {
    // A busy machine's first compile, the locale chunk and axe can take longer than mocha's default.
    this.timeout(60_000);
    const transport = new FakeTransport();
    const el = await fixture<CkSupportCall>(html`<ck-support-call locale="en" view="book" .transport=${transport}></ck-support-call>`);
    await until(() => (el.shadowRoot?.querySelectorAll('button.slot').length ?? 0) === 2, 'two slots');
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.slot')!.click();
    await until(() => (el.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '').startsWith('Video call booked for'), 'the booking');
    expect(transport.booked).to.deep.equal(['2030-01-07T12:00:00.000Z']);
  });
});
