// Starts the reference backend and the demo store on free loopback ports for the
// whole e2e run, with a throw-away SQLite file; stops them afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServers } from '../../server/app.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'ck-e2e-'));
  const dbPath = join(dir, 'e2e.sqlite');
  const servers = await startServers({ host: '127.0.0.1', storePort: 0, apiPort: 0, dbPath, storeRoot: process.cwd() });
  process.env.CK_STORE_URL = servers.storeUrl;
  process.env.CK_API_URL = servers.apiUrl;
  process.env.CK_DB_PATH = dbPath;
  return async () => {
    await servers.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
