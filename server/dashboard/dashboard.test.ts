/**
 * The dashboard over HTTP on a real backend: merchant login, the numbers of
 * the experiment table and API, escaping of event data in HTML and CSV
 * (event data comes from browsers: a variant key can be anything), payment
 * monitoring with a signed alert webhook and the degraded mark in GET /session.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Session } from '../../src/core/protocol/schemas.js';
import { call, createSession, merchant, startTestServers, type TestServers } from '../test-support.js';
import { verifyWebhook } from '../webhooks/signature.js';
import type { ExperimentReport } from '../analytics/report.js';
import { insertAttempts } from '../analytics/fixtures.js';

describe('/dashboard', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers();
  });
  after(() => servers.dispose());

  const bearer = () => ({ Authorization: `Bearer ${servers.merchantSecret}` });
  /** An event `offsetMs` after `start`: one start per buyer, so the time to pay is exactly the offsets' difference. */
  const event = (start: number, type: string, data: Record<string, string | number>, offsetMs = 0) => ({ id: randomUUID(), type, at: new Date(start + offsetMs).toISOString(), data });

  /** One buyer's session through the protocol: exposed to `variant`, paying `amount` cents after 4 s, or not. */
  const buyer = async (experiment: string, variant: string, paid: number | null, failedFirst = false) => {
    const credentials = await createSession(servers);
    // Read once: two clock reads a millisecond apart made the time to pay 4001 ms now and then.
    const start = Date.now();
    const events = [event(start, 'experiment.exposed', { experiment, variant }), event(start, 'payment.submitted', { method: 'ideal', attempt: 1 }, 1000)];
    if (failedFirst) events.push(event(start, 'payment.failed', { method: 'ideal', code: 'issuer_unavailable', attempt: 1 }, 2000), event(start, 'payment.submitted', { method: 'ideal', attempt: 2 }, 3000));
    if (paid !== null) events.push(event(start, 'payment.succeeded', { method: 'ideal', amount: paid, currency: 'EUR' }, 4000));
    const sent = await call(credentials, 'POST', '/events', { body: { events } });
    assert.equal(sent.status, 202);
  };

  it('asks for the merchant secret, refuses a wrong one, and signs in with a strict HttpOnly cookie', async () => {
    const anonymous = await fetch(`${servers.apiUrl}/dashboard`);
    assert.equal(anonymous.status, 401);
    const form = await anonymous.text();
    assert.match(form, /<label for="secret">Merchant secret<\/label>/);
    assert.match(anonymous.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal((await fetch(`${servers.apiUrl}/dashboard/api/experiments`)).status, 401);
    const wrong = await fetch(`${servers.apiUrl}/dashboard/login`, { method: 'POST', body: new URLSearchParams({ secret: 'guess' }), redirect: 'manual' });
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /role="alert"[^>]*>That is not the merchant secret/);
    const crossSite = await fetch(`${servers.apiUrl}/dashboard/login`, { method: 'POST', body: new URLSearchParams({ secret: servers.merchantSecret }), headers: { Origin: 'https://evil.example' }, redirect: 'manual' });
    assert.equal(crossSite.status, 403);
    const login = await fetch(`${servers.apiUrl}/dashboard/login`, { method: 'POST', body: new URLSearchParams({ secret: servers.merchantSecret }), redirect: 'manual' });
    assert.equal(login.status, 303);
    const cookie = login.headers.get('set-cookie') ?? '';
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const page = await fetch(`${servers.apiUrl}/dashboard`, { headers: { Cookie: cookie.split(';')[0]! } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<h1>Checkout dashboard<\/h1>/);
    const forged = await fetch(`${servers.apiUrl}/dashboard`, { headers: { Cookie: 'ck_dashboard=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    assert.equal(forged.status, 401);
  });

  it('counts exposed sessions, conversions, revenue, AOV, failure rate and time to pay per variant', async () => {
    // control: 10 exposed, 3 paid 20.00 EUR; fast: 10 exposed, 6 paid 10.00 EUR, one after a failed attempt.
    for (let i = 0; i < 10; i++) await buyer('table-test', 'control', i < 3 ? 2000 : null);
    for (let i = 0; i < 10; i++) await buyer('table-test', 'fast', i < 6 ? 1000 : null, i === 0);
    const answer = await fetch(`${servers.apiUrl}/dashboard/api/experiments`, { headers: bearer() });
    const report = ((await answer.json()) as { experiments: ExperimentReport[] }).experiments.find((e) => e.key === 'table-test')!;
    const [control, fast] = report.variants;
    assert.deepEqual([control!.key, control!.exposed, control!.converted, control!.revenue, control!.averageOrderValue], ['control', 10, 3, 6000, 2000]);
    assert.deepEqual([fast!.key, fast!.exposed, fast!.converted, fast!.revenuePerSession, fast!.averageOrderValue], ['fast', 10, 6, 600, 1000]);
    assert.equal(fast!.failureRate, 1 / 11, 'one failure in 11 submitted attempts');
    assert.equal(control!.timeToPayP50, 4000);
    assert.equal(report.currency, 'EUR');
    assert.ok(control!.conversionInterval.low < 0.3 && control!.conversionInterval.high > 0.3);
    assert.equal(report.analysis.verdict.kind, 'keep_running');
    const html = await (await fetch(`${servers.apiUrl}/dashboard`, { headers: bearer() })).text();
    assert.match(html, /<th scope="row">fast<\/th><td>10<\/td><td>6<\/td><td>60\.0% \(31\.3%–83\.2%\)<\/td><td>€6\.00<\/td><td>€10\.00<\/td><td>9\.1%<\/td>/);
  });

  it('stores a planned sample size and shows it', async () => {
    const set = await merchant(servers, 'PUT', '/experiments/table-test/plan', { baseline: 0.1, minimumDetectableEffect: 0.2 });
    assert.equal(set.status, 200);
    const bad = await merchant(servers, 'PUT', '/experiments/table-test/plan', { baseline: 2, minimumDetectableEffect: 0.2 });
    assert.equal(bad.status, 400);
    const html = await (await fetch(`${servers.apiUrl}/dashboard`, { headers: bearer() })).text();
    assert.match(html, /Plan: 3,623 sessions per variant to detect a 20% relative change from a 10\.0% baseline/);
  });

  it('escapes event data in the page and neutralises formulas in the CSV', async () => {
    await buyer('inject', '<img src=x onerror=alert(1)>', null);
    await buyer('inject', '=HYPERLINK("http://evil.example","x")', 500);
    const html = await (await fetch(`${servers.apiUrl}/dashboard`, { headers: bearer() })).text();
    assert.ok(!html.includes('<img src=x'), 'no markup from event data');
    assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;'));
    const csv = await fetch(`${servers.apiUrl}/dashboard/export/variants-inject.csv`, { headers: bearer() });
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get('content-disposition'), 'attachment; filename="variants-inject.csv"');
    const text = await csv.text();
    assert.match(text, /^variant,exposed_sessions,/);
    assert.ok(text.includes(`"'=HYPERLINK(""http://evil.example"",""x"")"`), text);
    assert.ok(!/\r\n=/.test(text), 'no line starts with a formula');
    assert.equal((await fetch(`${servers.apiUrl}/dashboard/export/..%2Fsecret.csv`, { headers: bearer() })).status, 404);
  });
});

describe('payment monitoring', () => {
  let servers: TestServers;
  let receiver: Server;
  let receiverUrl = '';
  const received: { headers: { timestamp: string | undefined; signature: string | undefined }; body: string }[] = [];
  // A fixed clock at the start of a 5-minute window, moved by hand.
  let now = Date.UTC(2026, 11, 2, 10, 0, 0);
  before(async () => {
    servers = await startTestServers({ now: () => now });
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ headers: { timestamp: request.headers['ck-webhook-timestamp'] as string, signature: request.headers['ck-webhook-signature'] as string }, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
  });
  after(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await servers.dispose();
  });

  /** `count` attempts of `method` in `country`, `failures` of them failed, at the current clock, straight into the storage. */
  const attempts = async (method: string, country: string, count: number, failures: number, cancelled = 0) => {
    await insertAttempts(servers.store, { method, country, count, failures, cancelled, at: now });
  };

  it('alerts once after two bad windows with enough volume, signed, and marks the method degraded in that country', async () => {
    const settings = await merchant<{ signingSecret: string }>(servers, 'PUT', '/monitoring/alerts', { url: receiverUrl, markDegraded: true });
    assert.equal(settings.status, 200);
    const secret = settings.body.signingSecret;
    assert.match(secret, /^whsec_[0-9a-f]{48}$/);
    assert.equal((await merchant(servers, 'PUT', '/monitoring/alerts', { url: 'javascript:alert(1)' })).status, 400);

    // Window 1: 120 attempts, 84% success (cancellations don't count against the method).
    // ovo fails as often but on too few attempts (50 < 100) to judge, in both windows.
    await attempts('gopay', 'ID', 150, 19, 30);
    await attempts('ovo', 'ID', 50, 20);
    now += 5 * 60_000;
    type Evaluation = { raised: { method: string; country: string }[]; recovered: unknown[] };
    let evaluation = await merchant<Evaluation>(servers, 'POST', '/monitoring/evaluate');
    assert.equal(evaluation.body.raised.length, 0, 'one bad window is not enough');
    // Window 2: bad again.
    await attempts('gopay', 'ID', 110, 20);
    await attempts('ovo', 'ID', 50, 20);
    now += 5 * 60_000;
    evaluation = await merchant<Evaluation>(servers, 'POST', '/monitoring/evaluate');
    assert.deepEqual(evaluation.body.raised.map((a) => `${a.method} ${a.country}`), ['gopay ID']);
    assert.equal(received.length, 1);
    const delivery = received[0]!;
    assert.deepEqual(verifyWebhook(secret, delivery.headers, delivery.body, now), { ok: true });
    assert.deepEqual(verifyWebhook('whsec_wrong', delivery.headers, delivery.body, now), { ok: false, reason: 'signature' });
    const payload = JSON.parse(delivery.body) as { type: string; windows: { successRate: number; buyerCaused: number }[]; markedDegraded: boolean };
    assert.equal(payload.type, 'payment_method.success_rate_low');
    assert.equal(payload.windows.length, 2);
    assert.equal(payload.windows[0]!.buyerCaused, 30);
    assert.ok(Math.abs(payload.windows[0]!.successRate - 101 / 120) < 1e-12);

    // The same streak does not alert again.
    now += 60_000;
    evaluation = await merchant<Evaluation>(servers, 'POST', '/monitoring/evaluate');
    assert.equal(evaluation.body.raised.length, 0);
    assert.equal(received.length, 1);

    // The widget now gets gopay as degraded in Indonesia, and not elsewhere.
    const id = await createSession(servers, { country: 'ID', amount: { value: 100000, currency: 'IDR' }, methods: ['gopay', 'ovo'] });
    const session = Session.parse((await call(id, 'GET', '/session')).body);
    assert.equal(session.paymentMethods.find((m) => m.id === 'gopay')?.status, 'degraded');
    assert.equal(session.paymentMethods.find((m) => m.id === 'ovo')?.status, 'available');

    const board = await fetch(`${servers.apiUrl}/dashboard/api/monitoring?windows=4`, { headers: { Authorization: `Bearer ${servers.merchantSecret}` } });
    const json = (await board.json()) as { board: { rows: { method: string; degraded: boolean; failureCodes: { code: string; count: number }[]; finalTimeP50: number }[] } };
    const gopay = json.board.rows.find((r) => r.method === 'gopay')!;
    assert.equal(gopay.degraded, true);
    assert.deepEqual(gopay.failureCodes, [{ code: 'issuer_unavailable', count: 39 }, { code: 'cancelled', count: 30 }]);
    assert.equal(json.board.rows.find((r) => r.method === 'ovo')?.degraded, false);
    const csv = await (await fetch(`${servers.apiUrl}/dashboard/export/failure-codes.csv`, { headers: { Authorization: `Bearer ${servers.merchantSecret}` } })).text();
    assert.ok(csv.includes('gopay,ID,issuer_unavailable,39'), csv);

    // A good window with volume lifts the mark.
    await attempts('gopay', 'ID', 120, 1);
    now += 5 * 60_000;
    evaluation = await merchant<Evaluation>(servers, 'POST', '/monitoring/evaluate');
    assert.deepEqual(evaluation.body.recovered, [{ method: 'gopay', country: 'ID' }]);
  });
});
