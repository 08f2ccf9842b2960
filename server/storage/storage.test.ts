/**
 * Storage conformance: the same contract checked on SQLite and on Postgres
 * (a fresh database on the test cluster, see test/shared/postgres.ts). The
 * services' own guarantees (one payment per key, one alert per window, chat
 * order) are tested in their folders on both; this file checks the interface
 * they stand on: placeholders and types, transactions and savepoints,
 * notifications after commit, `lock` across two instances, and migrations
 * applied once when instances start together.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { freshDatabaseUrl, STORAGE_PAIRS, closePair } from '../../test/shared/postgres.js';
import { MIGRATIONS } from '../db/database.js';
import { migratePostgres, toPostgresDdl } from './migrations.js';
import { openStorage } from './open.js';
import { numberPlaceholders } from './postgres.js';
import type { Sql, Storage } from './storage.js';

const backends = STORAGE_PAIRS;

const TABLE = `CREATE TABLE IF NOT EXISTS conformance (id TEXT PRIMARY KEY, n INTEGER NOT NULL, note TEXT, bytes BLOB)`;

async function createTable(storage: Sql): Promise<void> {
  await storage.run(storage.dialect.name === 'postgres' ? toPostgresDdl(TABLE) : TABLE);
}

/** Resolves once `channel` has delivered `count` payloads to this listener, or after `ms` with what came. */
function collect(storage: Storage, channel: string, count: number): Promise<{ got: string[]; done: Promise<string[]>; stop: () => Promise<void> }> {
  const got: string[] = [];
  let resolveDone!: (value: string[]) => void;
  const done = new Promise<string[]>((resolve) => (resolveDone = resolve));
  return storage
    .subscribe(channel, (payload) => {
      got.push(payload);
      if (got.length === count) resolveDone(got);
    })
    .then((stop) => ({ got, done, stop }));
}

for (const backend of backends) {
  describe(`storage conformance: ${backend.name}`, () => {
    test('placeholders, numbers, text and bytes come back as written', async () => {
      const [storage, twin] = await backend.open();
      try {
        await createTable(storage);
        const bytes = new Uint8Array([0, 1, 2, 250, 255]);
        await storage.run('INSERT INTO conformance (id, n, note, bytes) VALUES (?, ?, ?, ?)', ['a', 1_733_000_000_123, "it's ? not a placeholder", bytes]);
        const row = await storage.get<{ id: string; n: number; note: string; bytes: Buffer }>('SELECT id, n, note, bytes FROM conformance WHERE id = ?', ['a']);
        assert.equal(row?.n, 1_733_000_000_123, 'millisecond timestamps need 64-bit integers');
        assert.equal(typeof row?.n, 'number');
        assert.equal(row?.note, "it's ? not a placeholder");
        assert.deepEqual([...row!.bytes], [...bytes]);
        const count = await storage.get<{ total: number; "sumN": number }>('SELECT COUNT(*) AS total, SUM(n) AS "sumN" FROM conformance WHERE note LIKE ?', ['%?%']);
        assert.deepEqual(count, { total: 1, sumN: 1_733_000_000_123 });
        const json = await storage.get<{ amount: string }>(`SELECT ${storage.dialect.jsonText('note', 'amount')} AS amount FROM (SELECT '{"amount":"12.50"}' AS note) AS t`);
        assert.equal(json?.amount, '12.50');
        assert.equal((await storage.run('UPDATE conformance SET n = n + 1 WHERE id = ?', ['missing'])).changes, 0);
        assert.equal((await storage.run('INSERT INTO conformance (id, n) VALUES (?, ?) ON CONFLICT (id) DO NOTHING', ['a', 2])).changes, 0);
      } finally {
        await closePair([storage, twin]);
      }
    });

    test('a transaction commits as one and rolls back as one; a savepoint undoes only its part', async () => {
      const [storage, twin] = await backend.open();
      try {
        await createTable(storage);
        await assert.rejects(
          storage.transaction(async (tx) => {
            await tx.run('INSERT INTO conformance (id, n) VALUES (?, ?)', ['rolled-back', 1]);
            throw new Error('planted failure');
          }),
          /planted failure/,
        );
        assert.equal(await storage.get('SELECT id FROM conformance WHERE id = ?', ['rolled-back']), undefined);
        await storage.transaction(async (tx) => {
          await tx.run('INSERT INTO conformance (id, n) VALUES (?, ?)', ['outer', 1]);
          await assert.rejects(
            tx.transaction(async (inner) => {
              await inner.run('INSERT INTO conformance (id, n) VALUES (?, ?)', ['inner', 1]);
              throw new Error('inner failure');
            }),
          );
        });
        const ids = await storage.all<{ id: string }>('SELECT id FROM conformance ORDER BY id');
        assert.deepEqual(ids.map((row) => row.id), ['outer']);
      } finally {
        await closePair([storage, twin]);
      }
    });

    test('a statement outside a transaction never joins an open one', async () => {
      const [storage, twin] = await backend.open();
      try {
        await createTable(storage);
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let opened!: () => void;
        const open = new Promise<void>((resolve) => (opened = resolve));
        const tx = storage
          .transaction(async (t) => {
            await t.run('INSERT INTO conformance (id, n) VALUES (?, ?)', ['in-tx', 1]);
            opened();
            await held;
            throw new Error('roll back');
          })
          .catch(() => 'rolled back');
        // Issued while the transaction is open and waiting on something else.
        await open;
        const outside = storage.run('INSERT INTO conformance (id, n) VALUES (?, ?)', ['outside', 1]);
        release();
        assert.equal(await tx, 'rolled back');
        await outside;
        const ids = await storage.all<{ id: string }>('SELECT id FROM conformance ORDER BY id');
        assert.deepEqual(ids.map((row) => row.id), ['outside'], 'the outside write survives the rollback');
      } finally {
        await closePair([storage, twin]);
      }
    });

    test('notifications reach every instance after commit, and never from a rollback', async () => {
      const [a, b] = await backend.open();
      try {
        const onA = await collect(a, 'conformance', 2);
        const onB = await collect(b, 'conformance', 2);
        await assert.rejects(
          a.transaction(async (tx) => {
            await tx.notify('conformance', 'rolled-back');
            throw new Error('planted');
          }),
        );
        await a.transaction(async (tx) => {
          await tx.notify('conformance', 'first');
        });
        await b.notify('conformance', 'second');
        assert.deepEqual(await onA.done, ['first', 'second']);
        assert.deepEqual(await onB.done, ['first', 'second']);
        await Promise.all([onA.stop(), onB.stop()]);
        await assert.rejects(a.notify('Bad channel; DROP', 'x'), /Invalid notification channel/);
        await assert.rejects(a.notify('conformance', 'x'.repeat(8000)), /exceeds/);
      } finally {
        await closePair([a, b]);
      }
    });

    test('lock(key) serialises read-then-write across instances: no lost update', async () => {
      const [a, b] = await backend.open();
      try {
        await createTable(a);
        await a.run('INSERT INTO conformance (id, n) VALUES (?, ?)', ['counter', 0]);
        const increments = 40;
        await Promise.all(
          Array.from({ length: increments }, (_, i) =>
            (i % 2 ? a : b).transaction(async (tx) => {
              await tx.lock('conformance:counter');
              const row = await tx.get<{ n: number }>('SELECT n FROM conformance WHERE id = ?', ['counter']);
              // Read, then write what was read plus one: without the lock two instances read the same n.
              await tx.run('UPDATE conformance SET n = ? WHERE id = ?', [row!.n + 1, 'counter']);
            }),
          ),
        );
        const row = await a.get<{ n: number }>('SELECT n FROM conformance WHERE id = ?', ['counter']);
        assert.equal(row?.n, increments);
        await assert.rejects(a.lock('outside'), /only valid inside a transaction/);
      } finally {
        await closePair([a, b]);
      }
    });

    test('every migration is applied, once', async () => {
      const [storage, twin] = await backend.open();
      try {
        for (const table of ['sessions', 'payments', 'idempotency_keys', 'events', 'support_messages', 'support_appointments', 'degraded_methods']) {
          assert.ok(await storage.get(`SELECT 1 AS present FROM ${table} LIMIT 1`).then(() => true), table);
        }
        if (storage.dialect.name === 'postgres') {
          const applied = await storage.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
          assert.deepEqual(
            applied.map((row) => row.version),
            MIGRATIONS.map((_, i) => i + 1),
          );
        }
      } finally {
        await closePair([storage, twin]);
      }
    });
  });
}

describe('Postgres specifics', () => {
  test('? becomes $n outside quotes and comments', () => {
    assert.equal(
      numberPlaceholders(`SELECT '?', "a?b", x FROM t WHERE a = ? AND b = ? -- why?\n AND c = ?`),
      `SELECT '?', "a?b", x FROM t WHERE a = $1 AND b = $2 -- why?\n AND c = $3`,
    );
  });

  test('a planted read-then-write without lock() loses updates across two instances (the guard can fail)', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const [a, b] = await Promise.all([openStorage({ databaseUrl, sqlitePath: '' }), openStorage({ databaseUrl, sqlitePath: '' })]);
    try {
      await createTable(a);
      await a.run('INSERT INTO conformance (id, n) VALUES (?, ?)', ['counter', 0]);
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? a : b).transaction(async (tx) => {
            const row = await tx.get<{ n: number }>('SELECT n FROM conformance WHERE id = ?', ['counter']);
            await tx.get('SELECT pg_sleep(0.002)');
            await tx.run('UPDATE conformance SET n = ? WHERE id = ?', [row!.n + 1, 'counter']);
          }),
        ),
      );
      const row = await a.get<{ n: number }>('SELECT n FROM conformance WHERE id = ?', ['counter']);
      assert.ok(row!.n < 40, `without the lock some increments are lost (got ${row!.n} of 40)`);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('the migrations run once when started again, and a second cluster user sees the same schema', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const pool = new pg.Pool({ connectionString: databaseUrl });
    try {
      assert.equal(await migratePostgres(pool), MIGRATIONS.length);
      assert.equal(await migratePostgres(pool), 0);
    } finally {
      await pool.end();
    }
  });

  test('DATABASE_URL must be a postgres:// URL, and the error never repeats it', async () => {
    await assert.rejects(openStorage({ databaseUrl: 'mysql://root:hunter2@db/x', sqlitePath: '' }), (error: Error) => {
      assert.match(error.message, /must start with postgres:\/\//);
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    });
  });
});
