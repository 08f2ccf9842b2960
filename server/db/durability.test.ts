import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { PaymentResult } from '../../src/core/protocol/schemas.js';
import { SANDBOX_MERCHANT_SECRET } from '../config.js';
import { SqliteStorage } from '../storage/sqlite.js';
import { createSession, pay, startTestServers, type TestServers } from '../test-support.js';
import { backupDatabase } from './backup.js';
import { synchronousFromEnv } from './database.js';

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** Starts `npm start`'s entry on free ports and resolves with its API URL once it listens. */
function startMain(dbPath: string, synchronous: string): Promise<{ child: ChildProcess; api: string; store: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', API_PORT: '0', CARD_PORT: '0', CHECKOUT_KIT_DB: dbPath, CHECKOUT_KIT_DB_SYNCHRONOUS: synchronous },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const api = /Checkout API: (http:\/\/127\.0\.0\.1:\d+)\/checkout\/v1/.exec(output)?.[1];
      const store = /Demo store: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (api && store) resolve({ child, api, store });
    });
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
  });
}

/** The SQLite file behind the servers' storage: these tests are about SQLite's own durability settings. */
function sqliteFile(servers: TestServers): Database.Database {
  assert.ok(servers.store instanceof SqliteStorage, 'durability tests run on the embedded SQLite storage');
  return servers.store.database;
}

describe('durability', () => {
  it('synchronous is NORMAL by default and FULL by configuration', async () => {
    const normal = await startTestServers({ sqlite: true });
    const full = await startTestServers({ sqlite: true, synchronous: 'FULL' });
    try {
      assert.equal(sqliteFile(normal).pragma('synchronous', { simple: true }), 1);
      assert.equal(sqliteFile(full).pragma('synchronous', { simple: true }), 2);
    } finally {
      await normal.dispose();
      await full.dispose();
    }
    assert.equal(synchronousFromEnv({ CHECKOUT_KIT_DB_SYNCHRONOUS: 'full' }), 'FULL');
    assert.equal(synchronousFromEnv({}), undefined);
    assert.throws(() => synchronousFromEnv({ CHECKOUT_KIT_DB_SYNCHRONOUS: 'OFF' }), /NORMAL or FULL/);
  });

  it('an online backup taken while payments are written is consistent and holds everything committed before it', async () => {
    const servers = await startTestServers({ sqlite: true });
    try {
      const before: string[] = [];
      for (let i = 0; i < 15; i++) before.push(PaymentResult.parse((await pay(await createSession(servers, { methods: ['card'] }), 'card')).body).id);
      const destination = join(servers.dir, 'backup.sqlite');
      const writes = (async () => {
        for (let i = 0; i < 15; i++) await pay(await createSession(servers, { methods: ['card'] }), 'card');
      })();
      const result = await backupDatabase(servers.dbPath, destination);
      await writes;
      assert.ok(result.counts.payments >= 15, JSON.stringify(result));
      const copy = new Database(destination, { readonly: true });
      try {
        const ids = new Set((copy.prepare('SELECT id FROM payments').all() as Array<{ id: string }>).map((r) => r.id));
        for (const id of before) assert.ok(ids.has(id), id);
        assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
      } finally {
        copy.close();
      }
      await assert.rejects(backupDatabase(servers.dbPath, destination), /exists already/);
    } finally {
      await servers.dispose();
    }
  });

  it('npm run backup: exit 0 with a summary, 1 when the destination exists, 2 on bad usage', async () => {
    const servers = await startTestServers({ sqlite: true });
    try {
      await pay(await createSession(servers, { methods: ['card'] }), 'card');
      const destination = join(servers.dir, 'cli-backup.sqlite');
      const ok = await run(['server/db/backup.ts', '--db', servers.dbPath, destination]);
      assert.equal(ok.code, 0, ok.output);
      assert.match(ok.output, /1 payments; integrity ok/);
      assert.equal((await run(['server/db/backup.ts', '--db', servers.dbPath, destination])).code, 1);
      assert.equal((await run(['server/db/backup.ts'])).code, 2);
    } finally {
      await servers.dispose();
    }
  });

  for (const synchronous of ['NORMAL', 'FULL']) {
    it(`SIGKILL mid-burst (synchronous=${synchronous}) loses no payment the client was told about`, async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'ck-crash-'));
      const dbPath = join(dir, 'db.sqlite');
      let child: ChildProcess | undefined;
      try {
        const started = await startMain(dbPath, synchronous);
        child = started.child;
        const acknowledged: string[] = [];
        let killed = false;
        let failures = 0;
        let broken: unknown;
        const one = async () => {
          const created = await fetch(`${started.api}/merchant/v1/sessions`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${SANDBOX_MERCHANT_SECRET}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ amount: { value: 1000, currency: 'EUR' }, country: 'NL', methods: ['card'], faults: { cardWithoutToken: true } }),
          });
          const credentials = (await created.json()) as { endpoint: string; sessionToken: string };
          const answer = await fetch(`${credentials.endpoint}/payments`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${credentials.sessionToken}`, 'Checkout-Kit-Version': '1', 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' },
            body: JSON.stringify({ method: 'card', returnUrl: `${started.store}/` }),
          });
          if (answer.status !== 201 && ++failures > 50) throw new Error(`the burst itself fails: ${answer.status} ${await answer.text()}`);
          if (answer.status === 201) acknowledged.push(PaymentResult.parse(await answer.json()).id);
          if (acknowledged.length >= 25 && !killed) {
            killed = true;
            child!.kill('SIGKILL');
          }
        };
        // Eight clients in parallel until the kill cuts them off.
        await Promise.all(Array.from({ length: 8 }, async () => {
          while (!killed) {
            await one().catch((error: unknown) => {
              // Errors after the kill are the point; before it, the burst itself is broken.
              if (!killed && error instanceof Error && error.message.startsWith('the burst')) {
                broken = error;
                killed = true;
                child!.kill('SIGKILL');
              }
            });
          }
        }));
        assert.equal(broken, undefined);
        await new Promise<void>((resolve) => (child!.exitCode !== null || child!.signalCode !== null ? resolve() : child!.once('exit', () => resolve())));
        const db = new Database(dbPath, { readonly: true });
        try {
          const stored = new Set((db.prepare('SELECT id FROM payments').all() as Array<{ id: string }>).map((r) => r.id));
          const lost = acknowledged.filter((id) => !stored.has(id));
          assert.ok(acknowledged.length >= 25);
          assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged payments lost`);
          assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
          t.diagnostic(`${acknowledged.length} payments acknowledged before SIGKILL, ${stored.size} rows after, ${lost.length} lost`);
        } finally {
          db.close();
        }
      } finally {
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
