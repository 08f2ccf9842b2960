import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PaymentResult } from '../../src/core/protocol/schemas.js';
import { call, createSession, merchant, pay, startTestServers, type TestServers } from '../test-support.js';
import { freshDatabaseUrl } from '../../test/shared/postgres.js';
import { csvCell, type ReconciliationReport } from './report.js';

const DAY = '2026-06-15';

// The report's SQL (a UNION over both sides, quoted aliases) is checked on both storages.
const backends: Array<{ name: string; start(): Promise<TestServers> }> = [
  { name: 'SQLite', start: () => startTestServers() },
  { name: 'Postgres', start: async () => startTestServers({ databaseUrl: await freshDatabaseUrl() }) },
];

for (const backend of backends) describe(`daily reconciliation (${backend.name})`, () => {
  let servers: TestServers;
  before(async () => {
    servers = await backend.start();
    // The simulated day starts at 00:30 UTC on the injected clock.
    servers.advance(Date.parse(`${DAY}T00:30:00Z`) - Date.now());
  });
  after(() => servers.dispose());

  // Where the injected clock stands (plus the few real seconds the test takes).
  let at = Date.parse(`${DAY}T00:30:00Z`);
  const minutes = (n: number) => {
    servers.advance(n * 60_000);
    at += n * 60_000;
  };
  const hook = (path: string, body: unknown) =>
    fetch(`${servers.apiUrl}/sandbox${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const approve = (url: string) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'decision=approve', redirect: 'manual' });
  const session = (body: Record<string, unknown>) => createSession(servers, { ttlSeconds: 24 * 60 * 60, ...body });
  const refund = (paymentId: string, amount?: number) =>
    fetch(`${servers.apiUrl}/merchant/v1/payments/${paymentId}/refunds`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${servers.merchantSecret}`, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify(amount ? { amount } : {}),
    });

  it('a day of simulated traffic: every planted difference is found, everything else matches, and the CSV says the same', async () => {
    const cards: string[] = [];
    for (let i = 0; i < 12; i++) {
      const currency = i % 2 ? 'USD' : 'EUR';
      const credentials = await session({ methods: ['card'], country: i % 2 ? 'US' : 'NL', amount: { value: 1000 + i * 100, currency } });
      cards.push(PaymentResult.parse((await pay(credentials, 'card')).body).id);
      minutes(20);
    }
    const redirects: Array<{ id: string; url: string }> = [];
    for (let i = 0; i < 8; i++) {
      const credentials = await session({ methods: ['ideal'], amount: { value: 2500 + i, currency: 'EUR' } });
      const result = PaymentResult.parse((await pay(credentials, 'ideal')).body);
      assert.ok(result.status === 'requires_action' && result.action.type === 'redirect');
      redirects.push({ id: result.id, url: result.action.url });
      minutes(15);
    }
    // Six buyers approve at their bank; two payments stay open for the planted cases.
    for (const { url } of redirects.slice(0, 6)) assert.equal((await approve(url)).status, 303);
    const pix: string[] = [];
    for (let i = 0; i < 4; i++) {
      const credentials = await session({ methods: ['pix'], country: 'BR', amount: { value: 5000, currency: 'BRL' } });
      const result = PaymentResult.parse((await pay(credentials, 'pix')).body);
      pix.push(result.id);
      assert.equal((await hook(`/payments/${result.id}/complete`, { outcome: 'succeeded' })).status, 200);
      minutes(10);
    }
    for (let i = 0; i < 3; i++) {
      const credentials = await session({ methods: ['card'], scenario: 'pending:1', amount: { value: 3000, currency: 'EUR' } });
      const result = PaymentResult.parse((await pay(credentials, 'card')).body);
      assert.equal(PaymentResult.parse((await call(credentials, 'GET', `/payments/${result.id}`)).body).status, 'succeeded');
      minutes(10);
    }
    for (let i = 0; i < 4; i++) {
      const credentials = await session({ methods: ['card'], scenario: 'decline:card_declined' });
      assert.equal(PaymentResult.parse((await pay(credentials, 'card')).body).status, 'failed');
    }
    assert.equal((await refund(cards[0]!)).status, 201);
    assert.equal((await refund(cards[1]!, 300)).status, 201);
    assert.equal((await refund(cards[1]!, 200)).status, 201);
    assert.equal((await hook(`/payments/${pix[0]}/chargeback`, {})).status, 202);

    // The planted differences, one of each kind.
    const [lost, trusted] = redirects.slice(6).map((r) => r.id) as [string, string];
    const partial = cards[4]!; // a EUR card, not refunded
    for (const [kind, paymentId] of [['lost_callback', lost], ['trusted_browser', trusted], ['partial_capture', partial]] as const) {
      assert.equal((await hook('/reconciliation/plant', { kind, paymentId })).status, 200, kind);
    }

    // A callback held over midnight belongs to the PSP's day and still matches.
    const late = await session({ methods: ['ideal'], faults: { webhooks: 'hold' } });
    const lateResult = PaymentResult.parse((await pay(late, 'ideal')).body);
    assert.ok(lateResult.status === 'requires_action' && lateResult.action.type === 'redirect');
    minutes((Date.parse(`${DAY}T23:50:00Z`) - at) / 60_000);
    assert.equal((await approve(lateResult.action.url)).status, 303);
    minutes(20);
    await hook('/webhooks/release', { paymentId: lateResult.id });

    const json = await merchant<ReconciliationReport>(servers, 'GET', `/reconciliation?date=${DAY}`);
    assert.equal(json.status, 200);
    const report = json.body;
    const differences = report.rows.filter((row) => row.status !== 'matched').map((row) => [row.status, row.kind, row.reference]);
    assert.deepEqual(
      differences.sort(),
      [
        ['amount_mismatch', 'capture', partial],
        ['missing_at_psp', 'capture', trusted],
        ['missing_in_backend', 'capture', lost],
      ].sort(),
    );
    const matched = report.rows.filter((row) => row.status === 'matched');
    // 12 cards − the planted one, 6 redirects, 4 Pix, 3 settled pending, the late one; 3 refunds; 1 chargeback.
    assert.equal(matched.filter((r) => r.kind === 'capture').length, 11 + 6 + 4 + 3 + 1);
    assert.equal(matched.filter((r) => r.kind === 'refund').length, 3);
    assert.equal(matched.filter((r) => r.kind === 'chargeback').length, 1);
    assert.ok(matched.some((r) => r.reference === lateResult.id), 'the callback after midnight matches on the PSP\'s day');
    const ideal = report.summary.find((s) => s.method === 'ideal' && s.currency === 'EUR')!;
    assert.deepEqual([ideal.matched, ideal.missingInBackend, ideal.missingAtPsp], [7, 1, 1]);
    const cardEur = report.summary.find((s) => s.method === 'card' && s.currency === 'EUR')!;
    assert.equal(cardEur.amountMismatch, 1);
    assert.equal(cardEur.pspNet, cardEur.backendNet - 1);

    const csv = await fetch(`${servers.apiUrl}/merchant/v1/reconciliation?date=${DAY}&format=csv`, { headers: { Authorization: `Bearer ${servers.merchantSecret}` } });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(csv.headers.get('content-disposition'), `attachment; filename="reconciliation-${DAY}.csv"`);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    assert.equal(lines[0], 'date,method,kind,reference,payment_id,currency,psp_amount,backend_amount,status');
    assert.equal(lines.length, report.rows.length + 1);
    assert.ok(lines.includes(`${DAY},ideal,capture,${lost},${lost},EUR,2506,,missing_in_backend`), lines.join('\n'));

    // The next day holds none of it: the late callback stayed on the PSP's day.
    const next = await merchant<ReconciliationReport>(servers, 'GET', '/reconciliation?date=2026-06-16');
    assert.deepEqual(next.body.rows, []);
  });

  it('refuses a bad date or format; CSV cells never become formulas', async () => {
    for (const query of ['date=2026-02-30', 'date=yesterday', 'date=2026-06-15&format=xlsx']) {
      assert.equal((await merchant(servers, 'GET', `/reconciliation?${query}`)).status, 400, query);
    }
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('@sum'), "'@sum");
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(1200), '1200');
  });
});
