/**
 * The reference support service: conversations, messages, receipts, typing,
 * presence and call-signal relay, independent of how frames travel. The
 * WebSocket server (ws.ts) and the HTTP long-poll fallback (routes.ts) both
 * feed frames in here and deliver what comes out, so the two transports
 * behave identically.
 *
 * Several instances may serve one database (docs/support.md, "Several
 * instances"). Everything durable is in the database (db/support.ts); only
 * who is connected to THIS instance lives in memory. Every change is
 * committed first and then published on the support notification channel
 * (bus.ts); every instance, the writer included, hears it and delivers to the
 * sockets and long-polls connected to it — messages by reading the database
 * after each connection's cursor, so each connection gets each message once
 * and in seq order whichever instance wrote it. Agent presence and which
 * buyers are connected are reported by each instance on the same channel and
 * expire when an instance stops reporting.
 */
import { createHash, randomBytes, randomUUID, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import {
  ATTACHMENT_TYPES,
  CheckoutContext,
  MAX_ATTACHMENT_BYTES,
  MAX_TEXT_LENGTH,
  OfflineMessage,
  StartConversation,
  type AgentFrame,
  type AgentInfo,
  type AgentServerFrame,
  type Attachment,
  type BuyerFrame,
  type BuyerServerFrame,
  type ConversationGrant,
  type ConversationSummary,
  type SupportErrorCode,
  type SupportMessage,
  type SupportStatus,
} from '../../src/core/protocol/support.schema.js';
import {
  advanceCursor,
  agentById,
  agentByLogin,
  appendMessage,
  assignIfWaiting,
  attachmentById,
  claimConversation,
  conversationByCredential,
  conversationById,
  deleteAgentLogin,
  insertAgentLogin,
  insertAttachment,
  insertConversation,
  insertOffline,
  listAgents,
  listConversations,
  listOffline,
  messageByClientId,
  messagesAfter,
  reopenIfClosed,
  updateConversation,
  upsertAgent,
  waitingFigures,
  type ConversationRow,
  type MessageRow,
  type OfflineRow,
} from '../db/support.js';
import type { Sql, Storage } from '../storage/storage.js';
import { Appointments } from './appointments.js';
import { SupportBus, type AgentPresence, type BusEvent } from './bus.js';
import { CallRelay, RelayRefusal, type CallOptions } from './call-relay.js';
import { checkBusinessHours, isOpen, nextOpening, type BusinessHours } from './hours.js';
import { IdentityError, verifyIdentityToken } from './jwt.js';
import { RateLimiter } from './limits.js';
import { ApiError } from '../http/errors.js';
import { RateLimiter as SharedRateLimiter } from '../http/rate-limit.js';

/**
 * Limits that must hold whichever instance a client reaches (fixed windows in the storage). Flood
 * limits of one socket (frames, messages) stay in memory: a socket lives on one instance.
 */
const SHARED_SUPPORT_LIMITS = {
  supportStarts: { limit: 20, windowMs: 60_000 },
  supportOffline: { limit: 5, windowMs: 10 * 60_000 },
  agentLogins: { limit: 10, windowMs: 10 * 60_000 },
  supportUploads: { limit: 5, windowMs: 60_000 },
};
import { PRESENCE_REFRESH_MS, RemotePresence } from './presence.js';

const scryptAsync = promisify(scrypt) as (password: string, salt: string, keylen: number) => Promise<Buffer>;

/** An agent the reference service knows; the sandbox ships two, overridable with `CHECKOUT_KIT_AGENTS`. */
export interface AgentAccount {
  id: string;
  name: string;
  password: string;
}

/** Sandbox agents, documented in docs/support.md; safe only because the server binds 127.0.0.1. */
export const SANDBOX_AGENTS: readonly AgentAccount[] = [
  { id: 'ana', name: 'Ana', password: 'sandbox-agent-ana' },
  { id: 'ben', name: 'Ben', password: 'sandbox-agent-ben' },
];

/** Reads `CHECKOUT_KIT_AGENTS` (`id:Name:password,…`), falling back to the sandbox agents. */
export function agentsFromEnv(env: NodeJS.ProcessEnv = process.env): readonly AgentAccount[] {
  const raw = env['CHECKOUT_KIT_AGENTS'];
  if (!raw) return SANDBOX_AGENTS;
  return raw.split(',').map((entry) => {
    const [id, name, ...rest] = entry.split(':');
    const password = rest.join(':');
    if (!id || !name || !password || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new Error('CHECKOUT_KIT_AGENTS must be id:Name:password,…');
    return { id, name, password };
  });
}

export interface SupportOptions {
  /** Business hours; null or absent: always open. */
  hours?: BusinessHours | null;
  agents?: readonly AgentAccount[];
  /** Video calls: the STUN/TURN servers both sides use (call-relay.ts). */
  call?: CallOptions;
}

/** A refusal with an HTTP status and a protocol error code. */
export class SupportFailure extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 415 | 409 | 429 | 503,
    readonly code: SupportErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** One connected buyer tab (a WebSocket, or a long-poll request while it waits). */
export interface BuyerPeer {
  deliver(frame: BuyerServerFrame): void;
}

/** One connected agent console. */
export interface AgentPeer {
  readonly agent: { id: string; name: string };
  presence: 'online' | 'away';
  deliver(frame: AgentServerFrame): void;
}

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url')}`;
const AGENT_LOGIN_MS = 12 * 60 * 60 * 1000;
/** A buyer on the long-poll fallback counts as online this long after their last poll. */
const POLL_PRESENCE_MS = 40_000;
/** Messages read per round when a connection catches up. */
const PAGE = 500;

/** What the service needs of the backend: the storage (ctx.store), the clock and the merchant secret (identity tokens). */
export interface SupportContext {
  readonly store: Storage;
  readonly now: () => number;
  readonly merchantSecret: string;
}

/** A buyer connection on this instance and how far it has been given the conversation. */
interface BuyerConn {
  readonly conversationId: string;
  readonly peer: BuyerPeer;
  /** The highest seq delivered (or skipped as its own); messages after it are read from the database. */
  cursor: number;
  /** clientIds this connection is sending: answered with `sent`, so not delivered back to it as `message`. */
  readonly own: Set<string>;
  /** A long-poll request waiting for frames (not a socket). */
  readonly polling: boolean;
}

/** An agent console on this instance: it gets every conversation's messages, each from its own cursor. */
interface AgentConn {
  readonly peer: AgentPeer;
  /** Unique across instances: typing goes to every console but the typist's. */
  readonly key: string;
  readonly cursors: Map<string, number>;
  /** Until its welcome is sent: conversations with messages meanwhile, and the first such seq. */
  pending: Map<string, number> | null;
}


/** Letters, digits and their marks plus ordinary punctuation stay; control characters (other than newline and tab) go. */
function cleanText(text: string): string {
  // Matching control characters is the point here.
  // oxlint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '').trim();
}

/** Recognises an image from its first bytes; the declared Content-Type must agree. */
export function sniffImage(bytes: Uint8Array): (typeof ATTACHMENT_TYPES)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return null;
}

export class SupportService {
  readonly #store: Storage;
  readonly #now: () => number;
  readonly #secret: string;
  readonly #hours: BusinessHours | null;
  /** This instance, as the others know it. */
  readonly #instance = randomBytes(9).toString('base64url');
  readonly #bus: SupportBus;
  readonly #ready: Promise<void>;
  readonly #buyers = new Map<string, Set<BuyerConn>>();
  readonly #buyerConns = new WeakMap<BuyerPeer, BuyerConn>();
  readonly #lastPoll = new Map<string, number>();
  readonly #agents = new Set<AgentConn>();
  readonly #agentConns = new WeakMap<AgentPeer, AgentConn>();
  /** Agents and buyers on the other instances, as they report them. */
  readonly #remote = new RemotePresence((change) => {
    if (change.agents) this.#agentsChanged();
    for (const id of change.conversations) this.#announceLocal(id);
  });
  /** Agent names by id (read once and on resync): the agent list is built on every presence change. */
  #agentNames: Array<{ id: string; name: string }> = [];
  #connSerial = 0;
  readonly #messageLimit: RateLimiter;
  readonly #frameLimit: RateLimiter;
  /** Per client or conversation, in the storage: every instance counts against one limit. */
  readonly #sharedLimit: SharedRateLimiter<keyof typeof SHARED_SUPPORT_LIMITS>;
  readonly #calls: CallRelay;
  /** Booked video calls: slots, bookings, the prompt when one starts (appointments.ts). */
  readonly appointments: Appointments;
  #status: SupportStatus;
  #closed = false;
  readonly #pollBacklog = new Map<string, BuyerServerFrame[]>();
  readonly #announcing = new Set<string>();
  readonly #pollers = new Set<() => void>();
  /** One catch-up per conversation at a time; `again` asks the running one for another round. */
  readonly #pumps = new Map<string, { again: boolean; done: Promise<void> }>();
  readonly #statusTimer: ReturnType<typeof setInterval>;
  readonly #presenceTimer: ReturnType<typeof setInterval>;

  constructor(ctx: SupportContext, options: SupportOptions = {}) {
    this.#store = ctx.store;
    this.#now = ctx.now;
    this.#secret = ctx.merchantSecret;
    this.#hours = options.hours ?? null;
    if (this.#hours) checkBusinessHours(this.#hours);
    const agents = (options.agents ?? SANDBOX_AGENTS).map((agent) => {
      const salt = randomBytes(16).toString('base64url');
      const hash = scryptSync(agent.password, salt, 32).toString('base64url');
      return { id: agent.id, name: agent.name, passwordHash: `scrypt$${salt}$${hash}` };
    });
    this.#messageLimit = new RateLimiter(8, 1, this.#now);
    this.#frameLimit = new RateLimiter(40, 10, this.#now);
    this.#sharedLimit = new SharedRateLimiter(SHARED_SUPPORT_LIMITS, ctx.store, this.#now);
    this.#calls = new CallRelay(
      {
        now: this.#now,
        agentIds: () => new Set(this.#agentPresence().keys()),
        toBuyers: (c, callId, payload, config) => this.#publish({ t: 'bsig', c, callId, payload, config }),
        toAgents: (c, callId, payload, to) => this.#publish({ t: 'asig', c, callId, payload, ...to }),
        claim: async (id, agentId) => {
          const won = await claimConversation(this.#store, id, agentId, this.#now());
          if (won) await this.#publish({ t: 'conv', c: id });
          return won;
        },
      },
      options.call,
    );
    this.appointments = new Appointments({
      db: this.#store,
      now: this.#now,
      hours: this.#hours,
      toBuyers: (id, frame) => this.#toLocalBuyers(id, frame),
      agents: () => [...this.#agents].map((conn) => conn.peer),
    });
    this.#bus = new SupportBus(this.#store, (events) => this.#hear(events));
    this.#ready = this.#start(agents);
    // A failed start is reported by every call that awaits it; this only keeps it from being unhandled.
    this.#ready.catch((error: unknown) => console.error('[checkout-kit support] start', error));
    this.#status = this.#computeStatus();
    // Business hours open and close by the clock: re-check every half minute.
    this.#statusTimer = setInterval(() => this.refreshStatus(), 30_000);
    this.#statusTimer.unref();
    this.#presenceTimer = setInterval(() => this.#presenceTick(), PRESENCE_REFRESH_MS);
    this.#presenceTimer.unref();
  }

  async #start(agents: ReadonlyArray<{ id: string; name: string; passwordHash: string }>): Promise<void> {
    for (const agent of agents) await upsertAgent(this.#store, agent);
    this.#agentNames = await listAgents(this.#store);
    await this.#bus.start();
    // Tell the others this instance is here, and ask who is on theirs.
    await this.#publish(this.#presenceReport(), { t: 'who', i: this.#instance });
  }

  /** Resolves once the service's agents are stored and it hears the other instances. */
  ready(): Promise<void> {
    return this.#ready;
  }

  // ---- between instances ------------------------------------------------------------------

  /**
   * Publishes on the support channel. Never rejects: the change is already
   * stored, so a failed notification is logged and repaired by the readers'
   * cursors (the next notification, or a resync).
   */
  #publish(...events: BusEvent[]): Promise<void> {
    return this.#publishOn(this.#store, ...events);
  }

  /** `#publish` from a synchronous path (a socket closed, a presence tick): it never rejects, so nothing waits on it. */
  #announce(...events: BusEvent[]): void {
    this.#publish(...events).catch((error: unknown) => console.error('[checkout-kit support] publish', error));
  }

  /** `#catchUp` from a notification handler; it logs its own failures, and the next notification or a resync repairs them. */
  #catchUpInBackground(conversationId: string, seq?: number): void {
    this.#catchUp(conversationId, seq).catch((error: unknown) => console.error('[checkout-kit support] catch up', error));
  }

  /** Inside a transaction: sent after its commit; a failure fails the transaction (nothing was stored). */
  #publishOn(db: Sql, ...events: BusEvent[]): Promise<void> {
    if (this.#closed && db === this.#store && !events.some((e) => e.t === 'bye')) return Promise.resolve();
    return this.#bus.publish(db, ...events).catch((error: unknown) => {
      if (db !== this.#store) throw error;
      if (!this.#closed) console.error('[checkout-kit support] publish', error);
    });
  }

  /** Every instance's events, this one's included, in the order they were committed. */
  #hear(events: BusEvent[]): void {
    if (this.#closed) return;
    for (const event of events) {
      try {
        this.#hearOne(event);
      } catch (error) {
        console.error('[checkout-kit support] event', event.t, error);
      }
    }
  }

  #hearOne(event: BusEvent): void {
    switch (event.t) {
      case 'msg':
        // Never rejects: a failed read is logged, and the next notification or a resync catches up.
        this.#catchUpInBackground(event.c, event.s);
        return;
      case 'conv':
        this.#announceLocal(event.c);
        return;
      case 'rcpt':
        this.#toLocalBuyers(event.c, { type: 'receipt', readByAgent: event.r });
        return;
      case 'closed':
        this.#toLocalBuyers(event.c, { type: 'closed' });
        return;
      case 'btyp':
        for (const conn of this.#agents) conn.peer.deliver({ type: 'typing', conversationId: event.c, on: event.on });
        return;
      case 'atyp':
        this.#toLocalBuyers(event.c, { type: 'typing', on: event.on, name: event.name });
        for (const conn of this.#agents) if (conn.key !== event.p) conn.peer.deliver({ type: 'typing', conversationId: event.c, on: event.on });
        return;
      case 'bsig':
        this.#toLocalBuyers(event.c, { type: 'signal', callId: event.callId, payload: event.payload });
        if (event.config) this.#toLocalBuyers(event.c, { type: 'signal', callId: event.callId, payload: this.#calls.config() });
        return;
      case 'asig':
        for (const conn of this.#agents) {
          const id = conn.peer.agent.id;
          if ((event.only && id !== event.only) || id === event.except) continue;
          conn.peer.deliver({ type: 'signal', conversationId: event.c, callId: event.callId, payload: event.payload });
          if (event.config) conn.peer.deliver({ type: 'signal', conversationId: event.c, callId: event.callId, payload: this.#calls.config() });
        }
        return;
      case 'pres':
        if (event.i !== this.#instance) this.#remote.report(event.i, new Map(event.a), new Set(event.b));
        return;
      case 'buyer':
        if (event.i !== this.#instance) this.#remote.buyer(event.i, event.c, event.on);
        return;
      case 'who':
        if (event.i !== this.#instance) this.#announce(this.#presenceReport());
        return;
      case 'bye':
        if (event.i !== this.#instance) this.#remote.forget(event.i);
        return;
      default: {
        const unknownEvent: never = event;
        return unknownEvent;
      }
    }
  }

  /**
   * Brings every connection of this instance on `conversationId` up to the
   * database: reads the messages after the lowest cursor and gives each
   * connection those after its own. One round at a time per conversation, so
   * a connection never gets a message twice or out of order. `seq` (from a
   * notification) starts the cursor of consoles that have not seen the
   * conversation yet.
   */
  #catchUp(conversationId: string, seq?: number): Promise<void> {
    for (const conn of this.#agents) {
      if (seq === undefined) break;
      if (conn.pending) {
        if (!conn.pending.has(conversationId)) conn.pending.set(conversationId, seq);
      } else if (!conn.cursors.has(conversationId)) {
        conn.cursors.set(conversationId, seq - 1);
      }
    }
    const running = this.#pumps.get(conversationId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: true, done: Promise.resolve() };
    this.#pumps.set(conversationId, state);
    state.done = (async () => {
      try {
        while (state.again && !this.#closed) {
          state.again = false;
          if (await this.#pumpRound(conversationId)) state.again = true;
        }
      } catch (error) {
        if (!this.#closed) console.error('[checkout-kit support] delivery', error);
      } finally {
        this.#pumps.delete(conversationId);
      }
    })();
    return state.done;
  }

  /** One round of `#catchUp`; true when a full page was read (more may follow). */
  async #pumpRound(conversationId: string): Promise<boolean> {
    const buyers = [...(this.#buyers.get(conversationId) ?? [])];
    const agents = [...this.#agents].filter((conn) => !conn.pending && conn.cursors.has(conversationId));
    if (!buyers.length && !agents.length) return false;
    const from = Math.min(...buyers.map((conn) => conn.cursor), ...agents.map((conn) => conn.cursors.get(conversationId)!));
    const rows = await messagesAfter(this.#store, conversationId, from, PAGE);
    for (const row of rows) {
      const message = toMessage(row);
      for (const conn of buyers) {
        if (row.seq <= conn.cursor || !this.#buyers.get(conversationId)?.has(conn)) continue;
        conn.cursor = row.seq;
        // The sender has its `sent`; its other tabs get the message.
        if (row.author === 'buyer' && row.clientId && conn.own.delete(row.clientId)) continue;
        conn.peer.deliver({ type: 'message', message });
      }
      for (const conn of agents) {
        if (row.seq <= (conn.cursors.get(conversationId) ?? row.seq) || !this.#agents.has(conn)) continue;
        conn.cursors.set(conversationId, row.seq);
        conn.peer.deliver({ type: 'message', message });
      }
    }
    return rows.length === PAGE;
  }

  /** This instance's presence: its agents and the conversations whose buyer is connected here. */
  #presenceReport(): BusEvent {
    const agents = new Map<string, AgentPresence>();
    for (const conn of this.#agents) if (agents.get(conn.peer.agent.id) !== 'online') agents.set(conn.peer.agent.id, conn.peer.presence);
    const buyers = new Set([...this.#buyers.keys(), ...[...this.#lastPoll.keys()].filter((id) => this.#localBuyerOnline(id))]);
    return { t: 'pres', i: this.#instance, a: [...agents], b: [...buyers] };
  }

  /** Reports this instance's presence and forgets instances that stopped reporting. */
  #presenceTick(): void {
    if (this.#closed) return;
    this.#remote.expire();
    // A long-polling buyer who stopped polling goes offline here.
    for (const [id, at] of this.#lastPoll) {
      if (this.#now() - at < POLL_PRESENCE_MS) continue;
      this.#lastPoll.delete(id);
      this.#pollBacklog.delete(id);
      if (!this.#buyers.has(id)) this.#announce({ t: 'buyer', i: this.#instance, c: id, on: false }, { t: 'conv', c: id });
    }
    this.#announce(this.#presenceReport());
  }

  /** Agents signed in on any instance: online when any of their consoles is. */
  #agentPresence(): Map<string, AgentPresence> {
    const presence = new Map<string, AgentPresence>();
    const add = (id: string, value: AgentPresence) => {
      if (presence.get(id) !== 'online') presence.set(id, value);
    };
    for (const conn of this.#agents) add(conn.peer.agent.id, conn.peer.presence);
    for (const [id, value] of this.#remote.agents()) add(id, value);
    return presence;
  }

  /**
   * Re-reads what notifications would have said, for everything connected to
   * this instance: call it when notifications may have been lost (the storage's
   * `onListenGap`: the LISTEN connection dropped and came back). Messages come
   * from each connection's cursor, so nothing is delivered twice.
   */
  async resync(): Promise<void> {
    if (this.#closed) return;
    await this.#ready;
    // Presence heard before the gap stays until it expires (no flicker to offline); fresh reports replace it.
    await this.#publish(this.#presenceReport(), { t: 'who', i: this.#instance });
    this.#agentNames = await listAgents(this.#store);
    const rows = await listConversations(this.#store, this.#now() - 24 * 60 * 60 * 1000);
    const ids = new Set(this.#buyers.keys());
    for (const row of rows) {
      if ([...this.#agents].some((conn) => (conn.cursors.get(row.id) ?? row.lastSeq) < row.lastSeq)) ids.add(row.id);
    }
    await Promise.all([...ids].map((id) => this.#catchUp(id)));
    for (const id of [...this.#buyers.keys()]) {
      const row = await conversationById(this.#store, id);
      if (!row) continue;
      this.#toLocalBuyers(id, { type: 'receipt', readByAgent: row.readByAgent });
      if (row.state === 'closed') this.#toLocalBuyers(id, { type: 'closed' });
    }
    for (const row of rows) this.#announceLocal(row.id);
    this.#agentsChanged();
  }

  // ---- status ---------------------------------------------------------------------------

  #computeStatus(): SupportStatus {
    const now = this.#now();
    const open = isOpen(this.#hours, now);
    const next = nextOpening(this.#hours, now);
    const agents = [...this.#agentPresence().values()];
    const presence = !open || agents.length === 0 ? 'offline' : agents.includes('online') ? 'online' : 'away';
    return { presence, open, nextOpenAt: next === null ? null : new Date(next).toISOString() };
  }

  /** What the bubble shows: whether someone answers now, and when someone is back. */
  status(): SupportStatus {
    return this.#status;
  }

  /** Recomputes presence and hours; tells this instance's buyers when it changed. */
  refreshStatus(): void {
    const next = this.#computeStatus();
    if (JSON.stringify(next) === JSON.stringify(this.#status)) return;
    this.#status = next;
    for (const id of new Set([...this.#buyers.keys(), ...this.#lastPoll.keys()])) this.#toLocalBuyers(id, { type: 'status', status: next });
  }

  // ---- buyers -----------------------------------------------------------------------------

  /** `POST /conversations`: a new conversation and its credential (shown once, stored only as a hash). */
  async startConversation(body: unknown, clientKey: string): Promise<ConversationGrant> {
    await this.#limitShared('supportStarts', clientKey);
    const parsed = StartConversation.safeParse(body);
    if (!parsed.success) throw new SupportFailure(400, 'invalid_frame', 'Expected { locale, timeZone, identityToken? }.');
    let identityJson: string | null = null;
    if (parsed.data.identityToken) {
      try {
        identityJson = JSON.stringify(verifyIdentityToken(parsed.data.identityToken, this.#secret, this.#now()));
      } catch (error) {
        const why = error instanceof IdentityError ? error.message : 'unreadable';
        throw new SupportFailure(401, 'invalid_identity', `The identity token was refused (${why}); start without one or mint a fresh one.`);
      }
    }
    const credential = randomBytes(32).toString('base64url');
    const id = newId('cv');
    await this.#store.transaction(async (tx) => {
      await insertConversation(tx, { id, credentialHash: sha256(credential), locale: parsed.data.locale, timeZone: parsed.data.timeZone, identityJson, now: this.#now() });
      await this.#publishOn(tx, { t: 'conv', c: id });
    });
    return { conversationId: id, credential };
  }

  /** The conversation a credential opens, or a 401 failure. */
  async authenticate(credential: string | undefined): Promise<ConversationRow> {
    const row = credential && /^[A-Za-z0-9_-]{43}$/.test(credential) ? await conversationByCredential(this.#store, sha256(credential)) : undefined;
    if (!row) throw new SupportFailure(401, 'unauthorized', 'Unknown conversation credential; start a new conversation.');
    return row;
  }

  /** The current row of an authenticated conversation (a socket re-reads it per frame). */
  async authenticateById(id: string): Promise<ConversationRow> {
    const row = await conversationById(this.#store, id);
    if (!row) throw new SupportFailure(401, 'unauthorized', 'Unknown conversation; start a new conversation.');
    return row;
  }

  /** The `welcome` frame: status, the agent's read cursor, whether the conversation is closed. */
  async welcomeFrame(conversation: ConversationRow): Promise<BuyerServerFrame> {
    const row = (await conversationById(this.#store, conversation.id)) ?? conversation;
    return { type: 'welcome', conversationId: row.id, status: this.#status, readByAgent: row.readByAgent, closed: row.state === 'closed' };
  }

  /**
   * Connects a buyer socket: `welcome`, then every message after `after`, then
   * whatever happens next — on any instance — until the returned function
   * disconnects it. The connection is registered before its backlog is read,
   * so a message committed meanwhile is neither missed nor sent twice.
   */
  async connectBuyer(conversation: ConversationRow, after: number, peer: BuyerPeer): Promise<() => void> {
    await this.#ready;
    if (this.#closed) throw new SupportFailure(503, 'internal_error', 'The support service is restarting; connect again.', 1000);
    peer.deliver(await this.welcomeFrame(conversation));
    const detach = this.#attachBuyer(conversation.id, peer, after, false);
    await this.#catchUp(conversation.id);
    return detach;
  }

  #attachBuyer(conversationId: string, peer: BuyerPeer, after: number, polling: boolean): () => void {
    const conn: BuyerConn = { conversationId, peer, cursor: after, own: new Set(), polling };
    let conns = this.#buyers.get(conversationId);
    if (!conns) this.#buyers.set(conversationId, (conns = new Set()));
    const wasOffline = !this.#localBuyerOnline(conversationId);
    conns.add(conn);
    this.#buyerConns.set(peer, conn);
    if (wasOffline) this.#announce({ t: 'buyer', i: this.#instance, c: conversationId, on: true }, { t: 'conv', c: conversationId });
    return () => {
      if (this.#closed || !conns.delete(conn)) return;
      if (!conns.size && this.#buyers.get(conversationId) === conns) this.#buyers.delete(conversationId);
      if (!this.#localBuyerOnline(conversationId)) this.#announce({ t: 'buyer', i: this.#instance, c: conversationId, on: false }, { t: 'conv', c: conversationId });
    };
  }

  /**
   * Delivers a frame to this instance's connections of the conversation. A
   * long-polling buyer between two polls has no connection: frames other than
   * messages (which are re-read from the database) wait for its next poll here.
   */
  #toLocalBuyers(conversationId: string, frame: BuyerServerFrame): void {
    const conns = this.#buyers.get(conversationId);
    for (const conn of conns ?? []) conn.peer.deliver(frame);
    const lastPoll = this.#lastPoll.get(conversationId);
    if (frame.type === 'message' || lastPoll === undefined || this.#now() - lastPoll > POLL_PRESENCE_MS) return;
    if ([...(conns ?? [])].some((conn) => conn.polling)) return;
    const backlog = this.#pollBacklog.get(conversationId) ?? [];
    backlog.push(frame);
    this.#pollBacklog.set(conversationId, backlog.slice(-50));
  }

  #localBuyerOnline(conversationId: string): boolean {
    const lastPoll = this.#lastPoll.get(conversationId);
    return (this.#buyers.get(conversationId)?.size ?? 0) > 0 || (lastPoll !== undefined && this.#now() - lastPoll < POLL_PRESENCE_MS);
  }

  #buyerOnline(conversationId: string): boolean {
    return this.#localBuyerOnline(conversationId) || this.#remote.hasBuyer(conversationId);
  }

  /** Handles one buyer frame; returns the frames that answer the sender (others are delivered through the channel). */
  async handleBuyerFrame(conversation: ConversationRow, frame: Exclude<BuyerFrame, { type: 'hello' }>, from?: BuyerPeer): Promise<BuyerServerFrame[]> {
    const id = conversation.id;
    if (frame.type === 'ping') return [{ type: 'pong' }];
    try {
      this.#limit(this.#frameLimit, `frame:${id}`);
    } catch (failure) {
      return [errorFrame(failure, frame.type === 'send' ? frame.clientId : undefined)];
    }
    switch (frame.type) {
      case 'send': {
        const conn = from ? this.#buyerConns.get(from) : undefined;
        conn?.own.add(frame.clientId);
        try {
          const { message, created } = await this.#buyerMessage(id, frame);
          if (!created) conn?.own.delete(frame.clientId);
          return [{ type: 'sent', clientId: frame.clientId, message }];
        } catch (failure) {
          conn?.own.delete(frame.clientId);
          return [errorFrame(failure, frame.clientId)];
        }
      }
      case 'ack':
        if (await advanceCursor(this.#store, id, 'delivered_to_buyer', frame.seq)) await this.#publish({ t: 'conv', c: id });
        return [];
      case 'read': {
        const delivered = await advanceCursor(this.#store, id, 'delivered_to_buyer', frame.seq);
        if ((await advanceCursor(this.#store, id, 'read_by_buyer', frame.seq)) || delivered) await this.#publish({ t: 'conv', c: id });
        return [];
      }
      case 'typing':
        await this.#publish({ t: 'btyp', c: id, on: frame.on });
        return [];
      case 'context': {
        const context = CheckoutContext.parse(frame.context);
        await updateConversation(this.#store, id, { contextJson: JSON.stringify(context) }, this.#now());
        await this.#publish({ t: 'conv', c: id });
        return [];
      }
      case 'signal':
        try {
          return await this.#calls.fromBuyer(conversation, frame.callId, frame.payload);
        } catch (failure) {
          return [errorFrame(relayFailure(failure))];
        }
      default: {
        const unknownFrame: never = frame;
        return [errorFrame(new SupportFailure(400, 'invalid_frame', `Unknown frame ${JSON.stringify(unknownFrame)}.`))];
      }
    }
  }

  async #buyerMessage(conversationId: string, frame: Extract<BuyerFrame, { type: 'send' }>): Promise<{ message: SupportMessage; created: boolean }> {
    const text = cleanText(frame.text);
    let attachment: Attachment | undefined;
    if (frame.attachmentId) {
      const stored = await attachmentById(this.#store, frame.attachmentId);
      if (!stored || stored.conversationId !== conversationId) throw new SupportFailure(404, 'not_found', 'Unknown attachment; upload it first.');
      attachment = { id: stored.id, type: stored.type as Attachment['type'], size: stored.size };
    }
    if (!text && !attachment) throw new SupportFailure(400, 'invalid_frame', 'A message needs text or an attachment.');
    const resent = await messageByClientId(this.#store, conversationId, frame.clientId);
    if (resent) return { message: toMessage(resent), created: false };
    this.#limit(this.#messageLimit, `msg:${conversationId}`);
    const now = this.#now();
    const stored = await appendMessage(
      this.#store,
      conversationId,
      { id: newId('msg'), author: 'buyer', authorName: null, text, attachmentJson: attachment ? JSON.stringify(attachment) : null, clientId: frame.clientId },
      now,
      async (tx, row) => {
        // A buyer who writes again reopens the conversation: it goes back to the queue.
        await reopenIfClosed(tx, conversationId, now);
        await this.#publishOn(tx, { t: 'msg', c: conversationId, s: row.seq }, { t: 'conv', c: conversationId });
      },
    );
    return { message: toMessage(stored.row), created: stored.created };
  }

  /**
   * `POST /poll` (the fallback transport): answers at once when messages after
   * `after` exist, else waits up to `waitMs` for the next frame. Each answer
   * ends with the current receipt and status, which a poller may have missed.
   * When the service stops, a waiting poll is answered 503 so the client polls
   * again (on another instance) from the same cursor.
   */
  async poll(conversation: ConversationRow, after: number, waitMs: number, signal?: AbortSignal): Promise<BuyerServerFrame[]> {
    await this.#ready;
    const restarting = () => new SupportFailure(503, 'internal_error', 'The support service is restarting; poll again.', 1000);
    if (this.#closed) throw restarting();
    const id = conversation.id;
    const wasOnline = this.#localBuyerOnline(id);
    this.#lastPoll.set(id, this.#now());
    if (!wasOnline) await this.#publish({ t: 'buyer', i: this.#instance, c: id, on: true }, { t: 'conv', c: id });
    const tail = async (): Promise<BuyerServerFrame[]> => {
      const row = await conversationById(this.#store, id);
      const frames: BuyerServerFrame[] = [{ type: 'receipt', readByAgent: row?.readByAgent ?? 0 }, { type: 'status', status: this.#status }];
      if (row?.state === 'closed') frames.push({ type: 'closed' });
      return frames;
    };
    const got: BuyerServerFrame[] = [...(this.#pollBacklog.get(id) ?? [])];
    this.#pollBacklog.delete(id);
    let wake: (() => void) | undefined;
    const peer: BuyerPeer = {
      deliver: (frame) => {
        got.push(frame);
        // Let frames sent in the same tick ride along.
        if (wake) queueMicrotask(wake);
      },
    };
    const detach = this.#attachBuyer(id, peer, after, true);
    try {
      await this.#catchUp(id);
      if (!got.length && waitMs > 0 && !this.#closed) {
        await new Promise<void>((resolve) => {
          let done = false;
          const finish = () => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            this.#pollers.delete(finish);
            resolve();
          };
          wake = finish;
          this.#pollers.add(finish);
          const timer = setTimeout(finish, waitMs);
          signal?.addEventListener('abort', finish, { once: true });
        });
      }
    } finally {
      detach();
    }
    if (this.#closed) throw restarting();
    this.#lastPoll.set(id, this.#now());
    return [...got.filter((f) => f.type !== 'message' || f.message.seq > after), ...(await tail())];
  }

  /** `POST /attachments`: stores an image after checking its declared type, its bytes and its size. */
  async uploadAttachment(conversation: ConversationRow, declaredType: string | undefined, bytes: Uint8Array): Promise<Attachment> {
    await this.#limitShared('supportUploads', conversation.id);
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw new SupportFailure(413, 'too_large', `Images may be at most ${MAX_ATTACHMENT_BYTES} bytes.`);
    const type = sniffImage(bytes);
    if (!type || type !== declaredType?.split(';')[0]?.trim()) {
      throw new SupportFailure(415, 'unsupported_type', `Only ${ATTACHMENT_TYPES.join(', ')} images whose bytes match their Content-Type.`);
    }
    const id = newId('att');
    await insertAttachment(this.#store, { id, conversationId: conversation.id, type, bytes: Buffer.from(bytes), now: this.#now() });
    return { id, type, size: bytes.length };
  }

  /** An attachment's bytes, for its own conversation's buyer or any signed-in agent. */
  async readAttachment(id: string, reader: { conversationId: string } | { agentId: string }): Promise<{ type: string; bytes: Buffer }> {
    const stored = await attachmentById(this.#store, id);
    if (!stored || ('conversationId' in reader && reader.conversationId !== stored.conversationId)) {
      throw new SupportFailure(404, 'not_found', 'No such attachment in this conversation.');
    }
    return { type: stored.type, bytes: Buffer.from(stored.bytes) };
  }

  /** `POST /offline`: the form shown outside business hours; agents see it in the console. */
  async offlineMessage(body: unknown, clientKey: string): Promise<{ id: string }> {
    await this.#limitShared('supportOffline', clientKey);
    const parsed = OfflineMessage.safeParse(body);
    if (!parsed.success) throw new SupportFailure(400, 'invalid_frame', 'Expected { email, message, locale, timeZone } with a valid email.');
    const row: OfflineRow = {
      id: newId('off'),
      email: parsed.data.email,
      message: cleanText(parsed.data.message),
      locale: parsed.data.locale,
      timeZone: parsed.data.timeZone,
      createdAt: this.#now(),
    };
    await insertOffline(this.#store, row);
    return { id: row.id };
  }

  // ---- agents -----------------------------------------------------------------------------

  /** Checks an agent's password; returns a login token (stored hashed, 12 hours, accepted by every instance). */
  async login(id: unknown, password: unknown, clientKey: string): Promise<{ token: string; agent: { id: string; name: string } }> {
    await this.#limitShared('agentLogins', clientKey);
    await this.#ready;
    const fail = new SupportFailure(401, 'unauthorized', 'Unknown agent or wrong password.');
    if (typeof id !== 'string' || typeof password !== 'string' || password.length > 256) throw fail;
    const agent = await agentById(this.#store, id);
    const [, salt = 'none', hash = ''] = agent?.passwordHash.split('$') ?? [];
    // Hash even for an unknown agent, so timing does not tell which agents exist.
    const given = await scryptAsync(password, salt, 32);
    const expected = Buffer.from(hash, 'base64url');
    if (!agent || expected.length !== given.length || !timingSafeEqual(given, expected)) throw fail;
    const token = randomBytes(32).toString('base64url');
    await insertAgentLogin(this.#store, sha256(token), agent.id, this.#now() + AGENT_LOGIN_MS);
    return { token, agent: { id: agent.id, name: agent.name } };
  }

  async logout(token: string): Promise<void> {
    await deleteAgentLogin(this.#store, sha256(token));
  }

  /** The agent a login token belongs to, or a 401 failure. */
  async agentByToken(token: string | undefined): Promise<{ id: string; name: string }> {
    const agent = token && token.length <= 128 ? await agentByLogin(this.#store, sha256(token), this.#now()) : undefined;
    if (!agent) throw new SupportFailure(401, 'unauthorized', 'Sign in as an agent first.');
    return agent;
  }

  offlineMessages(): Promise<OfflineRow[]> {
    return listOffline(this.#store);
  }

  /** Connects a console: it gets the conversation list and the agents, then every message from then on; buyers see the new presence. */
  async attachAgent(peer: AgentPeer): Promise<() => void> {
    await this.#ready;
    if (this.#closed) throw new SupportFailure(503, 'internal_error', 'The support service is restarting; connect again.', 1000);
    const conn: AgentConn = { peer, key: `${this.#instance}.${++this.#connSerial}`, cursors: new Map(), pending: new Map() };
    // Registered before the list is read: messages meanwhile are caught up once the welcome is out.
    this.#agents.add(conn);
    this.#agentConns.set(peer, conn);
    const detach = () => {
      if (this.#closed || !this.#agents.delete(conn)) return;
      this.#agentsChanged();
      this.#announce(this.#presenceReport());
    };
    try {
      // The other instances hear of this agent before the console is told it is connected.
      await this.#publish(this.#presenceReport());
      const conversations = await this.#summaries();
      for (const summary of conversations) conn.cursors.set(summary.id, summary.lastSeq);
      peer.deliver({ type: 'welcome', agent: this.#agentInfo(peer.agent.id), conversations, agents: this.#agentList() });
    } catch (error) {
      detach();
      throw error;
    }
    const missed = conn.pending ?? new Map<string, number>();
    conn.pending = null;
    for (const [id, seq] of missed) if (!conn.cursors.has(id)) conn.cursors.set(id, seq - 1);
    this.#agentsChanged();
    await Promise.all([...missed.keys()].map((id) => this.#catchUp(id)));
    return detach;
  }

  /** Tells this instance's consoles the agent list and its buyers the status. */
  #agentsChanged(): void {
    const agents = this.#agentList();
    for (const conn of this.#agents) if (!conn.pending) conn.peer.deliver({ type: 'agents', agents });
    this.refreshStatus();
  }

  #agentInfo(id: string, presence = this.#agentPresence()): AgentInfo {
    const name = this.#agentNames.find((a) => a.id === id)?.name ?? id;
    return { id, name, presence: presence.get(id) ?? 'offline' };
  }

  #agentList(): AgentInfo[] {
    const presence = this.#agentPresence();
    return this.#agentNames.map((a) => this.#agentInfo(a.id, presence));
  }

  /** Handles one console frame; returns the frames that answer it. */
  async handleAgentFrame(peer: AgentPeer, frame: Exclude<AgentFrame, { type: 'hello' }>): Promise<AgentServerFrame[]> {
    if (frame.type === 'ping') return [{ type: 'pong' }];
    try {
      this.#limit(this.#frameLimit, `agent:${peer.agent.id}`);
      if (frame.type === 'presence') {
        peer.presence = frame.presence;
        this.#agentsChanged();
        await this.#publish(this.#presenceReport());
        return [];
      }
      const conversation = await conversationById(this.#store, frame.conversationId);
      if (!conversation) throw new SupportFailure(404, 'not_found', 'No such conversation.');
      const id = conversation.id;
      const now = this.#now();
      switch (frame.type) {
        case 'open':
          return (await messagesAfter(this.#store, id, frame.after)).map((m): AgentServerFrame => ({ type: 'message', message: toMessage(m) }));
        case 'send': {
          if (conversation.state === 'closed') throw new SupportFailure(409, 'conversation_closed', 'This conversation is closed.');
          const text = cleanText(frame.text);
          if (!text) throw new SupportFailure(400, 'invalid_frame', 'A message needs text.');
          const stored = await appendMessage(
            this.#store,
            id,
            { id: newId('msg'), author: 'agent', authorName: peer.agent.name, text, attachmentJson: null, clientId: frame.clientId },
            now,
            async (tx, row) => {
              // The first agent to answer a waiting conversation takes it.
              await assignIfWaiting(tx, id, peer.agent.id, now);
              // An answer means the agent has read what came before it.
              await advanceCursor(tx, id, 'read_by_agent', row.seq);
              await this.#publishOn(tx, { t: 'msg', c: id, s: row.seq }, { t: 'rcpt', c: id, r: row.seq }, { t: 'conv', c: id });
            },
          );
          return stored.created ? [] : [{ type: 'message', message: toMessage(stored.row) }];
        }
        case 'read':
          if (await advanceCursor(this.#store, id, 'read_by_agent', frame.seq)) {
            const row = await conversationById(this.#store, id);
            await this.#publish({ t: 'rcpt', c: id, r: row?.readByAgent ?? frame.seq }, { t: 'conv', c: id });
          }
          return [];
        case 'typing':
          await this.#publish({ t: 'atyp', c: id, on: frame.on, name: peer.agent.name, p: this.#agentConns.get(peer)?.key ?? '' });
          return [];
        case 'claim':
          // Conditional in the database: of two agents claiming at once (on any instances), one wins.
          if (!(await claimConversation(this.#store, id, peer.agent.id, now))) {
            throw new SupportFailure(409, 'forbidden', 'Another agent has this conversation; ask them to transfer it.');
          }
          await this.#publish({ t: 'conv', c: id });
          return [];
        case 'transfer':
          if (!(await agentById(this.#store, frame.to))) throw new SupportFailure(404, 'not_found', 'No such agent.');
          await updateConversation(this.#store, id, { state: 'assigned', assignee: frame.to }, now);
          await this.#publish({ t: 'conv', c: id });
          return [];
        case 'close':
          await updateConversation(this.#store, id, { state: 'closed' }, now);
          await this.#publish({ t: 'closed', c: id }, { t: 'conv', c: id });
          return [];
        case 'signal':
          return await this.#calls.fromAgent(peer.agent.id, conversation, frame.callId, frame.payload);
        default: {
          const unknownFrame: never = frame;
          throw new SupportFailure(400, 'invalid_frame', `Unknown frame ${JSON.stringify(unknownFrame)}.`);
        }
      }
    } catch (failure) {
      return [{ type: 'error', error: toError(relayFailure(failure)) }];
    }
  }

  /**
   * Sends this instance's consoles the conversation's fresh summary — once per
   * turn of the event loop however many changes a burst of frames made.
   */
  #announceLocal(conversationId: string): void {
    if (!this.#agents.size || this.#closed) return;
    this.#announcing.add(conversationId);
    if (this.#announcing.size > 1) return;
    setImmediate(() => {
      const ids = [...this.#announcing];
      this.#announcing.clear();
      if (this.#closed || !this.#agents.size) return;
      void Promise.all(
        ids.map(async (id) => {
          const row = await conversationById(this.#store, id);
          if (!row || this.#closed) return;
          const conversation = await this.#summary(row);
          for (const conn of this.#agents) if (!conn.pending) conn.peer.deliver({ type: 'conversation', conversation });
        }),
      ).catch((error: unknown) => {
        if (!this.#closed) console.error('[checkout-kit support] summary', error);
      });
    });
  }

  async #summaries(): Promise<ConversationSummary[]> {
    const rows = await listConversations(this.#store, this.#now() - 24 * 60 * 60 * 1000);
    return Promise.all(rows.map((row) => this.#summary(row)));
  }

  async #summary(row: ConversationRow): Promise<ConversationSummary> {
    const { unread, waitingSince } = await waitingFigures(this.#store, row.id, row.readByAgent);
    const parse = <T>(json: string | null): T | null => (json ? (JSON.parse(json) as T) : null);
    return {
      id: row.id,
      state: row.state,
      assignee: row.assignee,
      unread,
      lastSeq: row.lastSeq,
      waitingSince: waitingSince === null ? null : new Date(waitingSince).toISOString(),
      createdAt: new Date(row.createdAt).toISOString(),
      locale: row.locale,
      timeZone: row.timeZone,
      identity: parse(row.identityJson),
      context: parse(row.contextJson),
      buyerOnline: this.#buyerOnline(row.id),
      deliveredToBuyer: row.deliveredToBuyer,
      readByBuyer: row.readByBuyer,
    };
  }

  /** Deletes this service's limit windows past their time (the backend's hourly purge calls it). */
  sweepLimits(): Promise<number> {
    return this.#sharedLimit.sweep();
  }

  /** A shared limit's 429 as the support protocol spells it (with `retryAfterMs`). */
  async #limitShared(rule: keyof typeof SHARED_SUPPORT_LIMITS, key: string): Promise<void> {
    try {
      await this.#sharedLimit.hit(rule, key);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 429) throw error;
      const seconds = Number(error.headers['Retry-After'] ?? '1');
      throw new SupportFailure(429, 'rate_limited', `Too many requests; try again in ${seconds} s.`, seconds * 1000);
    }
  }

  #limit(limiter: RateLimiter, key: string): void {
    const wait = limiter.take(key);
    if (wait > 0) throw new SupportFailure(429, 'rate_limited', `Too many requests; try again in ${Math.ceil(wait / 1000)} s.`, wait);
  }

  /** True once the service stopped: frames still in flight on closing sockets are ignored. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Stops: waiting long-polls are answered 503 (the client polls again, on
   * another instance, from its cursor), the other instances forget this one's
   * agents and buyers at once, and the channel is left. Sockets are closed by
   * their transport (ws.ts, 1012 "service restart"). Nothing is lost: every
   * message is in the database and every client resumes from its cursor.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const finish of [...this.#pollers]) finish();
    clearInterval(this.#statusTimer);
    clearInterval(this.#presenceTimer);
    this.appointments.close();
    await this.#publish({ t: 'bye', i: this.#instance });
    await this.#bus.stop().catch(() => undefined);
  }
}

export function toError(failure: unknown): { code: SupportErrorCode; message: string; retryAfterMs?: number } {
  if (failure instanceof SupportFailure) {
    return failure.retryAfterMs === undefined
      ? { code: failure.code, message: failure.message }
      : { code: failure.code, message: failure.message, retryAfterMs: failure.retryAfterMs };
  }
  console.error('[checkout-kit support]', failure);
  return { code: 'internal_error', message: 'Something went wrong on our side; try again.' };
}

/** A refused call signal as a protocol failure. */
function relayFailure(failure: unknown): unknown {
  if (!(failure instanceof RelayRefusal)) return failure;
  return new SupportFailure(failure.code === 'forbidden' ? 403 : failure.code === 'rate_limited' ? 429 : 400, failure.code, failure.message, failure.retryAfterMs);
}

/**
 * The answer to a buyer frame that breaks the schema. A `send` that is only
 * too long is refused `too_large`, and any refused `send` with a readable
 * `clientId` names it, so the client marks that message failed instead of
 * resending it for ever (docs/support.md, Limits and errors).
 */
export function refuseBuyerFrame(raw: unknown): BuyerServerFrame {
  const frame = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const clientId = frame['type'] === 'send' && typeof frame['clientId'] === 'string' && UUID.test(frame['clientId']) ? frame['clientId'] : undefined;
  if (clientId && typeof frame['text'] === 'string' && frame['text'].length > MAX_TEXT_LENGTH) {
    return errorFrame(new SupportFailure(413, 'too_large', `Messages may be at most ${MAX_TEXT_LENGTH} characters.`), clientId);
  }
  return errorFrame(new SupportFailure(400, 'invalid_frame', 'Not a support protocol v1 buyer frame.'), clientId);
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function errorFrame(failure: unknown, clientId?: string): BuyerServerFrame {
  return clientId ? { type: 'error', error: toError(failure), clientId } : { type: 'error', error: toError(failure) };
}

function toMessage(row: MessageRow): SupportMessage {
  const message: SupportMessage = {
    id: row.id,
    seq: row.seq,
    conversationId: row.conversationId,
    author: row.author,
    text: row.text,
    createdAt: new Date(row.createdAt).toISOString(),
  };
  if (row.authorName) message.authorName = row.authorName;
  if (row.attachmentJson) message.attachment = JSON.parse(row.attachmentJson) as Attachment;
  if (row.clientId) message.clientId = row.clientId;
  return message;
}

/** A fresh UUID for server-side clientIds (tests, the bench). */
export const newClientId = (): string => randomUUID();
