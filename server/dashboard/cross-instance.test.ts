/**
 * The dashboard behind a load balancer: two whole servers on one Postgres
 * database. A merchant signed in on one instance is signed in on the other,
 * and signing out on either ends it on both (the sign-in lives in the
 * database, not in a process).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshDatabaseUrl } from '../../test/shared/postgres.js';
import { startTestServers, type TestServers } from '../test-support.js';

describe('dashboard sign-in across two instances (Postgres)', () => {
  let first: TestServers;
  let second: TestServers;
  before(async () => {
    const databaseUrl = await freshDatabaseUrl();
    first = await startTestServers({ databaseUrl });
    second = await startTestServers({ databaseUrl });
  });
  after(async () => {
    await first?.dispose();
    await second?.dispose();
  });

  it('holds a sign-in made on one instance on the other, and a sign-out on either ends it', async () => {
    const login = await fetch(`${first.apiUrl}/dashboard/login`, { method: 'POST', body: new URLSearchParams({ secret: first.merchantSecret }), redirect: 'manual' });
    assert.equal(login.status, 303);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    assert.match(cookie, /^ck_dashboard=[A-Za-z0-9_-]{43}$/);
    const page = (servers: TestServers) => fetch(`${servers.apiUrl}/dashboard`, { headers: { Cookie: cookie } });
    assert.equal((await page(second)).status, 200, 'signed in on the other instance');
    assert.equal((await page(first)).status, 200);
    const logout = await fetch(`${second.apiUrl}/dashboard/logout`, { method: 'POST', headers: { Cookie: cookie }, redirect: 'manual' });
    assert.equal(logout.status, 303);
    assert.equal((await page(first)).status, 401, 'signed out on the instance that signed in');
    assert.equal((await page(second)).status, 401);
  });
});
