/**
 * Opens the storage the environment asks for: Postgres when `DATABASE_URL` is
 * set (several instances, docs/deploy.md), else the embedded SQLite file.
 */
import { openDatabase, type OpenOptions } from '../db/database.js';
import { PostgresStorage, type PostgresOptions } from './postgres.js';
import { SqliteStorage } from './sqlite.js';
import type { Storage } from './storage.js';

export interface StorageOptions extends OpenOptions {
  /** A `postgres://` URL: use Postgres. */
  databaseUrl?: string;
  /** The SQLite file when no `databaseUrl` is given (`:memory:` for throwaway use). */
  sqlitePath: string;
  /** Postgres pool size per instance. */
  maxConnections?: number;
  onListenGap?: PostgresOptions['onListenGap'];
}

/** A `postgres://` or `postgresql://` URL, or an error naming the variable (never the URL: it holds a password). */
export function checkDatabaseUrl(raw: string, name = 'DATABASE_URL'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} is not a URL; expected postgres://user:password@host:port/database.`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`${name} must start with postgres:// (got ${url.protocol}//).`);
  }
  return raw;
}

export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.databaseUrl) {
    const { migratePostgres } = await import('./migrations.js');
    const storage = new PostgresStorage({
      connectionString: checkDatabaseUrl(options.databaseUrl),
      ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
      ...(options.onListenGap ? { onListenGap: options.onListenGap } : {}),
    });
    try {
      await migratePostgres(storage.migrationPool());
    } catch (error) {
      await storage.close();
      throw error;
    }
    return storage;
  }
  const { sqlitePath, ...sqliteOptions } = options;
  return new SqliteStorage(openDatabase(sqlitePath, sqliteOptions.synchronous ? { synchronous: sqliteOptions.synchronous } : {}));
}
