/**
 * Payment monitoring state (docs/experiments.md, "Monitoring and alerts"):
 * the merchant's alert settings with the secret that signs the alerts, the
 * alerts raised (one per method, country and streak of bad windows) with
 * their delivery, and the methods marked degraded per country. Every
 * instance runs the monitor: an alert is stored once per streak by its unique
 * (method, country, window_start), and sent by the one instance that claims it.
 */
import { randomBytes } from 'node:crypto';
import type { Sql } from '../storage/storage.js';

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

export async function loadAlertSettings(db: Sql): Promise<{ settings: AlertSettings; signingSecret: string | null }> {
  const row = await db.get<{ json: string; signing_secret: string }>('SELECT json, signing_secret FROM monitoring_settings WHERE id = 1');
  if (!row) return { settings: DEFAULT_ALERT_SETTINGS, signingSecret: null };
  return { settings: { ...DEFAULT_ALERT_SETTINGS, ...(JSON.parse(row.json) as Partial<AlertSettings>) }, signingSecret: row.signing_secret };
}

/**
 * Saves the settings; the signing secret is created once and kept (rotate by
 * deleting the row). Two instances saving the first settings at once agree on
 * one secret: the insert keeps the row that won, and its secret is read back.
 */
export async function saveAlertSettings(db: Sql, settings: AlertSettings, now: number): Promise<string> {
  const candidate = `whsec_${randomBytes(24).toString('hex')}`;
  const row = await db.get<{ signing_secret: string }>(
    `INSERT INTO monitoring_settings (id, json, signing_secret, updated_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at
     RETURNING signing_secret`,
    [JSON.stringify(settings), candidate, now],
  );
  return row!.signing_secret;
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

/** Records an alert; false when this streak already raised one (here or on another instance). */
export async function insertAlert(db: Sql, alert: Omit<AlertRecord, 'deliveredAt' | 'lastStatus'>): Promise<boolean> {
  const result = await db.run(
    `INSERT INTO monitoring_alerts (id, method, country, window_start, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (method, country, window_start) DO NOTHING`,
    [alert.id, alert.method, alert.country, alert.windowStart, alert.body, alert.createdAt],
  );
  return result.changes > 0;
}

/**
 * Claims an undelivered alert for one delivery attempt until `until`: true for
 * exactly one of the instances asking at once. A claim that outlives a crashed
 * instance lapses, and the next pass retries.
 */
export async function claimAlertDelivery(db: Sql, id: string, now: number, until: number): Promise<boolean> {
  const result = await db.run(
    'UPDATE monitoring_alerts SET claimed_until = ? WHERE id = ? AND delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?)',
    [until, id, now],
  );
  return result.changes > 0;
}

/** Records a delivery attempt's status and releases the claim (a failed attempt is retried on a later pass). */
export async function markAlertDelivery(db: Sql, id: string, status: number, deliveredAt: number | null): Promise<void> {
  await db.run('UPDATE monitoring_alerts SET last_status = ?, delivered_at = COALESCE(delivered_at, ?), claimed_until = NULL WHERE id = ?', [status, deliveredAt, id]);
}

const ALERT_COLUMNS = `id, method, country, window_start AS "windowStart", body, delivered_at AS "deliveredAt", last_status AS "lastStatus", created_at AS "createdAt"`;

export async function listAlerts(db: Sql, limit = 100): Promise<AlertRecord[]> {
  return db.all<AlertRecord>(`SELECT ${ALERT_COLUMNS} FROM monitoring_alerts ORDER BY created_at DESC, rowid DESC LIMIT ?`, [limit]);
}

/** Alerts not yet delivered, raised since `since`, oldest first. */
export async function undeliveredAlerts(db: Sql, since: number): Promise<AlertRecord[]> {
  return db.all<AlertRecord>(`SELECT ${ALERT_COLUMNS} FROM monitoring_alerts WHERE delivered_at IS NULL AND created_at >= ? ORDER BY created_at, rowid LIMIT 1000`, [since]);
}

export interface DegradedMark {
  method: string;
  country: string;
  reason: string;
  createdAt: number;
}

/** Marks a method degraded in a country; false when it already was. */
export async function markDegraded(db: Sql, mark: DegradedMark): Promise<boolean> {
  const result = await db.run(
    'INSERT INTO degraded_methods (method, country, reason, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (method, country) DO NOTHING',
    [mark.method, mark.country, mark.reason, mark.createdAt],
  );
  return result.changes > 0;
}

/** Lifts a mark; true for the one caller (on any instance) that lifted it. */
export async function clearDegraded(db: Sql, method: string, country: string): Promise<boolean> {
  return (await db.run('DELETE FROM degraded_methods WHERE method = ? AND country = ?', [method, country])).changes > 0;
}

export async function listDegraded(db: Sql): Promise<DegradedMark[]> {
  return db.all<DegradedMark>('SELECT method, country, reason, created_at AS "createdAt" FROM degraded_methods ORDER BY method, country');
}
