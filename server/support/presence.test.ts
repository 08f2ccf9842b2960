/**
 * Other instances' presence (presence.ts) with an injected clock: reports
 * replace each other, a buyer delta counts, an instance that stops reporting
 * is forgotten after the TTL, and `bye` forgets at once — each change reported
 * as what this instance must re-announce.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRESENCE_TTL_MS, RemotePresence, type PresenceChange } from './presence.js';

describe('RemotePresence', () => {
  it('counts reports until they expire, tells what changed, forgets on bye', () => {
    let now = 1_000_000;
    const changes: PresenceChange[] = [];
    const remote = new RemotePresence((change) => changes.push(change), () => now);
    remote.report('B', new Map([['ana', 'online']]), new Set(['cv_1']));
    assert.deepEqual(changes.splice(0), [{ agents: true, conversations: ['cv_1'] }]);
    assert.deepEqual([...remote.agents()], [['ana', 'online']]);
    assert.equal(remote.hasBuyer('cv_1'), true);

    // The same report again changes nothing; away is a change of the agent list.
    remote.report('B', new Map([['ana', 'online']]), new Set(['cv_1']));
    remote.report('B', new Map([['ana', 'away']]), new Set(['cv_1']));
    assert.deepEqual(changes.splice(0), [{ agents: true, conversations: [] }]);

    remote.buyer('C', 'cv_2', true);
    assert.equal(remote.hasBuyer('cv_2'), true);
    remote.buyer('C', 'cv_2', false);
    assert.equal(remote.hasBuyer('cv_2'), false);

    // B stops reporting: still counted just before the TTL, gone after it.
    now += PRESENCE_TTL_MS - 1;
    remote.expire();
    assert.equal(remote.hasBuyer('cv_1'), true);
    now += 1;
    assert.equal(remote.hasBuyer('cv_1'), false, 'an expired report no longer counts, even before expire() runs');
    remote.expire();
    assert.deepEqual(changes.splice(0), [{ agents: true, conversations: ['cv_1'] }]);
    assert.deepEqual([...remote.agents()], []);

    remote.report('D', new Map([['ben', 'online']]), new Set());
    changes.length = 0;
    remote.forget('D');
    assert.deepEqual(changes, [{ agents: true, conversations: [] }]);
    assert.deepEqual([...remote.agents()], []);
  });
});
