/**
 * Call signaling of support protocol v1 (1:1 video): the `payload` of the
 * `signal { callId, payload }` frames that buyer and agent exchange over the
 * chat transport. The service validates every payload against
 * {@link CallSignal} and relays it only between the conversation's buyer and
 * the agent who owns it; it never stores one. The agent side always makes the
 * offers (first, ICE restarts and fresh connections), the buyer side answers,
 * so the two never offer at once.
 */
import * as z from 'zod/mini';

/** Largest SDP accepted, in characters (a two-track offer from Chromium is ~6 KB; frames are ≤ 16 KB). */
export const MAX_SDP_LENGTH = 12_000;

/** One STUN or TURN server, as `RTCIceServer` takes it (TURN over TLS on 443: `turns:turn.example.com:443?transport=tcp`). */
export const IceServer = z.object({
  urls: z.union([z.string().check(z.regex(/^(stun|stuns|turn|turns):[^\s]{1,250}$/)), z.array(z.string().check(z.regex(/^(stun|stuns|turn|turns):[^\s]{1,250}$/))).check(z.maxLength(8))]),
  username: z.optional(z.string().check(z.maxLength(256))),
  credential: z.optional(z.string().check(z.maxLength(256))),
});

/** Why a call ended, as told to the other side. */
export const HANGUP_REASONS = ['hung-up', 'declined', 'busy', 'no-answer', 'permission-refused', 'no-device', 'device-in-use', 'dropped', 'page-closed', 'unsupported'] as const;

const Sdp = z.string().check(z.minLength(1), z.maxLength(MAX_SDP_LENGTH));

/** Every call-signal payload, by `kind`. */
export const CallSignal = z.discriminatedUnion('kind', [
  /** Rings the other side. `video`: the caller sends video (the buyer never does by default). */
  z.object({ kind: z.literal('invite'), video: z.boolean() }),
  /** The invited side joins; the agent side then makes the offer. */
  z.object({ kind: z.literal('accept') }),
  /** Sent by the service with every relayed invite and accept: the store's STUN/TURN servers. */
  z.object({ kind: z.literal('config'), iceServers: z.array(IceServer).check(z.maxLength(8)) }),
  /** `generation` counts fresh connections (0 first); `restart` marks an ICE restart on the same connection. */
  z.object({ kind: z.literal('offer'), sdp: Sdp, generation: z.int().check(z.nonnegative(), z.maximum(100)), restart: z.boolean() }),
  z.object({ kind: z.literal('answer'), sdp: Sdp, generation: z.int().check(z.nonnegative(), z.maximum(100)) }),
  z.object({
    kind: z.literal('candidate'),
    generation: z.int().check(z.nonnegative(), z.maximum(100)),
    candidate: z.string().check(z.maxLength(1024)),
    sdpMid: z.nullable(z.string().check(z.maxLength(64))),
    sdpMLineIndex: z.nullable(z.int().check(z.nonnegative(), z.maximum(64))),
  }),
  z.object({ kind: z.literal('hangup'), reason: z.enum(HANGUP_REASONS) }),
  /** Sent by the service when a booked slot starts (the call id is the booking's id): both sides are prompted to join. */
  z.object({ kind: z.literal('due'), appointmentId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)), startsAt: z.iso.datetime() }),
]);

/** A booked video call (`POST {endpoint}/appointments` answers with one). Instants are ISO, UTC. */
export const Appointment = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  conversationId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  timeZone: z.string().check(z.maxLength(64)),
});

/** `GET {endpoint}/appointments`: free slot starts inside the merchant's hours, and the buyer's own booking. */
export const AppointmentOffer = z.object({
  slots: z.array(z.iso.datetime()).check(z.maxLength(1000)),
  booking: z.nullable(Appointment),
  slotMinutes: z.int().check(z.positive()),
});

export type Appointment = z.infer<typeof Appointment>;
export type AppointmentOffer = z.infer<typeof AppointmentOffer>;
export type IceServer = z.infer<typeof IceServer>;
export type CallSignal = z.infer<typeof CallSignal>;
export type HangupReason = (typeof HANGUP_REASONS)[number];

/** Parses an ICE-server list from an attribute (JSON) or a property; anything malformed is dropped, never thrown. */
export function parseIceServers(value: unknown): IceServer[] {
  let input = value;
  if (typeof value === 'string') {
    try {
      input = JSON.parse(value) as unknown;
    } catch {
      return [];
    }
  }
  const parsed = z.array(IceServer).check(z.maxLength(8)).safeParse(input);
  return parsed.success ? parsed.data : [];
}
