/** The analytics outbox on a controlled clock: batching, timer, backoff, reload, beacon, consent. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalyticsEvent } from '../protocol/events.schema.js';
import { AnalyticsQueue, type AnalyticsConsent, type SendOutcome } from './queue.js';

/** A clock whose time only moves when the test says so. */
class TestClock {
  time = Date.parse('2026-12-02T10:00:00Z');
  timers: { at: number; run: () => void; id: number }[] = [];
  #next = 1;
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = this.#next++;
    this.timers.push({ at: this.time + ms, run, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  };
  /** Moves time forward, running due timers in order, and lets their promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    const settle = async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
    };
    await settle();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.run();
      await settle();
    }
    this.time = end;
  }
}

function setup(options: { outcomes?: SendOutcome[]; stored?: AnalyticsEvent[]; consent?: AnalyticsConsent; beacon?: boolean } = {}) {
  const clock = new TestClock();
  const sent: AnalyticsEvent[][] = [];
  const beacons: AnalyticsEvent[][] = [];
  const outcomes = [...(options.outcomes ?? [])];
  let stored: AnalyticsEvent[] = options.stored ?? [];
  let n = 0;
  const queue = new AnalyticsQueue({
    clock,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    consent: options.consent,
    random: () => 0.5,
    transport: {
      send: (events) => {
        sent.push([...events]);
        return Promise.resolve(outcomes.shift() ?? 'sent');
      },
      beacon: (events) => {
        beacons.push([...events]);
        return options.beacon ?? true;
      },
    },
    storage: { load: () => stored, save: (events) => (stored = [...events]) },
  });
  return { queue, clock, sent, beacons, stored: () => stored };
}

describe('AnalyticsQueue', () => {
  it('batches what happens together and sends it once the flush interval passed, with ids and timestamps', async () => {
    const { queue, clock, sent, stored } = setup();
    queue.track('checkout.viewed', { country: 'ID' });
    await clock.advance(1_000);
    queue.track('methods.shown', { methods: 'gopay,card' });
    await clock.advance(3_999);
    assert.equal(sent.length, 0);
    await clock.advance(1);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0]!.map((e) => [e.type, e.at]), [
      ['checkout.viewed', '2026-12-02T10:00:00.000Z'],
      ['methods.shown', '2026-12-02T10:00:01.000Z'],
    ]);
    assert.equal(new Set(sent[0]!.map((e) => e.id)).size, 2);
    assert.deepEqual(stored(), []);
  });

  it('sends at once when a full batch of 100 is waiting, then everything queued meanwhile, in batches of at most 100', async () => {
    const { queue, clock, sent } = setup();
    for (let i = 0; i < 99; i++) queue.track('method.selected', { position: i });
    await clock.advance(0);
    assert.equal(sent.length, 0);
    for (let i = 99; i < 250; i++) queue.track('method.selected', { position: i });
    await clock.advance(0);
    assert.deepEqual(sent.map((b) => b.length), [100, 100, 50]);
    assert.deepEqual(sent.flat().map((e) => e.data?.['position']), Array.from({ length: 250 }, (_, i) => i));
  });

  it('retries a failed batch with growing backoff and keeps it stored meanwhile; a rejected batch is dropped', async () => {
    const { queue, clock, sent, stored } = setup({ outcomes: ['retry', 'retry', 'sent'] });
    queue.track('payment.submitted', { method: 'card' });
    await clock.advance(5_000);
    assert.equal(sent.length, 1);
    assert.equal(stored().length, 1);
    // Full-jitter backoff at random 0.5: 0.625 × 2 s, then 0.625 × 4 s.
    await clock.advance(1_249);
    assert.equal(sent.length, 1, 'no retry before the first backoff');
    await clock.advance(1);
    assert.equal(sent.length, 2);
    await clock.advance(2_499);
    assert.equal(sent.length, 2);
    await clock.advance(1);
    assert.equal(sent.length, 3);
    assert.deepEqual(stored(), []);
    const rejected = setup({ outcomes: ['rejected'] });
    rejected.queue.track('x.y');
    await rejected.clock.advance(5_000);
    await rejected.clock.advance(600_000);
    assert.equal(rejected.sent.length, 1);
    assert.deepEqual(rejected.stored(), []);
  });

  it('sends, after a reload, what the previous page stored, with the same ids (stored once by the backend)', async () => {
    const first = setup({ outcomes: ['retry'] });
    first.queue.track('payment.succeeded', { method: 'gopay' });
    await first.clock.advance(5_000);
    const left = first.stored();
    assert.equal(left.length, 1);
    const second = setup({ stored: left });
    await second.clock.advance(5_000);
    assert.deepEqual(second.sent[0]!.map((e) => e.id), left.map((e) => e.id));
  });

  it('hands everything to the beacon when the page is hidden, keeping it stored until confirmed', () => {
    const { queue, beacons, sent, stored } = setup();
    for (let i = 0; i < 120; i++) queue.track('method.selected');
    assert.deepEqual([sent.length], [1]); // the first full batch went at once
    queue.pageHidden();
    assert.deepEqual(beacons.map((b) => b.length), [100, 20]);
    assert.equal(queue.pending.length, 0);
    assert.equal(stored().length, 120, 'a beacon is not a confirmation: the events wait for the next page');
    const refused = setup({ beacon: false });
    refused.queue.track('a.b');
    refused.queue.pageHidden();
    assert.equal(refused.queue.pending.length, 1);
  });

  it('holds events in memory while consent is pending, sends them once granted, forgets all when denied', async () => {
    const pending = setup({ consent: 'pending' });
    pending.queue.track('checkout.viewed');
    await pending.clock.advance(60_000);
    assert.deepEqual([pending.sent.length, pending.stored().length], [0, 0]);
    pending.queue.pageHidden();
    assert.equal(pending.beacons.length, 0);
    pending.queue.setConsent('granted');
    await pending.clock.advance(5_000);
    assert.deepEqual(pending.sent.map((b) => b.map((e) => e.type)), [['checkout.viewed']]);

    const denied = setup({ consent: 'pending', stored: [{ id: '00000000-0000-4000-8000-00000000000a', type: 'x.y', at: '2026-12-02T09:00:00.000Z' }] });
    denied.queue.track('checkout.viewed');
    denied.queue.setConsent('denied');
    assert.equal(denied.queue.track('methods.shown'), null);
    await denied.clock.advance(60_000);
    assert.deepEqual([denied.sent.length, denied.stored().length, denied.queue.pending.length], [0, 0, 0]);
  });

  it('treats a transport that throws as a transient failure', async () => {
    const clock = new TestClock();
    let calls = 0;
    const queue = new AnalyticsQueue({
      clock,
      newId: () => '00000000-0000-4000-8000-000000000001',
      random: () => 0.5,
      transport: { send: () => (calls++ ? Promise.resolve('sent' as const) : Promise.reject(new Error('boom'))), beacon: () => true },
      storage: { load: () => [], save: () => undefined },
    });
    queue.track('a.b');
    await clock.advance(5_000);
    assert.equal(queue.pending.length, 1);
    await clock.advance(2_000);
    assert.deepEqual([calls, queue.pending.length], [2, 0]);
  });
});
