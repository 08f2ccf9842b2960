// A throwaway PostgreSQL for tests and benches: a fresh cluster in a temporary
// directory, on a free loopback port, stopped and deleted afterwards. Uses
// Debian's `postgresql` package (installed here when missing and we are root);
// as root the server runs as the package's `postgres` user, which initdb requires.
//
//   node scripts/postgres.js     starts one and prints its URL until Ctrl-C
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const USER = 'checkout';

/** The folder holding initdb and postgres: PG_BIN, Debian's newest version, or PATH. */
export function findPostgres({ install = true } = {}) {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) {
    if (existsSync(join(fromEnv, 'postgres'))) return fromEnv;
    throw new Error(`PG_BIN=${fromEnv} has no postgres binary.`);
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((name) => existsSync(join(debian, name, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(debian, versions[0], 'bin');
  }
  if (install && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.error('PostgreSQL not found: installing Debian\'s postgresql package…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env });
    return findPostgres({ install: false });
  }
  throw new Error('PostgreSQL not found: install Debian\'s `postgresql` package (apt-get install postgresql) or set PG_BIN to the folder with initdb and postgres.');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** initdb refuses root: run the server as the package's `postgres` user then. */
function serverUser() {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/**
 * Starts a cluster; resolves once it accepts connections.
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 *   `url` points at the `postgres` database as superuser `checkout` (trust auth, loopback only).
 */
export async function startPostgres() {
  const bin = findPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'checkout-kit-pg-'));
  const user = serverUser();
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...user,
  });
  const port = await freePort();
  // fsync off: a test cluster is thrown away, and durability is SQLite's FULL mode's test, not this one's.
  const server = spawn(
    join(bin, 'postgres'),
    ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    { stdio: ['ignore', 'ignore', 'pipe'], ...user },
  );
  let log = '';
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log += chunk;
      if (log.includes('ready to accept connections')) {
        server.stderr.off('data', onData);
        resolve(undefined);
      }
    };
    server.stderr.on('data', onData);
    server.once('exit', (code) => reject(new Error(`postgres exited (${code}) before accepting connections:\n${log}`)));
  });
  // Keep draining its log so a full pipe never blocks the server.
  server.stderr.resume();
  let stopped;
  return {
    url: `postgres://${USER}@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      stopped ??= new Promise((resolve) => {
        if (server.exitCode !== null) return resolve(undefined);
        server.once('exit', () => resolve(undefined));
        // SIGINT is Postgres's fast shutdown: clients are disconnected, nothing waits.
        server.kill('SIGINT');
      }).then(() => rmSync(dir, { recursive: true, force: true }));
      return stopped;
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pg = await startPostgres();
  console.log(`PostgreSQL ready: ${pg.url} (Ctrl-C stops it and deletes its data)`);
  const stop = () => void pg.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
