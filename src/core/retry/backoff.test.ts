import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_BACKOFF, POLL_BACKOFF, POLL_HINT_BOUNDS, RESEND_BACKOFF, backoffDelay, pollDelay, sleep } from './backoff.js';

describe('backoffDelay', () => {
  it('stays within [ceiling/4, ceiling] with ceiling = min(max, base·2^n)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(DEFAULT_BACKOFF, RESEND_BACKOFF, POLL_BACKOFF), (attempt, random, options) => {
        const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, Math.min(30, attempt)));
        const delay = backoffDelay(attempt, random, options);
        assert.ok(delay >= Math.floor(ceiling / 4) && delay <= ceiling, `${delay} for attempt ${attempt}`);
      }),
    );
  });

  it('grows with the attempt for the same jitter', () => {
    assert.ok(backoffDelay(0, 0.5, RESEND_BACKOFF) < backoffDelay(3, 0.5, RESEND_BACKOFF));
    assert.equal(backoffDelay(50, 1, RESEND_BACKOFF), RESEND_BACKOFF.maxMs);
  });
});

describe('pollDelay', () => {
  it('follows the backend hint within bounds, jittered by at most 10 %', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 10_000_000 }), (poll, random, hint) => {
        const delay = pollDelay(poll, random, hint);
        assert.ok(delay >= POLL_HINT_BOUNDS.minMs && delay <= POLL_HINT_BOUNDS.maxMs);
        if (hint >= POLL_HINT_BOUNDS.minMs * 1.2 && hint <= POLL_HINT_BOUNDS.maxMs / 1.2) {
          assert.ok(Math.abs(delay - hint) <= hint * 0.1 + 1);
        }
      }),
    );
  });

  it('backs off without a hint', () => {
    assert.equal(pollDelay(0, 0.5), backoffDelay(0, 0.5, POLL_BACKOFF));
    assert.equal(pollDelay(10, 1), POLL_BACKOFF.maxMs);
  });
});

describe('sleep', () => {
  it('rejects when aborted', async () => {
    const controller = new AbortController();
    const slept = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(slept, /stop/);
  });
});
