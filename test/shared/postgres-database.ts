/** Creates an empty database on a Postgres cluster; no test-runner hooks, so Playwright specs and scripts can use it too. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The URL of a new, empty database (named `t_<random>`) on the cluster at `clusterUrl`. */
export async function createDatabase(clusterUrl: string): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    // The name is ours (hex), never input.
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
