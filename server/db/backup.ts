/**
 * Online backup of the reference backend's database with SQLite's backup API
 * (better-sqlite3 `db.backup`): copies page by page while the server keeps
 * serving, yielding between steps, and yields a consistent snapshot — unlike
 * copying the file, which can tear a database in WAL mode. The copy is checked
 * with `PRAGMA integrity_check` before it counts as a backup.
 *
 * As a command: `npm run backup -- <destination> [--db <path>]` (the database
 * defaults to `CHECKOUT_KIT_DB` or the default path of `npm start`).
 *
 * SQLite only, on purpose: with `DATABASE_URL` the data lives in Postgres, whose
 * own tools (`pg_dump`, the provider's snapshots and point-in-time recovery)
 * back it up; the command says so instead of copying an unused file.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_DB_PATH } from '../config.js';

export interface BackupResult {
  destination: string;
  pages: number;
  bytes: number;
  /** Rows of the main tables in the copy, for a quick sanity check. */
  counts: { sessions: number; payments: number };
}

/**
 * Copies the live database at `source` to `destination` (which must not exist).
 * Safe while another connection writes: the backup restarts pages that change under it.
 */
export async function backupDatabase(source: string, destination: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new Error(`No database at ${source}.`);
  if (existsSync(destination)) throw new Error(`${destination} exists already; choose a new file for the backup.`);
  const db = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    const result = await db.backup(destination, {
      // 256 pages per step, then the event loop runs (the server's requests go on).
      progress: ({ totalPages }) => {
        pages = totalPages;
        return 256;
      },
    });
    pages = result.totalPages;
  } finally {
    db.close();
  }
  const copy = new Database(destination, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`The backup failed its integrity check: ${String(integrity)}`);
    const count = (table: string) => (copy.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { destination, pages, bytes: statSync(destination).size, counts: { sessions: count('sessions'), payments: count('payments') } };
  } finally {
    copy.close();
  }
}

const USAGE = 'Usage: npm run backup -- <destination file> [--db <database>]';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (process.env['DATABASE_URL'] && values.db === undefined) {
    console.error('DATABASE_URL is set, so the data is in Postgres: back it up with pg_dump (or your provider\'s snapshots); npm run backup copies only the embedded SQLite file (pass --db <path> for that).');
    return 2;
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const source = resolve(root, values.db ?? (process.env['CHECKOUT_KIT_DB'] || DEFAULT_DB_PATH));
  const destination = resolve(positionals[0]!);
  try {
    const result = await backupDatabase(source, destination);
    console.log(`Backed up ${source} to ${result.destination}: ${result.pages} pages, ${result.bytes} bytes, ${result.counts.sessions} sessions, ${result.counts.payments} payments; integrity ok.`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
