/**
 * The support service's tables: conversations, their messages (ordered by a
 * per-conversation `seq`, de-duplicated on the sender's `clientId`), image
 * attachments, offline-form messages, agents and agent logins — migration 7
 * (`SUPPORT_MIGRATION`, applied with the others on SQLite and Postgres).
 *
 * Every function takes `Sql` (the storage or a transaction) and is written
 * for several instances on one database: a message's `seq` comes from one
 * atomic `UPDATE … RETURNING` on the conversation row (Postgres holds that row
 * locked until commit, so seqs are handed out in commit order), a resend of
 * the same `clientId` is caught by the unique (conversation_id, client_id)
 * constraint, and assignment is a conditional `UPDATE` checked by `changes`.
 */
import type { Sql } from '../storage/storage.js';

/** The support tables (migration 7 in server/db/database.ts). */
export const SUPPORT_MIGRATION = `
CREATE TABLE IF NOT EXISTS support_conversations (
  id               TEXT PRIMARY KEY,
  credential_hash  TEXT NOT NULL UNIQUE,
  locale           TEXT NOT NULL,
  time_zone        TEXT NOT NULL,
  identity_json    TEXT,
  context_json     TEXT,
  state            TEXT NOT NULL CHECK (state IN ('waiting', 'assigned', 'closed')),
  assignee         TEXT,
  last_seq         INTEGER NOT NULL DEFAULT 0,
  read_by_agent    INTEGER NOT NULL DEFAULT 0,
  delivered_to_buyer INTEGER NOT NULL DEFAULT 0,
  read_by_buyer    INTEGER NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS support_messages (
  conversation_id TEXT NOT NULL REFERENCES support_conversations(id),
  seq             INTEGER NOT NULL,
  id              TEXT NOT NULL UNIQUE,
  author          TEXT NOT NULL CHECK (author IN ('buyer', 'agent', 'system')),
  author_name     TEXT,
  text            TEXT NOT NULL,
  attachment_json TEXT,
  client_id       TEXT,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
);
CREATE TABLE IF NOT EXISTS support_attachments (
  id              TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES support_conversations(id),
  type            TEXT NOT NULL,
  size            INTEGER NOT NULL,
  bytes           BLOB NOT NULL,
  created_at      INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS support_offline (
  id         TEXT PRIMARY KEY,
  email      TEXT NOT NULL,
  message    TEXT NOT NULL,
  locale     TEXT NOT NULL,
  time_zone  TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS support_agents (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS support_agent_logins (
  token_hash TEXT PRIMARY KEY,
  agent_id   TEXT NOT NULL REFERENCES support_agents(id),
  expires_at INTEGER NOT NULL
);
`;

export interface ConversationRow {
  id: string;
  locale: string;
  timeZone: string;
  identityJson: string | null;
  contextJson: string | null;
  state: 'waiting' | 'assigned' | 'closed';
  assignee: string | null;
  lastSeq: number;
  readByAgent: number;
  deliveredToBuyer: number;
  readByBuyer: number;
  createdAt: number;
}

const CONVERSATION_COLUMNS = `id, locale, time_zone AS "timeZone", identity_json AS "identityJson", context_json AS "contextJson",
  state, assignee, last_seq AS "lastSeq", read_by_agent AS "readByAgent", delivered_to_buyer AS "deliveredToBuyer",
  read_by_buyer AS "readByBuyer", created_at AS "createdAt"`;

export interface MessageRow {
  conversationId: string;
  seq: number;
  id: string;
  author: 'buyer' | 'agent' | 'system';
  authorName: string | null;
  text: string;
  attachmentJson: string | null;
  clientId: string | null;
  createdAt: number;
}

const MESSAGE_COLUMNS = `conversation_id AS "conversationId", seq, id, author, author_name AS "authorName", text,
  attachment_json AS "attachmentJson", client_id AS "clientId", created_at AS "createdAt"`;

export async function insertConversation(
  db: Sql,
  row: { id: string; credentialHash: string; locale: string; timeZone: string; identityJson: string | null; now: number },
): Promise<void> {
  await db.run(
    `INSERT INTO support_conversations (id, credential_hash, locale, time_zone, identity_json, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?)`,
    [row.id, row.credentialHash, row.locale, row.timeZone, row.identityJson, row.now, row.now],
  );
}

export function conversationByCredential(db: Sql, credentialHash: string): Promise<ConversationRow | undefined> {
  return db.get<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM support_conversations WHERE credential_hash = ?`, [credentialHash]);
}

export function conversationById(db: Sql, id: string): Promise<ConversationRow | undefined> {
  return db.get<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM support_conversations WHERE id = ?`, [id]);
}

/** Open conversations first, newest activity first; closed ones of the last day after them. */
export function listConversations(db: Sql, since: number): Promise<ConversationRow[]> {
  return db.all<ConversationRow>(
    `SELECT ${CONVERSATION_COLUMNS} FROM support_conversations
     WHERE state <> 'closed' OR updated_at >= ? ORDER BY CASE WHEN state = 'closed' THEN 1 ELSE 0 END, updated_at DESC LIMIT 200`,
    [since],
  );
}

/** Sets fields that no rule guards (context, transfer, close); `changes` says whether the conversation exists. */
export async function updateConversation(
  db: Sql,
  id: string,
  fields: Partial<Pick<ConversationRow, 'state' | 'assignee' | 'contextJson' | 'locale' | 'timeZone'>>,
  now: number,
): Promise<boolean> {
  const columns: Record<string, string> = { state: 'state', assignee: 'assignee', contextJson: 'context_json', locale: 'locale', timeZone: 'time_zone' };
  const entries = Object.entries(fields).filter(([key]) => key in columns);
  if (!entries.length) return false;
  const sets = entries.map(([key]) => `${columns[key]} = ?`).join(', ');
  const result = await db.run(`UPDATE support_conversations SET ${sets}, updated_at = ? WHERE id = ?`, [...entries.map(([, v]) => v ?? null), now, id]);
  return result.changes > 0;
}

/**
 * Gives the conversation to `agentId` unless another agent has it: one
 * conditional UPDATE, so of two agents claiming at once on two instances
 * exactly one wins (Postgres re-checks the WHERE on the row the winner wrote).
 * True when `agentId` now has it.
 */
export async function claimConversation(db: Sql, id: string, agentId: string, now: number): Promise<boolean> {
  const result = await db.run(
    `UPDATE support_conversations SET state = 'assigned', assignee = ?, updated_at = ?
     WHERE id = ? AND (state <> 'assigned' OR assignee = ?)`,
    [agentId, now, id, agentId],
  );
  return result.changes > 0;
}

/** Assigns a waiting conversation to the agent who answers it first (no-op when it is not waiting). */
export async function assignIfWaiting(db: Sql, id: string, agentId: string, now: number): Promise<boolean> {
  const result = await db.run(`UPDATE support_conversations SET state = 'assigned', assignee = ?, updated_at = ? WHERE id = ? AND state = 'waiting'`, [
    agentId,
    now,
    id,
  ]);
  return result.changes > 0;
}

/** A buyer who writes in a closed conversation reopens it: back to the queue, unassigned. */
export async function reopenIfClosed(db: Sql, id: string, now: number): Promise<boolean> {
  const result = await db.run(`UPDATE support_conversations SET state = 'waiting', assignee = NULL, updated_at = ? WHERE id = ? AND state = 'closed'`, [now, id]);
  return result.changes > 0;
}

/** Moves a read/delivery cursor forward only (an old ack arriving late never moves it back). */
export async function advanceCursor(db: Sql, id: string, cursor: 'read_by_agent' | 'delivered_to_buyer' | 'read_by_buyer', seq: number): Promise<boolean> {
  const result = await db.run(`UPDATE support_conversations SET ${cursor} = ? WHERE id = ? AND ${cursor} < ? AND ? <= last_seq`, [seq, id, seq, seq]);
  return result.changes > 0;
}

export interface NewMessage {
  id: string;
  author: MessageRow['author'];
  authorName: string | null;
  text: string;
  attachmentJson: string | null;
  clientId: string | null;
}

/** Thrown inside `appendMessage`'s transaction to roll back the seq it took when the clientId was stored meanwhile. */
class AlreadyStored extends Error {}

/**
 * Stores a message with the next `seq`, or returns the one already stored with
 * the same `clientId` (a resend after a dropped connection, possibly to another
 * instance): `created` says which. `inside` runs in the same transaction after
 * the insert (state changes and notifications that must commit with it).
 *
 * The seq comes from `UPDATE … SET last_seq = last_seq + 1 … RETURNING`: on
 * Postgres that row stays locked until commit, so two instances appending to
 * one conversation take turns and seqs commit in order. A resend racing the
 * original hits the (conversation_id, client_id) constraint (`ON CONFLICT DO
 * NOTHING`), and its transaction is rolled back so no seq is skipped.
 */
export async function appendMessage(
  db: Sql,
  conversationId: string,
  message: NewMessage,
  now: number,
  inside?: (tx: Sql, row: MessageRow) => Promise<void>,
): Promise<{ row: MessageRow; created: boolean }> {
  if (message.clientId) {
    const existing = await messageByClientId(db, conversationId, message.clientId);
    if (existing) return { row: existing, created: false };
  }
  try {
    return await db.transaction(async (tx) => {
      const bumped = await tx.get<{ lastSeq: number }>(
        'UPDATE support_conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq AS "lastSeq"',
        [now, conversationId],
      );
      if (!bumped) throw new Error(`No conversation ${conversationId}.`);
      const seq = bumped.lastSeq;
      const inserted = await tx.run(
        `INSERT INTO support_messages (conversation_id, seq, id, author, author_name, text, attachment_json, client_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id, client_id) DO NOTHING`,
        [conversationId, seq, message.id, message.author, message.authorName, message.text, message.attachmentJson, message.clientId, now],
      );
      if (inserted.changes === 0) throw new AlreadyStored();
      const row: MessageRow = { conversationId, seq, ...message, createdAt: now };
      await inside?.(tx, row);
      return { row, created: true };
    });
  } catch (error) {
    if (!(error instanceof AlreadyStored) || !message.clientId) throw error;
    const existing = await messageByClientId(db, conversationId, message.clientId);
    if (!existing) throw new Error('A message reported stored is missing.', { cause: error });
    return { row: existing, created: false };
  }
}

export function messageByClientId(db: Sql, conversationId: string, clientId: string): Promise<MessageRow | undefined> {
  return db.get<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM support_messages WHERE conversation_id = ? AND client_id = ?`, [conversationId, clientId]);
}

export function messagesAfter(db: Sql, conversationId: string, after: number, limit = 500): Promise<MessageRow[]> {
  return db.all<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM support_messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?`, [
    conversationId,
    after,
    limit,
  ]);
}

/** Unread buyer messages and since when the buyer has waited for an answer. */
export async function waitingFigures(db: Sql, conversationId: string, readByAgent: number): Promise<{ unread: number; waitingSince: number | null }> {
  const row = await db.get<{ unread: number; waitingSince: number | null }>(
    `SELECT
       (SELECT COUNT(*) FROM support_messages WHERE conversation_id = ? AND author = 'buyer' AND seq > ?) AS "unread",
       (SELECT MIN(created_at) FROM support_messages WHERE conversation_id = ? AND author = 'buyer'
          AND seq > (SELECT COALESCE(MAX(seq), 0) FROM support_messages WHERE conversation_id = ? AND author = 'agent')) AS "waitingSince"`,
    [conversationId, readByAgent, conversationId, conversationId],
  );
  return { unread: Number(row?.unread ?? 0), waitingSince: row?.waitingSince ?? null };
}

export async function insertAttachment(db: Sql, row: { id: string; conversationId: string; type: string; bytes: Buffer; now: number }): Promise<void> {
  await db.run('INSERT INTO support_attachments (id, conversation_id, type, size, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    row.id,
    row.conversationId,
    row.type,
    row.bytes.length,
    row.bytes,
    row.now,
  ]);
}

export function attachmentById(db: Sql, id: string): Promise<{ id: string; conversationId: string; type: string; size: number; bytes: Buffer } | undefined> {
  return db.get<{ id: string; conversationId: string; type: string; size: number; bytes: Buffer }>(
    'SELECT id, conversation_id AS "conversationId", type, size, bytes FROM support_attachments WHERE id = ?',
    [id],
  );
}

export interface OfflineRow {
  id: string;
  email: string;
  message: string;
  locale: string;
  timeZone: string;
  createdAt: number;
}

export async function insertOffline(db: Sql, row: OfflineRow): Promise<void> {
  await db.run('INSERT INTO support_offline (id, email, message, locale, time_zone, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    row.id,
    row.email,
    row.message,
    row.locale,
    row.timeZone,
    row.createdAt,
  ]);
}

export function listOffline(db: Sql): Promise<OfflineRow[]> {
  return db.all<OfflineRow>(
    'SELECT id, email, message, locale, time_zone AS "timeZone", created_at AS "createdAt" FROM support_offline ORDER BY created_at DESC LIMIT 200',
  );
}

export async function upsertAgent(db: Sql, agent: { id: string; name: string; passwordHash: string }): Promise<void> {
  await db.run(
    'INSERT INTO support_agents (id, name, password_hash) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, password_hash = excluded.password_hash',
    [agent.id, agent.name, agent.passwordHash],
  );
}

export function agentById(db: Sql, id: string): Promise<{ id: string; name: string; passwordHash: string } | undefined> {
  return db.get<{ id: string; name: string; passwordHash: string }>('SELECT id, name, password_hash AS "passwordHash" FROM support_agents WHERE id = ?', [id]);
}

export function listAgents(db: Sql): Promise<{ id: string; name: string }[]> {
  return db.all<{ id: string; name: string }>('SELECT id, name FROM support_agents ORDER BY name');
}

/** Agent logins live in the database, so a token minted on one instance is accepted by every other. */
export async function insertAgentLogin(db: Sql, tokenHash: string, agentId: string, expiresAt: number): Promise<void> {
  await db.run('INSERT INTO support_agent_logins (token_hash, agent_id, expires_at) VALUES (?, ?, ?)', [tokenHash, agentId, expiresAt]);
}

export function agentByLogin(db: Sql, tokenHash: string, now: number): Promise<{ id: string; name: string } | undefined> {
  return db.get<{ id: string; name: string }>(
    'SELECT a.id, a.name FROM support_agent_logins l JOIN support_agents a ON a.id = l.agent_id WHERE l.token_hash = ? AND l.expires_at > ?',
    [tokenHash, now],
  );
}

export async function deleteAgentLogin(db: Sql, tokenHash: string): Promise<void> {
  await db.run('DELETE FROM support_agent_logins WHERE token_hash = ?', [tokenHash]);
}
