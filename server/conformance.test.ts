import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { formatResults, runConformance, type ConformanceOptions } from '../test/conformance/conformance.js';
import { createSession, merchant, startTestServers, type TestServers } from './test-support.js';

function run(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/verify-backend.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

describe('conformance of the reference backend (docs/protocol.md)', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers();
  });
  after(() => servers.dispose());

  const options = (): ConformanceOptions => {
    const sessions = new Map<string, string>();
    return {
      endpoint: `${servers.apiUrl}/checkout/v1`,
      origin: servers.storeUrl,
      freshToken: async () => {
        const created = await createSession(servers);
        sessions.set(created.sessionToken, created.sessionId);
        return created.sessionToken;
      },
      revokeToken: async (token) => {
        await merchant(servers, 'POST', `/sessions/${sessions.get(token)}/revoke`);
      },
      // The test servers' clock moves on demand: no waiting.
      expiredToken: async () => {
        const created = await createSession(servers, { ttlSeconds: 1 });
        servers.advance(2_000);
        return created.sessionToken;
      },
      webhook: { url: `${servers.apiUrl}/webhooks/psp`, secret: servers.webhookSecret },
    };
  };

  it('can fail: a webhook receiver that acknowledges anything (no signature, no replay window) is caught', async () => {
    // Stands in for a backend that parses callbacks without verifying them.
    const trusting: typeof fetch = async (input, init) =>
      String(input).endsWith('/webhooks/psp') ? new Response('{"ok":true}', { status: 200, headers: { 'Content-Type': 'application/json' } }) : fetch(input, init);
    const results = await runConformance({ ...options(), fetch: trusting });
    const byId = new Map(results.map((r) => [r.id, r.status]));
    for (const id of ['webhook.bad_signature', 'webhook.tampered', 'webhook.stale', 'webhook.future']) assert.equal(byId.get(id), 'fail', id);
    assert.equal(byId.get('webhook.accepted'), 'pass');
  });

  it('passes every check, none skipped', async () => {
    const results = await runConformance(options());
    assert.ok(results.length >= 19, String(results.length));
    assert.deepEqual(results.filter((r) => r.status !== 'pass'), [], formatResults(results));
  });

  it('passes on the store origin\'s same-origin mount too', async () => {
    const results = await runConformance({ ...options(), endpoint: `${servers.storeUrl}/api/checkout/v1` });
    assert.deepEqual(results.filter((r) => r.status !== 'pass'), [], formatResults(results));
  });

  it('can fail: a backend answering a malformed session and no CORS is caught', async () => {
    const results = await runConformance({
      endpoint: `${servers.apiUrl}/checkout/v1`,
      origin: 'https://not-configured.example',
      freshToken: async () => (await createSession(servers, { faults: { malformed: 'session' } })).sessionToken,
    });
    const byId = new Map(results.map((r) => [r.id, r.status]));
    assert.equal(byId.get('session.shape'), 'fail');
    assert.equal(byId.get('payments.create'), 'skip');
    assert.equal(byId.get('cors.preflight'), 'fail');
    assert.equal(byId.get('auth.unknown'), 'pass');
  });

  it('can fail: a backend that opens a second payment per tab or cannot cancel is caught', async () => {
    const keys = new Set<string>();
    // Stands in for a backend with per-key idempotency only: each new key gets its own payment id, and no cancel route.
    const leaky: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/cancel')) {
        return new Response(JSON.stringify({ error: { code: 'not_found', message: 'no route' } }), { status: 404, headers: { 'Content-Type': 'application/json' } });
      }
      const response = await fetch(input, init);
      const key = new Headers(init?.headers).get('Idempotency-Key');
      if (init?.method !== 'POST' || !url.endsWith('/payments') || !key || !response.ok) return response;
      keys.add(key);
      const body = (await response.json()) as { id: string };
      return new Response(JSON.stringify({ ...body, id: `${body.id}_${keys.size}` }), { status: 201, headers: { 'Content-Type': 'application/json' } });
    };
    const results = await runConformance({ ...options(), fetch: leaky });
    const byId = new Map(results.map((r) => [r.id, r.status]));
    assert.equal(byId.get('payments.create'), 'pass');
    assert.equal(byId.get('payments.one_live'), 'fail');
    assert.equal(byId.get('payments.cancel'), 'fail');
    assert.equal(byId.get('payments.cancel_repeat'), 'skip');
  });

  it('npm run verify-backend: exit 0 and a table against the reference, with --merchant', async () => {
    const token = (await createSession(servers)).sessionToken;
    const { code, stdout } = await run([
      `${servers.apiUrl}/checkout/v1`, '--token', token, '--origin', servers.storeUrl,
      '--merchant', `${servers.apiUrl}/merchant/v1`, '--secret', servers.merchantSecret,
      '--webhook', `${servers.apiUrl}/webhooks/psp`, '--webhook-secret', servers.webhookSecret,
    ]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /PASS {2}payments\.replay/);
    assert.match(stdout, /0 failed, 0 skipped/);
  });

  it('npm run verify-backend: exit 1 when a check fails, 2 on bad usage', async () => {
    const token = (await createSession(servers)).sessionToken;
    const failing = await run([`${servers.apiUrl}/wrong/v1`, '--token', token]);
    assert.equal(failing.code, 1, failing.stdout);
    assert.match(failing.stdout, /FAIL {2}session\.shape/);
    assert.equal((await run([])).code, 2);
  });
});
