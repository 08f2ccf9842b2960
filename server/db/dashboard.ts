/**
 * Dashboard sign-ins (table `dashboard_sessions`, ANALYTICS_MIGRATION in
 * server/db/analytics.ts): only the SHA-256 of the cookie's random id is
 * stored, with its expiry, so a sign-in on one instance holds on every other.
 */
import type { Sql } from '../storage/storage.js';

/** Stores a sign-in; drops expired ones and, past `max` live ones, the oldest. */
export async function createDashboardSession(db: Sql, tokenHash: string, now: number, expiresAt: number, max: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM dashboard_sessions WHERE expires_at <= ?', [now]);
    // Keep the newest max - 1, so this one makes max.
    await tx.run(
      `DELETE FROM dashboard_sessions WHERE expires_at <= (SELECT expires_at FROM dashboard_sessions ORDER BY expires_at DESC LIMIT 1 OFFSET ?)`,
      [Math.max(0, max - 1)],
    );
    await tx.run('INSERT INTO dashboard_sessions (token_hash, expires_at, created_at) VALUES (?, ?, ?) ON CONFLICT (token_hash) DO NOTHING', [tokenHash, expiresAt, now]);
  });
}

/** True when the sign-in exists and has not expired. */
export async function dashboardSessionValid(db: Sql, tokenHash: string, now: number): Promise<boolean> {
  const row = await db.get<{ expires_at: number }>('SELECT expires_at FROM dashboard_sessions WHERE token_hash = ?', [tokenHash]);
  return row !== undefined && row.expires_at > now;
}

export async function deleteDashboardSession(db: Sql, tokenHash: string): Promise<void> {
  await db.run('DELETE FROM dashboard_sessions WHERE token_hash = ?', [tokenHash]);
}
