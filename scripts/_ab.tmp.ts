import { chromium } from 'playwright';
import { BUYERS, NETWORKS, loadOnce, startBenchServers, median } from './bench-page.js';
import { findChromium, CHROMIUM_ARGS } from './chromium.js';
const dirs = Object.fromEntries((process.env.BUILDS ?? '').split(',').map((kv) => kv.split('=')));
const servers = await startBenchServers(dirs);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const cpu = Number(process.env.CPU ?? 4);
const network = NETWORKS[(process.env.NET ?? 'none') as 'none' | 'slow4g'];
const runs = Number(process.env.RUNS ?? 8);
const res: Record<string, { list: number[]; tbt: number[]; gap: number[]; lv: number[] }> = {};
for (const buyer of BUYERS) await loadOnce(browser, { url: await servers.pageFor(Object.keys(dirs)[0]!, buyer), buyer, network: NETWORKS.none, cpu: 1 });
for (let r = 0; r < runs; r++) {
  for (const buyer of BUYERS.filter((b) => !process.env.BUYER || b.country === process.env.BUYER)) {
    for (const build of Object.keys(dirs)) {
      const out = await loadOnce(browser, { url: await servers.pageFor(build, buyer), buyer, network, cpu });
      const key = `${buyer.country} ${build}`;
      (res[key] ??= { list: [], tbt: [], gap: [], lv: [] }).list.push(Math.round(out.listMs));
      const entry = out.all.find((q: any) => q.url.endsWith('checkout-kit.js'))!; const core = out.all.find((q: any) => /core-/.test(q.url))!; const sess = out.all.find((q: any) => /\/session/.test(q.url))!; res[key].gap.push(`${Math.round(entry.end)}|c${Math.round(core.start - entry.end)}-${Math.round(core.end - entry.end)}|s${Math.round(sess.start - entry.end)}-${Math.round(sess.end - entry.end)}|L${Math.round(out.listMs - entry.end)}` as any); res[key].lv.push(out.levels);
      res[key].tbt.push(Math.round(out.totalBlockingMs));
    }
  }
}
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(12), 'list', median(v.list), JSON.stringify(v.list), 'tbt', median(v.tbt), '\n   ', v.gap.join(' ')), 
await browser.close(); await servers.close();
