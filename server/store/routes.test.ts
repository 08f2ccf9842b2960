import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PaymentResult, Session } from '../../src/core/protocol/schemas.js';
import { minorUnitsOf } from '../money.js';
import { call, pay, paymentRows, startTestServers, type TestServers } from '../test-support.js';
import { CATALOG, cartTotal, STORE_CURRENCIES } from './catalog.js';
import type { StoreCheckoutAnswer } from './routes.js';
import { WALLET_MANIFEST_ORIGINS } from '../app.js';
import { STORAGES } from '../../test/shared/postgres.js';

const SECRET = 'store-test-secret-7f3a9c';
const REQUIRED_CURRENCIES = ['USD', 'EUR', 'GBP', 'IDR', 'THB', 'BRL', 'JPY', 'SAR', 'MXN', 'INR', 'KWD'];

for (const storage of STORAGES) describe(`demo store origin (${storage.name})`, () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers({ merchantSecret: SECRET, ...(await storage.options()) });
  });
  after(() => servers.dispose());

  const checkout = (body: Record<string, unknown>) =>
    fetch(`${servers.storeUrl}/store/checkout`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  describe('catalog', () => {
    it('GET /store/products lists ~6 products priced in every required currency, in correct minor units', async () => {
      const response = await fetch(`${servers.storeUrl}/store/products`);
      assert.equal(response.status, 200);
      const body = (await response.json()) as { currencies: Array<{ code: string; minorUnits: number }>; products: typeof CATALOG };
      assert.equal(body.products.length, 6);
      const units = new Map(body.currencies.map((c) => [c.code, c.minorUnits]));
      assert.equal(units.get('JPY'), 0);
      assert.equal(units.get('KWD'), 3);
      assert.equal(units.get('USD'), 2);
      for (const product of body.products) {
        for (const code of REQUIRED_CURRENCIES) {
          const price = product.prices[code];
          assert.ok(Number.isInteger(price) && price! > 0, `${product.sku} ${code}`);
          // Shelf prices are whole multiples of 100 minor units: never a sandbox magic amount.
          assert.equal(price! % 100, 0, `${product.sku} ${code} ${price}`);
        }
      }
      const mug = body.products.find((p) => p.sku === 'mug-stoneware')!;
      assert.equal(mug.prices['USD'], 1800);
      assert.equal(mug.prices['JPY'], 2700);
      assert.equal(mug.prices['KWD'], 5500);
    });

    it('every store currency has a positive price per product', () => {
      for (const currency of STORE_CURRENCIES) {
        assert.ok(minorUnitsOf(currency.code) >= 0);
        for (const product of CATALOG) assert.ok((product.prices[currency.code] ?? 0) > 0, `${product.sku} ${currency.code}`);
      }
      assert.equal(cartTotal([{ sku: 'tote-canvas', quantity: 2 }, { sku: 'mug-stoneware', quantity: 1 }], 'USD'), 6600);
      assert.equal(cartTotal([{ sku: 'nope', quantity: 1 }], 'USD'), undefined);
      assert.equal(cartTotal([{ sku: 'tote-canvas', quantity: 1 }], 'XXX'), undefined);
    });
  });

  describe('POST /store/checkout', () => {
    it('computes the total server-side and returns a session on the API origin', async () => {
      const response = await checkout({ items: [{ sku: 'tote-canvas', quantity: 2 }, { sku: 'tea-sencha', quantity: 1 }], country: 'BR', currency: 'BRL', locale: 'pt-BR', price: 1 });
      assert.equal(response.status, 201);
      const answer = (await response.json()) as StoreCheckoutAnswer;
      assert.equal(answer.endpoint, `${servers.apiUrl}/checkout/v1`);
      const expected = cartTotal([{ sku: 'tote-canvas', quantity: 2 }, { sku: 'tea-sencha', quantity: 1 }], 'BRL')!;
      assert.deepEqual(answer.amount, { value: expected, currency: 'BRL' });
      const session = Session.parse((await call(answer, 'GET', '/session')).body);
      assert.deepEqual(session.amount, { value: expected, currency: 'BRL' });
      assert.equal(session.locale, 'pt-BR');
      assert.deepEqual(session.paymentMethods.map((m) => m.id), ['pix', 'card', 'boleto', 'mercado_pago']);
    });

    it('never sends the merchant secret to the browser', async () => {
      const response = await checkout({ items: [{ sku: 'mug-stoneware', quantity: 1 }], country: 'US', currency: 'USD' });
      const text = await response.text();
      assert.equal(response.status, 201);
      assert.ok(!text.includes(SECRET));
      for (const [, value] of response.headers) assert.ok(!value.includes(SECRET));
      const failed = await checkout({ items: [{ sku: 'mug-stoneware', quantity: 1 }], country: 'US', currency: 'USD', scenario: 'nonsense' });
      assert.equal(failed.status, 400);
      assert.ok(!(await failed.text()).includes(SECRET));
      for (const path of ['/', '/store/products']) assert.ok(!(await (await fetch(servers.storeUrl + path)).text()).includes(SECRET), path);
    });

    it('sameOrigin: the endpoint is the store origin\'s /api/checkout/v1 mount, with sandbox pages there too', async () => {
      const response = await checkout({ items: [{ sku: 'candle-fig', quantity: 1 }], country: 'NL', currency: 'EUR', sameOrigin: true });
      const answer = (await response.json()) as StoreCheckoutAnswer;
      assert.equal(answer.endpoint, `${servers.storeUrl}/api/checkout/v1`);
      assert.equal((await call(answer, 'GET', '/session')).status, 200);
      const result = PaymentResult.parse((await pay(answer, 'ideal')).body);
      assert.ok(result.status === 'requires_action' && result.action.type === 'redirect');
      assert.ok(result.action.url.startsWith(`${servers.storeUrl}/api/sandbox/redirect/`));
      const page = await fetch(result.action.url);
      assert.equal(page.status, 200);
      assert.equal(new Map((page.headers.get('content-security-policy') ?? '').split('; ').map((d) => [d.split(' ')[0], d])).get('default-src'), "default-src 'none'");
      assert.equal((await paymentRows(servers, answer.sessionId)).length, 1);
    });

    it('passes scenario and faults through for the sandbox', async () => {
      // cardWithoutToken: this checks the pass-through, not card entry (server/vault/vault.test.ts does).
      const response = await checkout({ items: [{ sku: 'mug-stoneware', quantity: 1 }], country: 'US', currency: 'USD', scenario: 'decline:card_declined', methods: ['card'], faults: { cardWithoutToken: true } });
      const answer = (await response.json()) as StoreCheckoutAnswer;
      const result = PaymentResult.parse((await pay(answer, 'card')).body);
      assert.equal(result.status === 'failed' && result.failure.code, 'card_declined');
    });

    it('rejects unknown products, currencies and bad quantities', async () => {
      for (const body of [
        { items: [{ sku: 'unicorn', quantity: 1 }], country: 'US', currency: 'USD' },
        { items: [{ sku: 'mug-stoneware', quantity: 1 }], country: 'US', currency: 'XAU' },
        { items: [{ sku: 'mug-stoneware', quantity: 0 }], country: 'US', currency: 'USD' },
        { items: [], country: 'US', currency: 'USD' },
      ]) {
        assert.equal((await checkout(body)).status, 400, JSON.stringify(body));
      }
    });

    it('hands out a fresh token for the same session', async () => {
      const created = await checkout({ items: [{ sku: 'mug-stoneware', quantity: 1 }], country: 'US', currency: 'USD' });
      const answer = (await created.json()) as StoreCheckoutAnswer;
      // Only the browser holding the store's session cookie gets one (issue 17, hole 2).
      const cookie = (created.headers.get('set-cookie') ?? '').split(';')[0]!;
      const fresh = await fetch(`${servers.storeUrl}/store/sessions/${answer.sessionId}/token`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify({ sameOrigin: true }),
      });
      assert.equal(fresh.status, 201);
      const body = (await fresh.json()) as StoreCheckoutAnswer;
      assert.equal(body.sessionId, answer.sessionId);
      assert.notEqual(body.sessionToken, answer.sessionToken);
      assert.equal(body.endpoint, `${servers.storeUrl}/api/checkout/v1`);
      assert.equal((await fetch(`${servers.storeUrl}/store/sessions/cs_nope/token`, { method: 'POST', headers: { Cookie: cookie } })).status, 403);
    });
  });

  describe('pages and files', () => {
    it('serves index.html, dist/ and demo/ with the strict store CSP', async () => {
      const apiOrigin = new URL(servers.apiUrl).origin;
      for (const [path, type] of [['/', 'text/html'], ['/dist/checkout-kit.js', 'text/javascript'], ['/demo/store.css', 'text/css']] as const) {
        const response = await fetch(servers.storeUrl + path);
        assert.equal(response.status, 200, path);
        assert.match(response.headers.get('content-type') ?? '', new RegExp(type));
        const csp = response.headers.get('content-security-policy') ?? '';
        for (const directive of [
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          `img-src 'self' data: ${apiOrigin}`,
          // The wallets' payment-method manifests are fetched under the page's connect-src.
          `connect-src 'self' ${apiOrigin} ${WALLET_MANIFEST_ORIGINS}`,
          // The card frame (issue 13) is a third origin the page frames.
          `frame-src 'self' ${apiOrigin} ${new URL(servers.cardUrl).origin}`,
          "frame-ancestors 'none'",
        ]) {
          assert.ok(csp.split('; ').includes(directive), `${path}: ${directive} in ${csp}`);
        }
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      }
    });

    it('serves nothing outside its folders', async () => {
      for (const path of ['/secret.txt', '/dist/../../secret.txt', '/dist/%2e%2e/%2e%2e/secret.txt', '/demo/..%2f..%2fsecret.txt', '/dist/', '/package.json']) {
        const response = await fetch(servers.storeUrl + path);
        assert.equal(response.status, 404, path);
        assert.ok(!(await response.text()).includes('outside the store root'), path);
      }
    });
  });
});
