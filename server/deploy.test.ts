/** What a load balancer and an operator rely on (docs/deploy.md): health, readiness while draining, and the deployment variables. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deploymentFromEnv } from './config.js';
import { resolveClientAddress } from './http/rate-limit.js';
import { startTestServers } from './test-support.js';

test('/healthz is live; /readyz is ready on the storage, then 503 while draining; both on the API and the store origin', async () => {
  const servers = await startTestServers();
  try {
    for (const base of [servers.apiUrl, servers.storeUrl]) {
      const live = await fetch(`${base}/healthz`);
      assert.equal(live.status, 200);
      assert.equal(live.headers.get('cache-control'), 'no-store');
      const ready = await fetch(`${base}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready', storage: servers.store.dialect.name });
    }
    servers.startDraining();
    const draining = await fetch(`${servers.apiUrl}/readyz`);
    assert.equal(draining.status, 503);
    assert.deepEqual(await draining.json(), { status: 'draining' });
    // Draining is not down: the instance still answers what is sent to it until it stops.
    assert.equal((await fetch(`${servers.apiUrl}/healthz`)).status, 200);
  } finally {
    await servers.dispose();
  }
});

test('deployment variables: defaults, public URLs, and what is refused', () => {
  assert.deepEqual(deploymentFromEnv({}), { host: '127.0.0.1', publicUrls: {}, trustedProxies: new Set(), drainDelayMs: 0 });
  const full = deploymentFromEnv({
    HOST: '0.0.0.0',
    CHECKOUT_KIT_MERCHANT_SECRET: 'm',
    CHECKOUT_KIT_WEBHOOK_SECRET: 'w',
    DATABASE_URL: 'postgres://checkout:pw@db:5432/checkout',
    PUBLIC_API_URL: 'https://pay.example/',
    PUBLIC_STORE_URL: 'https://shop.example',
    CHECKOUT_KIT_DRAIN_DELAY_MS: '5000',
    CHECKOUT_KIT_TRUSTED_PROXIES: '10.0.0.2, ::ffff:10.0.0.3',
  });
  assert.deepEqual(full, {
    host: '0.0.0.0',
    databaseUrl: 'postgres://checkout:pw@db:5432/checkout',
    publicUrls: { api: 'https://pay.example', store: 'https://shop.example' },
    trustedProxies: new Set(['10.0.0.2', '10.0.0.3']),
    drainDelayMs: 5000,
  });
  // Beyond loopback with the public sandbox secrets anyone could create sessions and forge PSP callbacks.
  assert.throws(() => deploymentFromEnv({ HOST: '0.0.0.0' }), /set CHECKOUT_KIT_MERCHANT_SECRET and CHECKOUT_KIT_WEBHOOK_SECRET first/);
  assert.throws(() => deploymentFromEnv({ HOST: '0.0.0.0', CHECKOUT_KIT_MERCHANT_SECRET: 'm' }), /set CHECKOUT_KIT_WEBHOOK_SECRET first/);
  assert.throws(
    () => deploymentFromEnv({ DATABASE_URL: 'mysql://root:hunter2@db/x' }),
    (error: Error) => /must be a postgres:\/\/ URL/.test(error.message) && !error.message.includes('hunter2'),
  );
  assert.throws(() => deploymentFromEnv({ PUBLIC_API_URL: 'javascript:alert(1)' }), /PUBLIC_API_URL must be an http\(s\) URL/);
  assert.throws(() => deploymentFromEnv({ PUBLIC_STORE_URL: 'https://u:p@shop.example' }), /without credentials/);
  assert.throws(() => deploymentFromEnv({ CHECKOUT_KIT_DRAIN_DELAY_MS: '-1' }), /CHECKOUT_KIT_DRAIN_DELAY_MS/);
  assert.throws(() => deploymentFromEnv({ CHECKOUT_KIT_TRUSTED_PROXIES: 'lb.internal' }), /not an IP address/);
});

test('the client address: X-Forwarded-For only from a trusted proxy, read from the right', () => {
  const proxies = new Set(['10.0.0.2']);
  assert.equal(resolveClientAddress('203.0.113.9', '198.51.100.1', proxies), '203.0.113.9', 'a client cannot pick its own address');
  assert.equal(resolveClientAddress('10.0.0.2', '198.51.100.1', proxies), '198.51.100.1');
  // A client-sent entry on the left is not believed: the proxy appended the real peer on the right.
  assert.equal(resolveClientAddress('::ffff:10.0.0.2', '6.6.6.6, 198.51.100.1', proxies), '198.51.100.1');
  assert.equal(resolveClientAddress('10.0.0.2', '198.51.100.1, 10.0.0.2', proxies), '198.51.100.1');
  assert.equal(resolveClientAddress('10.0.0.2', undefined, proxies), '10.0.0.2');
});

test('rate limits are shared by every instance: a second instance on the same database sees the first one’s count', async () => {
  const { RateLimiter } = await import('./http/rate-limit.js');
  const { freshDatabaseUrl } = await import('../test/shared/postgres.js');
  const { openStorage } = await import('./storage/open.js');
  const databaseUrl = await freshDatabaseUrl();
  const [a, b] = await Promise.all([openStorage({ databaseUrl, sqlitePath: '' }), openStorage({ databaseUrl, sqlitePath: '' })]);
  try {
    let now = 1_000_000;
    const limits = { authFailures: { limit: 1, windowMs: 1 }, storeSessions: { limit: 10, windowMs: 60_000 }, paymentsPerSession: { limit: 1, windowMs: 1 }, paymentsPerClient: { limit: 1, windowMs: 1 } };
    const onA = new RateLimiter(limits, a, () => now);
    const onB = new RateLimiter(limits, b, () => now);
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => (i % 2 ? onA : onB).hit('storeSessions', '198.51.100.1')));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 10, 'ten across both instances, not ten each');
    const refused = results.find((r) => r.status === 'rejected');
    assert.match(String((refused as PromiseRejectedResult).reason.message), /Too many requests/);
    await assert.rejects(onA.assertAllowed('storeSessions', '198.51.100.1'), /Too many requests/);
    now += 60_000;
    await onB.hit('storeSessions', '198.51.100.1');
    assert.equal(await onA.sweep(), 0, 'the fresh window stays');
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
