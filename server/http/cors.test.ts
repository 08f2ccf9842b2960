import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowedOriginsFromEnv } from '../config.js';
import { createSession, startTestServers, type TestServers } from '../test-support.js';

describe('CORS on the checkout API', () => {
  let servers: TestServers;
  const extra = 'https://shop.example';
  before(async () => {
    servers = await startTestServers({ extraStoreOrigins: [extra] });
  });
  after(() => servers.dispose());

  const preflight = (url: string, origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key,checkout-kit-version',
      },
    });

  for (const which of ['store origin', 'extra origin'] as const) {
    it(`answers the preflight for the configured ${which}`, async () => {
      const origin = which === 'store origin' ? servers.storeUrl : extra;
      const response = await preflight(`${servers.apiUrl}/checkout/v1/payments`, origin);
      assert.ok(response.status === 204 || response.status === 200, String(response.status));
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
      const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
      for (const header of ['authorization', 'content-type', 'idempotency-key', 'checkout-kit-version']) {
        assert.ok(allowed.includes(header), `${header} in ${allowed.join(',')}`);
      }
      assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.equal(response.headers.get('access-control-allow-credentials'), null);
    });
  }

  it('adds Access-Control-Allow-Origin to real responses, errors included, for a configured origin', async () => {
    const credentials = await createSession(servers);
    const ok = await fetch(`${credentials.endpoint}/session`, {
      headers: { Origin: servers.storeUrl, Authorization: `Bearer ${credentials.sessionToken}`, 'Checkout-Kit-Version': '1' },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), servers.storeUrl);
    const denied = await fetch(`${credentials.endpoint}/session`, { headers: { Origin: servers.storeUrl } });
    assert.equal(denied.status, 400);
    assert.equal(denied.headers.get('access-control-allow-origin'), servers.storeUrl);
  });

  it('treats localhost and 127.0.0.1 of the store port as the same store', async () => {
    const localhost = servers.storeUrl.replace('127.0.0.1', 'localhost');
    const response = await preflight(`${servers.apiUrl}/checkout/v1/session`, localhost);
    assert.equal(response.headers.get('access-control-allow-origin'), localhost);
  });

  it('gives other origins no CORS headers, on the preflight and on real requests', async () => {
    const credentials = await createSession(servers);
    for (const origin of ['https://evil.example', 'http://127.0.0.1:1', 'null']) {
      const response = await preflight(`${servers.apiUrl}/checkout/v1/payments`, origin);
      assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
      assert.equal(response.headers.get('access-control-allow-headers'), null, origin);
      const real = await fetch(`${credentials.endpoint}/session`, {
        headers: { Origin: origin, Authorization: `Bearer ${credentials.sessionToken}`, 'Checkout-Kit-Version': '1' },
      });
      assert.equal(real.headers.get('access-control-allow-origin'), null, origin);
    }
  });

  it('does not open the merchant API to browsers', async () => {
    const response = await preflight(`${servers.apiUrl}/merchant/v1/sessions`, servers.storeUrl);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('CHECKOUT_KIT_ALLOWED_ORIGINS', () => {
  const parse = (value: string | undefined) => allowedOriginsFromEnv(value === undefined ? {} : { CHECKOUT_KIT_ALLOWED_ORIGINS: value });

  it('allows no further origin when unset or empty', () => {
    assert.deepEqual(parse(undefined), []);
    assert.deepEqual(parse(''), []);
    assert.deepEqual(parse(' , '), []);
  });

  it('reads comma-separated exact origins, spaces and empty entries ignored', () => {
    assert.deepEqual(parse('http://localhost:3000, https://shop.example,,http://127.0.0.1:5174 '), [
      'http://localhost:3000',
      'https://shop.example',
      'http://127.0.0.1:5174',
    ]);
  });

  const malformed: [string, RegExp][] = [
    ['*', /not an origin/],
    ['localhost:3000', /not an http\(s\) origin/],
    ['shop.example', /not an origin/],
    ['ftp://shop.example', /not an http\(s\) origin/],
    ['https://shop.example/', /write https:\/\/shop\.example\./],
    ['https://shop.example/checkout', /not an exact origin/],
    ['https://shop.example?x=1', /not an exact origin/],
    ['https://SHOP.example', /write https:\/\/shop\.example\./],
    ['https://shop.example:443', /write https:\/\/shop\.example\./],
    ['https://user:secret@shop.example', /contains credentials/],
  ];
  for (const [entry, reason] of malformed) {
    it(`rejects ${JSON.stringify(entry)} naming the variable and the entry`, () => {
      assert.throws(
        () => parse(`http://localhost:3000,${entry}`),
        (error: Error) => {
          assert.match(error.message, /^CHECKOUT_KIT_ALLOWED_ORIGINS: /);
          assert.ok(error.message.includes(`"${entry}"`), error.message);
          assert.match(error.message, reason);
          return true;
        },
      );
    });
  }

  /** Starts `npm start`'s server (server/main.ts) on free ports with `env` added; resolves on its URLs or its exit. */
  async function startMain(env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'ck-cors-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: '0', API_PORT: '0', CARD_PORT: '0', CHECKOUT_KIT_DB: join(dir, 'db.sqlite'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = once(child, 'exit') as Promise<[number | null]>;
    const started = await Promise.race([
      new Promise<true>((resolve) => child.stdout.on('data', () => /Checkout API: /.test(stdout) && resolve(true))),
      exited.then(() => false as const),
    ]);
    return {
      started,
      exited,
      output: () => ({ stdout, stderr }),
      /** Resolves once stdout matches `pattern` (start-up lines arrive in several chunks), false if it exits first. */
      printed: (pattern: RegExp) =>
        Promise.race([
          new Promise<true>((resolve) => {
            const check = () => pattern.test(stdout) && resolve(true);
            check();
            child.stdout.on('data', check);
          }),
          exited.then(() => pattern.test(stdout)),
        ]),
      api: /Checkout API: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout)?.[1],
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  it('opens the checkout API of `npm start` to a listed origin only', async () => {
    const main = await startMain({ CHECKOUT_KIT_ALLOWED_ORIGINS: 'http://localhost:3000,https://shop.example' });
    try {
      assert.ok(main.started && main.api, JSON.stringify(main.output()));
      // The sandbox-secret notice is the start-up's last line here: once it is in, every line before it is.
      assert.ok(await main.printed(/Using the public sandbox merchant secret/), JSON.stringify(main.output()));
      assert.match(main.output().stdout, /CORS also allows: http:\/\/localhost:3000, https:\/\/shop\.example/);
      const preflight = (origin: string) =>
        fetch(`${main.api}/checkout/v1/payments`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
        });
      for (const origin of ['http://localhost:3000', 'https://shop.example']) {
        assert.equal((await preflight(origin)).headers.get('access-control-allow-origin'), origin);
      }
      for (const origin of ['http://localhost:3001', 'https://shop.example.evil', 'http://shop.example']) {
        const response = await preflight(origin);
        assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
        assert.equal(response.headers.get('access-control-allow-headers'), null, origin);
      }
    } finally {
      await main.stop();
    }
  });

  it('stops `npm start` before listening when an entry is malformed, saying which and why', async () => {
    const main = await startMain({ CHECKOUT_KIT_ALLOWED_ORIGINS: 'http://localhost:3000/' });
    try {
      assert.equal(main.started, false);
      const [code] = await main.exited;
      assert.equal(code, 1);
      const { stdout, stderr } = main.output();
      assert.doesNotMatch(stdout, /Demo store/);
      assert.match(stderr, /CHECKOUT_KIT_ALLOWED_ORIGINS: "http:\/\/localhost:3000\/" is not an exact origin .*write http:\/\/localhost:3000\./);
    } finally {
      await main.stop();
    }
  });
});
