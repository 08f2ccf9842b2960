/**
 * The sandbox PSP's "first answer wins" across instances: a buyer with the
 * bank page open in two tabs approves in one and declines in the other, and
 * the load balancer sends each answer to a different instance. One answer is
 * kept (303 back to the store), the other is refused (409), and the payment
 * ends as the kept answer said. Two servers on one Postgres database; on
 * SQLite the one server twice.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PaymentResult } from '../../src/core/protocol/schemas.js';
import { SERVER_PAIRS } from '../../test/shared/postgres.js';
import { call, createSession, pay, type TestServers } from '../test-support.js';

const PAYMENTS = 12;

const backends = SERVER_PAIRS;

for (const backend of backends) {
  describe(`sandbox pages at two instances (${backend.name})`, () => {
    let instances: [TestServers, TestServers];
    before(async () => {
      instances = await backend.start();
    });
    after(async () => {
      await instances[0].dispose();
      if (instances[1] !== instances[0]) await instances[1].dispose();
    });

    /** The same page path on the other instance. */
    const at = (servers: TestServers, url: string) => `${servers.apiUrl}${new URL(url).pathname}`;
    const submit = (url: string, decision: string) => fetch(url, { method: 'POST', body: new URLSearchParams({ decision }), redirect: 'manual' });

    it(`approve in one tab, decline in another, each at its own instance: one answer wins for each of ${PAYMENTS} payments`, async () => {
      const runs = Array.from({ length: PAYMENTS }, async (_, i) => {
        const credentials = await createSession(instances[0], { methods: ['ideal'] });
        const result = PaymentResult.parse((await pay(credentials, 'ideal')).body);
        assert.ok(result.status === 'requires_action' && 'url' in result.action);
        const url = result.action.url;
        // Alternate which instance gets which answer.
        const [approveAt, declineAt] = i % 2 === 0 ? instances : [instances[1], instances[0]];
        const [approved, declined] = await Promise.all([submit(at(approveAt, url), 'approve'), submit(at(declineAt, url), 'decline')]);
        assert.deepEqual([approved.status, declined.status].sort(), [303, 409], `payment ${i}: ${approved.status} / ${declined.status}`);
        const winner = approved.status === 303 ? 'succeeded' : 'failed';
        const final = PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body);
        assert.equal(final.status, winner);
        if (final.status === 'failed') assert.equal(final.failure.code, 'authentication_failed');
        // The refused tab's page says what happened instead.
        const refused = approved.status === 409 ? approved : declined;
        assert.match(await refused.text(), winner === 'succeeded' ? /already been approved/ : /already failed \(authentication_failed\)/);
      });
      await Promise.all(runs);
    });

    it(`the store cancels while the buyer approves at the other instance: the two agree, for each of ${PAYMENTS} payments`, async () => {
      const runs = Array.from({ length: PAYMENTS }, async (_, i) => {
        const credentials = await createSession(instances[0], { methods: ['ideal'] });
        const result = PaymentResult.parse((await pay(credentials, 'ideal')).body);
        assert.ok(result.status === 'requires_action' && 'url' in result.action);
        const [cancelAt, approveAt] = i % 2 === 0 ? instances : [instances[1], instances[0]];
        const atCancel = { ...credentials, endpoint: `${cancelAt.apiUrl}/checkout/v1` };
        const [cancelled, approved] = await Promise.all([
          call(atCancel, 'POST', `/payments/${result.id}/cancel`),
          submit(at(approveAt, result.action.url), 'approve'),
        ]);
        const cancelAnswer = PaymentResult.parse(cancelled.body);
        const final = PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body);
        const captured = await instances[1].store.get<{ n: number }>(`SELECT COUNT(*) AS n FROM psp_ledger WHERE kind = 'capture' AND reference = ?`, [result.id]);
        if (approved.status === 303) {
          // The approval came first: the cancel answered the success, and the PSP captured.
          assert.deepEqual([cancelAnswer.status, final.status, captured?.n], ['succeeded', 'succeeded', 1], `payment ${i}`);
        } else {
          // The cancel came first: the page refuses, nothing was captured.
          assert.equal(approved.status, 409, `payment ${i}`);
          assert.deepEqual([cancelAnswer.status, final.status, captured?.n], ['failed', 'failed', 0], `payment ${i}`);
        }
      });
      await Promise.all(runs);
    });

    it('the complete hook at two instances: one outcome is kept, the other answer is a 409', async () => {
      const credentials = await createSession(instances[1], { methods: ['ideal'] });
      const result = PaymentResult.parse((await pay(credentials, 'ideal')).body);
      const hook = (servers: TestServers, outcome: string) =>
        fetch(`${servers.apiUrl}/sandbox/payments/${result.id}/complete`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ outcome, code: 'insufficient_funds' }),
        });
      const answers = await Promise.all([hook(instances[0], 'succeeded'), hook(instances[1], 'failed')]);
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409]);
      const kept = answers[0]!.status === 200 ? 'succeeded' : 'failed';
      assert.equal(PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body).status, kept);
    });
  });
}
