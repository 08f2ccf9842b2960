/**
 * A fresh Postgres database per test file or test, on the cluster `npm test`
 * started (`TEST_DATABASE_URL`), or on one started for this process when a
 * suite runs alone. Databases are created empty; the storage migrates them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { startPostgres } from '../../scripts/postgres.js';
import { openStorage } from '../../server/storage/open.js';
import type { Storage } from '../../server/storage/storage.js';
import { startTestServers, type TestServers } from '../../server/test-support.js';
import { createDatabase } from './postgres-database.js';

let cluster: Promise<{ url: string; stop: () => Promise<void> }> | undefined;

// Registered at import, on the file's root: a hook registered inside a test would stop the cluster after that test.
after(async () => {
  if (cluster) await (await cluster).stop();
});

function clusterUrl(): Promise<string> {
  const fromEnv = process.env['TEST_DATABASE_URL'];
  if (fromEnv) return Promise.resolve(fromEnv);
  cluster ??= startPostgres();
  return cluster.then((started) => started.url);
}

/** The URL of a new, empty database (named `t_<random>`, dropped with the cluster). */
export async function freshDatabaseUrl(): Promise<string> {
  return createDatabase(await clusterUrl());
}

/**
 * The storages a server suite runs on, each with the options `startTestServers` takes: the embedded
 * SQLite file, and Postgres (a fresh database on the test cluster). `for (const storage of STORAGES)
 * describe(...)` runs the same assertions on both.
 */
export const STORAGES: ReadonlyArray<{ name: string; options: () => Promise<{ databaseUrl?: string }> }> = [
  { name: 'SQLite', options: () => Promise.resolve({}) },
  { name: 'Postgres', options: async () => ({ databaseUrl: await freshDatabaseUrl() }) },
];

/**
 * Two handles on one database, for the cross-instance tests: two Postgres instances (each its own
 * pool and LISTEN connection), or, for SQLite (one process's), the one storage twice.
 */
export interface StoragePair {
  name: string;
  open(): Promise<[Storage, Storage]>;
}

const sqliteDirs: string[] = [];
after(() => sqliteDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

export const STORAGE_PAIRS: readonly StoragePair[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'ck-pair-'));
      sqliteDirs.push(dir);
      const storage = await openStorage({ sqlitePath: join(dir, 'db.sqlite') });
      return [storage, storage];
    },
  },
  {
    name: 'Postgres',
    async open() {
      const databaseUrl = await freshDatabaseUrl();
      const first = await openStorage({ databaseUrl, sqlitePath: '' });
      return [first, await openStorage({ databaseUrl, sqlitePath: '' })];
    },
  },
];

/** Closes both handles of a pair (once, when they are the same SQLite storage). */
export async function closePair([first, second]: readonly [Storage, Storage]): Promise<void> {
  await first.close();
  if (second !== first) await second.close();
}

/** Two app instances over HTTP: two servers on one Postgres database, or, for SQLite, the one server twice. */
export const SERVER_PAIRS: ReadonlyArray<{ name: string; start(): Promise<[TestServers, TestServers]> }> = [
  {
    name: 'SQLite',
    async start() {
      const servers = await startTestServers();
      return [servers, servers];
    },
  },
  {
    name: 'Postgres',
    async start() {
      const databaseUrl = await freshDatabaseUrl();
      const first = await startTestServers({ databaseUrl });
      return [first, await startTestServers({ databaseUrl })];
    },
  },
];
