/**
 * The sandbox PSP's ledger: what it captured, refunded and charged back, as
 * its settlement report would list it. Written at the moment the PSP decides
 * (its synchronous answer, a poll that settles, a page or hook decision, a
 * refund it accepts, a chargeback), never from the backend's own records, so
 * a lost callback shows up as a difference in reconciliation.
 */
import type { Money } from '../../src/core/protocol/schemas.js';
import type { Sql } from '../storage/storage.js';

export type LedgerKind = 'capture' | 'refund' | 'chargeback';

export interface LedgerEntry {
  kind: LedgerKind;
  /** The payment id for a capture, the refund or chargeback id otherwise. */
  reference: string;
  paymentId: string;
  method: string;
  amount: Money;
  at: number;
}

/**
 * Records an entry once; the first record of a (kind, reference) stands — the
 * primary key decides, so two instances recording the same capture write one row.
 */
export async function recordLedger(db: Sql, entry: LedgerEntry): Promise<void> {
  await db.run(
    `INSERT INTO psp_ledger (kind, reference, payment_id, method, amount_value, currency, at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, reference) DO NOTHING`,
    [entry.kind, entry.reference, entry.paymentId, entry.method, entry.amount.value, entry.amount.currency, entry.at],
  );
}

/** The PSP captured a payment in full. */
export async function recordCapture(db: Sql, payment: { id: string; method: string; amount: Money }, at: number): Promise<void> {
  await recordLedger(db, { kind: 'capture', reference: payment.id, paymentId: payment.id, method: payment.method, amount: payment.amount, at });
}
