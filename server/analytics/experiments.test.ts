/** Server-side assignment: GET /session carries the buyer's variant, sticky per buyer id, same hash as the widget. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assignVariant } from '../../src/core/protocol/bucketing.js';
import { Session } from '../../src/core/protocol/schemas.js';
import { call, createSession, startTestServers, type TestServers } from '../test-support.js';
import { experimentsFromEnv } from './experiments.js';

const GOPAY_FIRST = {
  key: 'gopay-first',
  variants: [{ key: 'control' }, { key: 'gopay', order: ['gopay'] }],
  countries: ['ID'],
};

describe('experiments on the reference backend', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers({ experiments: [GOPAY_FIRST] });
  });
  after(() => servers.dispose());

  const sessionFor = async (body: Record<string, unknown>) => {
    const credentials = await createSession(servers, { amount: { value: 15_000_000, currency: 'IDR' }, country: 'ID', ...body });
    const answer = await call(credentials, 'GET', '/session');
    assert.equal(answer.status, 200);
    return Session.parse(answer.body);
  };

  it('sends each buyer the variant of the shared hash, the same in every session of that buyer', async () => {
    const variants = new Set<string>();
    for (const buyer of ['buyer-1', 'buyer-2', 'buyer-3', 'buyer-4', 'buyer-5', 'buyer-6']) {
      const first = await sessionFor({ buyer: { id: buyer } });
      const second = await sessionFor({ buyer: { id: buyer } });
      assert.deepEqual(first.experiments, second.experiments, buyer);
      assert.deepEqual(first.experiments, [assignVariant(GOPAY_FIRST, buyer, 'ID')]);
      variants.add(first.experiments![0]!.variant);
    }
    assert.deepEqual([...variants].sort(), ['control', 'gopay']);
  });

  it('leaves out buyers outside the experiment’s countries; without a buyer id the session is the unit', async () => {
    const nl = await createSession(servers, { buyer: { id: 'buyer-1' } });
    assert.equal(Session.parse((await call(nl, 'GET', '/session')).body).experiments, undefined);
    const anonymous = await sessionFor({});
    assert.deepEqual(anonymous.experiments, [assignVariant(GOPAY_FIRST, anonymous.id, 'ID')]);
  });
});

describe('CHECKOUT_KIT_EXPERIMENTS', () => {
  it('parses a JSON array of definitions and names what is wrong otherwise', () => {
    assert.deepEqual(experimentsFromEnv(undefined), []);
    assert.deepEqual(experimentsFromEnv(JSON.stringify([GOPAY_FIRST])), [GOPAY_FIRST]);
    assert.throws(() => experimentsFromEnv('{'), /not JSON/);
    assert.throws(() => experimentsFromEnv('{}'), /must be a JSON array/);
    assert.throws(() => experimentsFromEnv('[{"key":"x","variants":[]}]'), /\[0\] is invalid at variants/);
  });
});
