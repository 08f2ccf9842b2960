/**
 * Payment monitoring state (docs/experiments.md, "Monitoring and alerts"):
 * the merchant's alert settings with the secret that signs the alerts, the
 * alerts raised (one per method, country and streak of bad windows) with
 * their delivery, and the methods marked degraded per country.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';

export interface AlertSettings {
  /** Where alerts are POSTed; null: alerts are recorded but not sent. */
  url: string | null;
  /** Alert when the success rate is below this (0–1). */
  threshold: number;
  /** A window counts only with at least this many final attempts not caused by the buyer. */
  minAttempts: number;
  /** Consecutive bad windows before an alert. */
  windows: number;
  /** Also mark the method degraded in that country, so the widget lists it last. */
  markDegraded: boolean;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { url: null, threshold: 0.9, minAttempts: 100, windows: 2, markDegraded: false };

export function loadAlertSettings(db: Db): { settings: AlertSettings; signingSecret: string | null } {
  const row = db.prepare('SELECT json, signing_secret FROM monitoring_settings WHERE id = 1').get() as { json: string; signing_secret: string } | undefined;
  if (!row) return { settings: DEFAULT_ALERT_SETTINGS, signingSecret: null };
  return { settings: { ...DEFAULT_ALERT_SETTINGS, ...(JSON.parse(row.json) as Partial<AlertSettings>) }, signingSecret: row.signing_secret };
}

/** Saves the settings; the signing secret is created once and kept (rotate by deleting the row). */
export function saveAlertSettings(db: Db, settings: AlertSettings, now: number): string {
  const existing = loadAlertSettings(db).signingSecret;
  const secret = existing ?? `whsec_${randomBytes(24).toString('hex')}`;
  db.prepare(
    `INSERT INTO monitoring_settings (id, json, signing_secret, updated_at) VALUES (1, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
  ).run(JSON.stringify(settings), secret, now);
  return secret;
}

export interface AlertRecord {
  id: string;
  method: string;
  country: string;
  /** Start (ms) of the first bad window of the streak: one alert per streak. */
  windowStart: number;
  body: string;
  deliveredAt: number | null;
  lastStatus: number | null;
  createdAt: number;
}

/** Records an alert; false when this streak already raised one. */
export function insertAlert(db: Db, alert: Omit<AlertRecord, 'deliveredAt' | 'lastStatus'>): boolean {
  const result = db
    .prepare('INSERT OR IGNORE INTO monitoring_alerts (id, method, country, window_start, body, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(alert.id, alert.method, alert.country, alert.windowStart, alert.body, alert.createdAt);
  return result.changes > 0;
}

export function markAlertDelivery(db: Db, id: string, status: number, deliveredAt: number | null): void {
  db.prepare('UPDATE monitoring_alerts SET last_status = ?, delivered_at = COALESCE(delivered_at, ?) WHERE id = ?').run(status, deliveredAt, id);
}

export function listAlerts(db: Db, limit = 100): AlertRecord[] {
  return (
    db
      .prepare(
        `SELECT id, method, country, window_start AS windowStart, body, delivered_at AS deliveredAt, last_status AS lastStatus, created_at AS createdAt
         FROM monitoring_alerts ORDER BY created_at DESC LIMIT ?`,
      )
      .all(limit) as AlertRecord[]
  );
}

/** Alerts not yet delivered, raised since `since`. */
export function undeliveredAlerts(db: Db, since: number): AlertRecord[] {
  return listAlerts(db, 1000).filter((alert) => alert.deliveredAt === null && alert.createdAt >= since);
}

export interface DegradedMark {
  method: string;
  country: string;
  reason: string;
  createdAt: number;
}

export function markDegraded(db: Db, mark: DegradedMark): void {
  db.prepare('INSERT OR IGNORE INTO degraded_methods (method, country, reason, created_at) VALUES (?, ?, ?, ?)').run(mark.method, mark.country, mark.reason, mark.createdAt);
}

export function clearDegraded(db: Db, method: string, country: string): boolean {
  return db.prepare('DELETE FROM degraded_methods WHERE method = ? AND country = ?').run(method, country).changes > 0;
}

export function listDegraded(db: Db): DegradedMark[] {
  return db.prepare('SELECT method, country, reason, created_at AS createdAt FROM degraded_methods ORDER BY method, country').all() as DegradedMark[];
}
