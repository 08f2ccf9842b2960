/** Refunds as the backend knows them: created `pending` through the merchant API, settled by the PSP's callback. */
import type { Money } from '../../src/core/protocol/schemas.js';
import type { Sql } from '../storage/storage.js';

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

/**
 * Inserts a refund unless its (payment, Idempotency-Key) is taken; `true` when
 * this call inserted it. The unique constraint decides between concurrent
 * requests, on any instance: the loser reads the winner's row.
 */
export async function insertRefund(db: Sql, refund: RefundRecord): Promise<boolean> {
  const { changes } = await db.run(
    `INSERT INTO refunds (id, payment_id, amount_value, currency, status, reason, idempotency_key, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (payment_id, idempotency_key) DO NOTHING`,
    [refund.id, refund.paymentId, refund.amount.value, refund.amount.currency, refund.status, refund.reason, refund.idempotencyKey, refund.createdAt, refund.updatedAt],
  );
  return changes === 1;
}

export async function findRefund(db: Sql, id: string): Promise<RefundRecord | undefined> {
  const row = await db.get<RefundRow>('SELECT * FROM refunds WHERE id = ?', [id]);
  return row ? fromRow(row) : undefined;
}

export async function findRefundByKey(db: Sql, paymentId: string, key: string): Promise<RefundRecord | undefined> {
  const row = await db.get<RefundRow>('SELECT * FROM refunds WHERE payment_id = ? AND idempotency_key = ?', [paymentId, key]);
  return row ? fromRow(row) : undefined;
}

export async function listRefunds(db: Sql, paymentId: string): Promise<RefundRecord[]> {
  return (await db.all<RefundRow>('SELECT * FROM refunds WHERE payment_id = ? ORDER BY created_at, rowid', [paymentId])).map(fromRow);
}

/** Minor units refunded or on their way back (pending + succeeded): what may no longer be refunded. */
export async function committedRefunds(db: Sql, paymentId: string): Promise<number> {
  const row = await db.get<{ total: number }>(
    `SELECT COALESCE(SUM(amount_value), 0) AS total FROM refunds WHERE payment_id = ? AND status IN ('pending', 'succeeded')`,
    [paymentId],
  );
  return row?.total ?? 0;
}

/** Minor units actually refunded (succeeded). */
export async function refundedAmount(db: Sql, paymentId: string): Promise<number> {
  const row = await db.get<{ total: number }>(`SELECT COALESCE(SUM(amount_value), 0) AS total FROM refunds WHERE payment_id = ? AND status = 'succeeded'`, [paymentId]);
  return row?.total ?? 0;
}
