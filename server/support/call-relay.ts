/**
 * Call signaling relay of the reference support service (1:1 video). Each
 * `signal` payload is validated against `CallSignal` and passed on at once —
 * never stored, so an SDP lives only in the frames in flight (and, for a
 * buyer on the long-poll fallback, in its in-memory backlog until its next
 * poll). Signals travel only between the conversation's buyer and the agent
 * who owns it: while a conversation is unassigned, a buyer's invite (and its
 * hang-up) rings every signed-in agent, and the agent who accepts — or who
 * calls first — claims the conversation. The store's STUN/TURN servers ride
 * along as a `config` signal with every invite and accept.
 */
import { CallSignal, parseIceServers, type IceServer } from '../../src/core/protocol/support-call.schema.js';
import type { AgentServerFrame, BuyerServerFrame } from '../../src/core/protocol/support.schema.js';
import type { ConversationRow } from '../db/support.js';
import { RateLimiter } from './limits.js';

/** Call settings of the service (docs/support.md, "Video calls"). */
export interface CallOptions {
  /** STUN/TURN servers handed to both sides; add a TURN server over TLS on 443 for buyers behind strict firewalls. */
  iceServers?: readonly IceServer[];
}

/** Reads `CHECKOUT_KIT_ICE_SERVERS` (a JSON `RTCIceServer[]`); malformed entries are dropped. */
export function iceServersFromEnv(env: NodeJS.ProcessEnv = process.env): IceServer[] {
  const raw = env['CHECKOUT_KIT_ICE_SERVERS'];
  return raw ? parseIceServers(raw) : [];
}

/** What a relay decision needs of the service, without reaching into its internals. */
export interface RelayPorts {
  now(): number;
  /** Agent connections currently signed in (one agent may have several tabs). */
  agents(): Iterable<{ agent: { id: string }; deliver(frame: AgentServerFrame): void }>;
  toBuyers(conversationId: string, frame: BuyerServerFrame): void;
  /** Assigns an unassigned conversation to the agent who answers or places a call. */
  claim(conversationId: string, agentId: string): void;
}

/** Refused signals: the service turns these into `error` frames. */
export class RelayRefusal extends Error {
  constructor(
    readonly code: 'invalid_frame' | 'forbidden' | 'rate_limited',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export class CallRelay {
  readonly #ports: RelayPorts;
  readonly #iceServers: IceServer[];
  /** Invites ring a person: 6 per conversation, then one per 2 minutes. */
  readonly #inviteLimit: RateLimiter;

  constructor(ports: RelayPorts, options: CallOptions = {}) {
    this.#ports = ports;
    this.#iceServers = parseIceServers(options.iceServers ?? iceServersFromEnv());
    this.#inviteLimit = new RateLimiter(6, 1 / 120, () => ports.now());
  }

  #parse(payload: unknown): CallSignal {
    const parsed = CallSignal.safeParse(payload);
    if (!parsed.success) throw new RelayRefusal('invalid_frame', 'Not a call signal (invite, accept, offer, answer, candidate or hangup).');
    if (parsed.data.kind === 'config' || parsed.data.kind === 'due') throw new RelayRefusal('invalid_frame', `Only the service sends ${parsed.data.kind} signals.`);
    return parsed.data;
  }

  #limitInvite(conversationId: string, signal: CallSignal): void {
    if (signal.kind !== 'invite') return;
    const wait = this.#inviteLimit.take(conversationId);
    if (wait > 0) throw new RelayRefusal('rate_limited', `Too many calls; try again in ${Math.ceil(wait / 1000)} s.`, wait);
  }

  #config(): Record<string, unknown> {
    return { kind: 'config', iceServers: this.#iceServers };
  }

  /** A buyer's signal: to the owning agent's consoles (every agent's while unassigned, invites and hang-ups only). Returns frames for the buyer. */
  fromBuyer(conversation: ConversationRow, callId: string, payload: unknown): BuyerServerFrame[] {
    const signal = this.#parse(payload);
    this.#limitInvite(conversation.id, signal);
    const owner = conversation.state === 'closed' ? null : conversation.assignee;
    if (!owner && signal.kind !== 'invite' && signal.kind !== 'hangup') throw new RelayRefusal('forbidden', 'No agent has taken this conversation yet.');
    const targets = [...this.#ports.agents()].filter((peer) => (owner ? peer.agent.id === owner : true));
    const reply: BuyerServerFrame[] = [];
    if (signal.kind === 'invite') {
      if (conversation.state === 'closed' || !targets.length) {
        // Nobody can pick up: the buyer's call ends at once instead of ringing into the void.
        return [{ type: 'signal', callId, payload: { kind: 'hangup', reason: 'no-answer' } }];
      }
      reply.push({ type: 'signal', callId, payload: this.#config() });
    }
    for (const peer of targets) {
      peer.deliver({ type: 'signal', conversationId: conversation.id, callId, payload: signal });
      if (signal.kind === 'invite') peer.deliver({ type: 'signal', conversationId: conversation.id, callId, payload: this.#config() });
    }
    return reply;
  }

  /** An agent's signal: only the owner (or the agent who claims an unassigned conversation by calling or answering) reaches the buyer. */
  fromAgent(agentId: string, conversation: ConversationRow, callId: string, payload: unknown): AgentServerFrame[] {
    const signal = this.#parse(payload);
    if (conversation.state === 'closed' && signal.kind !== 'hangup') throw new RelayRefusal('forbidden', 'This conversation is closed.');
    if (conversation.assignee && conversation.assignee !== agentId) throw new RelayRefusal('forbidden', 'Another agent has this conversation; ask them to transfer it.');
    if (!conversation.assignee) {
      if (signal.kind !== 'invite' && signal.kind !== 'accept' && signal.kind !== 'hangup') throw new RelayRefusal('forbidden', 'Claim the conversation first.');
      if (signal.kind !== 'hangup') this.#ports.claim(conversation.id, agentId);
    }
    this.#limitInvite(conversation.id, signal);
    this.#ports.toBuyers(conversation.id, { type: 'signal', callId, payload: signal });
    if (signal.kind === 'invite' || signal.kind === 'accept') {
      this.#ports.toBuyers(conversation.id, { type: 'signal', callId, payload: this.#config() });
      // The agent's other consoles stop ringing when one of them answered.
      for (const peer of this.#ports.agents()) {
        if (peer.agent.id !== agentId) peer.deliver({ type: 'signal', conversationId: conversation.id, callId, payload: { kind: 'hangup', reason: 'busy' } });
      }
      return [{ type: 'signal', conversationId: conversation.id, callId, payload: this.#config() }];
    }
    return [];
  }
}
