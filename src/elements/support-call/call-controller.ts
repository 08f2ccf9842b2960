import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallSignal, HangupReason, IceServer } from '../../core/protocol/support-call.schema.js';
import { CallMachine, type CallCommand, type CallState } from '../../core/support/call/call-machine.js';
import { systemClock, type SupportEvent, type SupportTransport } from '../../core/support/transport.js';
import { MediaSession, mediaFailure, parseSignal } from './media-session.js';

/** A call id: 16 random bytes, base64url (the protocol's `Id`). */
function newCallId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The buyer's side of a support call: the state machine (answerer role: the
 * agent makes the offers), the media session, and signaling over the chat's
 * transport. Every async path ends in a machine event, so a failure is a
 * state, never an unhandled rejection. The call ends — every track stopped,
 * the connection closed, the agent told — on hang-up, `pagehide` and when the
 * host leaves the page.
 */
export class CallController implements ReactiveController {
  readonly machine: CallMachine;
  readonly media: MediaSession;
  remote: MediaStream | null = null;
  /** A booked slot that started (the service's `due` signal): the view prompts the buyer to join. */
  due: { startsAt: string } | null = null;
  /** ICE servers the store set on the element; the service's `config` is used when this is empty. */
  storeIceServers: IceServer[] = [];
  #transport: SupportTransport | null = null;
  #unsubscribe: (() => void) | null = null;
  #callId = '';
  #serviceIceServers: IceServer[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & { onCallState(state: CallState): void },
  ) {
    host.addController(this);
    this.machine = new CallMachine({
      role: 'answerer',
      clock: systemClock,
      onChange: (state) => {
        this.host.onCallState(state);
        this.host.requestUpdate();
      },
      onCommand: (command) => this.#run(command),
    });
    this.media = new MediaSession({
      role: 'answerer',
      send: (payload) => this.#send(payload),
      onRemoteStream: (stream) => {
        this.remote = stream;
        this.host.requestUpdate();
      },
      onConnected: () => this.machine.dispatch({ type: 'connected' }),
      onLost: () => this.machine.dispatch({ type: 'lost' }),
      onChange: () => this.host.requestUpdate(),
    });
  }

  get state(): CallState {
    return this.machine.state;
  }

  /** Listens to the chat transport for this call's signals. */
  attach(transport: SupportTransport | null): void {
    if (transport === this.#transport) return;
    this.#unsubscribe?.();
    this.#transport = transport;
    this.#unsubscribe = transport?.subscribe((event) => this.#onEvent(event)) ?? null;
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#onPageHide);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    this.hangUp('page-closed');
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#transport = null;
  }

  readonly #onPageHide = () => this.hangUp('page-closed');

  /** The buyer calls the store (audio only unless `receiveOnly`, then nothing is sent). */
  dial(receiveOnly = false): void {
    // From idle, ended or failed alike (no reset: going through idle would tell the bubble to remove this element).
    if (this.machine.active || !this.#transport) return;
    this.#callId = newCallId();
    this.media.sendAudio = !receiveOnly;
    this.media.sendVideo = false;
    this.machine.dispatch({ type: 'dial', callId: this.#callId, video: false });
    // The microphone first: the agent's offer must find it ready. Refused, the call fails before it rings anyone.
    this.media
      .start()
      .then(() => {
        if (this.machine.active) this.#send({ kind: 'invite', video: false });
      })
      .catch((error: unknown) => this.machine.dispatch({ type: 'media-failed', reason: mediaFailure(error) }));
  }

  /** The buyer joins a ringing incoming call: microphone only by default; nothing at all with `receiveOnly`. */
  accept(receiveOnly = false): void {
    const state = this.machine.state;
    if (state.phase !== 'ringing' || state.direction !== 'incoming') return;
    this.media.sendAudio = !receiveOnly;
    this.media.sendVideo = false;
    this.media
      .start()
      .then(() => {
        this.machine.dispatch({ type: 'accepted' });
        this.#send({ kind: 'accept' });
      })
      .catch((error: unknown) => this.machine.dispatch({ type: 'media-failed', reason: mediaFailure(error) }));
  }

  /** Hangs up (or declines a ringing call). */
  hangUp(reason?: HangupReason): void {
    if (!this.machine.active) return;
    this.machine.dispatch(reason ? { type: 'hang-up', reason } : { type: 'hang-up' });
  }

  /** Dismisses an ended or failed call. */
  dismiss(): void {
    this.machine.reset();
  }

  #iceServers(): IceServer[] {
    return this.storeIceServers.length ? this.storeIceServers : this.#serviceIceServers;
  }

  /** Handles a transport event; the panel passes the invite that made it load this code, the transport the rest. */
  handleEvent(event: SupportEvent): void {
    this.#onEvent(event);
  }

  #onEvent(event: SupportEvent): void {
    if (event.type !== 'signal') return;
    const signal = parseSignal(event.payload);
    if (!signal) return;
    const state = this.machine.state;
    if (signal.kind === 'due') {
      if (!this.machine.active) this.due = { startsAt: signal.startsAt };
      this.host.requestUpdate();
      return;
    }
    if (signal.kind === 'invite') {
      // One call at a time: a second invite while busy is declined.
      if (this.machine.active && event.callId !== this.#callId) {
        this.#transport?.signal(event.callId, { kind: 'hangup', reason: 'busy' });
        return;
      }
      this.#callId = event.callId;
      this.machine.dispatch({ type: 'invited', callId: event.callId, video: signal.video });
      return;
    }
    if (event.callId !== this.#callId || state.phase === 'idle') return;
    switch (signal.kind) {
      case 'config':
        this.#serviceIceServers = signal.iceServers;
        return;
      case 'accept':
        this.machine.dispatch({ type: 'accepted' });
        return;
      case 'hangup':
        this.machine.dispatch({ type: 'remote-hang-up', reason: signal.reason });
        return;
      case 'offer':
        this.machine.dispatch({ type: 'offered', generation: signal.generation });
        this.#receive(signal);
        return;
      default:
        this.#receive(signal);
    }
  }

  #receive(signal: CallSignal): void {
    this.media.receive(signal).catch(() => this.machine.dispatch({ type: 'lost' }));
  }

  #send(payload: CallSignal): void {
    if (this.#callId) this.#transport?.signal(this.#callId, payload as unknown as Record<string, unknown>);
  }

  #run(command: CallCommand): void {
    switch (command.do) {
      case 'connect':
        this.media.iceServers = this.#iceServers();
        this.media.connect(command.generation).catch(() => this.machine.dispatch({ type: 'lost' }));
        return;
      case 'restart-ice':
        this.media.restartIce().catch(() => this.machine.dispatch({ type: 'lost' }));
        return;
      case 'teardown':
        this.media.teardown();
        if (command.notify) this.#send({ kind: 'hangup', reason: command.notify });
        return;
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  }
}
