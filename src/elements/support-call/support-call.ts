import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CkElement } from '../base/ck-element.js';
import { buttonStyles } from '../base/button.styles.js';
import { focusStyles } from '../base/focus.styles.js';
import { LocaleController } from '../base/locale-controller.js';
import { tokens } from '../base/tokens.styles.js';
import { parseIceServers, type IceServer } from '../../core/protocol/support-call.schema.js';
import type { CallState } from '../../core/support/call/call-machine.js';
import type { SupportEvent, SupportTransport } from '../../core/support/transport.js';
import { BookingController } from './booking-controller.js';
import { bookingView } from './booking.templates.js';
import { CallController } from './call-controller.js';
import { callStyles } from './support-call.styles.js';
import { phaseLine } from './support-call.templates.js';

/**
 * A 1:1 video call with the store's agent, inside `<ck-support-bubble>`'s
 * chat (which loads this element only when a call starts). Privacy first: the
 * buyer sees and hears the agent and sends audio only; the camera is opened
 * only when the buyer turns it on, and every track is stopped when the call
 * ends — hang-up on either side, the tab closed or navigated away, or the
 * element removed. Each failure (microphone blocked, no device, device in
 * use, the agent left, the connection dropped) is its own localized state,
 * and the chat around it keeps working.
 *
 * @tag ck-support-call
 *
 * @summary The buyer's side of a support video call: ringing, controls, recovery and every failure state.
 *
 * @fires ck-support-call - The call changed phase. Detail: `{ phase, reason }` (`ringing`, `connecting`, `in-call`, `reconnecting`, `ended`, `failed`, `idle`; `reason` for ended and failed).
 *
 * @csspart remote-video - The agent's video.
 * @csspart local-video - The buyer's own camera preview (only while it is on).
 * @csspart button - Every call button; with `primary-button` (join) or `danger-button` (hang up, decline).
 * @csspart primary-button - Join the call.
 * @csspart danger-button - Hang up, decline.
 *
 * @cssprop [--ck-support-call-video-height=14rem] - Largest height of the video stage.
 */
export class CkSupportCall extends CkElement {
  static override styles = [tokens, buttonStyles, focusStyles, callStyles];

  /** The chat transport the call signals over (the bubble passes its own). */
  @property({ attribute: false }) transport: SupportTransport | null = null;

  /** STUN/TURN servers as a JSON `RTCIceServer[]` (or a property array); when empty, the service's configuration is used. */
  @property({ attribute: 'ice-servers', converter: { fromAttribute: (value: string | null) => parseIceServers(value) } })
  iceServers: IceServer[] = [];

  /** BCP 47 language; defaults to the page's `lang`, then the browser's languages. */
  @property() locale?: string;

  /** `call` (the call itself, or nothing while idle) or `book` (booking a video call at a time inside the store's hours). */
  @property({ reflect: true }) view: 'call' | 'book' = 'call';

  /** @internal Signals that arrived before this element listened (the invite that made the bubble load it, the ICE servers). */
  @property({ attribute: false }) early: readonly SupportEvent[] = [];

  @state() private speakers: MediaDeviceInfo[] = [];

  @query('video.remote') private remoteVideo?: HTMLVideoElement;
  @query('video.local') private localVideo?: HTMLVideoElement;

  private readonly i18n = new LocaleController(this, () => [this.locale, document.documentElement.lang], () => ['support', 'call']);
  readonly #call = new CallController(this);
  readonly #booking = new BookingController(this, () => this.transport);

  /** @internal Every local track the call opened (a test hook: after hang-up each is `ended`). */
  get localTracks(): readonly MediaStreamTrack[] {
    return this.#call.media.openedTracks;
  }

  /** @internal The current peer connection, for tests and the quality figures. */
  get peerConnection(): RTCPeerConnection | null {
    return this.#call.media.peerConnection;
  }

  /** @internal The call's controller (machine, media, remote stream): stories and tests drive states through it. */
  get harness(): CallController {
    return this.#call;
  }

  /** The call's current state. */
  get callState(): CallState {
    return this.#call.state;
  }

  /** Calls the store: audio only, or nothing sent at all with `receiveOnly`. */
  dial(receiveOnly = false): void {
    this.#call.dial(receiveOnly);
  }

  /** Ends the call (or declines a ringing one); every track stops. */
  hangUp(): void {
    this.#call.hangUp();
  }

  /** @internal */
  onCallState(state: CallState): void {
    this.emit('ck-support-call', { phase: state.phase, reason: 'reason' in state ? state.reason : null });
    if (state.phase === 'ended' || state.phase === 'failed') this.renderRoot.querySelector<HTMLElement>('.outcome')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('transport')) this.#call.attach(this.transport);
    if (changed.has('iceServers')) this.#call.storeIceServers = parseIceServers(this.iceServers);
    if (changed.has('early')) for (const event of this.early) this.#call.handleEvent(event);
    if (changed.has('view') && this.view === 'book') this.#booking.load();
    this.setAttribute('dir', this.i18n.dir);
  }

  protected override updated(): void {
    const remote = this.#call.remote;
    if (this.remoteVideo && this.remoteVideo.srcObject !== remote) this.remoteVideo.srcObject = remote;
    const local = this.#call.media.cameraOn ? this.#call.media.localStream : null;
    if (this.localVideo && (this.localVideo.srcObject as MediaStream | null)?.getVideoTracks()[0] !== local?.getVideoTracks()[0]) this.localVideo.srcObject = local;
    const phase = this.#call.state.phase;
    if (phase === 'in-call' && !this.speakers.length && 'setSinkId' in HTMLMediaElement.prototype) this.#loadSpeakers();
  }

  #loadSpeakers(): void {
    navigator.mediaDevices
      ?.enumerateDevices()
      .then((devices) => {
        const outputs = devices.filter((d) => d.kind === 'audiooutput');
        if (outputs.length > 1) this.speakers = outputs;
      })
      .catch(() => (this.speakers = []));
  }

  private readonly handleMute = () => this.#call.media.setMuted(!this.#call.media.muted);

  private readonly handleCamera = () => {
    this.#call.media.setCamera(!this.#call.media.cameraOn).catch(() => this.requestUpdate());
  };

  private readonly handleSwitch = () => {
    this.#call.media.switchCamera().catch(() => this.requestUpdate());
  };

  private readonly handleSpeaker = (event: Event) => {
    const video = this.remoteVideo as (HTMLVideoElement & { setSinkId?(id: string): Promise<void> }) | undefined;
    video?.setSinkId?.((event.target as HTMLSelectElement).value).catch(() => this.requestUpdate());
  };

  private readonly handlePip = () => {
    this.remoteVideo?.requestPictureInPicture().catch(() => this.requestUpdate());
  };

  private controls() {
    const t = this.i18n.t.bind(this.i18n);
    const media = this.#call.media;
    const canPip = typeof document !== 'undefined' && document.pictureInPictureEnabled;
    return html`<div class="row" role="toolbar" aria-label=${t('call:region')}>
      ${media.sendAudio
        ? html`<button part="button" type="button" aria-pressed=${media.muted ? 'true' : 'false'} @click=${this.handleMute}>
            ${t('call:controls.mute')}
          </button>`
        : nothing}
      <button part="button" type="button" aria-pressed=${media.cameraOn ? 'true' : 'false'} @click=${this.handleCamera}>
        ${media.cameraOn ? t('call:controls.cameraOff') : t('call:controls.cameraOn')}
      </button>
      ${media.cameraOn ? html`<button part="button" type="button" @click=${this.handleSwitch}>${t('call:controls.switchCamera')}</button>` : nothing}
      ${this.speakers.length
        ? html`<label class="small">${t('call:controls.speaker')}
            <select @change=${this.handleSpeaker}>${this.speakers.map((s, i) => html`<option value=${s.deviceId}>${s.label || `${i + 1}`}</option>`)}</select>
          </label>`
        : nothing}
      ${canPip ? html`<button part="button" type="button" @click=${this.handlePip}>${t('call:controls.pip')}</button>` : nothing}
      <button part="button danger-button" type="button" @click=${() => this.#call.hangUp()}>${t('call:controls.hangUp')}</button>
    </div>`;
  }

  /** Leaves the booking or the join prompt: the bubble removes this element. */
  private readonly handleBack = () => {
    this.view = 'call';
    this.#call.due = null;
    this.emit('ck-support-call', { phase: 'idle', reason: null });
  };

  private readonly handleJoinDue = () => {
    this.#call.due = null;
    this.view = 'call';
    this.#call.dial();
  };

  /** No call: the join prompt of a booked slot that started, the booking view, or nothing. */
  private idleView() {
    const t = this.i18n.t.bind(this.i18n);
    if (this.#call.due) {
      return html`<section class="call due" role="region" aria-label=${t('call:region')}>
        <p class="line strong" role="alert">${t('call:book.prompt')}</p>
        <div class="row">
          <button part="button primary-button" type="button" @click=${this.handleJoinDue}>${t('call:book.join')}</button>
          <button part="button" type="button" @click=${this.handleBack}>${t('call:controls.close')}</button>
        </div>
      </section>`;
    }
    if (this.view !== 'book') return nothing;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    return bookingView(t, this.#booking, this.i18n.locale, zone, this.handleBack);
  }

  protected override render() {
    const t = this.i18n.t.bind(this.i18n);
    const state = this.#call.state;
    if (state.phase === 'idle') return this.idleView();
    const media = this.#call.media;
    const live = state.phase === 'connecting' || state.phase === 'in-call' || state.phase === 'reconnecting';
    return html`<section class="call ${state.phase}" role="region" aria-label=${t('call:region')} lang=${this.i18n.locale} dir=${this.i18n.dir}>
      ${live
        ? html`<div class="stage">
            <video part="remote-video" class="remote" autoplay playsinline aria-label=${t('call:video.remote')}></video>
            ${media.cameraOn
              ? html`<video part="local-video" class="local" autoplay playsinline muted aria-label=${t('call:video.local')}></video>
                  <span class="badge camera">${t('call:cameraIsOn')}</span>`
              : !media.sendAudio
                ? html`<span class="badge">${t('call:listenOnly')}</span>`
                : nothing}
          </div>`
        : nothing}
      ${phaseLine(t, state, () => this.#call)}
      ${live ? this.controls() : nothing}
    </section>`;
  }
}

CkSupportCall.define('ck-support-call');

declare global {
  interface HTMLElementTagNameMap {
    'ck-support-call': CkSupportCall;
  }
}
