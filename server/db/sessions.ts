/**
 * Checkout sessions and their bearer tokens. Tokens are random and opaque;
 * only their SHA-256 is stored, so a leaked database cannot be replayed
 * against the checkout API.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Money, PaymentMethodOffer, Settlement } from '../../src/core/protocol/schemas.js';
import type { FaultState, Faults } from '../psp/faults.js';
import type { Sql } from '../storage/storage.js';

export interface SessionRecord {
  id: string;
  amount: Money;
  country: string;
  locale: string | null;
  methods: PaymentMethodOffer[];
  scenario: string | null;
  faults: Faults;
  faultState: FaultState;
  settlement: Settlement | null;
  ttlSeconds: number;
  revokedAt: number | null;
  createdAt: number;
  /** The merchant's id for the buyer, for per-buyer risk limits; `null` when not given. */
  buyerId: string | null;
}

interface SessionRow {
  id: string;
  amount_value: number;
  currency: string;
  country: string;
  locale: string | null;
  methods_json: string;
  scenario: string | null;
  faults_json: string;
  fault_state_json: string;
  settlement_json: string | null;
  ttl_seconds: number;
  revoked_at: number | null;
  created_at: number;
  buyer_id: string | null;
}

function fromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    amount: { value: row.amount_value, currency: row.currency },
    country: row.country,
    locale: row.locale,
    methods: JSON.parse(row.methods_json) as PaymentMethodOffer[],
    scenario: row.scenario,
    faults: JSON.parse(row.faults_json) as Faults,
    faultState: JSON.parse(row.fault_state_json) as FaultState,
    settlement: row.settlement_json ? (JSON.parse(row.settlement_json) as Settlement) : null,
    ttlSeconds: row.ttl_seconds,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
    buyerId: row.buyer_id,
  };
}

/** A random id with a readable prefix; 128 bits so ids cannot be guessed. */
export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function insertSession(db: Sql, session: SessionRecord): Promise<void> {
  await db.run(
    `INSERT INTO sessions (id, amount_value, currency, country, locale, methods_json, scenario, faults_json,
       fault_state_json, settlement_json, ttl_seconds, revoked_at, created_at, buyer_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      session.id,
      session.amount.value,
      session.amount.currency,
      session.country,
      session.locale,
      JSON.stringify(session.methods),
      session.scenario,
      JSON.stringify(session.faults),
      JSON.stringify(session.faultState),
      session.settlement ? JSON.stringify(session.settlement) : null,
      session.ttlSeconds,
      session.revokedAt,
      session.createdAt,
      session.buyerId,
    ],
  );
}

export async function findSession(db: Sql, id: string): Promise<SessionRecord | undefined> {
  const row = await db.get<SessionRow>('SELECT * FROM sessions WHERE id = ?', [id]);
  return row ? fromRow(row) : undefined;
}

export async function saveMethods(db: Sql, id: string, methods: readonly PaymentMethodOffer[]): Promise<void> {
  await db.run('UPDATE sessions SET methods_json = ? WHERE id = ?', [JSON.stringify(methods), id]);
}

export async function saveFaults(db: Sql, id: string, faults: Faults, state: FaultState): Promise<void> {
  await db.run('UPDATE sessions SET faults_json = ?, fault_state_json = ? WHERE id = ?', [
    JSON.stringify(faults),
    JSON.stringify(state),
    id,
  ]);
}

export async function saveFaultState(db: Sql, id: string, state: FaultState): Promise<void> {
  await db.run('UPDATE sessions SET fault_state_json = ? WHERE id = ?', [JSON.stringify(state), id]);
}

export async function revokeSession(db: Sql, id: string, now: number): Promise<void> {
  await db.run('UPDATE sessions SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?', [now, id]);
}

export interface IssuedToken {
  token: string;
  expiresAt: number;
}

/** Issues a new token for the session; earlier tokens stay valid until they expire. */
export async function issueToken(db: Sql, sessionId: string, now: number, ttlSeconds: number): Promise<IssuedToken> {
  const token = `ck_st_${randomBytes(32).toString('base64url')}`;
  const expiresAt = now + ttlSeconds * 1000;
  await db.run('INSERT INTO tokens (token_hash, session_id, expires_at, created_at) VALUES (?, ?, ?, ?)', [
    hashToken(token),
    sessionId,
    expiresAt,
    now,
  ]);
  return { token, expiresAt };
}

export type TokenCheck =
  | { kind: 'valid'; session: SessionRecord; expiresAt: number }
  | { kind: 'expired' }
  | { kind: 'unknown' };

/** Resolves a bearer token: expired and revoked both read as `expired` to the client. */
export async function checkToken(db: Sql, token: string, now: number): Promise<TokenCheck> {
  const row = await db.get<{ session_id: string; expires_at: number }>('SELECT session_id, expires_at FROM tokens WHERE token_hash = ?', [
    hashToken(token),
  ]);
  if (!row) return { kind: 'unknown' };
  const session = await findSession(db, row.session_id);
  if (!session) return { kind: 'unknown' };
  if (session.revokedAt !== null || row.expires_at <= now) return { kind: 'expired' };
  return { kind: 'valid', session, expiresAt: row.expires_at };
}
