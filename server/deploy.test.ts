/** What a load balancer and an operator rely on (docs/deploy.md): health, readiness while draining, and the deployment variables. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deploymentFromEnv } from './config.js';
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
      assert.deepEqual(await ready.json(), { status: 'ready', storage: 'sqlite' });
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
  assert.deepEqual(deploymentFromEnv({}), { host: '127.0.0.1', publicUrls: {}, drainDelayMs: 0 });
  const full = deploymentFromEnv({
    HOST: '0.0.0.0',
    CHECKOUT_KIT_MERCHANT_SECRET: 'm',
    CHECKOUT_KIT_WEBHOOK_SECRET: 'w',
    DATABASE_URL: 'postgres://checkout:pw@db:5432/checkout',
    PUBLIC_API_URL: 'https://pay.example/',
    PUBLIC_STORE_URL: 'https://shop.example',
    CHECKOUT_KIT_DRAIN_DELAY_MS: '5000',
  });
  assert.deepEqual(full, {
    host: '0.0.0.0',
    databaseUrl: 'postgres://checkout:pw@db:5432/checkout',
    publicUrls: { api: 'https://pay.example', store: 'https://shop.example' },
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
});
