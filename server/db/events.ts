/** Analytics events from the widget. Event ids are UUIDs, so a re-sent batch is stored once. */
import type { AnalyticsEvent } from '../../src/core/protocol/schemas.js';
import type { Db } from './database.js';

export function insertEvents(db: Db, sessionId: string, events: readonly AnalyticsEvent[], now: number): number {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO events (session_id, id, type, at, data_json, received_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const event of events) {
      insert.run(sessionId, event.id, event.type, event.at, event.data ? JSON.stringify(event.data) : null, now);
    }
  })();
  // Duplicates count as accepted: the client did nothing wrong by re-sending.
  return events.length;
}

export function countEvents(db: Db, sessionId: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM events WHERE session_id = ?').get(sessionId) as { n: number }).n;
}
