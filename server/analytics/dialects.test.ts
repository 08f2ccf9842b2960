/**
 * The dashboard's figures do not depend on the database: the same events and
 * payment attempts loaded into SQLite and into Postgres give the same exposure
 * rows (checked against a plain-JavaScript reading of the events), the same
 * experiment report and the same monitoring board and alerts. The events carry
 * what browsers may send: reloaded exposures, several experiments per
 * session, non-string variants, amounts that are strings or booleans, equal
 * and differently precise client timestamps.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ExperimentDefinition } from '../../src/core/protocol/bucketing.js';
import type { AnalyticsEvent } from '../../src/core/protocol/schemas.js';
import { freshDatabaseUrl } from '../../test/shared/postgres.js';
import { attemptRows, exposureRows, type ExposureRow } from '../db/analytics.js';
import { insertEvents } from '../db/events.js';
import { haltRollout, listRollouts, outcomeCounts, putPlan, putRollout } from '../db/experiments.js';
import { markDegraded, saveAlertSettings } from '../db/monitoring.js';
import { openStorage } from '../storage/open.js';
import type { Storage } from '../storage/storage.js';
import { insertAttempts, insertBareSession } from './fixtures.js';
import { buildBoard, degradedKeys, evaluateMonitoring, WINDOW_MS } from './monitoring.js';
import { experimentReports } from './report.js';
import { seededRandom } from './stats/simulation.js';

const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 10, 20, 9, 0, 0);
const EXPERIMENT: ExperimentDefinition = { key: 'gopay-first', variants: [{ key: 'control' }, { key: 'gopay', order: ['gopay'] }] };

interface Batch {
  session: string;
  receivedAt: number;
  events: AnalyticsEvent[];
}

/** Deterministic sessions with the odd data browsers may send. */
function generate(): Batch[] {
  const random = seededRandom(11);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const batches: Batch[] = [];
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  // Client timestamps: whole seconds and milliseconds mixed, so text order and time order differ.
  const iso = (ms: number) => (random() < 0.3 ? new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z') : new Date(ms).toISOString());
  for (let i = 0; i < 240; i++) {
    const session = `cs_${pick(['a', 'B', 'c_', 'D-'])}${String(i).padStart(4, '0')}`;
    const day = START + Math.floor(random() * 5) * DAY;
    const variant = random() < 0.5 ? 'control' : 'gopay';
    const events: AnalyticsEvent[] = [{ id: id(), type: 'checkout.viewed', at: iso(day), data: { country: 'ID' } }];
    const exposures = random() < 0.2 ? 2 : 1;
    for (let e = 0; e < exposures; e++) events.push({ id: id(), type: 'experiment.exposed', at: iso(day + 300 - e * 100), data: { experiment: EXPERIMENT.key, variant } });
    if (random() < 0.15) events.push({ id: id(), type: 'experiment.exposed', at: iso(day + 350), data: { experiment: 'client-side', variant: pick(['a', 'b', '<b>', '=1+1']) } });
    if (random() < 0.05) events.push({ id: id(), type: 'experiment.exposed', at: iso(day + 360), data: { experiment: EXPERIMENT.key, variant: pick([7, true, null]) } });
    if (random() < 0.03) events.push({ id: id(), type: 'experiment.exposed', at: iso(day + 370) });
    const submitted = Math.floor(random() * 3);
    for (let s = 0; s < submitted; s++) events.push({ id: id(), type: 'payment.submitted', at: iso(day + 5000 + s), data: { method: 'gopay', attempt: s + 1 } });
    if (random() < 0.3) events.push({ id: id(), type: 'payment.failed', at: iso(day + 6000), data: { method: 'gopay', code: 'issuer_unavailable', attempt: 1 } });
    const pays = random() < (variant === 'gopay' ? 0.45 : 0.3);
    if (pays) {
      const at = day + 9000 + Math.floor(random() * 30_000);
      const amount = pick<string | number | boolean>([1000, 1000, 2500, 2500.5, '1000', true]);
      const currency = pick<string | number>(['EUR', 'EUR', 'EUR', 'IDR', 3]);
      events.push({ id: id(), type: 'payment.succeeded', at: iso(at), data: { method: 'gopay', amount, currency } });
      // A second success: sometimes at the very same client time (the first stored wins), sometimes earlier.
      if (random() < 0.2) events.push({ id: id(), type: 'payment.succeeded', at: iso(at - pick([0, 0, 5000])), data: { method: 'gopay', amount: 4000, currency: 'EUR' } });
    }
    // Re-sent: part of the batch arrives again later (stored once, earliest arrival kept).
    batches.push({ session, receivedAt: day + 1000, events });
    if (random() < 0.1) batches.push({ session, receivedAt: day + DAY, events: events.slice(0, 2) });
  }
  return batches;
}

/** The exposure rows read straight from the events in JavaScript: what the SQL must agree with. */
async function expectedExposures(db: Storage): Promise<ExposureRow[]> {
  const rows = await db.all<{ session_id: string; type: string; at: string; data_json: string | null; received_at: number; rowid: number }>(
    'SELECT session_id, type, at, data_json, received_at, rowid FROM events ORDER BY rowid',
  );
  rows.sort((x, y) => (x.session_id < y.session_id ? -1 : x.session_id > y.session_id ? 1 : x.rowid - y.rowid));
  const data = (row: { data_json: string | null }) => (row.data_json ? (JSON.parse(row.data_json) as Record<string, unknown>) : {});
  const counts = { submitted: new Map<string, number>(), failed: new Map<string, number>() };
  const paid = new Map<string, { at: string; amount: number | null; currency: string | null }>();
  for (const row of rows) {
    if (row.type === 'payment.submitted') counts.submitted.set(row.session_id, (counts.submitted.get(row.session_id) ?? 0) + 1);
    if (row.type === 'payment.failed') counts.failed.set(row.session_id, (counts.failed.get(row.session_id) ?? 0) + 1);
    if (row.type !== 'payment.succeeded') continue;
    const earlier = paid.get(row.session_id);
    if (earlier && earlier.at <= row.at) continue;
    const { amount, currency } = data(row);
    paid.set(row.session_id, { at: row.at, amount: typeof amount === 'number' ? amount : null, currency: typeof currency === 'string' ? currency : null });
  }
  const exposures = new Map<string, ExposureRow>();
  for (const row of rows) {
    if (row.type !== 'experiment.exposed') continue;
    const { experiment, variant } = data(row);
    if (typeof experiment !== 'string' || typeof variant !== 'string') continue;
    const key = JSON.stringify([row.session_id, experiment, variant]);
    const earlier = exposures.get(key);
    if (earlier) {
      earlier.receivedAt = Math.min(earlier.receivedAt, row.received_at);
      if (row.at < earlier.exposedAt) earlier.exposedAt = row.at;
      continue;
    }
    const success = paid.get(row.session_id);
    exposures.set(key, {
      experiment,
      variant,
      receivedAt: row.received_at,
      exposedAt: row.at,
      paidAt: success?.at ?? null,
      amount: success?.amount ?? null,
      currency: success?.currency ?? null,
      submitted: counts.submitted.get(row.session_id) ?? 0,
      failed: counts.failed.get(row.session_id) ?? 0,
    });
  }
  return [...exposures.values()];
}

async function load(db: Storage, batches: readonly Batch[]): Promise<void> {
  for (const { session, receivedAt, events } of batches) {
    await insertBareSession(db, session, 'ID', receivedAt);
    await insertEvents(db, session, events, receivedAt);
  }
  await putPlan(db, EXPERIMENT.key, { minimumDetectableEffect: 0.2, alpha: 0.05, power: 0.8 }, START);
  // An hour of attempts: gopay ID bad in the last two closed windows, ovo fine, card with few attempts.
  const now = START + 12 * WINDOW_MS;
  for (let w = 0; w < 12; w++) {
    const at = START + w * WINDOW_MS + 1000;
    await insertAttempts(db, { method: 'gopay', country: 'ID', count: 110, failures: w >= 10 ? 30 : 3, cancelled: 5, at, prefix: `gopay_${w}` });
    await insertAttempts(db, { method: 'ovo', country: 'ID', count: 100, failures: 2, at: at + 10, prefix: `ovo_${w}` });
    if (w % 3 === 0) await insertAttempts(db, { method: 'card', country: 'NL', count: 7, failures: 3, at: at + 20, prefix: `card_${w}` });
  }
  await markDegraded(db, { method: 'ovo', country: 'ID', reason: 'by hand', createdAt: now - 2 * WINDOW_MS });
  await saveAlertSettings(db, { url: null, threshold: 0.9, minAttempts: 100, windows: 2, markDegraded: true }, START);
}

describe('dashboard figures on SQLite and Postgres', () => {
  const batches = generate();
  let sqlite: Storage;
  let postgres: Storage;
  before(async () => {
    sqlite = await openStorage({ sqlitePath: ':memory:' });
    postgres = await openStorage({ databaseUrl: await freshDatabaseUrl(), sqlitePath: '' });
    await load(sqlite, batches);
    await load(postgres, batches);
  });
  after(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  it('reads the same exposure rows as a plain reading of the events, on both', async () => {
    const expected = await expectedExposures(sqlite);
    assert.ok(expected.length > 200 && expected.some((r) => r.experiment === 'client-side'), 'the data covers the cases');
    assert.deepEqual(await expectedExposures(postgres), expected, 'the same events are stored in both');
    assert.deepEqual(await exposureRows(sqlite), expected);
    assert.deepEqual(await exposureRows(postgres), expected);
    assert.deepEqual(await exposureRows(postgres, 'client-side'), expected.filter((r) => r.experiment === 'client-side'));
  });

  it('gives the same experiment report', async () => {
    const fromSqlite = await experimentReports({ store: sqlite, experiments: [EXPERIMENT] });
    const fromPostgres = await experimentReports({ store: postgres, experiments: [EXPERIMENT] });
    assert.deepEqual(
      fromSqlite.map((r) => r.key),
      ['gopay-first', 'client-side'],
    );
    assert.ok(fromSqlite[0]!.variants.every((v) => v.exposed > 50 && v.converted > 10 && v.revenue > 0));
    assert.deepEqual(fromPostgres, fromSqlite);
  });

  it('gives the same monitoring board and raises the same alerts', async () => {
    const now = START + 12 * WINDOW_MS;
    const board = async (store: Storage) => buildBoard(await attemptRows(store, now - 12 * WINDOW_MS), now, 12, await degradedKeys({ store }));
    const fromSqlite = await board(sqlite);
    assert.deepEqual(
      fromSqlite.rows.map((r) => `${r.method} ${r.country} ${r.degraded}`),
      ['card NL false', 'gopay ID false', 'ovo ID true'],
    );
    assert.deepEqual(await board(postgres), fromSqlite);
    const evaluate = async (store: Storage) => {
      const { raised, delivered, recovered } = await evaluateMonitoring({ store, now: () => now });
      return { raised: raised.map(({ id: _id, ...rest }) => rest), delivered, recovered };
    };
    const evaluated = await evaluate(sqlite);
    assert.deepEqual(
      evaluated.raised.map((a) => `${a.method} ${a.country}`),
      ['gopay ID'],
    );
    assert.deepEqual(evaluated.recovered, [{ method: 'ovo', country: 'ID' }]);
    assert.deepEqual(await evaluate(postgres), evaluated);
    assert.deepEqual(await board(postgres), await board(sqlite));
  });

  it('counts the same rollout guardrail outcomes and keeps rollouts alike', async () => {
    // gopay: 12 windows of 105 final attempts (5 cancelled left out), 3 failed in ten, 30 in two; the others: ovo 12 × 100 (2 failed), card 4 × 7 (3 failed).
    const expected = { method: { attempts: 1260, failures: 90 }, others: { attempts: 1228, failures: 36 } };
    assert.deepEqual(await outcomeCounts(sqlite, 'gopay', START), expected);
    assert.deepEqual(await outcomeCounts(postgres, 'gopay', START), expected);
    for (const store of [sqlite, postgres]) {
      const put = await putRollout(store, { method: 'gopay', shares: { ID: 0.1, '*': 0 }, guardrail: { margin: 0.05, minAttempts: 100, windowMinutes: 60 } }, START);
      assert.deepEqual(put, { method: 'gopay', shares: { ID: 0.1, '*': 0 }, guardrail: { margin: 0.05, minAttempts: 100, windowMinutes: 60 }, haltedAt: null, haltedReason: null, updatedAt: START });
      assert.equal(await haltRollout(store, 'gopay', 'failure rate', START + 1), true);
      assert.equal(await haltRollout(store, 'gopay', 'again', START + 2), false, 'halted once');
      assert.deepEqual((await listRollouts(store)).map((r) => [r.method, r.haltedAt, r.haltedReason]), [['gopay', START + 1, 'failure rate']]);
      assert.equal((await putRollout(store, { method: 'gopay', shares: { ID: 0.2 }, guardrail: null }, START + 3)).haltedAt, null, 'setting it again lifts the halt');
    }
  });
});
