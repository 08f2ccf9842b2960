/**
 * The sandbox card vault. It turns a card the frame posts into an opaque,
 * single-use token bound to the checkout session, and keeps nothing of the
 * card but its brand, last four digits and expiry: no number, no security
 * code, no name. Tokens are stored as their SHA-256, live 15 minutes and are
 * spent by the first `POST /payments` that presents them.
 *
 * The table is the vault's own (created here, not in the checkout database's
 * migrations): in production the vault is a separate service with its own
 * store, and nothing else in the backend may read it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../storage/storage.js';

/** How long a token can be redeemed after the frame created it. */
export const VAULT_TOKEN_TTL_MS = 15 * 60 * 1000;

export interface VaultedCard {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** Storages (or transactions) whose vault table is known to exist. */
const prepared = new WeakSet<Sql>();

/**
 * Creates the vault's table on first use. Millisecond timestamps need 64 bits:
 * SQLite's INTEGER has them, Postgres spells it BIGINT. Instances starting at
 * once take turns on a lock, because Postgres's `CREATE TABLE IF NOT EXISTS`
 * is not safe against a concurrent twin (both may pass the check).
 */
async function ensureTable(db: Sql): Promise<void> {
  if (prepared.has(db)) return;
  const int = db.dialect.name === 'postgres' ? 'BIGINT' : 'INTEGER';
  await db.transaction(async (tx) => {
    await tx.lock('schema:vault_tokens');
    await tx.run(`CREATE TABLE IF NOT EXISTS vault_tokens (
    token_hash  TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL,
    brand       TEXT NOT NULL,
    last4       TEXT NOT NULL,
    exp_month   ${int} NOT NULL,
    exp_year    ${int} NOT NULL,
    created_at  ${int} NOT NULL,
    expires_at  ${int} NOT NULL,
    used_at     ${int}
  )`);
  });
  prepared.add(db);
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Stores what may be kept of a card and returns its token. The caller never passes the number itself. */
export async function tokenize(db: Sql, sessionId: string, card: VaultedCard, now: number): Promise<{ token: string; expiresAt: number }> {
  await ensureTable(db);
  const token = `ck_vt_${randomBytes(32).toString('base64url')}`;
  const expiresAt = now + VAULT_TOKEN_TTL_MS;
  await db.run(
    `INSERT INTO vault_tokens (token_hash, session_id, brand, last4, exp_month, exp_year, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [hash(token), sessionId, card.brand, card.last4, card.expMonth, card.expYear, now, expiresAt],
  );
  return { token, expiresAt };
}

/**
 * Spends a token of `sessionId`: the card it stands for, or `null` when the
 * token is unknown, another session's, expired or already spent (all look the
 * same to the caller, so tokens cannot be probed). The spend is one conditional
 * UPDATE, so of two payments presenting the token on any instances, one wins.
 */
export async function redeem(db: Sql, sessionId: string, token: string, now: number): Promise<VaultedCard | null> {
  await ensureTable(db);
  const tokenHash = hash(token);
  return db.transaction(async (tx) => {
    const spent = await tx.run('UPDATE vault_tokens SET used_at = ? WHERE token_hash = ? AND session_id = ? AND used_at IS NULL AND expires_at > ?', [
      now,
      tokenHash,
      sessionId,
      now,
    ]);
    if (spent.changes !== 1) return null;
    const row = await tx.get<{ brand: string; last4: string; exp_month: number; exp_year: number }>(
      'SELECT brand, last4, exp_month, exp_year FROM vault_tokens WHERE token_hash = ?',
      [tokenHash],
    );
    return row ? { brand: row.brand, last4: row.last4, expMonth: row.exp_month, expYear: row.exp_year } : null;
  });
}

/** Every column of every stored token, for tests that prove no card number is kept. */
export async function vaultRows(db: Sql): Promise<Record<string, unknown>[]> {
  await ensureTable(db);
  return db.all<Record<string, unknown>>('SELECT * FROM vault_tokens');
}
