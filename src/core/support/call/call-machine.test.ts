import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Clock } from '../transport.js';
import { CallMachine, type CallCommand, type CallState } from './call-machine.js';
import { DEFAULT_RECONNECT_POLICY, longestRecoveryMs, nextRecovery } from './reconnect-policy.js';

/** A clock that moves only when the test says so. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = next++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
  };
}

function setup(role: 'offerer' | 'answerer', random = () => 0.5) {
  const clock = manualClock();
  const states: CallState[] = [];
  const commands: CallCommand[] = [];
  const machine = new CallMachine({ role, clock, random, onChange: (s) => states.push(s), onCommand: (c) => commands.push(c) });
  return { clock, states, commands, machine };
}

describe('nextRecovery', () => {
  it('restarts ICE first, then fresh connections with equal-jitter delays that double, then gives up', () => {
    const p = DEFAULT_RECONNECT_POLICY;
    assert.deepEqual(nextRecovery(p, { iceRestarts: 0, freshConnections: 0 }, () => 0), { step: 'ice-restart' });
    assert.deepEqual(nextRecovery(p, { iceRestarts: 1, freshConnections: 0 }, () => 0), { step: 'new-connection', delayMs: 500 });
    assert.deepEqual(nextRecovery(p, { iceRestarts: 1, freshConnections: 0 }, () => 1), { step: 'new-connection', delayMs: 1000 });
    assert.deepEqual(nextRecovery(p, { iceRestarts: 1, freshConnections: 2 }, () => 0.5), { step: 'new-connection', delayMs: 3000 });
    assert.deepEqual(nextRecovery(p, { iceRestarts: 1, freshConnections: 3 }, () => 0.5), { step: 'give-up' });
  });

  it('keeps a broken random source inside the ceiling', () => {
    const step = nextRecovery(DEFAULT_RECONNECT_POLICY, { iceRestarts: 1, freshConnections: 0 }, () => 7);
    assert.deepEqual(step, { step: 'new-connection', delayMs: 1000 });
  });
});

describe('CallMachine', () => {
  it('rings, connects and ends on hang-up with a teardown that tells the other side', () => {
    const { machine, commands } = setup('offerer');
    machine.dispatch({ type: 'dial', callId: 'c1', video: true });
    assert.equal(machine.state.phase, 'ringing');
    machine.dispatch({ type: 'accepted' });
    assert.deepEqual(machine.state, { phase: 'connecting', callId: 'c1', generation: 0 });
    machine.dispatch({ type: 'connected' });
    assert.equal(machine.state.phase, 'in-call');
    machine.dispatch({ type: 'hang-up' });
    assert.deepEqual(machine.state, { phase: 'ended', callId: 'c1', reason: 'hung-up' });
    assert.deepEqual(commands, [{ do: 'connect', generation: 0 }, { do: 'teardown', notify: 'hung-up' }]);
  });

  it('ends an unanswered call as no-answer after the ring timeout, and declining an incoming call says declined', () => {
    const a = setup('offerer');
    a.machine.dispatch({ type: 'dial', callId: 'c1', video: true });
    a.clock.advance(44_999);
    assert.equal(a.machine.state.phase, 'ringing');
    a.clock.advance(1);
    assert.deepEqual(a.machine.state, { phase: 'ended', callId: 'c1', reason: 'no-answer' });
    // A callee that rang out (another tab took the call) ends quietly, telling the caller nothing.
    const quiet = setup('answerer');
    quiet.machine.dispatch({ type: 'invited', callId: 'c3', video: true });
    quiet.clock.advance(45_000);
    assert.deepEqual(quiet.commands.at(-1), { do: 'teardown', notify: null });
    const b = setup('answerer');
    b.machine.dispatch({ type: 'invited', callId: 'c2', video: true });
    b.machine.dispatch({ type: 'hang-up' });
    assert.deepEqual(b.machine.state, { phase: 'ended', callId: 'c2', reason: 'declined' });
    assert.deepEqual(b.commands.at(-1), { do: 'teardown', notify: 'declined' });
  });

  it('maps media failures to their own failed states and stops everything', () => {
    for (const reason of ['permission-refused', 'no-device', 'device-in-use'] as const) {
      const { machine, commands } = setup('answerer');
      machine.dispatch({ type: 'invited', callId: 'c1', video: true });
      machine.dispatch({ type: 'media-failed', reason });
      assert.deepEqual(machine.state, { phase: 'failed', callId: 'c1', reason });
      assert.deepEqual(commands.at(-1), { do: 'teardown', notify: reason });
    }
  });

  it('recovers a drop with an ICE restart when that is enough', () => {
    const { machine, commands, clock } = setup('offerer');
    machine.dispatch({ type: 'dial', callId: 'c1', video: true });
    machine.dispatch({ type: 'accepted' });
    machine.dispatch({ type: 'connected' });
    machine.dispatch({ type: 'lost' });
    assert.deepEqual(machine.state, { phase: 'reconnecting', callId: 'c1', generation: 0, step: 'ice-restart', attempt: 1 });
    assert.deepEqual(commands.at(-1), { do: 'restart-ice' });
    clock.advance(3_000);
    machine.dispatch({ type: 'connected' });
    assert.equal(machine.state.phase, 'in-call');
    // Nothing left over: a later timer must not touch the recovered call.
    clock.advance(60_000);
    assert.equal((machine.state as CallState).phase, 'in-call');
  });

  it('tries fresh connections with jittered backoff after a failed ICE restart, then fails as dropped', () => {
    const { machine, commands, clock } = setup('offerer', () => 0);
    machine.dispatch({ type: 'dial', callId: 'c1', video: false });
    machine.dispatch({ type: 'accepted' });
    machine.dispatch({ type: 'connected' });
    machine.dispatch({ type: 'lost' });
    clock.advance(6_000); // the ICE restart did not reconnect
    assert.deepEqual(machine.state, { phase: 'reconnecting', callId: 'c1', generation: 0, step: 'new-connection', attempt: 1 });
    clock.advance(499);
    assert.notDeepEqual(commands.at(-1), { do: 'connect', generation: 1 });
    clock.advance(1); // 500 ms: half the 1 s ceiling with random() = 0
    assert.deepEqual(commands.at(-1), { do: 'connect', generation: 1 });
    clock.advance(15_000 + 1_000); // connect timeout, then 2 s ceiling / 2
    assert.deepEqual(commands.at(-1), { do: 'connect', generation: 2 });
    clock.advance(15_000 + 2_000);
    assert.deepEqual(commands.at(-1), { do: 'connect', generation: 3 });
    assert.equal(machine.state.phase, 'reconnecting');
    clock.advance(15_000);
    assert.deepEqual(machine.state, { phase: 'failed', callId: 'c1', reason: 'dropped' });
    assert.deepEqual(commands.at(-1), { do: 'teardown', notify: 'dropped' });
    assert.equal(commands.filter((c) => c.do === 'restart-ice').length, 1);
  });

  it('a fresh connection that connects resets the budget for the next drop', () => {
    const { machine, commands, clock } = setup('offerer', () => 0);
    machine.dispatch({ type: 'dial', callId: 'c1', video: false });
    machine.dispatch({ type: 'accepted' });
    machine.dispatch({ type: 'connected' });
    machine.dispatch({ type: 'lost' });
    clock.advance(6_500);
    machine.dispatch({ type: 'connected' });
    assert.deepEqual(machine.state, { phase: 'in-call', callId: 'c1', generation: 1, since: 6_500 });
    machine.dispatch({ type: 'lost' });
    assert.deepEqual(commands.at(-1), { do: 'restart-ice' });
  });

  it('the answerer follows the offerer\'s fresh connections and gives up only after the longest recovery', () => {
    const { machine, commands, clock } = setup('answerer');
    machine.dispatch({ type: 'invited', callId: 'c1', video: true });
    machine.dispatch({ type: 'accepted' });
    machine.dispatch({ type: 'connected' });
    machine.dispatch({ type: 'lost' });
    assert.equal(machine.state.phase, 'reconnecting');
    assert.deepEqual(commands, [{ do: 'connect', generation: 0 }]); // it does not offer
    machine.dispatch({ type: 'offered', generation: 1 });
    assert.deepEqual(commands.at(-1), { do: 'connect', generation: 1 });
    machine.dispatch({ type: 'offered', generation: 1 }); // a repeated offer builds nothing twice
    assert.equal(commands.length, 2);
    clock.advance(longestRecoveryMs(DEFAULT_RECONNECT_POLICY) + 5_000);
    assert.deepEqual(machine.state, { phase: 'failed', callId: 'c1', reason: 'dropped' });
  });

  it('maps the other side\'s hang-up reasons, and ignores late or repeated events', () => {
    const cases = [
      ['hung-up', { phase: 'ended', reason: 'remote-hung-up' }],
      ['page-closed', { phase: 'ended', reason: 'peer-left' }],
      ['declined', { phase: 'ended', reason: 'declined' }],
      ['dropped', { phase: 'failed', reason: 'dropped' }],
    ] as const;
    for (const [reason, expected] of cases) {
      const { machine, commands } = setup('answerer');
      machine.dispatch({ type: 'invited', callId: 'c1', video: true });
      machine.dispatch({ type: 'accepted' });
      machine.dispatch({ type: 'remote-hang-up', reason });
      assert.deepEqual(machine.state, { callId: 'c1', ...expected });
      assert.deepEqual(commands.at(-1), { do: 'teardown', notify: null });
      machine.dispatch({ type: 'connected' });
      machine.dispatch({ type: 'hang-up' });
      assert.equal(commands.length, 2);
    }
    const { machine } = setup('offerer');
    machine.dispatch({ type: 'connected' });
    machine.dispatch({ type: 'accepted' });
    assert.equal(machine.state.phase, 'idle');
  });

  it('reset() returns a finished call to idle, never an active one', () => {
    const { machine } = setup('offerer');
    machine.dispatch({ type: 'dial', callId: 'c1', video: true });
    machine.reset();
    assert.equal(machine.state.phase, 'ringing');
    machine.dispatch({ type: 'hang-up' });
    machine.reset();
    assert.equal(machine.state.phase, 'idle');
  });
});
