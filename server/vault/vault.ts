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
import type { Db } from '../db/database.js';

/** How long a token can be redeemed after the frame created it. */
export const VAULT_TOKEN_TTL_MS = 15 * 60 * 1000;

export interface VaultedCard {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

const prepared = new WeakSet<Db>();

function ensureTable(db: Db): void {
  if (prepared.has(db)) return;
  db.exec(`CREATE TABLE IF NOT EXISTS vault_tokens (
    token_hash  TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL,
    brand       TEXT NOT NULL,
    last4       TEXT NOT NULL,
    exp_month   INTEGER NOT NULL,
    exp_year    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
  )`);
  prepared.add(db);
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Stores what may be kept of a card and returns its token. The caller never passes the number itself. */
export function tokenize(db: Db, sessionId: string, card: VaultedCard, now: number): { token: string; expiresAt: number } {
  ensureTable(db);
  const token = `ck_vt_${randomBytes(32).toString('base64url')}`;
  const expiresAt = now + VAULT_TOKEN_TTL_MS;
  db.prepare(
    `INSERT INTO vault_tokens (token_hash, session_id, brand, last4, exp_month, exp_year, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(hash(token), sessionId, card.brand, card.last4, card.expMonth, card.expYear, now, expiresAt);
  return { token, expiresAt };
}

/**
 * Spends a token of `sessionId`: the card it stands for, or `null` when the
 * token is unknown, another session's, expired or already spent (all look the
 * same to the caller, so tokens cannot be probed).
 */
export function redeem(db: Db, sessionId: string, token: string, now: number): VaultedCard | null {
  ensureTable(db);
  const tokenHash = hash(token);
  return db.transaction(() => {
    const spent = db
      .prepare('UPDATE vault_tokens SET used_at = ? WHERE token_hash = ? AND session_id = ? AND used_at IS NULL AND expires_at > ?')
      .run(now, tokenHash, sessionId, now);
    if (spent.changes !== 1) return null;
    const row = db.prepare('SELECT brand, last4, exp_month, exp_year FROM vault_tokens WHERE token_hash = ?').get(tokenHash) as
      | { brand: string; last4: string; exp_month: number; exp_year: number }
      | undefined;
    return row ? { brand: row.brand, last4: row.last4, expMonth: row.exp_month, expYear: row.exp_year } : null;
  })();
}

/** Every column of every stored token, for tests that prove no card number is kept. */
export function vaultRows(db: Db): Record<string, unknown>[] {
  ensureTable(db);
  return db.prepare('SELECT * FROM vault_tokens').all() as Record<string, unknown>[];
}
