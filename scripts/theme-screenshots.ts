// `node --import tsx scripts/theme-screenshots.ts [out-dir]`: the demo checkout under each example theme
// of themes/ (and the built-in look) in its main states (ready, failed, QR code, voucher), left-to-right
// (en, US) and right-to-left (ar), light and dark, on a phone; plus one contact sheet per theme and
// scheme (`sheet-<theme>-<scheme>.png`) to look at them side by side. Needs a build (`npm run build`).
// THEMES_ONLY=minimal,luxury-dark limits the themes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright';
import { startServers } from '../server/app.js';
import { findChromium, CHROMIUM_ARGS } from './chromium.js';

const THEMES = ['', 'minimal', 'marketplace', 'luxury-dark'];
const SCHEMES = ['light', 'dark'] as const;
const DIRS = [
  { dir: 'ltr', locale: 'en-US' },
  { dir: 'rtl', locale: 'ar' },
] as const;
interface State {
  name: string;
  country: string;
  currency: string;
  scenario?: string;
  method?: string;
  /** What shows the state has been reached. */
  ready: string;
}
const STATES: State[] = [
  { name: 'ready', country: 'US', currency: 'USD', ready: '[part~="option"]' },
  { name: 'failed', country: 'US', currency: 'USD', scenario: 'decline:card_declined', method: 'card', ready: '[part~="danger-panel"]' },
  { name: 'qr', country: 'BR', currency: 'BRL', method: 'pix', ready: '[part~="qr"]' },
  { name: 'voucher', country: 'BR', currency: 'BRL', scenario: 'action:voucher', method: 'boleto', ready: '[part~="reference"]' },
];

const outDir = process.argv[2] ?? 'screenshots/themes';
const only = process.env['THEMES_ONLY']?.split(',');
const dir = mkdtempSync(join(tmpdir(), 'ck-theme-shots-'));
mkdirSync(outDir, { recursive: true });
const servers = await startServers({ dbPath: join(dir, 'shots.sqlite'), storeRoot: process.cwd() });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });

async function shoot(page: Page, theme: string, state: State, locale: string, path: string): Promise<void> {
  const created = await page.request.post(`${servers.storeUrl}/store/checkout`, {
    data: {
      items: [{ sku: 'mug-stoneware', quantity: 2 }, { sku: 'candle-fig', quantity: 1 }],
      country: state.country,
      currency: state.currency,
      locale,
      ...(state.scenario ? { scenario: state.scenario } : {}),
      ...(state.method ? { methods: [state.method, 'card'] } : {}),
    },
  });
  const checkout = await created.json();
  const stored = { country: state.country, language: locale, theme, cart: { 'mug-stoneware': 2, 'candle-fig': 1 }, checkout };
  await page.addInitScript((value) => sessionStorage.setItem('atlas-oak-store', value), JSON.stringify(stored));
  await page.goto(servers.storeUrl);
  const widget = page.locator('ck-checkout');
  await widget.getByRole('radio').first().waitFor();
  if (state.method) {
    await widget.locator(`[part~="option"][data-method="${state.method}"]`).click();
    await widget.locator('[part~="pay-button"]').click();
  }
  await widget.locator(state.ready).first().waitFor();
  await page.evaluate(() => document.fonts.ready);
  // The outcome panel takes focus for keyboard users; a screenshot shows it at rest.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await widget.screenshot({ path, animations: 'disabled' });
}

const shots: Record<string, string[]> = {};
try {
  for (const theme of THEMES) {
    if (only && !only.includes(theme || 'default')) continue;
    for (const scheme of SCHEMES) {
      const key = `${theme || 'default'}-${scheme}`;
      shots[key] = [];
      for (const state of STATES) {
        for (const { dir: direction, locale } of DIRS) {
          const name = `${key}-${state.name}-${direction}.png`;
          const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, colorScheme: scheme });
          const page = await context.newPage();
          try {
            await shoot(page, theme, state, locale, join(outDir, name));
            shots[key]!.push(name);
            console.log(name);
          } catch (error) {
            console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
            process.exitCode = 1;
          } finally {
            await context.close();
          }
        }
      }
    }
  }
  // One contact sheet per theme and scheme: states in rows, LTR and RTL side by side.
  const page = await browser.newPage({ viewport: { width: 820, height: 600 }, deviceScaleFactor: 1 });
  for (const [key, names] of Object.entries(shots)) {
    const cells = names
      .map((name) => `<figure><img src="data:image/png;base64,${readFileSync(join(outDir, name)).toString('base64')}"><figcaption>${name}</figcaption></figure>`)
      .join('');
    await page.setContent(
      `<style>body{margin:0;padding:8px;background:#888;font:12px system-ui;display:grid;grid-template-columns:repeat(2,390px);gap:8px;align-items:start}figure{margin:0}img{display:block;max-width:390px}</style>${cells}`,
    );
    await page.screenshot({ path: join(outDir, `sheet-${key}.png`), fullPage: true });
    console.log(`sheet-${key}.png`);
  }
} finally {
  await browser.close();
  await servers.close();
  rmSync(dir, { recursive: true, force: true });
}
