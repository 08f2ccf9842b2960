/** Analytics events from the widget. Event ids are UUIDs, so a re-sent batch is stored once, on any instance. */
import type { AnalyticsEvent } from '../../src/core/protocol/schemas.js';
import type { Sql, SqlValue } from '../storage/storage.js';

const COLUMNS = 6;

/**
 * Stores a batch (at most 100 events, the protocol's limit) in one statement.
 * `ON CONFLICT (session_id, id) DO NOTHING` makes a re-sent batch, or the same
 * batch arriving at two instances at once, a no-op for the ids already stored;
 * the rows keep the batch's order, which `ORDER BY rowid` reads back.
 * Run as a transaction so Postgres re-runs it on a deadlock (two batches sharing
 * ids in different orders); a batch has no effect outside the database.
 */
export async function insertEvents(db: Sql, sessionId: string, events: readonly AnalyticsEvent[], now: number): Promise<number> {
  if (events.length > 0) {
    const params: SqlValue[] = [];
    for (const event of events) params.push(sessionId, event.id, event.type, event.at, event.data ? JSON.stringify(event.data) : null, now);
    const rows = events.map(() => `(${Array.from({ length: COLUMNS }, () => '?').join(', ')})`).join(', ');
    const sql = `INSERT INTO events (session_id, id, type, at, data_json, received_at) VALUES ${rows} ON CONFLICT (session_id, id) DO NOTHING`;
    await db.transaction((tx) => tx.run(sql, params));
  }
  // Duplicates count as accepted: the client did nothing wrong by re-sending.
  return events.length;
}

export async function countEvents(db: Sql, sessionId: string): Promise<number> {
  return (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE session_id = ?', [sessionId]))?.n ?? 0;
}
