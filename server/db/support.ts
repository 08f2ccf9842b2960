/**
 * The support service's tables: conversations, their messages (ordered by a
 * per-conversation `seq`, de-duplicated on the sender's `clientId`), image
 * attachments, offline-form messages, agents and agent logins. Created with
 * `IF NOT EXISTS` when the service starts, so the checkout schema's migrations
 * stay untouched and an existing database gains the tables on upgrade.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

// Statements are prepared once per database: preparing costs more than running these small queries.
const statements = new WeakMap<Db, Map<string, Statement>>();
function sql(db: Db, text: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = db.prepare(text)));
  return statement;
}

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

export function migrateSupport(db: Db): void {
  db.exec(SUPPORT_MIGRATION);
}

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

const CONVERSATION_COLUMNS = `id, locale, time_zone AS timeZone, identity_json AS identityJson, context_json AS contextJson,
  state, assignee, last_seq AS lastSeq, read_by_agent AS readByAgent, delivered_to_buyer AS deliveredToBuyer,
  read_by_buyer AS readByBuyer, created_at AS createdAt`;

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

const MESSAGE_COLUMNS = `conversation_id AS conversationId, seq, id, author, author_name AS authorName, text,
  attachment_json AS attachmentJson, client_id AS clientId, created_at AS createdAt`;

export function insertConversation(
  db: Db,
  row: { id: string; credentialHash: string; locale: string; timeZone: string; identityJson: string | null; now: number },
): void {
  sql(db, 
    `INSERT INTO support_conversations (id, credential_hash, locale, time_zone, identity_json, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?)`,
  ).run(row.id, row.credentialHash, row.locale, row.timeZone, row.identityJson, row.now, row.now);
}

export function conversationByCredential(db: Db, credentialHash: string): ConversationRow | undefined {
  return sql(db, `SELECT ${CONVERSATION_COLUMNS} FROM support_conversations WHERE credential_hash = ?`).get(credentialHash) as
    | ConversationRow
    | undefined;
}

export function conversationById(db: Db, id: string): ConversationRow | undefined {
  return sql(db, `SELECT ${CONVERSATION_COLUMNS} FROM support_conversations WHERE id = ?`).get(id) as ConversationRow | undefined;
}

/** Open conversations first, newest activity first; closed ones of the last day after them. */
export function listConversations(db: Db, since: number): ConversationRow[] {
  return db
    .prepare(
      `SELECT ${CONVERSATION_COLUMNS} FROM support_conversations
       WHERE state != 'closed' OR updated_at >= ? ORDER BY state = 'closed', updated_at DESC LIMIT 200`,
    )
    .all(since) as ConversationRow[];
}

export function updateConversation(
  db: Db,
  id: string,
  fields: Partial<Pick<ConversationRow, 'state' | 'assignee' | 'contextJson' | 'locale' | 'timeZone'>>,
  now: number,
): void {
  const columns: Record<string, string> = { state: 'state', assignee: 'assignee', contextJson: 'context_json', locale: 'locale', timeZone: 'time_zone' };
  const entries = Object.entries(fields).filter(([key]) => key in columns);
  if (!entries.length) return;
  const sets = entries.map(([key]) => `${columns[key]} = ?`).join(', ');
  sql(db, `UPDATE support_conversations SET ${sets}, updated_at = ? WHERE id = ?`).run(...entries.map(([, v]) => v ?? null), now, id);
}

/** Moves a read/delivery cursor forward only (an old ack arriving late never moves it back). */
export function advanceCursor(db: Db, id: string, cursor: 'read_by_agent' | 'delivered_to_buyer' | 'read_by_buyer', seq: number): boolean {
  const result = db
    .prepare(`UPDATE support_conversations SET ${cursor} = ? WHERE id = ? AND ${cursor} < ? AND ? <= last_seq`)
    .run(seq, id, seq, seq);
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

/**
 * Stores a message with the next `seq`, or returns the one already stored with
 * the same `clientId` (a resend after a dropped connection): `created` says which.
 */
export function appendMessage(db: Db, conversationId: string, message: NewMessage, now: number): { row: MessageRow; created: boolean } {
  return db.transaction(() => {
    if (message.clientId) {
      const existing = db
        .prepare(`SELECT ${MESSAGE_COLUMNS} FROM support_messages WHERE conversation_id = ? AND client_id = ?`)
        .get(conversationId, message.clientId) as MessageRow | undefined;
      if (existing) return { row: existing, created: false };
    }
    const { lastSeq } = sql(db, 'SELECT last_seq AS lastSeq FROM support_conversations WHERE id = ?').get(conversationId) as { lastSeq: number };
    const seq = lastSeq + 1;
    sql(db, 
      `INSERT INTO support_messages (conversation_id, seq, id, author, author_name, text, attachment_json, client_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(conversationId, seq, message.id, message.author, message.authorName, message.text, message.attachmentJson, message.clientId, now);
    sql(db, 'UPDATE support_conversations SET last_seq = ?, updated_at = ? WHERE id = ?').run(seq, now, conversationId);
    return {
      row: { conversationId, seq, ...message, createdAt: now },
      created: true,
    };
  })();
}

export function messageByClientId(db: Db, conversationId: string, clientId: string): MessageRow | undefined {
  return sql(db, `SELECT ${MESSAGE_COLUMNS} FROM support_messages WHERE conversation_id = ? AND client_id = ?`).get(conversationId, clientId) as
    | MessageRow
    | undefined;
}

export function messagesAfter(db: Db, conversationId: string, after: number, limit = 500): MessageRow[] {
  return db
    .prepare(`SELECT ${MESSAGE_COLUMNS} FROM support_messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?`)
    .all(conversationId, after, limit) as MessageRow[];
}

/** Unread buyer messages and since when the buyer has waited for an answer. */
export function waitingFigures(db: Db, conversationId: string, readByAgent: number): { unread: number; waitingSince: number | null } {
  const unread = (
    sql(db, `SELECT COUNT(*) AS n FROM support_messages WHERE conversation_id = ? AND author = 'buyer' AND seq > ?`).get(conversationId, readByAgent) as {
      n: number;
    }
  ).n;
  const lastAgent = (
    sql(db, `SELECT COALESCE(MAX(seq), 0) AS seq FROM support_messages WHERE conversation_id = ? AND author = 'agent'`).get(conversationId) as { seq: number }
  ).seq;
  const first = db
    .prepare(`SELECT MIN(created_at) AS at FROM support_messages WHERE conversation_id = ? AND author = 'buyer' AND seq > ?`)
    .get(conversationId, lastAgent) as { at: number | null };
  return { unread, waitingSince: first.at };
}

export function insertAttachment(db: Db, row: { id: string; conversationId: string; type: string; bytes: Buffer; now: number }): void {
  sql(db, 'INSERT INTO support_attachments (id, conversation_id, type, size, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    row.id,
    row.conversationId,
    row.type,
    row.bytes.length,
    row.bytes,
    row.now,
  );
}

export function attachmentById(db: Db, id: string): { id: string; conversationId: string; type: string; size: number; bytes: Buffer } | undefined {
  return sql(db, 'SELECT id, conversation_id AS conversationId, type, size, bytes FROM support_attachments WHERE id = ?').get(id) as
    | { id: string; conversationId: string; type: string; size: number; bytes: Buffer }
    | undefined;
}

export interface OfflineRow {
  id: string;
  email: string;
  message: string;
  locale: string;
  timeZone: string;
  createdAt: number;
}

export function insertOffline(db: Db, row: OfflineRow): void {
  sql(db, 'INSERT INTO support_offline (id, email, message, locale, time_zone, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    row.id,
    row.email,
    row.message,
    row.locale,
    row.timeZone,
    row.createdAt,
  );
}

export function listOffline(db: Db): OfflineRow[] {
  return db
    .prepare('SELECT id, email, message, locale, time_zone AS timeZone, created_at AS createdAt FROM support_offline ORDER BY created_at DESC LIMIT 200')
    .all() as OfflineRow[];
}

export function upsertAgent(db: Db, agent: { id: string; name: string; passwordHash: string }): void {
  sql(db, 
    'INSERT INTO support_agents (id, name, password_hash) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, password_hash = excluded.password_hash',
  ).run(agent.id, agent.name, agent.passwordHash);
}

export function agentById(db: Db, id: string): { id: string; name: string; passwordHash: string } | undefined {
  return sql(db, 'SELECT id, name, password_hash AS passwordHash FROM support_agents WHERE id = ?').get(id) as
    | { id: string; name: string; passwordHash: string }
    | undefined;
}

export function listAgents(db: Db): { id: string; name: string }[] {
  return sql(db, 'SELECT id, name FROM support_agents ORDER BY name').all() as { id: string; name: string }[];
}

export function insertAgentLogin(db: Db, tokenHash: string, agentId: string, expiresAt: number): void {
  sql(db, 'INSERT INTO support_agent_logins (token_hash, agent_id, expires_at) VALUES (?, ?, ?)').run(tokenHash, agentId, expiresAt);
}

export function agentByLogin(db: Db, tokenHash: string, now: number): { id: string; name: string } | undefined {
  return db
    .prepare(
      `SELECT a.id, a.name FROM support_agent_logins l JOIN support_agents a ON a.id = l.agent_id WHERE l.token_hash = ? AND l.expires_at > ?`,
    )
    .get(tokenHash, now) as { id: string; name: string } | undefined;
}

export function deleteAgentLogin(db: Db, tokenHash: string): void {
  sql(db, 'DELETE FROM support_agent_logins WHERE token_hash = ?').run(tokenHash);
}
