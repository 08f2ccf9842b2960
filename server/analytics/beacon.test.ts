/** Beacons: events with the token in a text/plain body, stored once per id, on both mounts of the checkout API. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { countEvents } from '../db/events.js';
import { createSession, startTestServers, type TestServers } from '../test-support.js';

describe('POST /checkout/v1/events/beacon', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers();
  });
  after(() => servers.dispose());

  /** Sends what `navigator.sendBeacon(url, string)` sends: a text/plain POST without custom headers. */
  const beacon = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  const event = (type = 'payment.succeeded') => ({ id: randomUUID(), type, at: new Date().toISOString(), data: { method: 'card' } });

  it('stores the events of the token’s session, each id once, on the API and the store origin', async () => {
    const credentials = await createSession(servers);
    const events = [event('checkout.viewed'), event()];
    const first = await beacon(`${credentials.endpoint}/events/beacon`, { version: '1', token: credentials.sessionToken, events });
    assert.equal(first.status, 202);
    assert.deepEqual(await first.json(), { accepted: 2 });
    const again = await beacon(`${servers.storeUrl}/api/checkout/v1/events/beacon`, { version: '1', token: credentials.sessionToken, events });
    assert.equal(again.status, 202);
    assert.equal(await countEvents(servers.store, credentials.sessionId), 2);
  });

  it('refuses unknown tokens, other versions, non-JSON and malformed batches, storing nothing', async () => {
    const credentials = await createSession(servers);
    const url = `${credentials.endpoint}/events/beacon`;
    const cases: [unknown, number, string][] = [
      [{ version: '1', token: 'not-a-token', events: [event()] }, 401, 'unauthorized'],
      [{ version: '2', token: credentials.sessionToken, events: [event()] }, 400, 'unsupported_version'],
      ['{not json', 400, 'invalid_request'],
      [{ version: '1', token: credentials.sessionToken, events: [] }, 400, 'invalid_request'],
      [{ version: '1', token: credentials.sessionToken, events: [{ ...event(), type: 'Bad Type' }] }, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await beacon(url, body);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(((await answer.json()) as { error: { code: string } }).error.code, code);
    }
    assert.equal(await countEvents(servers.store, credentials.sessionId), 0);
    assert.equal((await fetch(url)).status, 405);
  });
});
