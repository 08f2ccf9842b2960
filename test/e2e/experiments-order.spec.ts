// An experiment on the method order, end to end: the reference backend assigns
// each buyer a variant (same hash as the widget), and the variant decides the
// order on screen, in ck-ready, and in the exposure event stored by the backend.
import type { ExperimentDefinition } from '../../src/core/protocol/bucketing.js';
import { useExperimentBackend } from './experiment-backend.js';
import { expect, test } from './fixtures.js';
import { checkoutHarness, openCheckout } from './support.js';

const PAYPAL_FIRST: ExperimentDefinition = { key: 'paypal-first', variants: [{ key: 'control' }, { key: 'paypal', order: ['paypal'] }] };

const experimentBackend = useExperimentBackend(PAYPAL_FIRST, 'experiments');
const sessionIn = experimentBackend.sessionIn;

test('the assigned variant decides the order on screen and in ck-ready, and its exposure is stored', async ({ context, request }) => {
  const seen: Record<string, { screen: string[]; ready: { methods: string[]; experiments: unknown } }> = {};
  for (const variant of ['control', 'paypal']) {
    const handle = await sessionIn(request, variant);
    // A page of its own per buyer: the demo store keeps its checkout in sessionStorage.
    const page = await context.newPage();
    await page.addInitScript(() => {
      document.addEventListener('ck-ready', (event) => {
        (window as unknown as { ckReady: unknown }).ckReady = (event as CustomEvent<unknown>).detail;
      });
    });
    await openCheckout(page, handle, { backend: experimentBackend.backend(), country: 'NL' });
    const checkout = checkoutHarness(page.locator('ck-checkout'));
    const screen = await checkout.picker.options();
    const ready = await page.waitForFunction(() => (window as unknown as { ckReady?: unknown }).ckReady).then((h) => h.jsonValue() as Promise<{ methods: string[]; experiments: unknown }>);
    seen[variant] = { screen, ready };
    expect(ready.experiments).toEqual([{ key: 'paypal-first', variant }]);
    // The exposure reaches the backend when the page is hidden.
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
    await expect
      .poll(() =>
        experimentBackend.servers().store.all<{ data_json: string }>("SELECT data_json FROM events WHERE session_id = ? AND type = 'experiment.exposed'", [handle.sessionId]),
      )
      .toEqual([{ data_json: JSON.stringify({ experiment: 'paypal-first', variant }) }]);
    await page.close();
  }
  expect(seen['control']!.ready.methods[0]).toBe('ideal');
  expect(seen['paypal']!.ready.methods[0]).toBe('paypal');
  expect(seen['paypal']!.ready.methods.slice(1)).toEqual(seen['control']!.ready.methods.filter((id) => id !== 'paypal'));
  expect(seen['control']!.screen[0]).toMatch(/iDEAL/i);
  expect(seen['paypal']!.screen[0]).toMatch(/PayPal/i);
});
