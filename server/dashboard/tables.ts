/**
 * Every table of the dashboard as data, built once: the page renders the
 * `text` of each cell and the CSV export writes its `value` (raw numbers,
 * rates as 0–1, money in minor units), so the two can never disagree.
 */
import type { Board } from '../analytics/monitoring.js';
import type { ExperimentReport } from '../analytics/report.js';
import type { AlertRecord, AlertSettings } from '../db/monitoring.js';
import { csvCell } from '../reconciliation/report.js';
import { t } from './strings.js';

export interface Cell {
  text: string;
  value: string | number | null;
}

export interface Table {
  /** Stable id: the CSV's address (`/dashboard/export/<id>.csv`) and file name. */
  id: string;
  caption: string;
  columns: string[];
  /** Column names of the CSV (snake_case, stable for scripts). */
  csvColumns: string[];
  rows: Cell[][];
  /** Rows of the CSV when they carry more columns than the page (interval bounds, currency); else the cells' values. */
  csv?: (string | number | null)[][];
}

const LOCALE = 'en';
const none = (): Cell => ({ text: t('none'), value: null });
const num = (value: number): Cell => ({ text: new Intl.NumberFormat(LOCALE).format(value), value });
const pct = (value: number | null, digits = 1): Cell =>
  value === null ? none() : { text: new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value), value };
const str = (value: string): Cell => ({ text: value, value });

export function formatPercent(value: number, digits = 1): string {
  return new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** Signed percentage points, e.g. "+1.5 pts". */
export function formatPoints(value: number): string {
  return `${new Intl.NumberFormat(LOCALE, { signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value * 100)} pts`;
}

export function formatP(p: number): string {
  if (p < 0.0001) return '< 0.0001';
  return new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: 2 }).format(p);
}

function formatMoney(minor: number, currency: string | null): string {
  if (!currency) return new Intl.NumberFormat(LOCALE).format(minor);
  const format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function duration(ms: number | null): Cell {
  if (ms === null) return none();
  const text = ms < 1000 ? `${Math.round(ms)} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;
  return { text, value: Math.round(ms) };
}

/** A safe file and URL segment from a table id. */
export function tableSlug(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

export function experimentTables(report: ExperimentReport): Table[] {
  const money = (minor: number | null): Cell => (minor === null ? none() : { text: formatMoney(minor, report.currency), value: Math.round(minor) });
  const variants: Table = {
    id: tableSlug(`variants-${report.key}`),
    caption: t('experiments.variants', { key: report.key }),
    columns: [
      t('experiments.col.variant'),
      t('experiments.col.exposed'),
      t('experiments.col.converted'),
      t('experiments.col.conversion'),
      t('experiments.col.revenuePerSession'),
      t('experiments.col.aov'),
      t('experiments.col.failureRate'),
      t('experiments.col.timeToPay'),
    ],
    csvColumns: ['variant', 'exposed_sessions', 'paid_sessions', 'conversion', 'conversion_low', 'conversion_high', 'currency', 'revenue_per_session_minor', 'average_order_value_minor', 'payment_failure_rate', 'time_to_pay_p50_ms', 'time_to_pay_p95_ms'],
    rows: report.variants.map((v) => [
      str(v.key),
      num(v.exposed),
      num(v.converted),
      { text: `${formatPercent(v.conversion)} (${formatPercent(v.conversionInterval.low)}–${formatPercent(v.conversionInterval.high)})`, value: v.conversion },
      money(v.revenuePerSession),
      money(v.averageOrderValue),
      pct(v.failureRate),
      { text: `${duration(v.timeToPayP50).text} / ${duration(v.timeToPayP95).text}`, value: v.timeToPayP50 === null ? null : Math.round(v.timeToPayP50) },
    ]),
  };
  // The CSV has the interval, currency and the 95th percentile in their own columns.
  const csvExtras = new Map(
    report.variants.map((v) => [v.key, [v.conversionInterval.low, v.conversionInterval.high, report.currency ?? '', v.timeToPayP95 === null ? null : Math.round(v.timeToPayP95)]]),
  );
  variants.csv = report.variants.map((v) => {
    const [low, high, currency, p95] = csvExtras.get(v.key)!;
    return [v.key, v.exposed, v.converted, v.conversion, low!, high!, currency!, Math.round(v.revenuePerSession), v.averageOrderValue === null ? null : Math.round(v.averageOrderValue), v.failureRate, v.timeToPayP50 === null ? null : Math.round(v.timeToPayP50), p95!];
  });
  const statistics: Table = {
    id: tableSlug(`statistics-${report.key}`),
    caption: t('experiments.statistics', { key: report.key, control: report.analysis.control }),
    columns: [t('experiments.col.variant'), t('experiments.col.difference'), t('experiments.col.fixedP'), t('experiments.col.sequentialP'), t('experiments.col.sequentialInterval')],
    csvColumns: ['variant', 'difference', 'difference_low', 'difference_high', 'fixed_horizon_p', 'always_valid_p', 'always_valid_low', 'always_valid_high'],
    rows: report.analysis.comparisons.map((c) => [
      str(c.variant),
      { text: `${formatPoints(c.fixed.difference)} (${formatPoints(c.fixed.interval.low)} to ${formatPoints(c.fixed.interval.high)})`, value: c.fixed.difference },
      { text: formatP(c.fixed.p), value: c.fixed.p },
      { text: formatP(c.sequential.p), value: c.sequential.p },
      c.sequential.looks ? { text: `${formatPoints(c.sequential.interval.low)} to ${formatPoints(c.sequential.interval.high)}`, value: c.sequential.interval.low } : none(),
    ]),
  };
  statistics.csv = report.analysis.comparisons.map((c) => [
    c.variant,
    c.fixed.difference,
    c.fixed.interval.low,
    c.fixed.interval.high,
    c.fixed.p,
    c.sequential.p,
    c.sequential.looks ? c.sequential.interval.low : null,
    c.sequential.looks ? c.sequential.interval.high : null,
  ]);
  return [variants, statistics];
}

export function monitoringTables(board: Board, alerts: readonly AlertRecord[]): Table[] {
  const summary: Table = {
    id: 'monitoring',
    caption: t('monitoring.summary', { minutes: board.windowMinutes }),
    columns: [
      t('monitoring.col.method'),
      t('monitoring.col.country'),
      t('monitoring.col.lastWindow'),
      t('monitoring.col.succeeded'),
      t('monitoring.col.failed'),
      t('monitoring.col.buyerCaused'),
      t('monitoring.col.open'),
      t('monitoring.col.p50'),
      t('monitoring.col.p95'),
      t('monitoring.col.degraded'),
    ],
    csvColumns: ['method', 'country', 'last_closed_window_success_rate', 'succeeded', 'failed', 'buyer_caused', 'open', 'submit_to_result_p50_ms', 'submit_to_result_p95_ms', 'degraded'],
    rows: board.rows.map((row) => {
      const sum = (pick: (w: (typeof row.windows)[number]) => number) => row.windows.reduce((total, w) => total + pick(w), 0);
      const lastClosed = row.windows.at(-2) ?? null;
      return [
        str(row.method),
        str(row.country),
        pct(lastClosed?.successRate ?? null),
        num(sum((w) => w.succeeded)),
        num(sum((w) => w.failed)),
        num(sum((w) => w.buyerCaused)),
        num(sum((w) => w.open)),
        duration(row.finalTimeP50),
        duration(row.finalTimeP95),
        { text: row.degraded ? t('monitoring.yes') : t('monitoring.no'), value: row.degraded ? 'yes' : 'no' },
      ];
    }),
  };
  const codes: Table = {
    id: 'failure-codes',
    caption: t('monitoring.codes'),
    columns: [t('monitoring.col.method'), t('monitoring.col.country'), t('monitoring.col.code'), t('monitoring.col.count')],
    csvColumns: ['method', 'country', 'failure_code', 'attempts'],
    rows: board.rows.flatMap((row) => row.failureCodes.map((c) => [str(row.method), str(row.country), str(c.code), num(c.count)])),
  };
  const alertTable: Table = {
    id: 'alerts',
    caption: t('monitoring.alerts'),
    columns: [t('monitoring.col.raised'), t('monitoring.col.method'), t('monitoring.col.country'), t('monitoring.col.delivered')],
    csvColumns: ['raised_at', 'method', 'country', 'delivered_at', 'last_status'],
    rows: alerts.map((a) => [
      str(new Date(a.createdAt).toISOString()),
      str(a.method),
      str(a.country),
      a.deliveredAt === null ? { text: a.lastStatus ? `${t('monitoring.no')} (HTTP ${a.lastStatus})` : t('monitoring.no'), value: null } : str(new Date(a.deliveredAt).toISOString()),
    ]),
  };
  alertTable.csv = alerts.map((a) => [
    new Date(a.createdAt).toISOString(),
    a.method,
    a.country,
    a.deliveredAt === null ? null : new Date(a.deliveredAt).toISOString(),
    a.lastStatus,
  ]);
  return [summary, codes, alertTable];
}

/** Settings line of the board. */
export function ruleText(settings: AlertSettings): string {
  return t('monitoring.rule', {
    threshold: formatPercent(settings.threshold),
    minAttempts: settings.minAttempts,
    windows: settings.windows,
    url: settings.url ?? t('monitoring.noUrl'),
    degraded: settings.markDegraded ? t('monitoring.yes') : t('monitoring.no'),
  });
}

/** One CSV cell: numbers as they are, text through the reconciliation export's formula-safe quoting. */
function cell(value: string | number | null): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvCell(value);
}

/** The table as CSV (RFC 4180, CRLF), with raw values. */
export function tableCsv(table: Table): string {
  const rows = table.csv ?? table.rows.map((row) => row.map((c) => c.value));
  return `${[table.csvColumns.map(cell).join(','), ...rows.map((row) => row.map(cell).join(','))].join('\r\n')}\r\n`;
}
