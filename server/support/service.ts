/**
 * The reference support service: conversations, messages, receipts, typing,
 * presence and call-signal relay, independent of how frames travel. The
 * WebSocket server (ws.ts) and the HTTP long-poll fallback (routes.ts) both
 * feed frames in here and deliver what comes out, so the two transports
 * behave identically. Everything durable is in SQLite (db/support.ts);
 * only who is connected lives in memory, so a restart loses no message.
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
import type { Db } from '../db/database.js';
import {
  advanceCursor,
  agentById,
  agentByLogin,
  appendMessage,
  attachmentById,
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
  migrateSupport,
  updateConversation,
  upsertAgent,
  waitingFigures,
  type ConversationRow,
  type MessageRow,
  type OfflineRow,
} from '../db/support.js';
import { Appointments } from './appointments.js';
import { CallRelay, RelayRefusal, type CallOptions } from './call-relay.js';
import { checkBusinessHours, isOpen, nextOpening, type BusinessHours } from './hours.js';
import { IdentityError, verifyIdentityToken } from './jwt.js';
import { RateLimiter } from './limits.js';

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
    readonly status: 400 | 401 | 403 | 404 | 413 | 415 | 409 | 429,
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

/** Letters, digits and their marks plus ordinary punctuation stay; control characters (other than newline and tab) go. */
function cleanText(text: string): string {
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
  readonly #db: Db;
  readonly #now: () => number;
  readonly #secret: string;
  readonly #hours: BusinessHours | null;
  readonly #buyers = new Map<string, Set<BuyerPeer>>();
  readonly #lastPoll = new Map<string, number>();
  readonly #agents = new Set<AgentPeer>();
  readonly #messageLimit: RateLimiter;
  readonly #frameLimit: RateLimiter;
  readonly #startLimit: RateLimiter;
  readonly #offlineLimit: RateLimiter;
  readonly #loginLimit: RateLimiter;
  readonly #uploadLimit: RateLimiter;
  readonly #calls: CallRelay;
  /** Booked video calls: slots, bookings, the prompt when one starts (appointments.ts). */
  readonly appointments: Appointments;
  #status: SupportStatus;
  #closed = false;
  readonly #polling = new WeakSet<BuyerPeer>();
  readonly #pollBacklog = new Map<string, BuyerServerFrame[]>();
  readonly #announcing = new Set<string>();
  readonly #pollers = new Set<() => void>();
  readonly #statusTimer: ReturnType<typeof setInterval>;

  constructor(ctx: { db: Db; now: () => number; merchantSecret: string }, options: SupportOptions = {}) {
    this.#db = ctx.db;
    this.#now = ctx.now;
    this.#secret = ctx.merchantSecret;
    this.#hours = options.hours ?? null;
    if (this.#hours) checkBusinessHours(this.#hours);
    migrateSupport(this.#db);
    for (const agent of options.agents ?? SANDBOX_AGENTS) {
      const salt = randomBytes(16).toString('base64url');
      const hash = scryptSync(agent.password, salt, 32).toString('base64url');
      upsertAgent(this.#db, { id: agent.id, name: agent.name, passwordHash: `scrypt$${salt}$${hash}` });
    }
    this.#messageLimit = new RateLimiter(8, 1, this.#now);
    this.#frameLimit = new RateLimiter(40, 10, this.#now);
    this.#startLimit = new RateLimiter(20, 20 / 60, this.#now);
    this.#offlineLimit = new RateLimiter(5, 5 / 600, this.#now);
    this.#loginLimit = new RateLimiter(10, 10 / 600, this.#now);
    this.#uploadLimit = new RateLimiter(5, 5 / 60, this.#now);
    this.#calls = new CallRelay(
      {
        now: this.#now,
        agents: () => this.#agents,
        toBuyers: (id, frame) => this.#toBuyers(id, frame),
        claim: (id, agentId) => {
          updateConversation(this.#db, id, { state: 'assigned', assignee: agentId }, this.#now());
          this.#announce(id);
        },
      },
      options.call,
    );
    this.appointments = new Appointments({
      db: this.#db,
      now: this.#now,
      hours: this.#hours,
      toBuyers: (id, frame) => this.#toBuyers(id, frame),
      agents: () => this.#agents,
    });
    this.#status = this.#computeStatus();
    // Business hours open and close by the clock: re-check every half minute.
    this.#statusTimer = setInterval(() => this.refreshStatus(), 30_000);
    this.#statusTimer.unref();
  }

  // ---- status ---------------------------------------------------------------------------

  #computeStatus(): SupportStatus {
    const now = this.#now();
    const open = isOpen(this.#hours, now);
    const next = nextOpening(this.#hours, now);
    const peers = [...this.#agents];
    const presence = !open || peers.length === 0 ? 'offline' : peers.some((p) => p.presence === 'online') ? 'online' : 'away';
    return { presence, open, nextOpenAt: next === null ? null : new Date(next).toISOString() };
  }

  /** What the bubble shows: whether someone answers now, and when someone is back. */
  status(): SupportStatus {
    return this.#status;
  }

  /** Recomputes presence and hours; tells every buyer when it changed. */
  refreshStatus(): void {
    const next = this.#computeStatus();
    if (JSON.stringify(next) === JSON.stringify(this.#status)) return;
    this.#status = next;
    for (const id of new Set([...this.#buyers.keys(), ...this.#lastPoll.keys()])) this.#toBuyers(id, { type: 'status', status: next });
  }

  // ---- buyers -----------------------------------------------------------------------------

  /** `POST /conversations`: a new conversation and its credential (shown once, stored only as a hash). */
  startConversation(body: unknown, clientKey: string): ConversationGrant {
    this.#limit(this.#startLimit, `start:${clientKey}`);
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
    insertConversation(this.#db, {
      id,
      credentialHash: sha256(credential),
      locale: parsed.data.locale,
      timeZone: parsed.data.timeZone,
      identityJson,
      now: this.#now(),
    });
    this.#announce(id);
    return { conversationId: id, credential };
  }

  /** The conversation a credential opens, or a 401 failure. */
  authenticate(credential: string | undefined): ConversationRow {
    const row = credential && /^[A-Za-z0-9_-]{43}$/.test(credential) ? conversationByCredential(this.#db, sha256(credential)) : undefined;
    if (!row) throw new SupportFailure(401, 'unauthorized', 'Unknown conversation credential; start a new conversation.');
    return row;
  }

  /** The current row of an authenticated conversation (a socket re-reads it per frame). */
  authenticateById(id: string): ConversationRow {
    const row = conversationById(this.#db, id);
    if (!row) throw new SupportFailure(401, 'unauthorized', 'Unknown conversation; start a new conversation.');
    return row;
  }

  /** Subscribes a buyer connection to its conversation; returns the unsubscribe function. */
  attachBuyer(conversationId: string, peer: BuyerPeer): () => void {
    let peers = this.#buyers.get(conversationId);
    if (!peers) this.#buyers.set(conversationId, (peers = new Set()));
    const wasOffline = !this.#buyerOnline(conversationId);
    peers.add(peer);
    if (wasOffline) this.#announce(conversationId);
    return () => {
      if (this.#closed) return;
      peers.delete(peer);
      if (!peers.size) this.#buyers.delete(conversationId);
      if (!this.#buyerOnline(conversationId)) this.#announce(conversationId);
    };
  }

  /**
   * Delivers a frame to every connection of the conversation. A long-polling
   * buyer between two polls has no connection: frames other than messages
   * (which are re-read from the database) wait for its next poll.
   */
  #toBuyers(conversationId: string, frame: BuyerServerFrame): void {
    const peers = this.#buyers.get(conversationId);
    for (const peer of peers ?? []) peer.deliver(frame);
    const lastPoll = this.#lastPoll.get(conversationId);
    if (frame.type === 'message' || lastPoll === undefined || this.#now() - lastPoll > POLL_PRESENCE_MS) return;
    if ([...(peers ?? [])].some((peer) => this.#polling.has(peer))) return;
    const backlog = this.#pollBacklog.get(conversationId) ?? [];
    backlog.push(frame);
    this.#pollBacklog.set(conversationId, backlog.slice(-50));
  }

  #buyerOnline(conversationId: string): boolean {
    const lastPoll = this.#lastPoll.get(conversationId);
    return (this.#buyers.get(conversationId)?.size ?? 0) > 0 || (lastPoll !== undefined && this.#now() - lastPoll < POLL_PRESENCE_MS);
  }

  /** The frames a (re)connecting buyer gets: the welcome, then every message after its cursor. */
  welcome(conversation: ConversationRow, after: number): BuyerServerFrame[] {
    const row = conversationById(this.#db, conversation.id) ?? conversation;
    return [
      { type: 'welcome', conversationId: row.id, status: this.#status, readByAgent: row.readByAgent, closed: row.state === 'closed' },
      ...messagesAfter(this.#db, row.id, after).map((m): BuyerServerFrame => ({ type: 'message', message: toMessage(m) })),
    ];
  }

  /** Handles one buyer frame; returns the frames that answer the sender (others are delivered to their peers). */
  handleBuyerFrame(conversation: ConversationRow, frame: Exclude<BuyerFrame, { type: 'hello' }>, from?: BuyerPeer): BuyerServerFrame[] {
    const id = conversation.id;
    if (frame.type === 'ping') return [{ type: 'pong' }];
    try {
      this.#limit(this.#frameLimit, `frame:${id}`);
    } catch (failure) {
      return [errorFrame(failure, frame.type === 'send' ? frame.clientId : undefined)];
    }
    switch (frame.type) {
      case 'send': {
        try {
          const message = this.#buyerMessage(id, frame);
          for (const peer of this.#buyers.get(id) ?? []) if (peer !== from) peer.deliver({ type: 'message', message });
          return [{ type: 'sent', clientId: frame.clientId, message }];
        } catch (failure) {
          return [errorFrame(failure, frame.clientId)];
        }
      }
      case 'ack':
        if (advanceCursor(this.#db, id, 'delivered_to_buyer', frame.seq)) this.#announce(id);
        return [];
      case 'read':
        advanceCursor(this.#db, id, 'delivered_to_buyer', frame.seq);
        if (advanceCursor(this.#db, id, 'read_by_buyer', frame.seq)) this.#announce(id);
        return [];
      case 'typing':
        for (const agent of this.#agents) agent.deliver({ type: 'typing', conversationId: id, on: frame.on });
        return [];
      case 'context': {
        const context = CheckoutContext.parse(frame.context);
        updateConversation(this.#db, id, { contextJson: JSON.stringify(context) }, this.#now());
        this.#announce(id);
        return [];
      }
      case 'signal':
        try {
          return this.#calls.fromBuyer(conversation, frame.callId, frame.payload);
        } catch (failure) {
          return [errorFrame(relayFailure(failure))];
        }
      default: {
        const unknownFrame: never = frame;
        return [errorFrame(new SupportFailure(400, 'invalid_frame', `Unknown frame ${JSON.stringify(unknownFrame)}.`))];
      }
    }
  }

  #buyerMessage(conversationId: string, frame: Extract<BuyerFrame, { type: 'send' }>): SupportMessage {
    const text = cleanText(frame.text);
    let attachment: Attachment | undefined;
    if (frame.attachmentId) {
      const stored = attachmentById(this.#db, frame.attachmentId);
      if (!stored || stored.conversationId !== conversationId) throw new SupportFailure(404, 'not_found', 'Unknown attachment; upload it first.');
      attachment = { id: stored.id, type: stored.type as Attachment['type'], size: stored.size };
    }
    if (!text && !attachment) throw new SupportFailure(400, 'invalid_frame', 'A message needs text or an attachment.');
    const resent = messageByClientId(this.#db, conversationId, frame.clientId);
    if (resent) return toMessage(resent);
    this.#limit(this.#messageLimit, `msg:${conversationId}`);
    const conversation = conversationById(this.#db, conversationId);
    if (conversation?.state === 'closed') {
      // A buyer who writes again reopens the conversation: it goes back to the queue.
      updateConversation(this.#db, conversationId, { state: 'waiting', assignee: null }, this.#now());
    }
    const stored = appendMessage(
      this.#db,
      conversationId,
      { id: newId('msg'), author: 'buyer', authorName: null, text, attachmentJson: attachment ? JSON.stringify(attachment) : null, clientId: frame.clientId },
      this.#now(),
    );
    const message = toMessage(stored.row);
    for (const agent of this.#agents) agent.deliver({ type: 'message', message });
    this.#announce(conversationId);
    return message;
  }

  /**
   * `POST /poll` (the fallback transport): answers at once when messages after
   * `after` exist, else waits up to `waitMs` for the next frame. Each answer
   * ends with the current receipt and status, which a poller may have missed.
   */
  async poll(conversation: ConversationRow, after: number, waitMs: number, signal?: AbortSignal): Promise<BuyerServerFrame[]> {
    const id = conversation.id;
    this.#lastPoll.set(id, this.#now());
    const tail = (): BuyerServerFrame[] => {
      const row = conversationById(this.#db, id);
      const frames: BuyerServerFrame[] = [{ type: 'receipt', readByAgent: row?.readByAgent ?? 0 }, { type: 'status', status: this.#status }];
      if (row?.state === 'closed') frames.push({ type: 'closed' });
      return frames;
    };
    const backlog = this.#pollBacklog.get(id) ?? [];
    this.#pollBacklog.delete(id);
    const pending = [...messagesAfter(this.#db, id, after).map((m): BuyerServerFrame => ({ type: 'message', message: toMessage(m) })), ...backlog];
    if (pending.length || waitMs === 0) return [...pending, ...tail()];
    const frames = await new Promise<BuyerServerFrame[]>((resolve) => {
      const got: BuyerServerFrame[] = [];
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.#pollers.delete(finish);
        detach();
        resolve(got);
      };
      this.#pollers.add(finish);
      const peer: BuyerPeer = {
        deliver: (frame) => {
          got.push(frame);
          // Let frames sent in the same tick ride along.
          queueMicrotask(finish);
        },
      };
      this.#polling.add(peer);
      const detach = this.attachBuyer(id, peer);
      const timer = setTimeout(finish, waitMs);
      signal?.addEventListener('abort', finish, { once: true });
    });
    if (this.#closed) return [];
    this.#lastPoll.set(id, this.#now());
    return [...frames.filter((f) => f.type !== 'message' || f.message.seq > after), ...tail()];
  }

  /** `POST /attachments`: stores an image after checking its declared type, its bytes and its size. */
  uploadAttachment(conversation: ConversationRow, declaredType: string | undefined, bytes: Uint8Array): Attachment {
    this.#limit(this.#uploadLimit, `upload:${conversation.id}`);
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw new SupportFailure(413, 'too_large', `Images may be at most ${MAX_ATTACHMENT_BYTES} bytes.`);
    const type = sniffImage(bytes);
    if (!type || type !== declaredType?.split(';')[0]?.trim()) {
      throw new SupportFailure(415, 'unsupported_type', `Only ${ATTACHMENT_TYPES.join(', ')} images whose bytes match their Content-Type.`);
    }
    const id = newId('att');
    insertAttachment(this.#db, { id, conversationId: conversation.id, type, bytes: Buffer.from(bytes), now: this.#now() });
    return { id, type, size: bytes.length };
  }

  /** An attachment's bytes, for its own conversation's buyer or any signed-in agent. */
  readAttachment(id: string, reader: { conversationId: string } | { agentId: string }): { type: string; bytes: Buffer } {
    const stored = attachmentById(this.#db, id);
    if (!stored || ('conversationId' in reader && reader.conversationId !== stored.conversationId)) {
      throw new SupportFailure(404, 'not_found', 'No such attachment in this conversation.');
    }
    return { type: stored.type, bytes: stored.bytes };
  }

  /** `POST /offline`: the form shown outside business hours; agents see it in the console. */
  offlineMessage(body: unknown, clientKey: string): { id: string } {
    this.#limit(this.#offlineLimit, `offline:${clientKey}`);
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
    insertOffline(this.#db, row);
    return { id: row.id };
  }

  // ---- agents -----------------------------------------------------------------------------

  /** Checks an agent's password; returns a login token (stored hashed, 12 hours). */
  async login(id: unknown, password: unknown, clientKey: string): Promise<{ token: string; agent: { id: string; name: string } }> {
    this.#limit(this.#loginLimit, `login:${clientKey}`);
    const fail = new SupportFailure(401, 'unauthorized', 'Unknown agent or wrong password.');
    if (typeof id !== 'string' || typeof password !== 'string' || password.length > 256) throw fail;
    const agent = agentById(this.#db, id);
    const [, salt = 'none', hash = ''] = agent?.passwordHash.split('$') ?? [];
    // Hash even for an unknown agent, so timing does not tell which agents exist.
    const given = await scryptAsync(password, salt, 32);
    const expected = Buffer.from(hash, 'base64url');
    if (!agent || expected.length !== given.length || !timingSafeEqual(given, expected)) throw fail;
    const token = randomBytes(32).toString('base64url');
    insertAgentLogin(this.#db, sha256(token), agent.id, this.#now() + AGENT_LOGIN_MS);
    return { token, agent: { id: agent.id, name: agent.name } };
  }

  logout(token: string): void {
    deleteAgentLogin(this.#db, sha256(token));
  }

  /** The agent a login token belongs to, or a 401 failure. */
  agentByToken(token: string | undefined): { id: string; name: string } {
    const agent = token && token.length <= 128 ? agentByLogin(this.#db, sha256(token), this.#now()) : undefined;
    if (!agent) throw new SupportFailure(401, 'unauthorized', 'Sign in as an agent first.');
    return agent;
  }

  offlineMessages(): OfflineRow[] {
    return listOffline(this.#db);
  }

  /** Connects a console: it gets the conversation list and the agents; buyers see the new presence. */
  attachAgent(peer: AgentPeer): () => void {
    this.#agents.add(peer);
    peer.deliver({ type: 'welcome', agent: this.#agentInfo(peer.agent.id), conversations: this.#summaries(), agents: this.#agentList() });
    this.#agentsChanged();
    return () => {
      if (this.#closed) return;
      this.#agents.delete(peer);
      this.#agentsChanged();
    };
  }

  #agentsChanged(): void {
    const agents = this.#agentList();
    for (const peer of this.#agents) peer.deliver({ type: 'agents', agents });
    this.refreshStatus();
  }

  #agentInfo(id: string): AgentInfo {
    const peers = [...this.#agents].filter((p) => p.agent.id === id);
    const name = agentById(this.#db, id)?.name ?? id;
    const presence = peers.some((p) => p.presence === 'online') ? 'online' : peers.length ? 'away' : 'offline';
    return { id, name, presence };
  }

  #agentList(): AgentInfo[] {
    return listAgents(this.#db).map((a) => this.#agentInfo(a.id));
  }

  /** Handles one console frame; returns the frames that answer it. */
  handleAgentFrame(peer: AgentPeer, frame: Exclude<AgentFrame, { type: 'hello' }>): AgentServerFrame[] {
    if (frame.type === 'ping') return [{ type: 'pong' }];
    try {
      this.#limit(this.#frameLimit, `agent:${peer.agent.id}`);
      if (frame.type === 'presence') {
        peer.presence = frame.presence;
        this.#agentsChanged();
        return [];
      }
      const conversation = conversationById(this.#db, frame.conversationId);
      if (!conversation) throw new SupportFailure(404, 'not_found', 'No such conversation.');
      const id = conversation.id;
      const now = this.#now();
      switch (frame.type) {
        case 'open':
          return messagesAfter(this.#db, id, frame.after).map((m): AgentServerFrame => ({ type: 'message', message: toMessage(m) }));
        case 'send': {
          if (conversation.state === 'closed') throw new SupportFailure(409, 'conversation_closed', 'This conversation is closed.');
          const text = cleanText(frame.text);
          if (!text) throw new SupportFailure(400, 'invalid_frame', 'A message needs text.');
          if (conversation.state === 'waiting') updateConversation(this.#db, id, { state: 'assigned', assignee: peer.agent.id }, now);
          const stored = appendMessage(
            this.#db,
            id,
            { id: newId('msg'), author: 'agent', authorName: peer.agent.name, text, attachmentJson: null, clientId: frame.clientId },
            now,
          );
          const message = toMessage(stored.row);
          if (stored.created) {
            this.#toBuyers(id, { type: 'message', message });
            for (const agent of this.#agents) agent.deliver({ type: 'message', message });
            // An answer means the agent has read what came before it.
            advanceCursor(this.#db, id, 'read_by_agent', stored.row.seq);
            this.#receipt(id);
            this.#announce(id);
          }
          return stored.created ? [] : [{ type: 'message', message }];
        }
        case 'read':
          if (advanceCursor(this.#db, id, 'read_by_agent', frame.seq)) {
            this.#receipt(id);
            this.#announce(id);
          }
          return [];
        case 'typing':
          this.#toBuyers(id, { type: 'typing', on: frame.on, name: peer.agent.name });
          for (const agent of this.#agents) if (agent !== peer) agent.deliver({ type: 'typing', conversationId: id, on: frame.on });
          return [];
        case 'claim':
          if (conversation.state === 'assigned' && conversation.assignee !== peer.agent.id) {
            throw new SupportFailure(409, 'forbidden', 'Another agent has this conversation; ask them to transfer it.');
          }
          updateConversation(this.#db, id, { state: 'assigned', assignee: peer.agent.id }, now);
          this.#announce(id);
          return [];
        case 'transfer':
          if (!agentById(this.#db, frame.to)) throw new SupportFailure(404, 'not_found', 'No such agent.');
          updateConversation(this.#db, id, { state: 'assigned', assignee: frame.to }, now);
          this.#announce(id);
          return [];
        case 'close':
          updateConversation(this.#db, id, { state: 'closed' }, now);
          this.#toBuyers(id, { type: 'closed' });
          this.#announce(id);
          return [];
        case 'signal':
          return this.#calls.fromAgent(peer.agent.id, conversation, frame.callId, frame.payload);
        default: {
          const unknownFrame: never = frame;
          throw new SupportFailure(400, 'invalid_frame', `Unknown frame ${JSON.stringify(unknownFrame)}.`);
        }
      }
    } catch (failure) {
      return [{ type: 'error', error: toError(relayFailure(failure)) }];
    }
  }

  #receipt(conversationId: string): void {
    const row = conversationById(this.#db, conversationId);
    if (!row) return;
    this.#toBuyers(conversationId, { type: 'receipt', readByAgent: row.readByAgent });
  }

  /**
   * Sends every console the conversation's fresh summary — once per turn of
   * the event loop however many changes a burst of frames made.
   */
  #announce(conversationId: string): void {
    if (!this.#agents.size || this.#closed) return;
    this.#announcing.add(conversationId);
    if (this.#announcing.size > 1) return;
    setImmediate(() => {
      const ids = [...this.#announcing];
      this.#announcing.clear();
      if (this.#closed) return;
      for (const id of ids) {
        const row = conversationById(this.#db, id);
        if (!row) continue;
        const conversation = this.#summary(row);
        for (const agent of this.#agents) agent.deliver({ type: 'conversation', conversation });
      }
    });
  }

  #summaries(): ConversationSummary[] {
    return listConversations(this.#db, this.#now() - 24 * 60 * 60 * 1000).map((row) => this.#summary(row));
  }

  #summary(row: ConversationRow): ConversationSummary {
    const { unread, waitingSince } = waitingFigures(this.#db, row.id, row.readByAgent);
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

  #limit(limiter: RateLimiter, key: string): void {
    const wait = limiter.take(key);
    if (wait > 0) throw new SupportFailure(429, 'rate_limited', `Too many requests; try again in ${Math.ceil(wait / 1000)} s.`, wait);
  }

  /** True once the service stopped: frames still in flight on closing sockets are ignored. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Stops the status timer (connections are closed by their transports). */
  close(): void {
    for (const finish of [...this.#pollers]) finish();
    this.#closed = true;
    clearInterval(this.#statusTimer);
    this.appointments.close();
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
