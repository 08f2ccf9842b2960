/**
 * The state of one 1:1 support call, independent of WebRTC: what the buyer
 * (or the agent) sees, and what the media layer must do next. The machine
 * never touches a peer connection; it emits {@link CallCommand}s that the
 * element's media controller carries out, and is fed {@link CallEvent}s from
 * the user, the signaling channel and the connection. Timers run on an
 * injected {@link Clock} and jitter on an injected random source, so every
 * path (ringing too long, an ICE restart that fails, three fresh connections,
 * give-up) is tested in Node without waiting.
 *
 * Roles: the `offerer` (the agent side) makes every offer, so it also drives
 * recovery; the `answerer` (the buyer side) follows the offers it gets and
 * only decides when it has waited long enough to give up.
 */
import type { HangupReason } from '../../protocol/support-call.schema.js';
import type { Clock } from '../transport.js';
import { DEFAULT_RECONNECT_POLICY, longestRecoveryMs, nextRecovery, type ReconnectPolicy } from './reconnect-policy.js';

/** A call that ended as expected. `peer-left`: the other side closed the tab or went away. */
export type EndReason = 'hung-up' | 'remote-hung-up' | 'declined' | 'no-answer' | 'peer-left';
/** A call that could not go on; each has its own localized explanation. */
export type FailReason = 'permission-refused' | 'no-device' | 'device-in-use' | 'dropped' | 'unsupported';

export type CallState =
  | { phase: 'idle' }
  | { phase: 'ringing'; callId: string; direction: 'incoming' | 'outgoing'; video: boolean }
  | { phase: 'connecting'; callId: string; generation: number }
  | { phase: 'in-call'; callId: string; generation: number; since: number }
  | { phase: 'reconnecting'; callId: string; generation: number; step: 'ice-restart' | 'new-connection'; attempt: number }
  | { phase: 'ended'; callId: string; reason: EndReason }
  | { phase: 'failed'; callId: string; reason: FailReason };

export type CallPhase = CallState['phase'];

export type CallEvent =
  /** This side rings the other. */
  | { type: 'dial'; callId: string; video: boolean }
  /** The other side rings this one. */
  | { type: 'invited'; callId: string; video: boolean }
  /** This side joins an incoming call (media granted), or the other side accepted ours. */
  | { type: 'accepted' }
  /** The answerer got an offer: a higher `generation` means a fresh connection. */
  | { type: 'offered'; generation: number }
  /** ICE and DTLS are up. */
  | { type: 'connected' }
  /** ICE `disconnected`/`failed`, or the connection closed by itself. */
  | { type: 'lost' }
  /** Local media could not start. */
  | { type: 'media-failed'; reason: Exclude<FailReason, 'dropped'> }
  /** This side hangs up (button, tab closed, element removed). */
  | { type: 'hang-up'; reason?: HangupReason }
  /** The other side hung up, with its reason. */
  | { type: 'remote-hang-up'; reason: HangupReason };

/** What the media layer must do. `connect`: (re)build the peer connection for `generation`; the offerer also sends an offer. */
export type CallCommand =
  | { do: 'connect'; generation: number }
  | { do: 'restart-ice' }
  | { do: 'teardown'; notify: HangupReason | null };

export interface CallMachineOptions {
  role: 'offerer' | 'answerer';
  clock: Clock;
  random?: () => number;
  policy?: ReconnectPolicy;
  /** How long a call rings before it ends as `no-answer`. */
  ringTimeoutMs?: number;
  onChange?: (state: CallState) => void;
  onCommand?: (command: CallCommand) => void;
}

const TERMINAL: ReadonlySet<CallPhase> = new Set(['idle', 'ended', 'failed']);

export class CallMachine {
  #state: CallState = { phase: 'idle' };
  readonly #role: 'offerer' | 'answerer';
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #policy: ReconnectPolicy;
  readonly #ringTimeoutMs: number;
  readonly #onChange: (state: CallState) => void;
  readonly #onCommand: (command: CallCommand) => void;
  #timer: unknown = null;
  #tried = { iceRestarts: 0, freshConnections: 0 };
  #generation = 0;

  constructor(options: CallMachineOptions) {
    this.#role = options.role;
    this.#clock = options.clock;
    this.#random = options.random ?? Math.random;
    this.#policy = options.policy ?? DEFAULT_RECONNECT_POLICY;
    this.#ringTimeoutMs = options.ringTimeoutMs ?? 45_000;
    this.#onChange = options.onChange ?? (() => undefined);
    this.#onCommand = options.onCommand ?? (() => undefined);
  }

  get state(): CallState {
    return this.#state;
  }

  /** True while a call occupies this side (ringing to reconnecting). */
  get active(): boolean {
    return !TERMINAL.has(this.#state.phase);
  }

  /** Feeds one event; events that make no sense in the current phase are ignored (signaling may repeat or arrive late). */
  dispatch(event: CallEvent): void {
    const state = this.#state;
    switch (event.type) {
      case 'dial':
      case 'invited':
        if (this.active) return;
        this.#tried = { iceRestarts: 0, freshConnections: 0 };
        this.#generation = 0;
        this.#set({ phase: 'ringing', callId: event.callId, direction: event.type === 'dial' ? 'outgoing' : 'incoming', video: event.video });
        // Only the caller says "no answer": a callee's other tabs that kept ringing must not end a call one of them took.
        this.#after(this.#ringTimeoutMs, () => this.#end({ phase: 'ended', callId: event.callId, reason: 'no-answer' }, event.type === 'dial' ? 'no-answer' : null));
        return;
      case 'accepted':
        if (state.phase !== 'ringing') return;
        this.#set({ phase: 'connecting', callId: state.callId, generation: 0 });
        this.#command({ do: 'connect', generation: 0 });
        this.#watchConnect();
        return;
      case 'offered':
        if (this.#role !== 'answerer' || !('generation' in state) || event.generation <= this.#generation) return;
        // A fresh connection from the offerer: follow it.
        this.#generation = event.generation;
        this.#set({ phase: 'reconnecting', callId: state.callId, generation: event.generation, step: 'new-connection', attempt: event.generation });
        this.#command({ do: 'connect', generation: event.generation });
        return;
      case 'connected':
        if (state.phase !== 'connecting' && state.phase !== 'reconnecting') return;
        this.#tried = { iceRestarts: 0, freshConnections: 0 };
        this.#set({ phase: 'in-call', callId: state.callId, generation: this.#generation, since: this.#clock.now() });
        this.#clearTimer();
        return;
      case 'lost':
        if (state.phase !== 'in-call' && state.phase !== 'connecting' && state.phase !== 'reconnecting') return;
        if (state.phase === 'reconnecting' && this.#role === 'offerer') return; // already recovering; its timer decides
        this.#recover(state.callId);
        return;
      case 'media-failed':
        if (!this.active || state.phase === 'idle') return;
        this.#end({ phase: 'failed', callId: state.callId, reason: event.reason }, event.reason);
        return;
      case 'hang-up':
        if (!this.active || state.phase === 'idle') return;
        this.#end(
          { phase: 'ended', callId: state.callId, reason: state.phase === 'ringing' && state.direction === 'incoming' ? 'declined' : 'hung-up' },
          event.reason ?? (state.phase === 'ringing' && state.direction === 'incoming' ? 'declined' : 'hung-up'),
        );
        return;
      case 'remote-hang-up': {
        if (!this.active || state.phase === 'idle') return;
        const callId = state.callId;
        const next: CallState =
          event.reason === 'declined' || event.reason === 'busy'
            ? { phase: 'ended', callId, reason: 'declined' }
            : event.reason === 'no-answer'
              ? { phase: 'ended', callId, reason: 'no-answer' }
              : event.reason === 'page-closed'
                ? { phase: 'ended', callId, reason: 'peer-left' }
                : event.reason === 'dropped'
                  ? { phase: 'failed', callId, reason: 'dropped' }
                  : { phase: 'ended', callId, reason: 'remote-hung-up' };
        this.#end(next, null);
        return;
      }
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  }

  /** Leaves a finished call's state for a new one (the view dismissed it). */
  reset(): void {
    if (this.active) return;
    this.#clearTimer();
    this.#set({ phase: 'idle' });
  }

  #recover(callId: string): void {
    if (this.#role === 'answerer') {
      // The offerer drives recovery; this side waits for its offers as long as the offerer could try.
      if (this.#state.phase !== 'reconnecting') {
        this.#set({ phase: 'reconnecting', callId, generation: this.#generation, step: 'ice-restart', attempt: 1 });
        this.#after(longestRecoveryMs(this.#policy) + 5_000, () => this.#end({ phase: 'failed', callId, reason: 'dropped' }, 'dropped'));
      }
      return;
    }
    const next = nextRecovery(this.#policy, this.#tried, this.#random);
    if (next.step === 'give-up') {
      this.#end({ phase: 'failed', callId, reason: 'dropped' }, 'dropped');
      return;
    }
    if (next.step === 'ice-restart') {
      this.#tried = { ...this.#tried, iceRestarts: this.#tried.iceRestarts + 1 };
      this.#set({ phase: 'reconnecting', callId, generation: this.#generation, step: 'ice-restart', attempt: this.#tried.iceRestarts });
      this.#command({ do: 'restart-ice' });
      this.#after(this.#policy.iceRestartWaitMs, () => this.#recover(callId));
      return;
    }
    this.#tried = { ...this.#tried, freshConnections: this.#tried.freshConnections + 1 };
    const attempt = this.#tried.freshConnections;
    this.#set({ phase: 'reconnecting', callId, generation: this.#generation, step: 'new-connection', attempt });
    this.#after(next.delayMs, () => {
      this.#generation += 1;
      this.#set({ phase: 'reconnecting', callId, generation: this.#generation, step: 'new-connection', attempt });
      this.#command({ do: 'connect', generation: this.#generation });
      this.#after(this.#policy.connectTimeoutMs, () => this.#recover(callId));
    });
  }

  #watchConnect(): void {
    const state = this.#state;
    if (state.phase !== 'connecting') return;
    this.#after(this.#policy.connectTimeoutMs, () => this.#recover(state.callId));
  }

  #end(next: Extract<CallState, { phase: 'ended' | 'failed' }>, notify: HangupReason | null): void {
    this.#clearTimer();
    this.#set(next);
    this.#command({ do: 'teardown', notify });
  }

  #set(state: CallState): void {
    this.#state = state;
    this.#onChange(state);
  }

  #command(command: CallCommand): void {
    this.#onCommand(command);
  }

  #after(ms: number, run: () => void): void {
    this.#clearTimer();
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      run();
    }, ms);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
