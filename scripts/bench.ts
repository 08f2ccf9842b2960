// `npm run bench`: time from the drop-in script starting to download until the
// buyer can interact with the method list, in headless Chromium against the
// local reference backend. Median of 10 cold page loads, unthrottled and with
// 4x CPU throttling. Figures, not assertions: timing never gates a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { startServers } from '../server/app.js';
import { findChromium, CHROMIUM_ARGS } from './chromium.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);

const PAGE = (token: string, endpoint: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="/dist/checkout-kit.js"></script></head>
<body><ck-checkout session-token="${token}" endpoint="${endpoint}" locale="en"></ck-checkout>
<script type="module" src="/bench-probe.js"></script></body></html>`;

// Resolves when the first method radio exists and is enabled in the picker's shadow root.
const PROBE = `
const started = () => performance.getEntriesByType('resource').find((e) => e.name.endsWith('/dist/checkout-kit.js'))?.startTime ?? 0;
document.addEventListener('ck-ready', async (event) => {
  const checkout = event.target;
  await checkout.updateComplete;
  const picker = checkout.shadowRoot.querySelector('ck-method-picker');
  await picker.updateComplete;
  const poll = () => {
    const radio = picker.shadowRoot.querySelector('[role=radio], input[type=radio]');
    if (radio && !radio.disabled) window.__benchResult = performance.now() - started();
    else requestAnimationFrame(poll);
  };
  poll();
});
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ck-bench-'));
  const servers = await startServers({ host: '127.0.0.1', storePort: 0, apiPort: 0, dbPath: join(dir, 'bench.sqlite'), storeRoot: process.cwd() });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    for (const throttle of [1, 4]) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const created = await fetch(`${servers.storeUrl}/store/checkout`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ items: [{ sku: 'mug-stoneware', quantity: 1 }], country: 'ID', currency: 'IDR', locale: 'en' }),
        });
        const { sessionToken, endpoint } = (await created.json()) as { sessionToken: string; endpoint: string };
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.route('**/bench.html', (route) => route.fulfill({ contentType: 'text/html', body: PAGE(sessionToken, endpoint) }));
        await page.route('**/bench-probe.js', (route) => route.fulfill({ contentType: 'text/javascript', body: PROBE }));
        if (throttle > 1) {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
        }
        await page.goto(`${servers.storeUrl}/bench.html`);
        const ms = (await page.waitForFunction(() => (window as unknown as { __benchResult?: number }).__benchResult, null, { timeout: 30_000 }).then((h) => h.jsonValue())) as number;
        times.push(ms);
        await context.close();
      }
      const label = throttle === 1 ? 'no throttling' : `${throttle}x CPU throttling`;
      console.log(`script start → interactive method list, ${label}: median ${median(times).toFixed(0)} ms over ${RUNS} runs (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
    }
  } finally {
    await browser.close();
    await servers.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
