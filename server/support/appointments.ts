/**
 * Booked video calls ("show me the product" at a time that suits the buyer):
 * 30-minute slots inside the merchant's business hours (hours.ts) over the
 * next 7 days, one buyer per slot and one live booking per buyer, cancel and
 * reschedule. Slots travel as instants (ISO, UTC): the bubble shows them in
 * the buyer's own time zone, the console in the agent's. When a slot starts,
 * the buyer's bubble and every agent console get a `due` call signal: an
 * in-page prompt to join. Stored in the database (db/appointments.ts): the
 * partial unique index keeps one buyer per slot on any number of instances,
 * and each instance prompts the buyers and agents connected to it.
 */
import { randomBytes } from 'node:crypto';
import type { AgentServerFrame, BuyerServerFrame } from '../../src/core/protocol/support.schema.js';
import { cancelAppointment, insertAppointment, liveAppointment, upcomingAppointments, type AppointmentRow } from '../db/appointments.js';
import type { Sql } from '../storage/storage.js';
import type { ConversationRow } from '../db/support.js';
import { isOpen, type BusinessHours } from './hours.js';

const MINUTE = 60_000;
export const SLOT_MINUTES = 30;
/** How far ahead slots are offered. */
export const BOOKING_DAYS = 7;
/** A slot must start at least this long after booking (the agent needs a moment to prepare). */
export const BOOKING_LEAD_MINUTES = 15;

/** What the bubble and the console see of a booking. */
export interface Appointment {
  id: string;
  conversationId: string;
  startsAt: string;
  endsAt: string;
  /** The buyer's IANA time zone (for the agent's "their local time"). */
  timeZone: string;
}

export class BookingRefused extends Error {
  constructor(
    readonly code: 'invalid_frame' | 'not_found' | 'forbidden',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Free slot starts (ms) from `now`: every 30 minutes on the UTC half-hour
 * grid, the whole slot inside an opening interval (checked at its first and
 * last minute), at least the lead time ahead, not taken. Without business
 * hours every slot of the window counts.
 */
export function freeSlots(hours: BusinessHours | null, now: number, taken: ReadonlySet<number>, days = BOOKING_DAYS): number[] {
  const slot = SLOT_MINUTES * MINUTE;
  const first = Math.ceil((now + BOOKING_LEAD_MINUTES * MINUTE) / slot) * slot;
  const slots: number[] = [];
  for (let t = first; t < now + days * 24 * 60 * MINUTE; t += slot) {
    if (taken.has(t)) continue;
    if (isOpen(hours, t) && isOpen(hours, t + slot - MINUTE)) slots.push(t);
  }
  return slots;
}

const toAppointment = (row: AppointmentRow): Appointment => ({
  id: row.id,
  conversationId: row.conversationId,
  startsAt: new Date(row.startsAt).toISOString(),
  endsAt: new Date(row.endsAt).toISOString(),
  timeZone: row.timeZone,
});

export interface AppointmentPorts {
  db: Sql;
  now(): number;
  hours: BusinessHours | null;
  /** Delivers to the buyer's connections on this instance (every instance runs the due check for its own). */
  toBuyers(conversationId: string, frame: BuyerServerFrame): void;
  /** Agent connections on this instance. */
  agents(): Iterable<{ deliver(frame: AgentServerFrame): void }>;
}

/** Thrown inside the booking transaction to undo the cancelled earlier booking when the new slot was taken. */
class SlotTaken extends Error {}

export class Appointments {
  readonly #ports: AppointmentPorts;
  /** Bookings this instance announced as due (in memory: after a restart a due booking is announced again, which is harmless). */
  readonly #announced = new Set<string>();
  readonly #timer: ReturnType<typeof setInterval>;
  #checking = false;

  constructor(ports: AppointmentPorts) {
    this.#ports = ports;
    // Slots start on the half hour: a 15-second check prompts within seconds of the start.
    this.#timer = setInterval(() => {
      if (this.#checking) return;
      this.#checking = true;
      this.announceDue()
        .catch((error: unknown) => console.error('[checkout-kit support] appointment check', error))
        .finally(() => (this.#checking = false));
    }, 15_000);
    this.#timer.unref();
  }

  /** The buyer's view: free slots and their own booking. */
  async forBuyer(conversation: ConversationRow): Promise<{ slots: string[]; booking: Appointment | null; slotMinutes: number }> {
    const now = this.#ports.now();
    const own = await liveAppointment(this.#ports.db, conversation.id);
    const taken = new Set((await upcomingAppointments(this.#ports.db, now)).map((a) => a.startsAt));
    return {
      slots: freeSlots(this.#ports.hours, now, taken).map((t) => new Date(t).toISOString()),
      booking: own ? toAppointment(own) : null,
      slotMinutes: SLOT_MINUTES,
    };
  }

  /**
   * Books `startsAt` (ISO) for the conversation, replacing its earlier booking
   * (a reschedule) in one transaction. The slot's unique index refuses a slot
   * another buyer holds; a lock on the conversation keeps one buyer's two
   * bookings at once (two tabs, two instances) from both standing.
   */
  async book(conversation: ConversationRow, body: unknown): Promise<Appointment> {
    const startsAtText = typeof body === 'object' && body !== null ? (body as { startsAt?: unknown }).startsAt : undefined;
    const startsAt = typeof startsAtText === 'string' && startsAtText.length <= 40 ? Date.parse(startsAtText) : Number.NaN;
    if (!Number.isFinite(startsAt)) throw new BookingRefused('invalid_frame', 'Expected { startsAt } as an ISO instant.');
    if (conversation.state === 'closed') throw new BookingRefused('forbidden', 'This conversation is closed.');
    const now = this.#ports.now();
    const row = {
      id: `apt_${randomBytes(12).toString('base64url')}`,
      conversationId: conversation.id,
      startsAt,
      endsAt: startsAt + SLOT_MINUTES * MINUTE,
      timeZone: conversation.timeZone,
      createdAt: now,
    };
    try {
      await this.#ports.db.transaction(async (tx) => {
        await tx.lock(`support-booking:${conversation.id}`);
        const own = await liveAppointment(tx, conversation.id);
        const taken = new Set((await upcomingAppointments(tx, now)).filter((a) => a.id !== own?.id).map((a) => a.startsAt));
        if (!freeSlots(this.#ports.hours, now, taken).includes(startsAt)) throw new BookingRefused('not_found', 'That slot is not free (taken, outside business hours, or too soon).');
        if (own) await cancelAppointment(tx, own.id, now);
        if (!(await insertAppointment(tx, row))) throw new SlotTaken();
      });
    } catch (error) {
      if (error instanceof SlotTaken) throw new BookingRefused('not_found', 'That slot was just taken.');
      throw error;
    }
    return toAppointment({ ...row, state: 'booked' });
  }

  /** Cancels the conversation's booking `id`. */
  async cancel(conversation: ConversationRow, id: string): Promise<void> {
    const own = await liveAppointment(this.#ports.db, conversation.id);
    if (!own || own.id !== id || !(await cancelAppointment(this.#ports.db, id, this.#ports.now()))) {
      throw new BookingRefused('not_found', 'No such booking in this conversation.');
    }
  }

  /** Every live booking still to come or under way, for the agent console. */
  async upcoming(): Promise<Appointment[]> {
    return (await upcomingAppointments(this.#ports.db, this.#ports.now())).map(toAppointment);
  }

  /** Tells this instance's buyer and agent connections about bookings whose slot has started (and not ended). */
  async announceDue(): Promise<void> {
    const now = this.#ports.now();
    for (const row of await upcomingAppointments(this.#ports.db, now)) {
      if (row.startsAt > now || this.#announced.has(row.id)) continue;
      this.#announced.add(row.id);
      const payload = { kind: 'due', appointmentId: row.id, startsAt: new Date(row.startsAt).toISOString() };
      this.#ports.toBuyers(row.conversationId, { type: 'signal', callId: row.id, payload });
      for (const agent of this.#ports.agents()) agent.deliver({ type: 'signal', conversationId: row.conversationId, callId: row.id, payload });
    }
  }

  close(): void {
    clearInterval(this.#timer);
  }
}
