/** Refunds as the backend knows them: created `pending` through the merchant API, settled by the PSP's callback. */
import type { Money } from '../../src/core/protocol/schemas.js';
import type { Db } from './database.js';

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

export interface RefundRecord {
  id: string;
  paymentId: string;
  amount: Money;
  status: RefundStatus;
  reason: string | null;
  idempotencyKey: string | null;
  createdAt: number;
  updatedAt: number;
}

interface RefundRow {
  id: string;
  payment_id: string;
  amount_value: number;
  currency: string;
  status: RefundStatus;
  reason: string | null;
  idempotency_key: string | null;
  created_at: number;
  updated_at: number;
}

function fromRow(row: RefundRow): RefundRecord {
  return {
    id: row.id,
    paymentId: row.payment_id,
    amount: { value: row.amount_value, currency: row.currency },
    status: row.status,
    reason: row.reason,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function insertRefund(db: Db, refund: RefundRecord): void {
  db.prepare(
    `INSERT INTO refunds (id, payment_id, amount_value, currency, status, reason, idempotency_key, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(refund.id, refund.paymentId, refund.amount.value, refund.amount.currency, refund.status, refund.reason, refund.idempotencyKey, refund.createdAt, refund.updatedAt);
}

export function findRefund(db: Db, id: string): RefundRecord | undefined {
  const row = db.prepare('SELECT * FROM refunds WHERE id = ?').get(id) as RefundRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function findRefundByKey(db: Db, paymentId: string, key: string): RefundRecord | undefined {
  const row = db.prepare('SELECT * FROM refunds WHERE payment_id = ? AND idempotency_key = ?').get(paymentId, key) as RefundRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function listRefunds(db: Db, paymentId: string): RefundRecord[] {
  return (db.prepare('SELECT * FROM refunds WHERE payment_id = ? ORDER BY created_at, rowid').all(paymentId) as RefundRow[]).map(fromRow);
}

/** Minor units refunded or on their way back (pending + succeeded): what may no longer be refunded. */
export function committedRefunds(db: Db, paymentId: string): number {
  return (
    db.prepare(`SELECT COALESCE(SUM(amount_value), 0) AS total FROM refunds WHERE payment_id = ? AND status IN ('pending', 'succeeded')`).get(paymentId) as {
      total: number;
    }
  ).total;
}

/** Minor units actually refunded (succeeded). */
export function refundedAmount(db: Db, paymentId: string): number {
  return (
    db.prepare(`SELECT COALESCE(SUM(amount_value), 0) AS total FROM refunds WHERE payment_id = ? AND status = 'succeeded'`).get(paymentId) as { total: number }
  ).total;
}
