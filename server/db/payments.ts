/** Payment attempts: one row per accepted POST /payments, never more per Idempotency-Key. */
import type { FailureCode, MethodType, Money, PaymentAction, PaymentResult } from '../../src/core/protocol/schemas.js';
import { isRetryable } from '../psp/failures.js';
import type { Sql } from '../storage/storage.js';

export type PaymentStatus = PaymentResult['status'];

export interface PaymentRecord {
  id: string;
  sessionId: string;
  idempotencyKey: string;
  method: string;
  methodType: MethodType;
  amount: Money;
  status: PaymentStatus;
  failureCode: FailureCode | null;
  action: PaymentAction | null;
  returnUrl: string;
  fields: Record<string, string> | null;
  polls: number;
  /** For `pending`: polls after which the payment succeeds; `null` = only a hook settles it. */
  pollsToSettle: number | null;
  actionExpiresAt: number | null;
  createdAt: number;
  updatedAt: number;
}

interface PaymentRow {
  id: string;
  session_id: string;
  idempotency_key: string;
  method: string;
  method_type: MethodType;
  amount_value: number;
  currency: string;
  status: PaymentStatus;
  failure_code: FailureCode | null;
  action_json: string | null;
  return_url: string;
  fields_json: string | null;
  polls: number;
  polls_to_settle: number | null;
  action_expires_at: number | null;
  created_at: number;
  updated_at: number;
}

function fromRow(row: PaymentRow): PaymentRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    idempotencyKey: row.idempotency_key,
    method: row.method,
    methodType: row.method_type,
    amount: { value: row.amount_value, currency: row.currency },
    status: row.status,
    failureCode: row.failure_code,
    action: row.action_json ? (JSON.parse(row.action_json) as PaymentAction) : null,
    returnUrl: row.return_url,
    fields: row.fields_json ? (JSON.parse(row.fields_json) as Record<string, string>) : null,
    polls: row.polls,
    pollsToSettle: row.polls_to_settle,
    actionExpiresAt: row.action_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertPayment(db: Sql, p: PaymentRecord): Promise<void> {
  await db.run(
    `INSERT INTO payments (id, session_id, idempotency_key, method, method_type, amount_value, currency, status,
       failure_code, action_json, return_url, fields_json, polls, polls_to_settle, action_expires_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
    p.id,
    p.sessionId,
    p.idempotencyKey,
    p.method,
    p.methodType,
    p.amount.value,
    p.amount.currency,
    p.status,
    p.failureCode,
    p.action ? JSON.stringify(p.action) : null,
    p.returnUrl,
    p.fields ? JSON.stringify(p.fields) : null,
    p.polls,
    p.pollsToSettle,
    p.actionExpiresAt,
    p.createdAt,
    p.updatedAt,
    ],
  );
}

export async function findPayment(db: Sql, id: string): Promise<PaymentRecord | undefined> {
  const row = await db.get<PaymentRow>('SELECT * FROM payments WHERE id = ?', [id]);
  return row ? fromRow(row) : undefined;
}

export async function listPayments(db: Sql, sessionId: string): Promise<PaymentRecord[]> {
  const rows = await db.all<PaymentRow>('SELECT * FROM payments WHERE session_id = ? ORDER BY created_at, rowid', [sessionId]);
  return rows.map(fromRow);
}

/** Writes the mutable fields back. */
export async function savePayment(db: Sql, p: PaymentRecord): Promise<void> {
  await db.run(`UPDATE payments SET status = ?, failure_code = ?, action_json = ?, polls = ?, updated_at = ? WHERE id = ?`, [
    p.status,
    p.failureCode,
    p.action ? JSON.stringify(p.action) : null,
    p.polls,
    p.updatedAt,
    p.id,
  ]);
}

/** The protocol view of a stored payment. */
export function toResult(p: PaymentRecord, pollAfterMs: number): PaymentResult {
  const base = { id: p.id, method: p.method, amount: p.amount, createdAt: new Date(p.createdAt).toISOString() };
  switch (p.status) {
    case 'succeeded':
      return { ...base, status: 'succeeded' };
    case 'pending':
      return { ...base, status: 'pending', pollAfterMs };
    case 'requires_action':
      if (!p.action) throw new Error(`payment ${p.id} requires an action but has none`);
      return { ...base, status: 'requires_action', action: p.action };
    case 'failed': {
      const code = p.failureCode ?? 'processing_error';
      return { ...base, status: 'failed', failure: { code, retryable: isRetryable(code) } };
    }
  }
}
