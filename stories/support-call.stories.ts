import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { CkSupportCall } from '../src/elements/support-call/support-call.js';
import { loadLocale } from '../src/core/i18n/i18n.js';
import { resolveLocale } from '../src/core/i18n/locales.js';
import type { Appointment, AppointmentOffer, Attachment, SupportEvent, SupportTransport } from '../src/core/support/transport.js';

// A bare side-effect import would be dropped (package.json "sideEffects" lists only src/define/): define it by name.
CkSupportCall.define('ck-support-call');

/** A fixed clock for the booking story, so the days look the same in every screenshot. */
const NOW = Date.parse('2030-01-07T11:00:00.000Z');

type Scene = 'ringing' | 'in-call' | 'audio-only' | 'failed' | 'booked';

/** Slots of a São Paulo store (09:00–18:00) on two days, as the service sends them. */
function slots(): string[] {
  const out: string[] = [];
  for (const day of [0, 1]) for (let h = 12; h < 21; h++) out.push(new Date(NOW + day * 86_400_000 + (h - 11) * 3_600_000 + 3_600_000).toISOString());
  return out;
}

/**
 * A scripted transport (the public seam a store uses for its own chat
 * service): it rings the buyer, and answers the booking calls, without a
 * backend or WebRTC peer.
 */
class StoryTransport implements SupportTransport {
  #listeners = new Set<(event: SupportEvent) => void>();
  readonly booking: Appointment = {
    id: 'apt_story',
    conversationId: 'cv_story',
    startsAt: new Date(NOW + 86_400_000 + 3 * 3_600_000).toISOString(),
    endsAt: new Date(NOW + 86_400_000 + 3.5 * 3_600_000).toISOString(),
    timeZone: 'Asia/Jakarta',
  };
  connect(): void {}
  disconnect(): void {}
  subscribe(listener: (event: SupportEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  send(): string {
    return crypto.randomUUID();
  }
  uploadImage(): Promise<Attachment> {
    return Promise.reject(new Error('Stories do not upload.'));
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
  signal(): void {}
  appointments(): Promise<AppointmentOffer> {
    return Promise.resolve({ slots: slots(), booking: this.booking, slotMinutes: 30 });
  }
  book(): Promise<Appointment> {
    return Promise.resolve(this.booking);
  }
  cancelBooking(): Promise<void> {
    return Promise.resolve();
  }
}

const INVITE: SupportEvent = { type: 'signal', callId: 'call_story', payload: { kind: 'invite', video: true } };

/** A stand-in for the agent's camera: a canvas stream showing a garment swatch, so "in call" has a picture. */
function agentVideo(): MediaStream | null {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const g = canvas.getContext('2d');
  if (!g) return null;
  const paint = () => {
    g.fillStyle = '#27324a';
    g.fillRect(0, 0, 640, 360);
    g.fillStyle = '#3d6fd6';
    g.fillRect(220, 60, 200, 260);
    g.fillStyle = '#e9edf5';
    g.font = '28px system-ui';
    g.fillText('Blue linen dress', 220, 40);
  };
  paint();
  const stream = canvas.captureStream(5);
  setInterval(paint, 200);
  return stream;
}

interface CallArgs {
  scene: Scene;
  locale: string;
}

const meta: Meta<CallArgs> = {
  title: 'Elements/Support call',
  component: 'ck-support-call',
  render: ({ scene, locale }) => {
    const transport = new StoryTransport();
    return html`<div style="max-width: 22rem; font: 14px system-ui">
      <ck-support-call
        locale=${locale}
        view=${scene === 'booked' ? 'book' : 'call'}
        .transport=${transport}
        .early=${scene === 'booked' ? [] : [INVITE]}
      ></ck-support-call>
    </div>`;
  },
  loaders: [
    async ({ args }: { args: CallArgs }) => {
      await loadLocale(resolveLocale([args.locale]), ['support', 'call']);
      return {};
    },
  ],
  args: { scene: 'ringing', locale: 'en' },
  argTypes: {
    scene: { control: 'select', options: ['ringing', 'in-call', 'audio-only', 'failed', 'booked'] },
    locale: { control: 'select', options: ['en', 'ar', 'th'] },
  },
};
export default meta;

type Story = StoryObj<CallArgs>;

async function callElement(canvas: HTMLElement) {
  await customElements.whenDefined('ck-support-call');
  const element = canvas.querySelector('ck-support-call');
  if (!element) throw new Error('no <ck-support-call>');
  await element.updateComplete;
  // The ringing state comes from the invite handed over on the first update.
  for (let i = 0; i < 250 && element.callState.phase !== 'ringing'; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return element;
}

/** Joined (with a microphone or listening only) and connected, with the agent's picture. */
function joined(listenOnly: boolean): Story['play'] {
  return async ({ canvasElement }) => {
    const element = await callElement(canvasElement);
    const call = element.harness;
    call.media.sendAudio = !listenOnly;
    call.machine.dispatch({ type: 'accepted' });
    call.machine.dispatch({ type: 'connected' });
    call.remote = agentVideo();
    element.requestUpdate();
    await element.updateComplete;
  };
}

const refused: Story['play'] = async ({ canvasElement }) => {
  const element = await callElement(canvasElement);
  element.harness.machine.dispatch({ type: 'media-failed', reason: 'permission-refused' });
  await element.updateComplete;
};

/** The agent calls: the buyer joins with the microphone, listens only, or declines; the camera stays off. */
export const Ringing: Story = {};
export const RingingArabic: Story = { args: { locale: 'ar' } };
export const RingingThai: Story = { args: { locale: 'th' } };

/** In a call: the agent's video, mute, camera on (the buyer's choice), picture in picture, hang up. */
export const InCall: Story = { args: { scene: 'in-call' }, play: joined(false) };
export const InCallArabic: Story = { args: { scene: 'in-call', locale: 'ar' }, play: joined(false) };
export const InCallThai: Story = { args: { scene: 'in-call', locale: 'th' }, play: joined(false) };

/** Joined without a microphone: the buyer only watches and listens, and is told so. */
export const AudioOnly: Story = { args: { scene: 'audio-only' }, play: joined(true) };
export const AudioOnlyArabic: Story = { args: { scene: 'audio-only', locale: 'ar' }, play: joined(true) };
export const AudioOnlyThai: Story = { args: { scene: 'audio-only', locale: 'th' }, play: joined(true) };

/** The microphone is blocked: what to do, and a call without it; the chat beside it keeps working. */
export const Failed: Story = { args: { scene: 'failed' }, play: refused };
export const FailedArabic: Story = { args: { scene: 'failed', locale: 'ar' }, play: refused };
export const FailedThai: Story = { args: { scene: 'failed', locale: 'th' }, play: refused };

/** A booked video call, in the buyer's own time zone, with change and cancel. */
export const Booked: Story = { args: { scene: 'booked' } };
export const BookedArabic: Story = { args: { scene: 'booked', locale: 'ar' } };
export const BookedThai: Story = { args: { scene: 'booked', locale: 'th' } };
