// `node --import tsx scripts/screenshots.ts [out-dir]`: screenshots of the demo checkout in several
// locales, right-to-left, narrow (390×844, a phone) and wide (1280×900), into screenshots/
// (git-ignored) or the folder given. Needs a build (`npm run build`): the demo serves dist/.
// SHOTS_ONLY=qr-pix,panel-ar takes only the shots whose names contain one of those parts.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright';
import { startServers } from '../server/app.js';
import { findChromium, CHROMIUM_ARGS } from './chromium.js';

interface Shot {
  name: string;
  country: string;
  currency: string;
  locale: string;
  width: number;
  scenario?: string;
  /** Pick this method (by its accessible name) and pay, to reach its action screen. */
  method?: { id: string; name: RegExp };
  /** Screenshot the demo's sandbox panel instead of the widget. */
  panel?: boolean;
}

const PHONE = 390;
const DESKTOP = 1280;
const QR_SCHEMES = [
  { country: 'BR', currency: 'BRL', method: { id: 'pix', name: /Pix/ } },
  { country: 'TH', currency: 'THB', method: { id: 'promptpay', name: /PromptPay|พร้อมเพย์/ } },
  { country: 'ID', currency: 'IDR', method: { id: 'qris', name: /QRIS/ } },
];
const LOCALES = ['en', 'th', 'id', 'ar'];

const SHOTS: Shot[] = [
  { name: 'us-en-wide', country: 'US', currency: 'USD', locale: 'en-US', width: DESKTOP },
  { name: 'sa-ar-narrow', country: 'SA', currency: 'SAR', locale: 'ar', width: PHONE },
  { name: 'jp-ja-voucher', country: 'JP', currency: 'JPY', locale: 'ja', width: PHONE, scenario: 'action:voucher' },
  { name: 'br-pt-qr', country: 'BR', currency: 'BRL', locale: 'pt-BR', width: PHONE, scenario: 'action:qr' },
  // The QR screens of each scheme and the sandbox panel, in en, th, id and ar, on a phone and a desktop.
  ...QR_SCHEMES.flatMap((scheme) =>
    LOCALES.flatMap((locale) =>
      [PHONE, DESKTOP].map((width) => ({ name: `qr-${scheme.method.id}-${locale}-${width === PHONE ? 'phone' : 'desktop'}`, ...scheme, locale, width })),
    ),
  ),
  ...LOCALES.flatMap((locale) =>
    [PHONE, DESKTOP].map((width) => ({ name: `panel-${locale}-${width === PHONE ? 'phone' : 'desktop'}`, country: 'US', currency: 'USD', locale, width, panel: true })),
  ),
];

const outDir = process.argv[2] ?? 'screenshots';
const only = process.env['SHOTS_ONLY'];
const dir = mkdtempSync(join(tmpdir(), 'ck-shots-'));
mkdirSync(outDir, { recursive: true });
const servers = await startServers({ dbPath: join(dir, 'shots.sqlite'), storeRoot: process.cwd() });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });

async function shoot(page: Page, shot: Shot): Promise<void> {
  const created = await page.request.post(`${servers.storeUrl}/store/checkout`, {
    data: {
      items: [{ sku: 'mug-stoneware', quantity: 2 }, { sku: 'candle-fig', quantity: 1 }],
      country: shot.country,
      currency: shot.currency,
      locale: shot.locale,
      ...(shot.scenario ? { scenario: shot.scenario } : {}),
      ...(shot.method ? { methods: [shot.method.id, 'card'] } : {}),
    },
  });
  const checkout = await created.json();
  const state = { country: shot.country, language: shot.locale, cart: { 'mug-stoneware': 2, 'candle-fig': 1 }, checkout };
  await page.addInitScript((value) => sessionStorage.setItem('atlas-oak-store', value), JSON.stringify(state));
  await page.goto(servers.storeUrl);
  const widget = page.locator('ck-checkout');
  await widget.getByRole('radio').first().waitFor();
  if (shot.method) await widget.getByRole('radio', { name: shot.method.name }).check();
  if (shot.method || shot.scenario) {
    await widget.locator('[part~="pay-button"]').click();
    await widget.locator('ck-payment-action').locator('h3').first().waitFor();
  }
  // Fonts and the QR code settle; nothing here waits on the network.
  await page.evaluate(() => document.fonts.ready);
  if (shot.panel) {
    await page.locator('.sandbox').screenshot({ path: join(outDir, `${shot.name}.png`) });
    await page.screenshot({ path: join(outDir, `${shot.name}-page.png`), fullPage: true });
  } else {
    await widget.screenshot({ path: join(outDir, `${shot.name}.png`) });
  }
}

try {
  for (const shot of SHOTS) {
    if (only && !only.split(',').some((part) => shot.name.includes(part))) continue;
    const context = await browser.newContext({ viewport: { width: shot.width, height: shot.width === PHONE ? 844 : 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    try {
      await shoot(page, shot);
      console.log(`${shot.name}.png`);
    } catch (error) {
      console.error(`${shot.name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await servers.close();
  rmSync(dir, { recursive: true, force: true });
}
