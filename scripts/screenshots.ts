// `node --import tsx scripts/screenshots.ts`: screenshots of the demo checkout in
// several locales, right-to-left, narrow and wide, into screenshots/ (git-ignored).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { startServers } from '../server/app.js';
import { findChromium, CHROMIUM_ARGS } from './chromium.js';

const SHOTS = [
  { name: 'us-en-wide', country: 'US', currency: 'USD', locale: 'en-US', width: 1280, scenario: undefined },
  { name: 'sa-ar-narrow', country: 'SA', currency: 'SAR', locale: 'ar', width: 390, scenario: undefined },
  { name: 'th-th-narrow', country: 'TH', currency: 'THB', locale: 'th', width: 390, scenario: undefined },
  { name: 'jp-ja-wide', country: 'JP', currency: 'JPY', locale: 'ja', width: 1280, scenario: undefined },
  { name: 'jp-ja-voucher', country: 'JP', currency: 'JPY', locale: 'ja', width: 390, scenario: 'action:voucher' },
  { name: 'tw-zh-narrow', country: 'TW', currency: 'TWD', locale: 'zh-TW', width: 390, scenario: undefined },
  { name: 'kr-ko-failed', country: 'KR', currency: 'KRW', locale: 'ko', width: 390, scenario: 'decline:expired_card' },
  { name: 'id-id-failed', country: 'ID', currency: 'IDR', locale: 'id', width: 390, scenario: 'decline:insufficient_funds' },
  { name: 'br-pt-qr', country: 'BR', currency: 'BRL', locale: 'pt-BR', width: 390, scenario: 'action:qr' },
  { name: 'sa-ar-failed', country: 'SA', currency: 'SAR', locale: 'ar', width: 1280, scenario: 'decline:card_declined' },
];

const dir = mkdtempSync(join(tmpdir(), 'ck-shots-'));
mkdirSync('screenshots', { recursive: true });
const servers = await startServers({ dbPath: join(dir, 'shots.sqlite'), storeRoot: process.cwd() });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  for (const shot of SHOTS) {
    const created = await fetch(`${servers.storeUrl}/store/checkout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ items: [{ sku: 'mug-stoneware', quantity: 2 }, { sku: 'candle-fig', quantity: 1 }], country: shot.country, currency: shot.currency, locale: shot.locale, scenario: shot.scenario }),
    });
    const checkout = await created.json();
    const page = await browser.newPage({ viewport: { width: shot.width, height: 900 } });
    const state = { country: shot.country, language: shot.locale, cart: { 'mug-stoneware': 2, 'candle-fig': 1 }, checkout };
    await page.addInitScript((value) => sessionStorage.setItem('atlas-oak-store', value), JSON.stringify(state));
    await page.goto(servers.storeUrl);
    const widget = page.locator('ck-checkout');
    await widget.getByRole('button', { name: /\d/ }).first().waitFor();
    if (shot.scenario) {
      await widget.locator('[part="pay-button"]').click();
      await page.waitForTimeout(1500);
    }
    await page.waitForTimeout(400);
    await widget.screenshot({ path: `screenshots/${shot.name}.png` });
    if (shot.width > 800) await page.screenshot({ path: `screenshots/${shot.name}-page.png`, fullPage: true });
    await page.close();
  }
} finally {
  await browser.close();
  await servers.close();
  rmSync(dir, { recursive: true, force: true });
}
