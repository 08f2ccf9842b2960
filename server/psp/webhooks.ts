/**
 * The sandbox PSP's side of PSP callbacks: every asynchronous outcome (a QR
 * code or voucher paid, a redirect or challenge answered, a refund settled, a
 * chargeback) becomes an event in the PSP's outbox, delivered to the backend's
 * webhook URL signed with the shared secret (server/webhooks/signature.ts).
 * Undelivered events are retried with backoff; a session with the
 * `webhooks: "hold"` fault keeps them until the test hook releases them, in
 * any order and as often as asked, to show the backend copes with both.
 *
 * Every instance runs the retry timer ({@link deliverDue}) over the one outbox,
 * so a send is preceded by a claim: a conditional UPDATE that moves the row's
 * `next_attempt_at` past the delivery timeout, from the exact value read.
 * Only one instance's UPDATE matches; the others see `changes === 0` and skip
 * the row. An instance that dies after claiming leaves the row due again when
 * the claim runs out. An event enqueued for immediate delivery is born claimed
 * by the instance that sends it. (The backend's inbox would absorb a second
 * send; the claim keeps that from being the normal case.)
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod/mini';
import { FailureCode, Money, type FailureCode as FailureCodeType } from '../../src/core/protocol/schemas.js';
import type { ServerContext } from '../context.js';
import { findPayment, type PaymentRecord } from '../db/payments.js';
import { findSession } from '../db/sessions.js';
import type { Sql } from '../storage/storage.js';
import { signedHeaders } from '../webhooks/signature.js';
import { recordLedger, type LedgerKind } from '../reconciliation/ledger.js';
import { expire, isFinal, type Completion } from './engine.js';

export const PSP_EVENT_TYPES = ['payment.succeeded', 'payment.failed', 'refund.succeeded', 'refund.failed', 'chargeback.created'] as const;
export type PspEventType = (typeof PSP_EVENT_TYPES)[number];

/** What the PSP sends. `type` is open: a backend stores unknown types once and ignores them. */
export const PspEvent = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/)),
  type: z.string().check(z.regex(/^[a-z_]{1,40}\.[a-z_]{1,40}$/)),
  createdAt: z.iso.datetime(),
  data: z.object({
    paymentId: z.string().check(z.minLength(1), z.maxLength(128)),
    amount: Money,
    failureCode: z.optional(FailureCode),
    refundId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
    chargebackId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  }),
});
export type PspEvent = z.infer<typeof PspEvent>;

/** Delivery retries back off from 5 s to at most an hour. */
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 60 * 60 * 1000;
/** Per-delivery timeout: a backend must answer quickly and do slow work later. */
const DELIVERY_TIMEOUT_MS = 10_000;
/** How long a claimed event is left to its sender: well past the timeout, so a live sender always finishes first. */
export const DELIVERY_CLAIM_MS = 3 * DELIVERY_TIMEOUT_MS;

export interface NewEvent {
  type: PspEventType;
  payment: Pick<PaymentRecord, 'id' | 'sessionId' | 'method'>;
  amount: Money;
  failureCode?: FailureCodeType;
  refundId?: string;
  chargebackId?: string;
}

/** Money the PSP moves with an event, as its ledger books it (server/reconciliation/ledger.ts). */
const LEDGER_KIND: Partial<Record<PspEventType, LedgerKind>> = {
  'payment.succeeded': 'capture',
  'refund.succeeded': 'refund',
  'chargeback.created': 'chargeback',
};

/**
 * Records an event in the outbox (held when the session asks for it) and, when
 * it moves money, in the PSP's ledger, in one transaction (nested in `db` when
 * that is one); deliver with {@link deliverEvent}. An event not held is claimed
 * for that immediate delivery, so no instance's retry timer sends it meanwhile.
 */
export async function enqueueEvent(ctx: ServerContext, input: NewEvent, db: Sql = ctx.store): Promise<{ event: PspEvent; held: boolean }> {
  const now = ctx.now();
  const event: PspEvent = {
    id: `evt_${randomBytes(16).toString('base64url')}`,
    type: input.type,
    createdAt: new Date(now).toISOString(),
    data: {
      paymentId: input.payment.id,
      amount: input.amount,
      ...(input.failureCode ? { failureCode: input.failureCode } : {}),
      ...(input.refundId ? { refundId: input.refundId } : {}),
      ...(input.chargebackId ? { chargebackId: input.chargebackId } : {}),
    },
  };
  const held = await db.transaction(async (tx) => {
    const hold = (await findSession(tx, input.payment.sessionId))?.faults.webhooks === 'hold' ? 1 : 0;
    await tx.run('INSERT INTO psp_outbox (id, type, payment_id, body, created_at, held, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      event.id,
      event.type,
      event.data.paymentId,
      JSON.stringify(event),
      now,
      hold,
      hold ? now : now + DELIVERY_CLAIM_MS,
    ]);
    const kind = LEDGER_KIND[input.type];
    if (kind) {
      const reference = kind === 'capture' ? input.payment.id : kind === 'refund' ? input.refundId : input.chargebackId;
      if (reference) await recordLedger(tx, { kind, reference, paymentId: input.payment.id, method: input.payment.method, amount: input.amount, at: now });
    }
    return hold;
  });
  return { event, held: held === 1 };
}

/** The lock the PSP's decision on a payment is taken under (and a cancel at the store reads it under). */
export function pspLock(paymentId: string): string {
  return `psp:${paymentId}`;
}

/**
 * The PSP decides a payment (the buyer answered its page, paid the QR code or
 * voucher): one event, recorded in a transaction holding {@link pspLock} —
 * the first decision wins, like at a real PSP, on whichever instance the
 * buyer's answers land — then delivered to the backend unless the session
 * holds callbacks. The backend's record changes only when the callback arrives.
 */
export async function decidePayment(ctx: ServerContext, payment: PaymentRecord, completion: Completion): Promise<void> {
  const enqueued = await ctx.store.transaction(async (tx) => {
    await tx.lock(pspLock(payment.id));
    if (await pspDecision(tx, payment.id)) return undefined;
    // Re-read under the lock a cancel at the store also takes: a payment it (or expiry) ended since it was loaded stays ended.
    const current = await findPayment(tx, payment.id);
    if (!current || isFinal(expire(current, ctx.now()))) return undefined;
    return enqueueEvent(
      ctx,
      {
        type: completion.outcome === 'succeeded' ? 'payment.succeeded' : 'payment.failed',
        payment,
        amount: payment.amount,
        ...(completion.outcome === 'failed' ? { failureCode: completion.code } : {}),
      },
      tx,
    );
  });
  if (enqueued && !enqueued.held) await deliverEvent(ctx, enqueued.event.id);
}

/** The PSP's final word on a payment, if it has given one (delivered or not). */
export async function pspDecision(db: Sql, paymentId: string): Promise<Completion | undefined> {
  const row = await db.get<{ body: string }>(
    `SELECT body FROM psp_outbox WHERE payment_id = ? AND type IN ('payment.succeeded', 'payment.failed') ORDER BY created_at, rowid LIMIT 1`,
    [paymentId],
  );
  if (!row) return undefined;
  const event = JSON.parse(row.body) as PspEvent;
  return event.type === 'payment.succeeded' ? { outcome: 'succeeded' } : { outcome: 'failed', code: event.data.failureCode ?? 'processing_error' };
}

interface OutboxRow {
  id: string;
  body: string;
  attempts: number;
}

/** What sending callbacks needs of the server: its storage, clock, and where and how to sign them. */
export type DeliveryContext = Pick<ServerContext, 'store' | 'now' | 'webhookUrl' | 'webhookSecret'>;

/**
 * One signed POST to the backend; true when it answered 2xx. Re-signed on every
 * attempt, so a late delivery is fresh. Sends unconditionally: callers send what
 * they claimed (or enqueued claimed), or re-send on purpose (the release hook).
 */
export async function deliverEvent(ctx: DeliveryContext, id: string): Promise<boolean> {
  const row = await ctx.store.get<OutboxRow>('SELECT id, body, attempts FROM psp_outbox WHERE id = ?', [id]);
  if (!row) return false;
  let ok = false;
  try {
    const response = await fetch(ctx.webhookUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...signedHeaders(ctx.webhookSecret, row.id, row.body, ctx.now()) },
      body: row.body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    ok = response.ok;
  } catch {
    ok = false;
  }
  const now = ctx.now();
  if (ok) {
    await ctx.store.run('UPDATE psp_outbox SET delivered_at = COALESCE(delivered_at, ?), attempts = attempts + 1, held = 0 WHERE id = ?', [now, id]);
  } else {
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(row.attempts, 20));
    await ctx.store.run('UPDATE psp_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?', [now + delay, id]);
  }
  return ok;
}

/**
 * Claims one due event for this instance: true when the row still had the
 * `next_attempt_at` read and was not delivered or held meanwhile, in which case
 * no other instance may send it for {@link DELIVERY_CLAIM_MS}.
 */
export async function claimEvent(db: Sql, id: string, dueAt: number, now: number): Promise<boolean> {
  const claimed = await db.run(
    'UPDATE psp_outbox SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ? AND delivered_at IS NULL AND held = 0',
    [now + DELIVERY_CLAIM_MS, id, dueAt],
  );
  return claimed.changes === 1;
}

/** Delivers every event that is due and not held (the retry timer of every instance calls this); each one it claims first. */
export async function deliverDue(ctx: DeliveryContext): Promise<number> {
  const due = await ctx.store.all<{ id: string; next_attempt_at: number }>(
    'SELECT id, next_attempt_at FROM psp_outbox WHERE delivered_at IS NULL AND held = 0 AND next_attempt_at <= ? ORDER BY created_at, rowid LIMIT 100',
    [ctx.now()],
  );
  let delivered = 0;
  for (const { id, next_attempt_at: dueAt } of due) {
    if (!(await claimEvent(ctx.store, id, dueAt, ctx.now()))) continue;
    if (await deliverEvent(ctx, id)) delivered += 1;
  }
  return delivered;
}

export interface ReleaseOptions {
  /** Only this payment's events. */
  paymentId?: string;
  /** Deliver newest first, to show the backend does not depend on order. */
  order?: 'created' | 'reverse';
  /** Deliver each event this many times (1–5), like an at-least-once PSP. */
  times?: number;
  /** Also re-deliver events that were delivered before. */
  includeDelivered?: boolean;
}

/**
 * Test hook: releases held (and optionally already delivered) events now, and
 * claims the undelivered ones for this send so retry timers leave them alone.
 * Returns the ids sent, in sending order.
 */
export async function releaseEvents(ctx: ServerContext, options: ReleaseOptions = {}): Promise<string[]> {
  const where = [options.includeDelivered ? '1 = 1' : 'delivered_at IS NULL', ...(options.paymentId ? ['payment_id = ?'] : [])].join(' AND ');
  const filter = options.paymentId ? [options.paymentId] : [];
  const rows = await ctx.store.all<{ id: string }>(`SELECT id FROM psp_outbox WHERE ${where} ORDER BY created_at, rowid`, filter);
  const ids = rows.map((r) => r.id);
  if (options.order === 'reverse') ids.reverse();
  const sent: string[] = [];
  await ctx.store.run(
    `UPDATE psp_outbox SET held = 0, next_attempt_at = CASE WHEN delivered_at IS NULL THEN ? ELSE next_attempt_at END WHERE ${where}`,
    [ctx.now() + DELIVERY_CLAIM_MS, ...filter],
  );
  for (let round = 0; round < Math.max(1, Math.min(5, options.times ?? 1)); round++) {
    for (const id of ids) {
      await deliverEvent(ctx, id);
      sent.push(id);
    }
  }
  return sent;
}
