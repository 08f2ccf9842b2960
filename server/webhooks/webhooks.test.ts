import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorEnvelope, PaymentResult } from '../../src/core/protocol/schemas.js';
import { call, createSession, pay, startTestServers, type TestServers } from '../test-support.js';
import { signedHeaders, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './signature.js';

const SECRET = 'whsec_test_3f9a';

describe('PSP callbacks (signed webhooks)', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers({ webhookSecret: SECRET });
  });
  after(() => servers.dispose());

  const url = () => `${servers.apiUrl}/webhooks/psp`;
  const post = (body: string, headers: Record<string, string>) =>
    fetch(url(), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  const storedEvents = async (paymentId: string) =>
    (await servers.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM webhook_events WHERE payment_id = ?', [paymentId]))?.n;
  const status = async (credentials: { endpoint: string; sessionToken: string }, id: string) =>
    PaymentResult.parse((await call(credentials, 'GET', `/payments/${id}`)).body);
  const hook = (path: string, body: unknown) =>
    fetch(`${servers.apiUrl}/sandbox${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const approve = (actionUrl: string) =>
    fetch(actionUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'decision=approve', redirect: 'manual' });

  /** A redirect payment whose session holds the PSP's callbacks until released. */
  const heldRedirect = async () => {
    // Tokens outlive the clock jumps below.
    const credentials = await createSession(servers, { methods: ['ideal'], faults: { webhooks: 'hold' }, ttlSeconds: 24 * 60 * 60 });
    const result = PaymentResult.parse((await pay(credentials, 'ideal')).body);
    assert.ok(result.status === 'requires_action' && result.action.type === 'redirect');
    return { credentials, id: result.id, actionUrl: result.action.url };
  };

  const event = (paymentId: string, id = `evt_test_${crypto.randomUUID()}`) =>
    JSON.stringify({ id, type: 'conformance.ping', createdAt: new Date().toISOString(), data: { paymentId, amount: { value: 1, currency: 'EUR' } } });

  it('refuses a missing, wrong or tampered signature and stores nothing', async () => {
    const body = event('pay_unknown', 'evt_sig_1');
    const good = signedHeaders(SECRET, 'evt_sig_1', body, Date.now());
    const cases: Array<[string, string, Record<string, string>]> = [
      ['no headers', body, {}],
      ['wrong secret', body, signedHeaders('whsec_other', 'evt_sig_1', body, Date.now())],
      ['tampered body', body.replace('"value":1', '"value":100000'), good],
      ['signature of another timestamp', body, { ...good, [WEBHOOK_TIMESTAMP_HEADER]: String(Number(good[WEBHOOK_TIMESTAMP_HEADER]) + 1) }],
      ['not hex', body, { ...good, [WEBHOOK_SIGNATURE_HEADER]: 'v1=zz' }],
      ['other scheme', body, { ...good, [WEBHOOK_SIGNATURE_HEADER]: good[WEBHOOK_SIGNATURE_HEADER]!.replace('v1=', 'v0=') }],
    ];
    for (const [name, sent, headers] of cases) {
      const response = await post(sent, headers);
      assert.equal(response.status, 401, name);
      assert.equal(ErrorEnvelope.parse(await response.json()).error.code, 'unauthorized', name);
    }
    assert.equal(await storedEvents('pay_unknown'), 0);
    const accepted = await post(body, good);
    assert.equal(accepted.status, 200);
    assert.deepEqual(await accepted.json(), { received: true, duplicate: false });
    // Rotation: the right signature among others passes.
    const rotated = { ...good, [WEBHOOK_SIGNATURE_HEADER]: `v1=${'0'.repeat(64)} ${good[WEBHOOK_SIGNATURE_HEADER]}` };
    assert.deepEqual(await (await post(body, rotated)).json(), { received: true, duplicate: true });
  });

  it('a captured delivery replayed after the 5-minute window is refused; a late PSP retry is re-signed and accepted', async () => {
    const body = event('pay_replay', 'evt_replay_1');
    const captured = signedHeaders(SECRET, 'evt_replay_1', body, Date.now());
    servers.advance(6 * 60 * 1000);
    try {
      assert.equal((await post(body, captured)).status, 401);
      const future = signedHeaders(SECRET, 'evt_replay_1', body, Date.now() + 6 * 60 * 1000 + 6 * 60 * 1000);
      assert.equal((await post(body, future)).status, 401);
      assert.equal(await storedEvents('pay_replay'), 0);

      // Late delivery: the PSP held the callback for two hours, then sends it signed at sending time.
      const { credentials, id, actionUrl } = await heldRedirect();
      assert.equal((await approve(actionUrl)).status, 303);
      servers.advance(2 * 60 * 60 * 1000);
      assert.equal((await status(credentials, id)).status, 'requires_action');
      const released = await hook('/webhooks/release', { paymentId: id });
      assert.equal(((await released.json()) as { sent: string[] }).sent.length, 1);
      assert.equal((await status(credentials, id)).status, 'succeeded');
    } finally {
      servers.advance(-(6 * 60 * 1000 + 2 * 60 * 60 * 1000));
    }
  });

  it('the callback, not the browser, moves the payment: approved at the PSP but held, the backend still waits', async () => {
    const { credentials, id, actionUrl } = await heldRedirect();
    const back = await approve(actionUrl);
    assert.equal(back.status, 303);
    // The buyer is back at the store with ck_payment=… — that proves nothing.
    assert.equal(new URL(back.headers.get('location') ?? '').searchParams.get('ck_payment'), id);
    assert.equal((await status(credentials, id)).status, 'requires_action');
    assert.equal(await storedEvents(id), 0);
    await hook('/webhooks/release', { paymentId: id });
    assert.equal((await status(credentials, id)).status, 'succeeded');
  });

  it('duplicates: the same event delivered three times is stored and applied once', async () => {
    const { credentials, id, actionUrl } = await heldRedirect();
    await approve(actionUrl);
    const released = (await (await hook('/webhooks/release', { paymentId: id, times: 3 })).json()) as { sent: string[] };
    assert.equal(released.sent.length, 3);
    assert.equal(new Set(released.sent).size, 1);
    assert.equal(await storedEvents(id), 1);
    assert.equal((await status(credentials, id)).status, 'succeeded');
    // And again later, after it was delivered: still once.
    await hook('/webhooks/release', { paymentId: id, includeDelivered: true, times: 2 });
    assert.equal(await storedEvents(id), 1);
  });

  it('reordering: a chargeback arriving before the payment it disputes ends in the same state as in order', async () => {
    const outcome = async (order: 'created' | 'reverse') => {
      const { credentials, id, actionUrl } = await heldRedirect();
      await approve(actionUrl);
      const chargeback = await hook(`/payments/${id}/chargeback`, { amount: 400 });
      assert.equal(chargeback.status, 202);
      const sent = (await (await hook('/webhooks/release', { paymentId: id, order })).json()) as { sent: string[] };
      assert.equal(sent.sent.length, 2);
      const chargebacks = await servers.store.all('SELECT amount_value AS value FROM chargebacks WHERE payment_id = ?', [id]);
      return { status: (await status(credentials, id)).status, chargebacks, events: await storedEvents(id) };
    };
    const inOrder = await outcome('created');
    const reversed = await outcome('reverse');
    assert.deepEqual(inOrder, { status: 'succeeded', chargebacks: [{ value: 400 }], events: 2 });
    assert.deepEqual(reversed, inOrder);
  });

  it('a cancel from the store after the PSP decided (callback still held) answers the PSP\'s decision', async () => {
    const { credentials, id, actionUrl } = await heldRedirect();
    await approve(actionUrl);
    const cancelled = PaymentResult.parse((await call(credentials, 'POST', `/payments/${id}/cancel`)).body);
    assert.equal(cancelled.status, 'succeeded');
    await hook('/webhooks/release', { paymentId: id });
    assert.equal((await status(credentials, id)).status, 'succeeded');
  });

  it('a QR code the backend took for expired but the PSP saw paid ends paid (the callback wins)', async () => {
    const credentials = await createSession(servers, { methods: ['pix'], country: 'BR', amount: { value: 5000, currency: 'BRL' }, faults: { webhooks: 'hold', actionExpiresInMs: 60_000 } });
    const result = PaymentResult.parse((await pay(credentials, 'pix')).body);
    assert.ok(result.status === 'requires_action' && result.action.type === 'qr' && result.action.deepLink);
    assert.equal((await approve(result.action.deepLink)).status, 303);
    servers.advance(2 * 60_000);
    try {
      const seen = await status(credentials, result.id);
      assert.ok(seen.status === 'failed' && seen.failure.code === 'expired');
      await hook('/webhooks/release', { paymentId: result.id });
      assert.equal((await status(credentials, result.id)).status, 'succeeded');
    } finally {
      servers.advance(-2 * 60_000);
    }
  });

  it('an unreachable backend: the event stays in the outbox with its attempt counted, and the payment does not move', async () => {
    const local = await startTestServers({ webhookSecret: SECRET, webhookUrl: 'http://127.0.0.1:9/webhooks/psp' });
    try {
      const credentials = await createSession(local, { methods: ['ideal'] });
      const result = PaymentResult.parse((await pay(credentials, 'ideal')).body);
      assert.ok(result.status === 'requires_action' && result.action.type === 'redirect');
      assert.equal((await approve(result.action.url)).status, 303);
      const row = await local.store.get<{ attempts: number; deliveredAt: number | null; next: number }>(
        'SELECT attempts, delivered_at AS "deliveredAt", next_attempt_at AS next FROM psp_outbox WHERE payment_id = ?',
        [result.id],
      );
      assert.ok(row);
      assert.equal(row.attempts, 1);
      assert.equal(row.deliveredAt, null);
      assert.ok(row.next > Date.now());
      assert.equal(PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body).status, 'requires_action');
    } finally {
      await local.dispose();
    }
  });
});
