/**
 * Support protocol v1: every message between `<ck-support-bubble>` (or the
 * agent console) and a support service, over WebSocket frames or the HTTP
 * long-poll fallback — the same frames either way. The reference service in
 * `server/support/` validates against these objects; `npm run schema` exports
 * them as JSON Schema. See docs/support.md.
 *
 * Reliability model: every stored message has a per-conversation `seq`
 * (1, 2, 3 …). A client remembers the highest `seq` it has shown and says
 * `after` on every (re)connect, so the service resends exactly what is
 * missing; a client's own messages carry a `clientId` (UUID) the service
 * de-duplicates on, so resending after a drop never stores a message twice.
 *
 * Call signaling (1:1 video, next) rides the same channel as opaque `signal`
 * frames relayed between the buyer and the agent of a conversation.
 */
import * as z from 'zod/mini';

export const SUPPORT_PROTOCOL_VERSION = '1';

/** Longest text message, in UTF-16 code units; longer ones are refused with `too_large`. */
export const MAX_TEXT_LENGTH = 2000;
/** Largest image attachment, in bytes. */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
/** Image types accepted as attachments (checked again from the file's first bytes by the service). */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
/** Largest WebSocket frame or HTTP frame body, in bytes (attachments are uploaded apart). */
export const MAX_FRAME_BYTES = 16 * 1024;

/** Closed list of error codes; each comes with an English, developer-facing `message`. */
export const SUPPORT_ERROR_CODES = [
  'invalid_frame',
  'unauthorized',
  'forbidden',
  'not_found',
  'rate_limited',
  'too_large',
  'unsupported_type',
  'conversation_closed',
  'invalid_identity',
  'internal_error',
] as const;
export const SupportErrorCode = z.enum(SUPPORT_ERROR_CODES);

const Text = z.string().check(z.maxLength(MAX_TEXT_LENGTH));
const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
const Seq = z.int().check(z.nonnegative());
const Locale = z.string().check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/));
const TimeZone = z.string().check(z.regex(/^[A-Za-z_+\-/0-9]{1,64}$/));
/** The conversation credential: 32 random bytes, base64url. Sent in a header or the first frame, never in a URL. */
export const Credential = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));

/** What the buyer agreed to share about their checkout after a failed payment: never card data, never a token. */
export const CheckoutContext = z.object({
  sessionId: z.string().check(z.minLength(1), z.maxLength(128)),
  amount: z.object({ value: z.int(), currency: z.string().check(z.regex(/^[A-Z]{3}$/)) }),
  method: z.string().check(z.maxLength(64)),
  code: z.string().check(z.maxLength(64)),
  attempt: z.int().check(z.nonnegative()),
  locale: z.string().check(z.maxLength(35)),
  country: z.string().check(z.regex(/^[A-Z]{2}$/)),
});

/** An image a message carries; its bytes are fetched with the credential from `GET /attachments/{id}`. */
export const Attachment = z.object({
  id: Id,
  type: z.enum(ATTACHMENT_TYPES),
  size: z.int().check(z.positive(), z.maximum(MAX_ATTACHMENT_BYTES)),
});

/** One stored message. `text` is plain text: clients render it as text, never as HTML. */
export const SupportMessage = z.object({
  id: Id,
  seq: z.int().check(z.positive()),
  conversationId: Id,
  author: z.enum(['buyer', 'agent', 'system']),
  /** The agent's display name on agent messages. */
  authorName: z.optional(z.string().check(z.maxLength(80))),
  text: Text,
  attachment: z.optional(Attachment),
  /** The sender's de-duplication id (buyer and agent messages). */
  clientId: z.optional(z.uuid()),
  createdAt: z.iso.datetime(),
});

/** Whether a person can answer now, and if not, when someone is back. */
export const SupportStatus = z.object({
  /** `online`: an agent is available; `away`: agents are signed in but away; `offline`: nobody, or outside business hours. */
  presence: z.enum(['online', 'away', 'offline']),
  /** Inside the merchant's business hours. */
  open: z.boolean(),
  /** Next opening when closed (ISO instant), shown in the buyer's own time zone. */
  nextOpenAt: z.nullable(z.iso.datetime()),
});

/** `POST {endpoint}/conversations`: starts a conversation; answered with {@link ConversationGrant}. */
export const StartConversation = z.object({
  locale: Locale,
  timeZone: TimeZone,
  /** Optional merchant-signed identity (JWT, HS256 with the merchant secret, with `exp`). */
  identityToken: z.optional(z.string().check(z.maxLength(4096))),
});

export const ConversationGrant = z.object({
  conversationId: Id,
  credential: Credential,
});

/** `POST {endpoint}/offline`: the form shown outside business hours. */
export const OfflineMessage = z.object({
  email: z.email().check(z.maxLength(254)),
  message: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT_LENGTH)),
  locale: Locale,
  timeZone: TimeZone,
});
export const OfflineAccepted = z.object({ id: Id });

/** Body of every non-2xx HTTP answer, and of `error` frames. */
export const SupportError = z.object({ code: SupportErrorCode, message: z.string(), retryAfterMs: z.optional(z.int()) });
export const SupportErrorEnvelope = z.object({ error: SupportError });

/** Opaque call-signaling payload (offer, answer, ICE candidate, hang-up), relayed untouched. */
const SignalPayload = z.record(z.string(), z.unknown());

// ---- Buyer frames ----------------------------------------------------------------

/** Buyer → service. `hello` must be the first frame on a WebSocket; over HTTP the credential is the Authorization header. */
export const BuyerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), credential: Credential, after: Seq, locale: z.optional(Locale), timeZone: z.optional(TimeZone) }),
  z.object({ type: z.literal('send'), clientId: z.uuid(), text: Text, attachmentId: z.optional(Id) }),
  /** Everything up to `seq` has arrived (and is shown): the agent sees "delivered". */
  z.object({ type: z.literal('ack'), seq: Seq }),
  /** Everything up to `seq` was seen by the buyer: the agent sees "read". */
  z.object({ type: z.literal('read'), seq: Seq }),
  z.object({ type: z.literal('typing'), on: z.boolean() }),
  z.object({ type: z.literal('context'), context: CheckoutContext }),
  z.object({ type: z.literal('signal'), callId: Id, payload: SignalPayload }),
  z.object({ type: z.literal('ping') }),
]);

/** Service → buyer. */
export const BuyerServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    conversationId: Id,
    status: SupportStatus,
    /** Highest buyer message `seq` the agent has read. */
    readByAgent: Seq,
    closed: z.boolean(),
  }),
  z.object({ type: z.literal('message'), message: SupportMessage }),
  /** The service stored the buyer's `send` with this `clientId`. */
  z.object({ type: z.literal('sent'), clientId: z.uuid(), message: SupportMessage }),
  z.object({ type: z.literal('typing'), on: z.boolean(), name: z.optional(z.string()) }),
  z.object({ type: z.literal('receipt'), readByAgent: Seq }),
  z.object({ type: z.literal('status'), status: SupportStatus }),
  z.object({ type: z.literal('closed') }),
  z.object({ type: z.literal('error'), error: SupportError, clientId: z.optional(z.uuid()) }),
  z.object({ type: z.literal('signal'), callId: Id, payload: SignalPayload }),
  z.object({ type: z.literal('pong') }),
]);

/** `POST {endpoint}/poll` (long-poll fallback): waits up to `waitMs` for frames after `after`. */
export const PollRequest = z.object({
  after: Seq,
  waitMs: z.int().check(z.minimum(0), z.maximum(30_000)),
  /** True on the first poll after (re)connecting: the answer starts with `welcome` and does not wait. */
  first: z.optional(z.boolean()),
});
/** Answer of `/poll` and of `POST {endpoint}/frames` (which takes one {@link BuyerFrame} other than `hello`). */
export const FrameBatch = z.object({ frames: z.array(BuyerServerFrame) });

// ---- Agent frames ----------------------------------------------------------------

/** What the console lists per conversation. */
export const ConversationSummary = z.object({
  id: Id,
  state: z.enum(['waiting', 'assigned', 'closed']),
  assignee: z.nullable(z.string()),
  /** Buyer messages the agents have not read. */
  unread: Seq,
  lastSeq: Seq,
  /** When the oldest unanswered buyer message arrived (ISO), for "waiting 4 min". */
  waitingSince: z.nullable(z.iso.datetime()),
  createdAt: z.iso.datetime(),
  locale: z.string(),
  timeZone: z.string(),
  /** Set only from a verified merchant identity token; otherwise the buyer is an anonymous visitor. */
  identity: z.nullable(z.object({ name: z.optional(z.string()), email: z.optional(z.string()), subject: z.string() })),
  context: z.nullable(CheckoutContext),
  buyerOnline: z.boolean(),
  /** Highest agent message `seq` the buyer's device has received / read. */
  deliveredToBuyer: Seq,
  readByBuyer: Seq,
});

export const AgentInfo = z.object({ id: Id, name: z.string(), presence: z.enum(['online', 'away', 'offline']) });

/** Agent console → service (after `hello` with the agent's login token). */
export const AgentFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), token: z.string().check(z.maxLength(128)) }),
  z.object({ type: z.literal('open'), conversationId: Id, after: Seq }),
  z.object({ type: z.literal('send'), conversationId: Id, clientId: z.uuid(), text: Text }),
  z.object({ type: z.literal('read'), conversationId: Id, seq: Seq }),
  z.object({ type: z.literal('typing'), conversationId: Id, on: z.boolean() }),
  z.object({ type: z.literal('claim'), conversationId: Id }),
  z.object({ type: z.literal('transfer'), conversationId: Id, to: Id }),
  z.object({ type: z.literal('close'), conversationId: Id }),
  z.object({ type: z.literal('presence'), presence: z.enum(['online', 'away']) }),
  z.object({ type: z.literal('signal'), conversationId: Id, callId: Id, payload: SignalPayload }),
  z.object({ type: z.literal('ping') }),
]);

/** Service → agent console. */
export const AgentServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), agent: AgentInfo, conversations: z.array(ConversationSummary), agents: z.array(AgentInfo) }),
  z.object({ type: z.literal('conversation'), conversation: ConversationSummary }),
  z.object({ type: z.literal('message'), message: SupportMessage }),
  z.object({ type: z.literal('typing'), conversationId: Id, on: z.boolean() }),
  z.object({ type: z.literal('agents'), agents: z.array(AgentInfo) }),
  z.object({ type: z.literal('error'), error: SupportError }),
  z.object({ type: z.literal('signal'), conversationId: Id, callId: Id, payload: SignalPayload }),
  z.object({ type: z.literal('pong') }),
]);

/** Every support message schema by name: drives `npm run schema` (docs/schema/support/) and the tests. */
export const SUPPORT_MESSAGES = {
  StartConversation,
  ConversationGrant,
  BuyerFrame,
  BuyerServerFrame,
  PollRequest,
  FrameBatch,
  OfflineMessage,
  OfflineAccepted,
  SupportMessage,
  SupportStatus,
  CheckoutContext,
  ConversationSummary,
  AgentFrame,
  AgentServerFrame,
  SupportErrorEnvelope,
} as const;

export type SupportErrorCode = z.infer<typeof SupportErrorCode>;
export type CheckoutContext = z.infer<typeof CheckoutContext>;
export type Attachment = z.infer<typeof Attachment>;
export type SupportMessage = z.infer<typeof SupportMessage>;
export type SupportStatus = z.infer<typeof SupportStatus>;
export type StartConversation = z.infer<typeof StartConversation>;
export type ConversationGrant = z.infer<typeof ConversationGrant>;
export type OfflineMessage = z.infer<typeof OfflineMessage>;
export type SupportError = z.infer<typeof SupportError>;
export type BuyerFrame = z.infer<typeof BuyerFrame>;
export type BuyerServerFrame = z.infer<typeof BuyerServerFrame>;
export type PollRequest = z.infer<typeof PollRequest>;
export type FrameBatch = z.infer<typeof FrameBatch>;
export type ConversationSummary = z.infer<typeof ConversationSummary>;
export type AgentInfo = z.infer<typeof AgentInfo>;
export type AgentFrame = z.infer<typeof AgentFrame>;
export type AgentServerFrame = z.infer<typeof AgentServerFrame>;
