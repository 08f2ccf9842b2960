/**
 * The merchant's own risk limits (docs/protocol.md, "Risk limits"), checked
 * before the PSP is asked: per-method amount limits, attempts per buyer and
 * per card within a window, and a block list of buyers, cards and countries.
 * A stopped attempt is stored as `failed` with `store_limit` — a code whose
 * buyer message says nothing was charged and offers another method, without
 * suggesting the buyer did anything wrong. Why it was stopped is for the
 * merchant only (`risk_decisions`, the merchant API), never for the buyer.
 */
import { z } from 'zod/mini';
import { CountryCode, CurrencyCode, type PaymentRequest } from '../../src/core/protocol/schemas.js';
import type { SessionRecord } from '../db/sessions.js';
import type { Sql } from '../storage/storage.js';

const MethodId = z.string().check(z.regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/));
const Identifier = z.string().check(z.minLength(1), z.maxLength(128));
const Window = z.object({
  attempts: z.int().check(z.gte(1), z.lte(10_000)),
  windowSeconds: z.int().check(z.gte(1), z.lte(30 * 24 * 60 * 60)),
});

/** What the merchant configures with `PUT /merchant/v1/risk`. Every part is optional; an empty object turns limits off. */
export const RiskSettings = z.object({
  /** Amount bounds per method and currency, in minor units. */
  methodLimits: z.optional(
    z
      .array(z.object({ method: MethodId, currency: CurrencyCode, min: z.optional(z.int().check(z.nonnegative())), max: z.optional(z.int().check(z.positive())) }))
      .check(z.maxLength(500)),
  ),
  /** New payment attempts allowed per buyer (the session's `buyer.id`) and per card within a sliding window. */
  velocity: z.optional(z.object({ perBuyer: z.optional(Window), perCard: z.optional(Window) })),
  blockList: z.optional(
    z.object({
      buyers: z.optional(z.array(Identifier).check(z.maxLength(10_000))),
      cards: z.optional(z.array(Identifier).check(z.maxLength(10_000))),
      countries: z.optional(z.array(CountryCode).check(z.maxLength(300))),
    }),
  ),
});
export type RiskSettings = z.infer<typeof RiskSettings>;

/**
 * The card an attempt uses, as the PSP fingerprints it. In the sandbox, the
 * token the card frame hands over (`fields.cardToken`) stands for the fingerprint.
 */
export function cardKey(request: Pick<PaymentRequest, 'fields'>): string | undefined {
  const token = request.fields?.['cardToken'];
  return token && token.length > 0 ? token : undefined;
}

export async function loadRiskSettings(db: Sql): Promise<RiskSettings> {
  const row = await db.get<{ json: string }>('SELECT json FROM risk_settings WHERE id = 1');
  return row ? (JSON.parse(row.json) as RiskSettings) : {};
}

export async function saveRiskSettings(db: Sql, settings: RiskSettings, now: number): Promise<void> {
  await db.run(
    'INSERT INTO risk_settings (id, json, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
    [JSON.stringify(settings), now],
  );
}

export type RiskRule = 'method_limit' | 'buyer_velocity' | 'card_velocity' | 'blocked_buyer' | 'blocked_card' | 'blocked_country';

export interface RiskStop {
  rule: RiskRule;
  /** For the merchant: which limit, with the figures. */
  detail: string;
}

export interface RiskInput {
  session: SessionRecord;
  method: string;
  request: Pick<PaymentRequest, 'fields'>;
  now: number;
}

/**
 * The first rule the attempt breaks, or `undefined` when it may go to the PSP.
 * Counts earlier attempts, stopped ones included.
 *
 * Call it with a transaction handle, and insert the attempt's payment (and
 * {@link recordRiskStop}) on that same `tx` before it commits: the velocity
 * rules read counts and then decide, so this takes `tx.lock('buyer:<id>')`
 * and `tx.lock('card:<key>')` (in that order, only for the rules configured)
 * and holds them to the commit. Two instances then cannot both admit the
 * N-th attempt of a limit of N: the second one counts the first's row.
 * Outside a transaction `lock` rejects, which is the point.
 */
export async function assessRisk(tx: Sql, settings: RiskSettings, input: RiskInput): Promise<RiskStop | undefined> {
  const { session, method, request, now } = input;
  const card = cardKey(request);
  const block = settings.blockList;
  if (session.buyerId !== null && block?.buyers?.includes(session.buyerId)) return { rule: 'blocked_buyer', detail: `buyer ${session.buyerId} is on the block list` };
  if (card && block?.cards?.includes(card)) return { rule: 'blocked_card', detail: 'the card is on the block list' };
  if (block?.countries?.includes(session.country)) return { rule: 'blocked_country', detail: `country ${session.country} is on the block list` };

  const { value, currency } = session.amount;
  for (const limit of settings.methodLimits ?? []) {
    if (limit.method !== method || limit.currency !== currency) continue;
    if (limit.min !== undefined && value < limit.min) return { rule: 'method_limit', detail: `${value} ${currency} is below ${method}'s minimum ${limit.min}` };
    if (limit.max !== undefined && value > limit.max) return { rule: 'method_limit', detail: `${value} ${currency} is above ${method}'s maximum ${limit.max}` };
  }

  const perBuyer = settings.velocity?.perBuyer;
  const perCard = settings.velocity?.perCard;
  // Always buyer before card, so two attempts never wait on each other's second lock.
  if (perBuyer && session.buyerId !== null) await tx.lock(`buyer:${session.buyerId}`);
  if (perCard && card) await tx.lock(`card:${card}`);
  if (perBuyer && session.buyerId !== null) {
    const since = now - perBuyer.windowSeconds * 1000;
    const row = await tx.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM payments p JOIN sessions s ON s.id = p.session_id WHERE s.buyer_id = ? AND p.created_at > ?',
      [session.buyerId, since],
    );
    const n = row?.n ?? 0;
    if (n >= perBuyer.attempts) return { rule: 'buyer_velocity', detail: `${n} attempts by buyer ${session.buyerId} in ${perBuyer.windowSeconds} s (limit ${perBuyer.attempts})` };
  }
  if (perCard && card) {
    const since = now - perCard.windowSeconds * 1000;
    const row = await tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM payments WHERE ${tx.dialect.jsonText('fields_json', 'cardToken')} = ? AND created_at > ?`, [
      card,
      since,
    ]);
    const n = row?.n ?? 0;
    if (n >= perCard.attempts) return { rule: 'card_velocity', detail: `${n} attempts with one card in ${perCard.windowSeconds} s (limit ${perCard.attempts})` };
  }
  return undefined;
}

/** Why an attempt was stopped, for the merchant; the first record for a payment stands. */
export async function recordRiskStop(db: Sql, paymentId: string, stop: RiskStop, now: number): Promise<void> {
  await db.run('INSERT INTO risk_decisions (payment_id, rule, detail, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (payment_id) DO NOTHING', [
    paymentId,
    stop.rule,
    stop.detail,
    now,
  ]);
}

export async function riskStopOf(db: Sql, paymentId: string): Promise<RiskStop | undefined> {
  return db.get<RiskStop>('SELECT rule, detail FROM risk_decisions WHERE payment_id = ?', [paymentId]);
}
