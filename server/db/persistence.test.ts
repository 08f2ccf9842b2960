import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PaymentResult } from '../../src/core/protocol/schemas.js';
import { SqliteStorage } from '../storage/sqlite.js';
import { call, createSession, merchant, pay, startTestServers } from '../test-support.js';

describe('SQLite persistence', () => {
  it('keeps sessions, tokens, payments and idempotency keys across a restart on the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-persist-'));
    try {
      const first = await startTestServers({ dir, sqlite: true });
      const credentials = await createSession(first, { methods: ['card'] });
      const key = randomUUID();
      const created = await pay(credentials, 'card', { key });
      // SQLite's own durability mode, read from the file the storage wraps.
      assert.ok(first.store instanceof SqliteStorage);
      const journal = first.store.database.pragma('journal_mode', { simple: true });
      await first.dispose();
      assert.equal(journal, 'wal');

      const second = await startTestServers({ dir, dbPath: first.dbPath });
      try {
        // New ports, same data: the old token still works against the new listener.
        const moved = { endpoint: `${second.apiUrl}/checkout/v1`, sessionToken: credentials.sessionToken };
        const id = PaymentResult.parse(created.body).id;
        const fetched = await call(moved, 'GET', `/payments/${id}`);
        assert.equal(fetched.status, 200);
        assert.equal(PaymentResult.parse(fetched.body).status, 'succeeded');
        const replay = await pay(moved, 'card', { key });
        assert.deepEqual(replay.body, created.body);
        const listed = await merchant<{ payments: unknown[] }>(second, 'GET', `/sessions/${credentials.sessionId}/payments`);
        assert.equal(listed.body.payments.length, 1);
      } finally {
        await second.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
