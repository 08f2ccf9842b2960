/**
 * A fresh Postgres database per test file or test, on the cluster `npm test`
 * started (`TEST_DATABASE_URL`), or on one started for this process when a
 * suite runs alone. Databases are created empty; the storage migrates them.
 */
import { after } from 'node:test';
import { startPostgres } from '../../scripts/postgres.js';
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
