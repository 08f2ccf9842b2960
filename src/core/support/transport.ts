/**
 * The seam between `<ck-support-bubble>` and a chat service. The reference
 * service (`ReferenceTransport`) is one implementation; a store can plug in a
 * chat vendor or its own service by implementing this interface, without
 * touching the UI. Every event is typed; nothing here renders.
 */
import type {
  Attachment,
  CheckoutContext,
  OfflineMessage,
  SupportError,
  SupportMessage,
  SupportStatus,
} from '../protocol/support.schema.js';

export type { Attachment, CheckoutContext, OfflineMessage, SupportError, SupportMessage, SupportStatus };
export type { Appointment, AppointmentOffer } from '../protocol/support-call.schema.js';
import type { Appointment, AppointmentOffer } from '../protocol/support-call.schema.js';

/** `idle`: no conversation yet (none is created until the buyer writes). `reconnecting`: a drop, retrying with backoff. */
export type TransportState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** What a transport tells the bubble. Messages arrive once each, in `seq` order, whether new or history. */
export type SupportEvent =
  | { type: 'state'; state: TransportState; via: 'websocket' | 'long-poll' | null }
  | { type: 'status'; status: SupportStatus }
  | { type: 'message'; message: SupportMessage }
  | { type: 'sent'; clientId: string; message: SupportMessage }
  | { type: 'failed'; clientId: string; error: SupportError }
  | { type: 'typing'; on: boolean; name?: string }
  | { type: 'receipt'; readByAgent: number }
  | { type: 'closed' }
  | { type: 'error'; error: SupportError }
  | { type: 'signal'; callId: string; payload: Record<string, unknown> };

export interface ConnectInit {
  /** The buyer's language (BCP 47). */
  locale: string;
  /** The buyer's IANA time zone, shown to the agent as local time. */
  timeZone: string;
  /** Optional merchant-signed identity token (JWT, HS256), verified by the service. */
  identityToken?: string;
}

export interface SupportTransport {
  /** Resumes the stored conversation (if any) and learns the service status; opens no conversation by itself. */
  connect(init: ConnectInit): void;
  /** Stops every connection and timer; `connect` may be called again. */
  disconnect(): void;
  subscribe(listener: (event: SupportEvent) => void): () => void;
  /** Queues a message (starting the conversation if needed) and returns its `clientId`; sent until the service confirms it. */
  send(text: string, attachment?: Attachment): string;
  /** Uploads an image for a following `send`; rejects with a {@link SupportError}-shaped error. */
  uploadImage(file: Blob): Promise<Attachment>;
  /** Fetches an attachment's bytes with the conversation credential. */
  loadImage(attachment: Attachment): Promise<Blob>;
  typing(on: boolean): void;
  /** Everything up to `seq` was seen by the buyer. */
  markRead(seq: number): void;
  /** Shares the checkout context (only after the buyer agreed). */
  shareContext(context: CheckoutContext): void;
  /** The offline form; rejects with a {@link SupportError}-shaped error. */
  sendOffline(form: Omit<OfflineMessage, 'locale' | 'timeZone'>): Promise<void>;
  /** Call signaling (1:1 video), relayed between the buyer and the agent who owns the conversation. */
  signal(callId: string, payload: Record<string, unknown>): void;
  /** Booked video calls (optional: without them the bubble offers no booking). Free slots and the buyer's booking. */
  appointments?(): Promise<AppointmentOffer>;
  /** Books (or moves the buyer's booking to) a slot start; rejects with a {@link SupportError}-shaped error when it is taken. */
  book?(startsAt: string): Promise<Appointment>;
  cancelBooking?(id: string): Promise<void>;
}

/** Timers behind an interface, so tests drive reconnects and heartbeats with a controllable clock. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Where the credential and the unread count survive page loads (`localStorage` in the browser). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A store that forgets (private mode, tests). */
export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** Thrown by the promise-returning calls; carries the protocol error. */
export class SupportRequestError extends Error {
  constructor(readonly error: SupportError) {
    super(error.message);
    this.name = 'SupportRequestError';
  }
}
