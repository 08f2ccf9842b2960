/**
 * The support service's channel between instances: `notify('support', …)` on
 * the storage, heard by every instance's `subscribe` (Postgres LISTEN/NOTIFY;
 * in-process on SQLite). What travels is a pointer or a small frame — "a
 * message with seq 7 was committed in conversation cv_…", "the agent typed",
 * a call signal — never the conversation itself: each instance reads messages
 * from the database after its own sockets' cursors, so a notification that
 * is lost (a dropped LISTEN connection) costs latency, never a message, once
 * `resync()` has re-read (docs/support.md, "Several instances").
 *
 * One publish is one array of events in one notification, so events written
 * together arrive together and in order. A publish larger than a notification
 * may carry (an SDP offer) is split into parts sent in order and put back
 * together by the receivers.
 */
import { randomBytes } from 'node:crypto';
import { MAX_NOTIFY_BYTES, type Sql, type Storage } from '../storage/storage.js';

export const SUPPORT_CHANNEL = 'support';

/** Presence of one agent connection's owner, as an instance reports it. */
export type AgentPresence = 'online' | 'away';

/** Everything one instance tells the others. `c` is always a conversation id, `i` an instance id. */
export type BusEvent =
  /** A message with this seq was committed: read it (and anything before it you have not delivered). */
  | { t: 'msg'; c: string; s: number }
  /** The conversation's summary changed (state, assignee, cursors, context, buyer online). */
  | { t: 'conv'; c: string }
  /** The agent's read cursor moved: the buyer's receipt. */
  | { t: 'rcpt'; c: string; r: number }
  | { t: 'closed'; c: string }
  /** The buyer is typing (to the agents). */
  | { t: 'btyp'; c: string; on: boolean }
  /** An agent is typing (to the buyer, and to the other agent connections than `p`). */
  | { t: 'atyp'; c: string; on: boolean; name: string; p: string }
  /** A call signal to the buyer; `config` adds the ICE servers after it. */
  | { t: 'bsig'; c: string; callId: string; payload: Record<string, unknown>; config: boolean }
  /** A call signal to the agents: only `only` (the owner) when set, never `except`. */
  | { t: 'asig'; c: string; callId: string; payload: Record<string, unknown>; only: string | null; except: string | null; config: boolean }
  /** An instance's full presence: its agents (id → presence) and the conversations whose buyer is connected to it. */
  | { t: 'pres'; i: string; a: Array<[string, AgentPresence]>; b: string[] }
  /** A buyer connected to (`on`) or left instance `i`. */
  | { t: 'buyer'; i: string; c: string; on: boolean }
  /** Instance `i` asks the others to report their presence (it started, or it missed notifications). */
  | { t: 'who'; i: string }
  /** Instance `i` stops: forget its presence now rather than when it expires. */
  | { t: 'bye'; i: string };

interface Part {
  t: 'part';
  id: string;
  i: number;
  n: number;
  d: string;
}

/** Base64 characters per part: with the envelope it stays well under the notification limit. */
const PART_CHARS = Math.floor(MAX_NOTIFY_BYTES * 0.7);
/** A part-assembly whose remaining parts never come (a gap) is dropped after this long. */
const PART_TTL_MS = 30_000;

/** The notifications carrying `events`: one when it fits, else its parts in order. */
export function encode(events: readonly BusEvent[]): string[] {
  const text = JSON.stringify(events);
  if (Buffer.byteLength(text) <= MAX_NOTIFY_BYTES) return [text];
  const data = Buffer.from(text).toString('base64');
  const id = randomBytes(9).toString('base64url');
  const n = Math.ceil(data.length / PART_CHARS);
  return Array.from({ length: n }, (_, i) => JSON.stringify({ t: 'part', id, i, n, d: data.slice(i * PART_CHARS, (i + 1) * PART_CHARS) } satisfies Part));
}

export class SupportBus {
  readonly #store: Storage;
  readonly #onEvents: (events: BusEvent[]) => void;
  readonly #parts = new Map<string, { got: string[]; count: number; at: number }>();
  #unsubscribe: (() => Promise<void>) | undefined;

  constructor(store: Storage, onEvents: (events: BusEvent[]) => void) {
    this.#store = store;
    this.#onEvents = onEvents;
  }

  /** Starts listening; resolves once notifications are heard. */
  async start(): Promise<void> {
    this.#unsubscribe = await this.#store.subscribe(SUPPORT_CHANNEL, (payload) => this.#receive(payload));
  }

  /**
   * Publishes `events` to every instance, this one included. With a
   * transaction handle they go out after its commit, never on rollback.
   * Parts are sent one after another, so they arrive in order.
   */
  async publish(db: Sql, ...events: BusEvent[]): Promise<void> {
    for (const payload of encode(events)) await db.notify(SUPPORT_CHANNEL, payload);
  }

  async stop(): Promise<void> {
    const stop = this.#unsubscribe;
    this.#unsubscribe = undefined;
    this.#parts.clear();
    await stop?.();
  }

  #receive(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    if (Array.isArray(parsed)) {
      this.#onEvents(parsed as BusEvent[]);
      return;
    }
    const part = parsed as Partial<Part> | null;
    if (part?.t !== 'part' || typeof part.id !== 'string' || typeof part.i !== 'number' || typeof part.n !== 'number' || typeof part.d !== 'string') return;
    const now = Date.now();
    for (const [id, entry] of this.#parts) if (now - entry.at > PART_TTL_MS) this.#parts.delete(id);
    let entry = this.#parts.get(part.id);
    if (!entry) this.#parts.set(part.id, (entry = { got: new Array<string>(part.n), count: 0, at: now }));
    if (entry.got[part.i] === undefined) {
      entry.got[part.i] = part.d;
      entry.count++;
    }
    if (entry.count < part.n) return;
    this.#parts.delete(part.id);
    this.#receive(Buffer.from(entry.got.join(''), 'base64').toString());
  }
}
