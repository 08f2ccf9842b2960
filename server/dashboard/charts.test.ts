/**
 * The dashboard's charts in real Chromium: uPlot draws the plotted data the
 * server computed (asserted through the uPlot instances' `data`), the page
 * runs under its strict CSP without errors, and a screenshot is written for
 * a person to look at (CK_DASHBOARD_SCREENSHOT, default in the temp folder).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.js';
import { call, createSession, startTestServers, type TestServers } from '../test-support.js';

const DAY = 24 * 60 * 60 * 1000;

describe('dashboard charts (Chromium)', () => {
  let servers: TestServers;
  let browser: Browser;
  let now = Date.UTC(2026, 10, 20, 12, 0, 0);
  before(async () => {
    servers = await startTestServers({ now: () => now });
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await servers?.dispose();
  });

  it('plots each variant’s cumulative daily conversion and each method’s success rate per window', async () => {
    // Three days; control converts 2 of 10 buyers a day, treatment 4 of 10.
    for (let day = 0; day < 3; day++) {
      for (let i = 0; i < 20; i++) {
        const variant = i % 2 ? 'gopay' : 'control';
        const paid = variant === 'control' ? i < 4 : i < 8;
        const credentials = await createSession(servers);
        const at = new Date(now).toISOString();
        const events: { id: string; type: string; at: string; data: Record<string, string | number> }[] = [
          { id: randomUUID(), type: 'experiment.exposed', at, data: { experiment: 'gopay-first', variant } },
        ];
        if (paid) events.push({ id: randomUUID(), type: 'payment.succeeded', at, data: { method: 'gopay', amount: 5000, currency: 'EUR' } });
        assert.equal((await call(credentials, 'POST', '/events', { body: { events } })).status, 202);
      }
      now += DAY;
    }
    // Payments in the current 5-minute window: 3 of 4 ideal attempts in NL succeeded.
    const session = (await servers.store.get<{ id: string }>('SELECT id FROM sessions LIMIT 1'))!;
    for (const [i, status] of ['succeeded', 'succeeded', 'failed', 'succeeded'].entries()) {
      await servers.store.run(
        `INSERT INTO payments (id, session_id, idempotency_key, method, method_type, amount_value, currency, status, failure_code, return_url, created_at, updated_at)
         VALUES (?, ?, ?, 'ideal', 'bank_redirect', 5000, 'EUR', ?, ?, 'http://127.0.0.1/', ?, ?)`,
        [`pay_chart_${i}`, session.id, `key-${i}`, status, status === 'failed' ? 'issuer_unavailable' : null, now, now + 2000],
      );
    }
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${servers.apiUrl}/dashboard`);
    await page.getByLabel('Merchant secret').fill(servers.merchantSecret);
    // The sign-in form itself answers 401 (logged as a failed resource); errors count from here on.
    errors.length = 0;
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Experiment gopay-first' }).waitFor();
    await page.waitForFunction(() => Boolean((window as unknown as { ckDashboardCharts?: object }).ckDashboardCharts));
    const plotted = await page.evaluate(() => {
      const charts = (window as unknown as { ckDashboardCharts: Record<string, { data: (number | null)[][]; series: { label?: string }[] }> }).ckDashboardCharts;
      return Object.fromEntries(Object.entries(charts).map(([id, chart]) => [id, { data: chart.data.map((d) => Array.from(d)), labels: chart.series.map((s) => s.label ?? '') }]));
    });
    const conversion = plotted['conversion-0']!;
    assert.deepEqual(conversion.labels.slice(1), ['control', 'gopay']);
    const day0 = Math.floor(Date.UTC(2026, 10, 20, 12) / DAY) * DAY;
    assert.deepEqual(conversion.data[0], [day0 / 1000, (day0 + DAY) / 1000, (day0 + 2 * DAY) / 1000]);
    assert.deepEqual(conversion.data[1], [0.2, 0.2, 0.2]);
    assert.deepEqual(conversion.data[2], [0.4, 0.4, 0.4]);
    const success = plotted['success-rate']!;
    assert.deepEqual(success.labels.slice(1), ['ideal NL']);
    assert.equal(success.data[0]!.length, 12, 'an hour of 5-minute windows');
    assert.equal(success.data[1]!.at(-1), 0.75);
    assert.deepEqual(success.data[1]!.slice(0, -1), Array(11).fill(null));
    assert.equal(await page.locator('#conversion-0 canvas').count(), 1);
    assert.deepEqual(errors, []);
    await page.screenshot({ path: process.env['CK_DASHBOARD_SCREENSHOT'] ?? join(tmpdir(), 'ck-dashboard.png'), fullPage: true });
    await page.close();
  });
});
