/**
 * Call signaling relay of the reference support service (1:1 video). Each
 * `signal` payload is validated against `CallSignal` and passed on at once —
 * never stored, so an SDP lives only in the frames in flight (and, for a
 * buyer on the long-poll fallback, in its in-memory backlog until its next
 * poll). It travels between instances on the support notification channel
 * (bus.ts; an SDP larger than one notification goes in parts), so a buyer on
 * one instance and an agent on another can call. Signals travel only between the conversation's buyer and the agent
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
  /** Agents signed in on any instance (one agent may have several tabs), by id. */
  agentIds(): ReadonlySet<string>;
  /** Publishes a signal to the conversation's buyer on whichever instance it is connected; `config` adds the ICE servers. */
  toBuyers(conversationId: string, callId: string, payload: Record<string, unknown>, config: boolean): Promise<void>;
  /** Publishes a signal to agent consoles on every instance: `only` the owner when set, never `except`. */
  toAgents(conversationId: string, callId: string, payload: Record<string, unknown>, to: { only: string | null; except: string | null; config: boolean }): Promise<void>;
  /** Assigns an unassigned conversation to the agent who answers or places a call; false when another agent got it first. */
  claim(conversationId: string, agentId: string): Promise<boolean>;
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

  /** The `config` signal: the store's STUN/TURN servers (each instance adds it for its own sockets). */
  config(): Record<string, unknown> {
    return { kind: 'config', iceServers: this.#iceServers };
  }

  /** A buyer's signal: to the owning agent's consoles (every agent's while unassigned, invites and hang-ups only). Returns frames for the buyer. */
  async fromBuyer(conversation: ConversationRow, callId: string, payload: unknown): Promise<BuyerServerFrame[]> {
    const signal = this.#parse(payload);
    this.#limitInvite(conversation.id, signal);
    const owner = conversation.state === 'closed' ? null : conversation.assignee;
    if (!owner && signal.kind !== 'invite' && signal.kind !== 'hangup') throw new RelayRefusal('forbidden', 'No agent has taken this conversation yet.');
    const online = this.#ports.agentIds();
    const reachable = owner ? online.has(owner) : online.size > 0;
    const reply: BuyerServerFrame[] = [];
    if (signal.kind === 'invite') {
      if (conversation.state === 'closed' || !reachable) {
        // Nobody can pick up: the buyer's call ends at once instead of ringing into the void.
        return [{ type: 'signal', callId, payload: { kind: 'hangup', reason: 'no-answer' } }];
      }
      reply.push({ type: 'signal', callId, payload: this.config() });
    }
    await this.#ports.toAgents(conversation.id, callId, signal, { only: owner, except: null, config: signal.kind === 'invite' });
    return reply;
  }

  /** An agent's signal: only the owner (or the agent who claims an unassigned conversation by calling or answering) reaches the buyer. */
  async fromAgent(agentId: string, conversation: ConversationRow, callId: string, payload: unknown): Promise<AgentServerFrame[]> {
    const signal = this.#parse(payload);
    if (conversation.state === 'closed' && signal.kind !== 'hangup') throw new RelayRefusal('forbidden', 'This conversation is closed.');
    const takenBy = new RelayRefusal('forbidden', 'Another agent has this conversation; ask them to transfer it.');
    if (conversation.assignee && conversation.assignee !== agentId) throw takenBy;
    if (!conversation.assignee) {
      if (signal.kind !== 'invite' && signal.kind !== 'accept' && signal.kind !== 'hangup') throw new RelayRefusal('forbidden', 'Claim the conversation first.');
      // Two agents answering at once on two instances: the database gives the conversation to one.
      if (signal.kind !== 'hangup' && !(await this.#ports.claim(conversation.id, agentId))) throw takenBy;
    }
    this.#limitInvite(conversation.id, signal);
    const ringing = signal.kind === 'invite' || signal.kind === 'accept';
    await this.#ports.toBuyers(conversation.id, callId, signal, ringing);
    if (ringing) {
      // The other agents' consoles stop ringing when one of them answered.
      await this.#ports.toAgents(conversation.id, callId, { kind: 'hangup', reason: 'busy' }, { only: null, except: agentId, config: false });
      return [{ type: 'signal', conversationId: conversation.id, callId, payload: this.config() }];
    }
    return [];
  }
}
