/**
 * Booked video calls ("video viewing" appointments) of the support service:
 * one row per booking, its slot as an instant (UTC milliseconds), the buyer's
 * time zone for the agent's display, and a state. A partial unique index keeps
 * one live booking per slot start, so two buyers racing for the same slot
 * cannot both have it — on one instance or several (the index is in the
 * database). The table is created by migration 6 (database.ts).
 */
import type { Sql } from '../storage/storage.js';

/** Migration 6: appointments. Appended in database.ts; never edited once shipped. */
export const APPOINTMENTS_MIGRATION = `
CREATE TABLE support_appointments (
  id              TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  starts_at       INTEGER NOT NULL,
  ends_at         INTEGER NOT NULL,
  time_zone       TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('booked', 'cancelled')),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX support_appointments_live_slot ON support_appointments(starts_at) WHERE state = 'booked';
CREATE INDEX support_appointments_conversation ON support_appointments(conversation_id, state);
`;

export interface AppointmentRow {
  id: string;
  conversationId: string;
  startsAt: number;
  endsAt: number;
  timeZone: string;
  state: 'booked' | 'cancelled';
  createdAt: number;
}

interface RawRow {
  id: string;
  conversation_id: string;
  starts_at: number;
  ends_at: number;
  time_zone: string;
  state: 'booked' | 'cancelled';
  created_at: number;
}

const toRow = (r: RawRow): AppointmentRow => ({
  id: r.id,
  conversationId: r.conversation_id,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  timeZone: r.time_zone,
  state: r.state,
  createdAt: r.created_at,
});

/** A unique violation on either storage: SQLite's extended code or Postgres's SQLSTATE. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * Books a slot; false when a live booking already holds it. The partial unique
 * index decides (`ON CONFLICT … WHERE state = 'booked' DO NOTHING`), not a
 * read-then-write race; a unique violation from elsewhere is read the same way.
 */
export async function insertAppointment(db: Sql, row: Omit<AppointmentRow, 'state'>): Promise<boolean> {
  try {
    const result = await db.run(
      `INSERT INTO support_appointments (id, conversation_id, starts_at, ends_at, time_zone, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'booked', ?, ?) ON CONFLICT (starts_at) WHERE state = 'booked' DO NOTHING`,
      [row.id, row.conversationId, row.startsAt, row.endsAt, row.timeZone, row.createdAt, row.createdAt],
    );
    return result.changes === 1;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function cancelAppointment(db: Sql, id: string, now: number): Promise<boolean> {
  const result = await db.run(`UPDATE support_appointments SET state = 'cancelled', updated_at = ? WHERE id = ? AND state = 'booked'`, [now, id]);
  return result.changes === 1;
}

/** The conversation's live booking, if any (a buyer holds at most one). */
export async function liveAppointment(db: Sql, conversationId: string): Promise<AppointmentRow | undefined> {
  const raw = await db.get<RawRow>(
    `SELECT id, conversation_id, starts_at, ends_at, time_zone, state, created_at FROM support_appointments
     WHERE conversation_id = ? AND state = 'booked' ORDER BY starts_at LIMIT 1`,
    [conversationId],
  );
  return raw ? toRow(raw) : undefined;
}

/** Live bookings that end after `from`, earliest first (the console's list, the taken slots). */
export async function upcomingAppointments(db: Sql, from: number): Promise<AppointmentRow[]> {
  const rows = await db.all<RawRow>(
    `SELECT id, conversation_id, starts_at, ends_at, time_zone, state, created_at FROM support_appointments
     WHERE state = 'booked' AND ends_at > ? ORDER BY starts_at`,
    [from],
  );
  return rows.map(toRow);
}
