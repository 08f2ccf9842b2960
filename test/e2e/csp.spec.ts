// The store's Content-Security-Policy (docs/security.md) is enough for the widget: the demo store is
// served with it, and a buyer who loads the list, opens a QR payment and pays meets no violation.
// Also the published SRI manifest matches the files the page actually loaded.
import { createHash } from 'node:crypto';
import { expect, test } from './fixtures.js';
import { checkoutHarness, createCheckout, openCheckout, storeUrl } from './support.js';

test.setTimeout(180_000);

test('the widget runs under the strict store CSP with no violation, and every script it loads is pinned in dist/sri.json', async ({ page, request }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const scripts = new Map<string, Buffer>();
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/dist/') && url.pathname.endsWith('.js')) scripts.set(url.pathname.slice('/dist/'.length), await response.body().catch(() => Buffer.alloc(0)));
  });
  const pageResponse = page.waitForResponse((response) => new URL(response.url()).pathname === '/' || response.request().resourceType() === 'document');
  const handle = await createCheckout(request, { country: 'BR', currency: 'BRL', methods: ['pix', 'card', 'boleto'] });
  await openCheckout(page, handle, { country: 'BR', language: 'en' });
  const csp = (await (await pageResponse).allHeaders())['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);

  const checkout = checkoutHarness(page.locator('ck-checkout'));
  await checkout.choose('Pix');
  await checkout.pay();
  await checkout.action.qrCode();
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);

  const manifest = (await (await request.get(`${storeUrl()}/dist/sri.json`)).json()) as { files: Record<string, string> };
  expect(scripts.size).toBeGreaterThan(2);
  for (const [file, bytes] of scripts) {
    expect(manifest.files[file], file).toBe(`sha384-${createHash('sha384').update(bytes).digest('base64')}`);
  }
});
