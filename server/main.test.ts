import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

describe('server/main.ts (npm start)', () => {
  it('prints the store and API URLs, serves them, and exits cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: '0', API_PORT: '0', CARD_PORT: '0', CHECKOUT_KIT_DB: join(dir, 'db.sqlite') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      child.stdout.setEncoding('utf8');
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: string) => {
          output += chunk;
          if (/Checkout API: /.test(output)) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
      });
      await ready;
      const store = /Demo store: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      const api = /Checkout API: (http:\/\/127\.0\.0\.1:\d+)\/checkout\/v1/.exec(output)?.[1];
      assert.ok(store && api, output);
      assert.equal((await fetch(`${store}/store/products`)).status, 200);
      assert.equal((await fetch(`${api}/`)).status, 200);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
