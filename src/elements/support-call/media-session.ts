/**
 * The WebRTC side of a support call: one `RTCPeerConnection` per connection
 * generation, the local tracks, and the signaling in and out. It carries out
 * the {@link CallMachine}'s commands and feeds it what the connection does;
 * it decides nothing about the call's state itself.
 *
 * Privacy by construction: the buyer's camera is never opened unless the buyer
 * turns it on; the video transceiver is negotiated send-and-receive with no
 * track, so turning the camera on later is a `replaceTrack`, not a new offer.
 * Every track this session ever opened is remembered until teardown stops it.
 */
import { CallSignal, type IceServer } from '../../core/protocol/support-call.schema.js';
import type { FailReason } from '../../core/support/call/call-machine.js';

export type MediaFailure = Exclude<FailReason, 'dropped'>;

/** Maps a `getUserMedia` rejection to the state the buyer is shown. */
export function mediaFailure(error: unknown): MediaFailure {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'permission-refused';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no-device';
  if (name === 'NotReadableError' || name === 'AbortError') return 'device-in-use';
  return 'unsupported';
}

export interface MediaSessionHost {
  role: 'offerer' | 'answerer';
  send(payload: CallSignal): void;
  onRemoteStream(stream: MediaStream | null): void;
  onConnected(): void;
  onLost(): void;
  /** Anything the host shows changed (tracks, mute, devices). */
  onChange(): void;
}

export class MediaSession {
  iceServers: IceServer[] = [];
  /** Whether to send audio at all (false: a receive-only call). */
  sendAudio = true;
  /** Whether this side sends video (the agent; the buyer only after choosing to). */
  sendVideo = false;
  #pc: RTCPeerConnection | null = null;
  #generation = -1;
  #mic: MediaStreamTrack | null = null;
  #camera: MediaStreamTrack | null = null;
  #cameraIndex = 0;
  readonly #opened: MediaStreamTrack[] = [];
  #pendingCandidates: RTCIceCandidateInit[] = [];
  #muted = false;

  constructor(private readonly host: MediaSessionHost) {}

  /** The current peer connection (test hook and stats). */
  get peerConnection(): RTCPeerConnection | null {
    return this.#pc;
  }

  /** Every track this session opened, stopped or not (a test hook proves hang-up ends them all). */
  get openedTracks(): readonly MediaStreamTrack[] {
    return this.#opened;
  }

  get muted(): boolean {
    return this.#muted;
  }

  get cameraOn(): boolean {
    return this.#camera !== null && this.#camera.readyState === 'live';
  }

  /** A preview of what this side sends (its camera), or null. */
  get localStream(): MediaStream | null {
    return this.#camera ? new MediaStream([this.#camera]) : null;
  }

  /** Opens the microphone (and camera when `sendVideo`); rejects with the browser's error for {@link mediaFailure}. */
  async start(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('getUserMedia is unavailable', 'NotSupportedError');
    if (!this.sendAudio && !this.sendVideo) return;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: this.sendAudio, video: this.sendVideo ? { width: { ideal: 1280 }, height: { ideal: 720 } } : false });
    for (const track of stream.getTracks()) {
      this.#opened.push(track);
      if (track.kind === 'audio') this.#mic = track;
      else this.#camera = track;
    }
    this.host.onChange();
  }

  /** Builds a fresh peer connection for `generation`; the offerer sends its offer. */
  async connect(generation: number): Promise<void> {
    this.#closePeer();
    this.#generation = generation;
    this.#pendingCandidates = [];
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    this.#pc = pc;
    pc.addEventListener('icecandidate', (event) => {
      if (pc !== this.#pc || !event.candidate || !event.candidate.candidate) return;
      const c = event.candidate;
      this.host.send({ kind: 'candidate', generation, candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex });
    });
    pc.addEventListener('track', () => {
      if (pc !== this.#pc) return;
      this.host.onRemoteStream(new MediaStream(pc.getReceivers().map((r) => r.track)));
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc !== this.#pc) return;
      if (pc.connectionState === 'connected') this.host.onConnected();
      else if (pc.connectionState === 'failed' || pc.connectionState === 'disconnected') this.host.onLost();
    });
    if (this.host.role === 'offerer') {
      pc.addTransceiver(this.#mic ?? 'audio', { direction: 'sendrecv' });
      pc.addTransceiver(this.#camera ?? 'video', { direction: 'sendrecv' });
      await this.#offer(false);
    }
  }

  /** The offerer restarts ICE on the current connection. */
  async restartIce(): Promise<void> {
    if (this.host.role === 'offerer' && this.#pc) await this.#offer(true);
  }

  async #offer(restart: boolean): Promise<void> {
    const pc = this.#pc;
    if (!pc) return;
    const offer = await pc.createOffer(restart ? { iceRestart: true } : {});
    await pc.setLocalDescription(offer);
    if (pc === this.#pc && offer.sdp) this.host.send({ kind: 'offer', sdp: offer.sdp, generation: this.#generation, restart });
  }

  /** Handles one signal from the other side (offer, answer, candidate); the rest is the host's. */
  async receive(signal: CallSignal): Promise<void> {
    const pc = this.#pc;
    if (!pc) return;
    switch (signal.kind) {
      case 'offer': {
        if (this.host.role !== 'answerer' || signal.generation !== this.#generation) return;
        await pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
        const [audio, video] = pc.getTransceivers();
        if (audio) {
          audio.direction = 'sendrecv';
          if (audio.sender.track !== this.#mic) await audio.sender.replaceTrack(this.#mic);
        }
        if (video) {
          // Negotiated both ways with no track: nothing is sent until the buyer turns the camera on.
          video.direction = 'sendrecv';
          if (video.sender.track !== this.#camera) await video.sender.replaceTrack(this.#camera);
        }
        const answer = await pc.createAnswer();
        await pc.setLocalDescription(answer);
        if (pc === this.#pc && answer.sdp) this.host.send({ kind: 'answer', sdp: answer.sdp, generation: signal.generation });
        await this.#flushCandidates(pc);
        return;
      }
      case 'answer':
        if (this.host.role !== 'offerer' || signal.generation !== this.#generation || pc.signalingState !== 'have-local-offer') return;
        await pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
        await this.#flushCandidates(pc);
        return;
      case 'candidate': {
        if (signal.generation !== this.#generation) return;
        const init: RTCIceCandidateInit = { candidate: signal.candidate, sdpMid: signal.sdpMid, sdpMLineIndex: signal.sdpMLineIndex };
        if (!pc.remoteDescription) this.#pendingCandidates.push(init);
        else await pc.addIceCandidate(init);
        return;
      }
      default:
        return;
    }
  }

  async #flushCandidates(pc: RTCPeerConnection): Promise<void> {
    const pending = this.#pendingCandidates;
    this.#pendingCandidates = [];
    for (const candidate of pending) await pc.addIceCandidate(candidate);
  }

  setMuted(muted: boolean): void {
    this.#muted = muted;
    if (this.#mic) this.#mic.enabled = !muted;
    this.host.onChange();
  }

  /** Turns the camera on (opening it now) or off (stopping it: the camera light goes out). */
  async setCamera(on: boolean): Promise<void> {
    if (!on) {
      this.#camera?.stop();
      this.#camera = null;
      await this.#videoSender()?.replaceTrack(null);
      this.host.onChange();
      return;
    }
    if (this.cameraOn) return;
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } } });
    const [track] = stream.getVideoTracks();
    if (!track) return;
    this.#opened.push(track);
    this.#camera = track;
    await this.#videoSender()?.replaceTrack(track);
    this.host.onChange();
  }

  /** The next camera (front ↔ back on phones). */
  async switchCamera(): Promise<void> {
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    if (cameras.length < 2 || !this.#camera) return;
    this.#cameraIndex = (this.#cameraIndex + 1) % cameras.length;
    const stream = await navigator.mediaDevices.getUserMedia({ video: { deviceId: { exact: cameras[this.#cameraIndex]!.deviceId } } });
    const [track] = stream.getVideoTracks();
    if (!track) return;
    this.#opened.push(track);
    this.#camera.stop();
    this.#camera = track;
    await this.#videoSender()?.replaceTrack(track);
    this.host.onChange();
  }

  #videoSender(): RTCRtpSender | undefined {
    return this.#pc?.getTransceivers()[1]?.sender;
  }

  #closePeer(): void {
    if (!this.#pc) return;
    const pc = this.#pc;
    this.#pc = null;
    pc.close();
  }

  /** Stops every track this session opened and closes the connection. Safe to call twice. */
  teardown(): void {
    for (const track of this.#opened) track.stop();
    this.#mic = null;
    this.#camera = null;
    this.#closePeer();
    this.host.onRemoteStream(null);
    this.host.onChange();
  }

  /** Inbound video/audio figures for the quality line and tests. */
  async stats(): Promise<{ framesDecoded: number; bytesReceived: number; packetsLost: number; packetsReceived: number }> {
    const totals = { framesDecoded: 0, bytesReceived: 0, packetsLost: 0, packetsReceived: 0 };
    if (!this.#pc) return totals;
    const report = await this.#pc.getStats();
    report.forEach((entry: { type: string; framesDecoded?: number; bytesReceived?: number; packetsLost?: number; packetsReceived?: number }) => {
      if (entry.type !== 'inbound-rtp') return;
      totals.framesDecoded += entry.framesDecoded ?? 0;
      totals.bytesReceived += entry.bytesReceived ?? 0;
      totals.packetsLost += entry.packetsLost ?? 0;
      totals.packetsReceived += entry.packetsReceived ?? 0;
    });
    return totals;
  }
}

/** Parses a signal payload from the transport; anything malformed is ignored, never thrown. */
export function parseSignal(payload: unknown): CallSignal | null {
  const parsed = CallSignal.safeParse(payload);
  return parsed.success ? parsed.data : null;
}
