/**
 * Velocity limits across instances: a limit of N attempts per buyer (or per
 * card) admits N, never N + 1, when the attempts race on two instances. The
 * checkout assesses and inserts in one transaction (server/checkout/live-payment.ts);
 * this drives the same pair — assessRisk, then the payment on the same `tx` —
 * on two PostgresStorage instances on one database, and on the one SQLite storage.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { STORAGE_PAIRS, closePair } from '../../test/shared/postgres.js';
import { insertPayment } from '../db/payments.js';
import { randomId, type SessionRecord } from '../db/sessions.js';
import type { Storage } from '../storage/storage.js';
import { storedSession } from '../test-support.js';
import { assessRisk, recordRiskStop, type RiskSettings } from './limits.js';

const ATTEMPTS = 30;
const LIMIT = 3;

const backends = STORAGE_PAIRS;

function newSession(db: Storage, buyerId: string | null): Promise<SessionRecord> {
  return storedSession(db, { buyerId });
}

/** One checkout attempt as the checkout makes it: assess, then store the attempt (stopped or not) in the same transaction. */
async function attempt(db: Storage, settings: RiskSettings, session: SessionRecord, fields: Record<string, string> | null): Promise<boolean> {
  const now = Date.now();
  return db.transaction(async (tx) => {
    const stop = await assessRisk(tx, settings, { session, method: 'card', request: fields ? { fields } : {}, now });
    const id = randomId('pay');
    await insertPayment(tx, {
      id,
      sessionId: session.id,
      idempotencyKey: randomUUID(),
      method: 'card',
      methodType: 'card',
      amount: session.amount,
      status: stop ? 'failed' : 'succeeded',
      failureCode: stop ? 'store_limit' : null,
      action: null,
      returnUrl: 'http://127.0.0.1:5173/checkout',
      fields,
      polls: 0,
      pollsToSettle: null,
      actionExpiresAt: null,
      createdAt: now,
      updatedAt: now,
    });
    if (stop) await recordRiskStop(tx, id, stop, now);
    return stop === undefined;
  });
}

for (const backend of backends) {
  describe(`risk velocity across two instances (${backend.name})`, () => {
    let instances: [Storage, Storage];
    before(async () => {
      instances = await backend.open();
    });
    after(async () => {
      await closePair(instances);
    });

    it(`per buyer: ${ATTEMPTS} racing attempts from several sessions admit exactly ${LIMIT}`, async () => {
      const buyer = `buyer_${randomUUID()}`;
      const sessions = await Promise.all(Array.from({ length: 5 }, () => newSession(instances[0], buyer)));
      const settings: RiskSettings = { velocity: { perBuyer: { attempts: LIMIT, windowSeconds: 3600 } } };
      const admitted = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => attempt(instances[i % 2]!, settings, sessions[i % sessions.length]!, null)));
      assert.equal(admitted.filter(Boolean).length, LIMIT);
      const stops = await instances[1].get<{ n: number }>(`SELECT COUNT(*) AS n FROM risk_decisions WHERE rule = 'buyer_velocity'`);
      assert.equal(stops?.n, ATTEMPTS - LIMIT);
    });

    it(`per card: ${ATTEMPTS} racing attempts with one card across sessions admit exactly ${LIMIT}`, async () => {
      const card = { cardToken: `tok_${randomUUID()}` };
      const sessions = await Promise.all(Array.from({ length: 5 }, () => newSession(instances[1], null)));
      const settings: RiskSettings = { velocity: { perCard: { attempts: LIMIT, windowSeconds: 600 } } };
      const admitted = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => attempt(instances[i % 2]!, settings, sessions[i % sessions.length]!, card)));
      assert.equal(admitted.filter(Boolean).length, LIMIT);
      // Another card is counted on its own.
      assert.equal(await attempt(instances[0], settings, sessions[0]!, { cardToken: 'tok_other' }), true);
    });
  });
}
