/**
 * Daily reconciliation (docs/protocol.md, "Daily reconciliation"): the PSP's
 * ledger for one UTC day against what the backend recorded — captures (paid
 * payments), refunds and chargebacks — matched by reference. Every difference
 * is a row a person must look at: money the PSP moved that the backend never
 * heard of (a lost callback), money the backend believes in that the PSP never
 * moved (trusting a browser), and amounts that differ.
 */
import type { Sql } from '../storage/storage.js';
import type { LedgerKind } from './ledger.js';

export type RowStatus = 'matched' | 'missing_in_backend' | 'missing_at_psp' | 'amount_mismatch';

export interface ReconciliationRow {
  /** UTC day the row belongs to: the PSP's booking day, or the backend's when the PSP has nothing. */
  date: string;
  method: string;
  kind: LedgerKind;
  reference: string;
  paymentId: string;
  currency: string;
  /** Minor units; `null` when that side has no record. */
  pspAmount: number | null;
  backendAmount: number | null;
  status: RowStatus;
}

export interface ReconciliationSummary {
  method: string;
  currency: string;
  matched: number;
  missingInBackend: number;
  missingAtPsp: number;
  amountMismatch: number;
  /** Net money per side: captures minus refunds and chargebacks, minor units. */
  pspNet: number;
  backendNet: number;
}

export interface ReconciliationReport {
  date: string;
  rows: ReconciliationRow[];
  summary: ReconciliationSummary[];
}

interface Side {
  kind: LedgerKind;
  reference: string;
  paymentId: string;
  method: string;
  amount: number;
  currency: string;
  at: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of a UTC instant. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Start of a `YYYY-MM-DD` UTC day, or `undefined` when it is not a real date. */
export function dayStart(date: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const start = Date.parse(`${date}T00:00:00.000Z`);
  return Number.isNaN(start) || utcDay(start) !== date ? undefined : start;
}

// Quoted camelCase aliases: Postgres folds unquoted names to lower case.
const PSP_SQL = `SELECT kind, reference, payment_id AS "paymentId", method, amount_value AS amount, currency, at FROM psp_ledger`;
// The backend's side: what it recorded as paid, refunded and charged back.
const BACKEND_SQL = `
  SELECT 'capture' AS kind, id AS reference, id AS "paymentId", method, amount_value AS amount, currency, updated_at AS at
    FROM payments WHERE status = 'succeeded'
  UNION ALL
  SELECT 'refund', r.id, r.payment_id, p.method, r.amount_value, r.currency, r.updated_at
    FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.status = 'succeeded'
  UNION ALL
  SELECT 'chargeback', c.id, c.payment_id, p.method, c.amount_value, c.currency, c.created_at
    FROM chargebacks c JOIN payments p ON p.id = c.payment_id`;

/** The report for one UTC day. */
export async function reconcile(db: Sql, date: string): Promise<ReconciliationReport> {
  const start = dayStart(date);
  if (start === undefined) throw new RangeError(`not a date: ${date}`);
  const end = start + DAY_MS;
  const key = (side: Pick<Side, 'kind' | 'reference'>) => `${side.kind}:${side.reference}`;
  // Postgres wants a name on every derived table; SQLite accepts one.
  const inDay = (sql: string) => db.all<Side>(`SELECT * FROM (${sql}) AS side WHERE at >= ? AND at < ?`, [start, end]);
  const byKey = (sql: string, side: Pick<Side, 'kind' | 'reference'>) =>
    db.get<Side>(`SELECT * FROM (${sql}) AS side WHERE kind = ? AND reference = ?`, [side.kind, side.reference]);

  const keys = new Map<string, Pick<Side, 'kind' | 'reference'>>();
  const [pspDay, backendDay] = await Promise.all([inDay(PSP_SQL), inDay(BACKEND_SQL)]);
  for (const side of [...pspDay, ...backendDay]) keys.set(key(side), { kind: side.kind, reference: side.reference });

  const rows: ReconciliationRow[] = [];
  for (const wanted of keys.values()) {
    const [psp, backend] = await Promise.all([byKey(PSP_SQL, wanted), byKey(BACKEND_SQL, wanted)]);
    const owner = psp ?? backend!;
    // A row belongs to the PSP's booking day: a callback that arrived after midnight is not a difference.
    if (utcDay(owner.at) !== date) continue;
    const status: RowStatus = !psp
      ? 'missing_at_psp'
      : !backend
        ? 'missing_in_backend'
        : psp.amount !== backend.amount || psp.currency !== backend.currency
          ? 'amount_mismatch'
          : 'matched';
    rows.push({
      date,
      method: owner.method,
      kind: owner.kind,
      reference: owner.reference,
      paymentId: owner.paymentId,
      currency: owner.currency,
      pspAmount: psp?.amount ?? null,
      backendAmount: backend?.amount ?? null,
      status,
    });
  }
  rows.sort((a, b) => a.method.localeCompare(b.method) || a.kind.localeCompare(b.kind) || a.reference.localeCompare(b.reference));
  return { date, rows, summary: summarize(rows) };
}

function summarize(rows: readonly ReconciliationRow[]): ReconciliationSummary[] {
  const groups = new Map<string, ReconciliationSummary>();
  for (const row of rows) {
    const id = `${row.method}\u0000${row.currency}`;
    const summary = groups.get(id) ?? {
      method: row.method,
      currency: row.currency,
      matched: 0,
      missingInBackend: 0,
      missingAtPsp: 0,
      amountMismatch: 0,
      pspNet: 0,
      backendNet: 0,
    };
    if (row.status === 'matched') summary.matched += 1;
    if (row.status === 'missing_in_backend') summary.missingInBackend += 1;
    if (row.status === 'missing_at_psp') summary.missingAtPsp += 1;
    if (row.status === 'amount_mismatch') summary.amountMismatch += 1;
    const sign = row.kind === 'capture' ? 1 : -1;
    summary.pspNet += sign * (row.pspAmount ?? 0);
    summary.backendNet += sign * (row.backendAmount ?? 0);
    groups.set(id, summary);
  }
  return [...groups.values()].sort((a, b) => a.method.localeCompare(b.method) || a.currency.localeCompare(b.currency));
}

export const CSV_COLUMNS = ['date', 'method', 'kind', 'reference', 'payment_id', 'currency', 'psp_amount', 'backend_amount', 'status'] as const;

/**
 * One cell: quoted when it holds a comma, quote or line break, and prefixed
 * with `'` when a spreadsheet would read it as a formula (`= + - @`, tab, CR).
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV (RFC 4180, CRLF line ends), amounts in minor units. */
export function toCsv(report: ReconciliationReport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of report.rows) {
    lines.push(
      [row.date, row.method, row.kind, row.reference, row.paymentId, row.currency, row.pspAmount, row.backendAmount, row.status].map(csvCell).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
