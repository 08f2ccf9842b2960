/**
 * The payment monitoring board and its alerts (docs/experiments.md,
 * "Monitoring and alerts"). Success rate per method and buyer country in
 * 5-minute windows, with buyer-caused outcomes (`cancelled`, `expired`)
 * counted apart instead of as failures; failure codes; p50/p95 time from
 * submit to a final result. An alert is raised when the success rate stays
 * below the threshold, on at least the minimum volume, for N consecutive
 * closed windows; it is sent once per streak as a signed webhook
 * (server/webhooks/signature.ts: the same `Ck-Webhook-*` headers and HMAC
 * the PSP callbacks use) and may mark the method degraded in that country,
 * which `GET /session` then reports so the widget lists it last.
 */
import { randomUUID } from 'node:crypto';
import type { PaymentMethodOffer } from '../../src/core/protocol/schemas.js';
import type { ServerContext } from '../context.js';
import { attemptRows, type AttemptRow } from '../db/analytics.js';
import {
  claimAlertDelivery,
  clearDegraded,
  insertAlert,
  listDegraded,
  loadAlertSettings,
  markAlertDelivery,
  markDegraded,
  undeliveredAlerts,
  type AlertSettings,
} from '../db/monitoring.js';
import type { SessionRecord } from '../db/sessions.js';
import { signedHeaders } from '../webhooks/signature.js';
import { quantile } from './report.js';

export const WINDOW_MS = 5 * 60 * 1000;
/** Outcomes the buyer chose (cancelled at the bank) or let lapse (QR, voucher not paid in time): shown apart, not failures of the method. */
export const BUYER_CAUSED = new Set(['cancelled', 'expired']);

export interface WindowStats {
  /** Window start (ms). */
  start: number;
  succeeded: number;
  /** Failures not caused by the buyer. */
  failed: number;
  buyerCaused: number;
  /** Not final yet (pending, requires action). */
  open: number;
  /** succeeded / (succeeded + failed); null without such attempts. */
  successRate: number | null;
}

export interface MethodCountryStats {
  method: string;
  country: string;
  windows: WindowStats[];
  /** Failure codes over the whole board, most frequent first (buyer-caused ones included, marked by the code). */
  failureCodes: { code: string; count: number }[];
  /** Milliseconds from submit to a final result. */
  finalTimeP50: number | null;
  finalTimeP95: number | null;
  degraded: boolean;
}

export interface Board {
  windowMinutes: number;
  /** Starts of the board's windows, oldest first; the last one is still open. */
  windows: number[];
  rows: MethodCountryStats[];
}

/** The board over the `count` windows ending with the one that holds `now`. */
export function buildBoard(attempts: readonly AttemptRow[], now: number, count: number, degraded: ReadonlySet<string> = new Set()): Board {
  const last = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const windows = Array.from({ length: count }, (_, i) => last - (count - 1 - i) * WINDOW_MS);
  const first = windows[0]!;
  const groups = new Map<string, AttemptRow[]>();
  for (const attempt of attempts) {
    if (attempt.createdAt < first || attempt.createdAt >= last + WINDOW_MS) continue;
    const key = `${attempt.method}\u0000${attempt.country}`;
    const list = groups.get(key);
    if (list) list.push(attempt);
    else groups.set(key, [attempt]);
  }
  const rows = [...groups].map(([key, list]): MethodCountryStats => {
    const [method = '', country = ''] = key.split('\u0000');
    const stats = windows.map((start): WindowStats => ({ start, succeeded: 0, failed: 0, buyerCaused: 0, open: 0, successRate: null }));
    const codes = new Map<string, number>();
    const times: number[] = [];
    for (const attempt of list) {
      const window = stats[Math.floor((attempt.createdAt - first) / WINDOW_MS)]!;
      if (attempt.status === 'succeeded') window.succeeded++;
      else if (attempt.status === 'failed') {
        const code = attempt.failureCode ?? 'unknown';
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (BUYER_CAUSED.has(code)) window.buyerCaused++;
        else window.failed++;
      } else window.open++;
      if (attempt.status === 'succeeded' || attempt.status === 'failed') times.push(attempt.updatedAt - attempt.createdAt);
    }
    for (const window of stats) {
      const judged = window.succeeded + window.failed;
      window.successRate = judged ? window.succeeded / judged : null;
    }
    times.sort((a, b) => a - b);
    return {
      method,
      country,
      windows: stats,
      failureCodes: [...codes].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
      finalTimeP50: quantile(times, 0.5),
      finalTimeP95: quantile(times, 0.95),
      degraded: degraded.has(key),
    };
  });
  rows.sort((a, b) => a.method.localeCompare(b.method) || a.country.localeCompare(b.country));
  return { windowMinutes: WINDOW_MS / 60_000, windows, rows };
}

/** A window that fails the alert rule: enough volume, success rate below the threshold. */
const isBad = (window: WindowStats, settings: AlertSettings): boolean =>
  window.succeeded + window.failed >= settings.minAttempts && window.successRate !== null && window.successRate < settings.threshold;

/**
 * Streaks of at least `settings.windows` bad closed windows ending with the
 * last closed window, per method and country: what should alert now.
 */
export function dueAlerts(board: Board, settings: AlertSettings): { row: MethodCountryStats; streak: WindowStats[] }[] {
  const due: { row: MethodCountryStats; streak: WindowStats[] }[] = [];
  for (const row of board.rows) {
    const closed = row.windows.slice(0, -1);
    let start = closed.length;
    while (start > 0 && isBad(closed[start - 1]!, settings)) start--;
    const streak = closed.slice(start);
    if (streak.length >= settings.windows) due.push({ row, streak });
  }
  return due;
}

/** The webhook body of an alert (documented in docs/experiments.md). */
export interface AlertPayload {
  id: string;
  type: 'payment_method.success_rate_low';
  createdAt: string;
  method: string;
  country: string;
  threshold: number;
  minAttempts: number;
  windowMinutes: number;
  windows: { start: string; succeeded: number; failed: number; buyerCaused: number; successRate: number | null }[];
  markedDegraded: boolean;
}

/** Posts to the merchant's URL; the status, or 0 when unreachable. Bounded: a slow receiver cannot hold the evaluation. */
async function deliver(url: string, secret: string, id: string, body: string, now: number): Promise<number> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...signedHeaders(secret, id, body, now) },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(5_000),
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return 0;
  }
}

export interface Evaluation {
  raised: AlertPayload[];
  delivered: number;
  recovered: { method: string; country: string }[];
}

/** How long one instance holds an alert it is delivering: past the delivery's 5-second timeout, short of the next pass. */
const DELIVERY_CLAIM_MS = 30_000;

/**
 * One pass of the monitor: raise alerts for new streaks, mark methods
 * degraded if the merchant asked for it, lift marks whose method recovered
 * (its last closed window with volume passed), and (re)send undelivered
 * alerts of the last hour. Runs on a timer and on `POST /merchant/v1/monitoring/evaluate`.
 *
 * Every instance runs it each minute over the same rows. An alert and its
 * degraded mark are written in one transaction, by the instance whose insert
 * the unique (method, country, window_start) let through; an alert is sent
 * by the instance that claimed it (`claimAlertDelivery`); a mark is lifted by
 * the one DELETE that removed it. So each happens once across instances.
 */
export async function evaluateMonitoring(ctx: Pick<ServerContext, 'store' | 'now'>): Promise<Evaluation> {
  const now = ctx.now();
  const { settings, signingSecret } = await loadAlertSettings(ctx.store);
  const count = Math.max(settings.windows + 1, 12);
  const board = buildBoard(await attemptRows(ctx.store, now - count * WINDOW_MS), now, count);
  const raised: AlertPayload[] = [];
  for (const { row, streak } of dueAlerts(board, settings)) {
    const payload: AlertPayload = {
      id: `alrt_${randomUUID().replaceAll('-', '')}`,
      type: 'payment_method.success_rate_low',
      createdAt: new Date(now).toISOString(),
      method: row.method,
      country: row.country,
      threshold: settings.threshold,
      minAttempts: settings.minAttempts,
      windowMinutes: WINDOW_MS / 60_000,
      windows: streak.map((w) => ({ start: new Date(w.start).toISOString(), succeeded: w.succeeded, failed: w.failed, buyerCaused: w.buyerCaused, successRate: w.successRate })),
      markedDegraded: settings.markDegraded,
    };
    const inserted = await ctx.store.transaction(async (tx) => {
      if (!(await insertAlert(tx, { id: payload.id, method: row.method, country: row.country, windowStart: streak[0]!.start, body: JSON.stringify(payload), createdAt: now }))) return false;
      if (settings.markDegraded) {
        const rate = ((streak.at(-1)!.successRate ?? 0) * 100).toFixed(1);
        await markDegraded(tx, { method: row.method, country: row.country, reason: `success rate ${rate}% below ${(settings.threshold * 100).toFixed(1)}%`, createdAt: now });
      }
      return true;
    });
    if (inserted) raised.push(payload);
  }
  const recovered: { method: string; country: string }[] = [];
  for (const mark of await listDegraded(ctx.store)) {
    const row = board.rows.find((r) => r.method === mark.method && r.country === mark.country);
    const lastJudged = row?.windows.slice(0, -1).filter((w) => w.succeeded + w.failed >= settings.minAttempts).at(-1);
    if (lastJudged && lastJudged.start >= mark.createdAt - WINDOW_MS && !isBad(lastJudged, settings) && (await clearDegraded(ctx.store, mark.method, mark.country))) {
      recovered.push({ method: mark.method, country: mark.country });
    }
  }
  let delivered = 0;
  if (settings.url && signingSecret) {
    for (const alert of await undeliveredAlerts(ctx.store, now - 60 * 60 * 1000)) {
      const claimedAt = ctx.now();
      if (!(await claimAlertDelivery(ctx.store, alert.id, claimedAt, claimedAt + DELIVERY_CLAIM_MS))) continue;
      const status = await deliver(settings.url, signingSecret, alert.id, alert.body, ctx.now());
      const ok = status >= 200 && status < 300;
      await markAlertDelivery(ctx.store, alert.id, status, ok ? ctx.now() : null);
      if (ok) delivered++;
    }
  }
  return { raised, delivered, recovered };
}

/** The session's offers with the methods the monitor marked degraded in the buyer's country set to `degraded` (never `down`: the buyer may still choose it). */
export async function applyDegradedMarks(ctx: Pick<ServerContext, 'store'>, session: Pick<SessionRecord, 'country'>, methods: PaymentMethodOffer[]): Promise<PaymentMethodOffer[]> {
  const marked = new Set((await listDegraded(ctx.store)).filter((m) => m.country === session.country).map((m) => m.method));
  if (!marked.size) return methods;
  return methods.map((m) => (marked.has(m.id) && m.status !== 'down' ? { ...m, status: 'degraded' as const } : m));
}

/** `method\0country` keys of the marks, for the board. */
export async function degradedKeys(ctx: Pick<ServerContext, 'store'>): Promise<Set<string>> {
  return new Set((await listDegraded(ctx.store)).map((m) => `${m.method}\u0000${m.country}`));
}
