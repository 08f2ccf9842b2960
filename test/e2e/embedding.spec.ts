// Stores paste the widget into pages they don't control: strict CSP, the script
// twice, several checkouts, one inside another component's shadow root.
import { expect, test } from './fixtures.js';
import type { Page } from '@playwright/test';
import { createCheckout, storeUrl } from './support.js';
import { WALLET_MANIFEST_ORIGINS } from '../../server/app.js';

// The wallets' manifest origins are in connect-src as docs/security.md says: Chromium fetches them under the
// page's policy when the widget asks whether Apple Pay or Google Pay can pay (the default US offer has both).
const STRICT_CSP = (api: string) =>
  `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${api} ${WALLET_MANIFEST_ORIGINS}; img-src 'self' data:`;

async function serve(page: Page, path: string, body: string, contentType = 'text/html', csp?: string): Promise<void> {
  await page.route(`**${path}`, (route) =>
    route.fulfill({ contentType, body, headers: csp ? { 'Content-Security-Policy': csp } : {} }),
  );
}

async function collectCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test('renders and pays under a strict Content-Security-Policy with no unsafe-inline', async ({ page, request }) => {
  const handle = await createCheckout(request);
  const api = new URL(handle.endpoint).origin;
  await serve(
    page,
    '/csp.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CSP</title>
     <script type="module" src="/dist/checkout-kit.js"></script></head>
     <body><ck-checkout session-token="${handle.sessionToken}" endpoint="${handle.endpoint}"></ck-checkout></body></html>`,
    'text/html',
    STRICT_CSP(api),
  );
  const violations = await collectCspViolations(page);
  await page.goto(`${storeUrl()}/csp.html`);
  const checkout = page.locator('ck-checkout');
  await checkout.getByRole('button', { name: /^Pay / }).click();
  await expect(checkout.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  expect(await violations()).toEqual([]);
  // Styles really applied through adopted stylesheets: the pay button is not an unstyled grey default.
  const background = await checkout.locator('.checkout').evaluate((el) => getComputedStyle(el).borderRadius);
  expect(background).not.toBe('0px');
});

test('two copies of the script (two versions) on one page do not throw and warn once per tag', async ({ page, request }) => {
  const handle = await createCheckout(request);
  // A second, older build served from another path: same tags, different version string.
  await page.route('**/other-copy/**', async (route) => {
    const response = await route.fetch({ url: route.request().url().replace('/other-copy/', '/dist/') });
    const body = (await response.text()).replaceAll('"0.1.0"', '"0.0.9"').replaceAll("'0.1.0'", "'0.0.9'");
    await route.fulfill({ response, body });
  });
  await serve(
    page,
    '/twice.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>twice</title>
     <script type="module" src="/dist/checkout-kit.js"></script>
     <script type="module" src="/other-copy/checkout-kit.js"></script></head>
     <body><ck-checkout session-token="${handle.sessionToken}" endpoint="${handle.endpoint}"></ck-checkout></body></html>`,
  );
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  await page.goto(`${storeUrl()}/twice.html`);
  await expect(page.locator('ck-checkout').getByRole('button', { name: /^Pay / })).toBeVisible();
  expect(errors).toEqual([]);
  // Each copy's entry loads its element code in parallel (import()), so whichever arrives first defines
  // the tags and the other says so, once per tag: never a throw, never two definitions.
  // The other copy may still be on its way when the list shows: wait for its word.
  const redefined = () => warnings.filter((w) => /<ck-checkout> is already defined by version 0\.(1\.0|0\.9); version 0\.(0\.9|1\.0) is not used/.test(w));
  await expect.poll(() => redefined().length).toBe(1);
  expect(errors).toEqual([]);
  // The copies go on prefetching their payment code after the list is shown: let those routes go quietly.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('two checkouts on one page and one inside another shadow root each work on their own', async ({ page, request }) => {
  const [a, b, c] = await Promise.all([
    createCheckout(request, { scenario: 'success' }),
    createCheckout(request, { scenario: 'decline:card_declined' }),
    createCheckout(request, { country: 'JP', currency: 'JPY', locale: 'ja' }),
  ]);
  await serve(
    page,
    '/host.js',
    `customElements.define('store-panel', class extends HTMLElement {
       connectedCallback() {
         const root = this.attachShadow({ mode: 'open' });
         const checkout = document.createElement('ck-checkout');
         checkout.setAttribute('session-token', this.dataset.token);
         checkout.setAttribute('endpoint', this.dataset.endpoint);
         root.append(checkout);
       }
     });`,
    'text/javascript',
  );
  await serve(
    page,
    '/multi.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>multi</title>
     <script type="module" src="/dist/checkout-kit.js"></script><script type="module" src="/host.js"></script></head>
     <body>
       <section aria-label="First"><ck-checkout session-token="${a.sessionToken}" endpoint="${a.endpoint}"></ck-checkout></section>
       <section aria-label="Second"><ck-checkout session-token="${b.sessionToken}" endpoint="${b.endpoint}"></ck-checkout></section>
       <section aria-label="Third"><store-panel data-token="${c.sessionToken}" data-endpoint="${c.endpoint}"></store-panel></section>
     </body></html>`,
  );
  await page.goto(`${storeUrl()}/multi.html`);
  const first = page.getByRole('region', { name: 'First' });
  const second = page.getByRole('region', { name: 'Second' });
  const third = page.getByRole('region', { name: 'Third' });
  await first.getByRole('button', { name: /^Pay / }).click();
  await expect(first.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  await expect(second.getByRole('button', { name: /^Pay / })).toBeEnabled();
  await second.getByRole('button', { name: /^Pay / }).click();
  await expect(second.getByRole('alert')).toBeVisible();
  await expect(first.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  // The third, in Japanese inside another component's shadow root, shows yen without decimals.
  await expect(third.getByRole('button', { name: /￥|¥/ })).toBeVisible();
  await expect(third.getByRole('button', { name: /\.\d\d/ })).toHaveCount(0);
});

test('a page without a support bubble never fetches its launcher; a bubble added later is defined and works', async ({ page, request }) => {
  const handle = await createCheckout(request);
  const launcherRequests: string[] = [];
  page.on('request', (req) => {
    if (/\/chunks\/support-bubble-[^/]+\.js/.test(req.url())) launcherRequests.push(req.url());
  });
  await serve(
    page,
    '/no-bubble.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>no bubble</title>
     <script type="module" src="/dist/checkout-kit.js"></script></head>
     <body><ck-checkout session-token="${handle.sessionToken}" endpoint="${handle.endpoint}"></ck-checkout></body></html>`,
  );
  await page.goto(`${storeUrl()}/no-bubble.html`);
  const checkout = page.locator('ck-checkout');
  await expect(checkout.getByRole('button', { name: /^Pay / })).toBeEnabled();
  // The payment code is fetched after the list is painted: once it is here, the page's start-up fetches are done.
  await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /payment-stage-/.test(e.name)))).toBe(true);
  expect(launcherRequests).toEqual([]);
  expect(await page.evaluate(() => customElements.get('ck-support-bubble') !== undefined)).toBe(false);

  // A single-page store adds the bubble later, inside a wrapper: the drop-in notices and defines it.
  await page.evaluate(() => {
    const wrapper = document.createElement('div');
    wrapper.innerHTML = '<ck-support-bubble endpoint="/api/support/v1"></ck-support-bubble>';
    document.body.append(wrapper);
  });
  await expect(page.locator('ck-support-bubble').getByRole('button', { name: 'Chat with us' })).toBeVisible();
  expect(launcherRequests).toHaveLength(1);
});

test('a bubble inside the store\'s own shadow root, which the drop-in cannot see, is defined by defineSupportBubble()', async ({ page }) => {
  await serve(
    page,
    '/store-help.js',
    `import { defineSupportBubble } from '/dist/checkout-kit.js';
     customElements.define('store-help', class extends HTMLElement {
       connectedCallback() {
         this.attachShadow({ mode: 'open' }).innerHTML = '<ck-support-bubble endpoint="/api/support/v1"></ck-support-bubble>';
         defineSupportBubble();
       }
     });`,
    'text/javascript',
  );
  await serve(
    page,
    '/shadow-bubble.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shadow bubble</title>
     <script type="module" src="/dist/checkout-kit.js"></script><script type="module" src="/store-help.js"></script></head>
     <body><store-help></store-help></body></html>`,
  );
  await page.goto(`${storeUrl()}/shadow-bubble.html`);
  await expect(page.locator('store-help').getByRole('button', { name: 'Chat with us' })).toBeVisible();
});
