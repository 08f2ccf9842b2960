import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
