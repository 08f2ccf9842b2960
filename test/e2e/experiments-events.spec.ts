// Checkout analytics end to end: the real widget on the demo store sends its
// events to the real reference backend, which stores each once in SQLite,
// on its timer (a controlled page clock) and by beacon when the page closes
// right after paying.
import Database from 'better-sqlite3';
import { expect, test } from './fixtures.js';
import { checkoutHarness, createCheckout, openCheckout, sharedBackend } from './support.js';

interface EventRow {
  id: string;
  type: string;
  data: Record<string, unknown> | null;
}

/** The events the reference backend stored for a session, in arrival order. */
function storedEvents(sessionId: string): EventRow[] {
  const db = new Database(sharedBackend().dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT id, type, data_json FROM events WHERE session_id = ? ORDER BY rowid').all(sessionId) as {
      id: string;
      type: string;
      data_json: string | null;
    }[];
    return rows.map((row) => ({ id: row.id, type: row.type, data: row.data_json ? (JSON.parse(row.data_json) as Record<string, unknown>) : null }));
  } finally {
    db.close();
  }
}

test.describe('checkout analytics', () => {
  test('the widget’s events reach SQLite on its flush timer, each stored once, nothing personal', async ({ page, request }) => {
    const handle = await createCheckout(request, { country: 'NL', currency: 'EUR' });
    await page.clock.install();
    await openCheckout(page, handle, { country: 'NL' });
    const checkout = checkoutHarness(page.locator('ck-checkout'));
    await expect(page.locator('ck-checkout')).toHaveAttribute('state', 'ready');
    const sent = page.waitForResponse((r) => r.url().endsWith('/events') && r.request().method() === 'POST');
    await page.clock.runFor(5_000);
    expect((await sent).status()).toBe(202);
    const viewed = storedEvents(handle.sessionId);
    expect(viewed.map((e) => e.type)).toEqual(['checkout.viewed', 'methods.shown']);
    expect(viewed[0]!.data).toMatchObject({ country: 'NL', currency: 'EUR' });
    const shown = String(viewed[1]!.data?.['methods']).split(',');
    expect(shown[0]).toBe('ideal');

    await checkout.choose(/card/i);
    await checkout.pay();
    expect(await checkout.outcome()).toBe('succeeded');
    const second = page.waitForResponse((r) => r.url().endsWith('/events') && r.request().method() === 'POST');
    await page.clock.runFor(5_000);
    await second;
    const all = storedEvents(handle.sessionId);
    expect(all.map((e) => e.type)).toEqual(['checkout.viewed', 'methods.shown', 'method.selected', 'payment.submitted', 'payment.succeeded']);
    expect(all[2]!.data).toEqual({ method: 'card', position: shown.indexOf('card') + 1 });
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(JSON.stringify(all)).not.toContain(handle.sessionToken);
  });

  test('closing the page right after paying still delivers the events (beacon)', async ({ page, request }) => {
    const handle = await createCheckout(request, { country: 'NL', currency: 'EUR' });
    await openCheckout(page, handle, { country: 'NL' });
    const checkout = checkoutHarness(page.locator('ck-checkout'));
    await checkout.choose(/card/i);
    await checkout.pay();
    expect(await checkout.outcome()).toBe('succeeded');
    // Within the flush interval: nothing has been sent by the timer yet.
    expect(storedEvents(handle.sessionId)).toEqual([]);
    await page.close({ runBeforeUnload: true });
    await expect
      .poll(() => storedEvents(handle.sessionId).map((e) => e.type), { timeout: 10_000 })
      .toEqual(['checkout.viewed', 'methods.shown', 'method.selected', 'payment.submitted', 'payment.succeeded']);
    expect(storedEvents(handle.sessionId).find((e) => e.type === 'payment.succeeded')?.data).toMatchObject({ method: 'card', currency: 'EUR' });
  });
});
