// `npm run bench`: how long a buyer waits for a usable method list, and what
// for, measured on the built drop-in against the reference backend, side by
// side with a build of an earlier commit (today's main, `BENCH_BASE`) in the
// same run. Figures, never assertions: the machine is shared and noisy, so the
// comparison is the ratio of two builds measured alternately in one run.
//
// Conditions: network emulation (none; slow 4G = 150 ms latency, 1.6 Mbps
// down, 750 kbps up) × CPU throttling (1×, 4×). Buyers: en-US in the
// Netherlands (EUR) and th-TH in Thailand (THB) (scripts/bench-page.ts).
// Each load is a fresh browser context (cold cache) on a page that carries
// `session-token` and `endpoint` in its HTML, as a store renders it.
//
// Per load:
// - list: navigation start → the first method radio in the picker is enabled;
// - levels: sequential request levels before the list. The HTML is level 0; any
//   other request's level is 1 + the level of the latest-finishing request that
//   had finished before it started (the HTML when none had). CORS preflights
//   belong to their request. "Before the list" = finished before it was usable;
// - critical bytes: bytes on the wire of every request finished before the list;
// - TBT: Σ (duration − 50 ms) of long tasks (PerformanceObserver 'longtask')
//   that started before the list;
// - heap: JSHeapUsedSize (Performance.getMetrics) right after the list.
// At 1× without emulation, two floor pages load in the same runs (scripts/bench-floor.ts): the least a
// list costs with no library, and with lit, i18next and zod.
// Then, at 1× without emulation and a stubbed fetch: JS heap after GC before and
// after 1,000 mount/unmount cycles (after 250 warm-up cycles, see bench-steady.ts),
// a 60-method list and an en → th switch.
//
//   BENCH_RUNS=3 npm run bench              fewer runs while developing (default 10)
//   BENCH_BASE=none npm run bench           this build only
//   BENCH_BASE=<commit> npm run bench       compare against another commit (default aadc6e6)
//   BENCH_TIME_LIMIT=600 npm run bench      stop starting new runs after 600 s (default 1500)
//   BENCH_CYCLES=200 npm run bench          mount/unmount cycles (default 1000)
//   BENCH_BASE_DIR=/tmp/base npm run bench  the base is a tree already built there (no git worktree)
//   BENCH_FLOORS=0 npm run bench           without the floor pages at 1× (scripts/bench-floor.ts)
//   BENCH_SUPPORT_RAMP=400 npm run bench    support chat load: 25, 50, 100 … buyers (default 800, 0 skips; scripts/bench-support.ts)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { BUYERS, NETWORKS, loadOnce, median, quantile, startBenchServers, waterfall, type BenchServers, type Buyer, type LoadResult, type NetworkProfile } from './bench-page.js';
import { FRAME_MS, heapAfterCycles, renderTimes } from './bench-steady.js';
import { FLOORS, buildFloors } from './bench-floor.js';
import { CHROMIUM_ARGS, findChromium } from './chromium.js';

const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 10));
const BASE = process.env['BENCH_BASE'] ?? 'aadc6e6';
const TIME_LIMIT_MS = Number(process.env['BENCH_TIME_LIMIT'] ?? 1500) * 1000;
const CYCLES = Number(process.env['BENCH_CYCLES'] ?? 1000);

interface Condition {
  label: string;
  network: NetworkProfile;
  cpu: number;
}

const CONDITIONS: readonly Condition[] = [
  { label: '1× CPU, no network emulation', network: NETWORKS.none, cpu: 1 },
  { label: '4× CPU, no network emulation', network: NETWORKS.none, cpu: 4 },
  { label: '1× CPU, slow 4G', network: NETWORKS.slow4g, cpu: 1 },
  { label: '4× CPU, slow 4G', network: NETWORKS.slow4g, cpu: 4 },
];

/** Builds `commit` in a temporary git worktree (node_modules linked, `vite build`); returns its root and a remover. */
function buildBase(commit: string): { root: string; remove(): void } {
  const root = join(mkdtempSync(join(tmpdir(), 'ck-base-')), 'tree');
  const remove = () => {
    try {
      execFileSync('git', ['worktree', 'remove', '--force', root], { stdio: 'ignore' });
    } catch {
      rmSync(root, { recursive: true, force: true });
      execFileSync('git', ['worktree', 'prune'], { stdio: 'ignore' });
    }
    rmSync(resolve(root, '..'), { recursive: true, force: true });
  };
  execFileSync('git', ['worktree', 'add', '--detach', root, commit], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
    console.log(`building ${commit} in ${root} …`);
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (!existsSync(join(root, 'dist', 'checkout-kit.js'))) throw new Error(`the build of ${commit} made no dist/checkout-kit.js`);
  } catch (error) {
    remove();
    throw error;
  }
  return { root, remove };
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–');
const kb = (bytes: number) => (Number.isFinite(bytes) ? (bytes / 1000).toFixed(1) : '–');
const mb = (bytes: number) => (Number.isFinite(bytes) ? (bytes / 1e6).toFixed(2) : '–');

interface Metric {
  name: string;
  of(result: LoadResult): number;
  format(value: number): string;
}

const METRICS: readonly Metric[] = [
  { name: 'list ms', of: (r) => r.listMs, format: ms },
  { name: 'levels', of: (r) => r.levels, format: (v) => (Number.isFinite(v) ? v.toFixed(v % 1 ? 1 : 0) : '–') },
  { name: 'critical KB', of: (r) => r.criticalBytes, format: kb },
  { name: 'TBT ms', of: (r) => r.totalBlockingMs, format: ms },
  { name: 'heap MB', of: (r) => r.heapBytes, format: mb },
];

/** `median [p25–p75]` of one metric over the runs. */
function spread(results: readonly LoadResult[], metric: Metric): string {
  if (!results.length) return 'no runs';
  const values = results.map(metric.of);
  return `${metric.format(median(values))} [${metric.format(quantile(values, 0.25))}–${metric.format(quantile(values, 0.75))}]`;
}

/** The run whose list time is closest to the median: the one whose waterfall is printed. */
function typical(results: readonly LoadResult[]): LoadResult | undefined {
  const middle = median(results.map((r) => r.listMs));
  return [...results].sort((a, b) => Math.abs(a.listMs - middle) - Math.abs(b.listMs - middle))[0];
}

async function measure(browser: Browser, servers: BenchServers, builds: Record<string, string>, started: number): Promise<void> {
  // The floors (scripts/bench-floor.ts) load only in the first condition, 1× CPU without emulation: the 2× target's.
  const all = Object.keys(builds);
  const names = all.filter((name) => !(name in FLOORS));
  const base = 'base' in builds;
  const results = new Map<string, LoadResult[]>();
  const failures: string[] = [];
  const key = (condition: Condition, buyer: Buyer, build: string) => `${condition.label}|${buyer.name}|${build}`;
  // Unmeasured: lets the server compress each file once and warms the backend.
  for (const build of all) {
    for (const buyer of BUYERS) {
      try {
        await loadOnce(browser, { url: await servers.pageFor(build, buyer), buyer, network: NETWORKS.none, cpu: 1 });
      } catch (error) {
        failures.push(`warm-up ${build} ${buyer.name}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  let runs = 0;
  for (let run = 0; run < RUNS; run++) {
    if (Date.now() - started > TIME_LIMIT_MS) {
      console.log(`time limit reached after ${runs} of ${RUNS} runs (BENCH_TIME_LIMIT=${TIME_LIMIT_MS / 1000})`);
      break;
    }
    for (const condition of CONDITIONS) {
      for (const buyer of BUYERS) {
        // Alternate which build goes first, so neither always gets the warmer (or busier) moment.
        const here = condition === CONDITIONS[0] ? all : names;
        const order = run % 2 ? [...here].reverse() : here;
        for (const build of order) {
          try {
            const result = await loadOnce(browser, { url: await servers.pageFor(build, buyer), buyer, network: condition.network, cpu: condition.cpu });
            const list = results.get(key(condition, buyer, build)) ?? [];
            list.push(result);
            results.set(key(condition, buyer, build), list);
          } catch (error) {
            failures.push(`${key(condition, buyer, build)} run ${run + 1}: ${(error as Error).message.split('\n')[0]}`);
          }
        }
      }
    }
    runs++;
    process.stdout.write(`run ${runs}/${RUNS} done (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }

  console.log(`\n## Time to a usable method list — median [p25–p75] over ${runs} runs per cell${base ? `; new = this tree, base = ${BASE}` : ''}\n`);
  console.log(`| condition | buyer | build | ${METRICS.map((m) => m.name).join(' | ')} |`);
  console.log(`| --- | --- | --- | ${METRICS.map(() => '---').join(' | ')} |`);
  for (const condition of CONDITIONS) {
    for (const buyer of BUYERS) {
      for (const build of names) {
        const cell = results.get(key(condition, buyer, build)) ?? [];
        console.log(`| ${condition.label} | ${buyer.name} | ${build} | ${METRICS.map((m) => spread(cell, m)).join(' | ')} |`);
      }
    }
  }
  if (base) {
    console.log('\n## Ratios new/base of the medians (below 1 = the new build is better)\n');
    console.log(`| condition | buyer | ${METRICS.map((m) => m.name).join(' | ')} |`);
    console.log(`| --- | --- | ${METRICS.map(() => '---').join(' | ')} |`);
    for (const condition of CONDITIONS) {
      for (const buyer of BUYERS) {
        const fresh = results.get(key(condition, buyer, 'new')) ?? [];
        const old = results.get(key(condition, buyer, 'base')) ?? [];
        const ratio = (metric: Metric) => {
          const a = median(fresh.map(metric.of));
          const b = median(old.map(metric.of));
          return b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '–';
        };
        console.log(`| ${condition.label} | ${buyer.name} | ${METRICS.map(ratio).join(' | ')} |`);
      }
    }
  }

  const floors = all.filter((name) => name in FLOORS);
  if (base && floors.length) {
    const condition = CONDITIONS[0]!;
    console.log(`\n## Floors: the least a list can cost (${condition.label}; the same runs, interleaved)\n`);
    console.log('Pages that are not the product (scripts/bench-floor.ts): a real list does at least what they do. "2× faster than base" is 0.50× base.\n');
    console.log('| buyer | build | list ms, median [p25–p75] | × base |');
    console.log('| --- | --- | --- | --- |');
    for (const buyer of BUYERS) {
      const baseMedian = median((results.get(key(condition, buyer, 'base')) ?? []).map((r) => r.listMs));
      for (const build of ['base', 'new', ...floors]) {
        const cell = results.get(key(condition, buyer, build)) ?? [];
        const label = FLOORS[build as keyof typeof FLOORS] ?? build;
        console.log(`| ${buyer.name} | ${label} | ${spread(cell, METRICS[0]!)} | ${(median(cell.map((r) => r.listMs)) / baseMedian).toFixed(2)}× |`);
      }
    }
  }

  console.log('\n## Request waterfalls (the run closest to the median; ms since navigation start)');
  for (const condition of CONDITIONS) {
    for (const buyer of BUYERS) {
      for (const build of names) {
        const run = typical(results.get(key(condition, buyer, build)) ?? []);
        if (!run) continue;
        console.log(`\n### ${condition.label}, ${buyer.name}, ${build}: ${run.levels} levels after the HTML, ${kb(run.criticalBytes)} KB\n`);
        console.log(waterfall(run));
      }
    }
  }

  console.log(`\n## Steady use (1× CPU, no emulation, stubbed fetch; ${BUYERS[0]!.name}'s session)\n`);
  console.log('| build | heap after GC, before | after the cycles | change | DOM nodes, listeners: before → after | Blink heap change | cycles/s | 60-method list (top shown) | its "more" expanded: in the next frame | after the picker was idle | en → th switch |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const build of names) {
    const cells: string[] = [];
    try {
      const heap = await heapAfterCycles(browser, servers, build, CYCLES);
      const change = ((heap.afterBytes - heap.beforeBytes) / heap.beforeBytes) * 100;
      const embedder = heap.embedderAfterBytes - heap.embedderBeforeBytes;
      cells.push(
        `${mb(heap.beforeBytes)} MB (after ${heap.warmup} warm-up cycles)`,
        `${mb(heap.afterBytes)} MB (${heap.cycles} cycles)`,
        `${change >= 0 ? '+' : ''}${change.toFixed(1)}% ${Math.abs(change) <= 5 ? '(within 5%)' : '(over 5%)'}`,
        `${heap.domBefore.nodes}, ${heap.domBefore.listeners} → ${heap.domAfter.nodes}, ${heap.domAfter.listeners}`,
        Number.isFinite(embedder) ? `${embedder >= 0 ? '+' : ''}${mb(embedder)} MB` : 'n/a',
        (heap.cycles / heap.seconds).toFixed(0),
      );
    } catch (error) {
      cells.push(`failed: ${(error as Error).message.split('\n')[0]}`, '', '', '', '', '');
    }
    try {
      const render = await renderTimes(browser, servers, build);
      // A build whose picker has no `list` property (older ones) renders no radios from it: no figure.
      const frame = (value: number, radios?: number) =>
        radios === 0 || !Number.isFinite(value)
          ? 'n/a'
          : `${value.toFixed(1)} ms ${value <= FRAME_MS ? '(within a frame)' : '(over a frame)'}${radios === undefined ? '' : `, ${radios} radios`}`;
      cells.push(
        frame(render.sixtyList, render.radiosShown),
        frame(render.sixtyExpanded, render.radiosExpanded),
        frame(render.sixtyExpandedPrepared, render.radiosExpanded),
        `${frame(render.localeSwitch)}${render.localeRenderedThai ? '' : ', Thai text not rendered in that update'}`,
      );
    } catch (error) {
      cells.push(`failed: ${(error as Error).message.split('\n')[0]}`, '', '', '');
    }
    console.log(`| ${build} | ${cells.join(' | ')} |`);
  }
  console.log(
    '\nA leaked checkout would show as DOM nodes and listeners that grow with the cycles. The Blink heap grows by about the same' +
      "\nwith every request the page sends (each cycle's analytics beacon is one), which is Chromium's own bookkeeping, not the widget's:" +
      '\nin this harness 1,000 bare navigator.sendBeacon calls, with no checkout on the page, grew it by 0.46 MB (2026-12-03),' +
      '\nand 1,000 cycles with analytics="off" did not grow it.',
  );
  if (failures.length) console.log(`\n${failures.length} load(s) failed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  console.log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const cleanups: Array<() => unknown> = [];
  try {
    if (!existsSync(join('dist', 'checkout-kit.js'))) throw new Error('dist/checkout-kit.js is missing: run "npm run build" first.');
    // A copy of this tree's build: another `npm run build` in the same tree during the run must not change what is measured.
    const snapshot = mkdtempSync(join(tmpdir(), 'ck-new-'));
    cleanups.push(() => rmSync(snapshot, { recursive: true, force: true }));
    cpSync('dist', join(snapshot, 'dist'), { recursive: true, filter: (source) => !/^dist\/(lib|types)(\/|$)/.test(source) });
    const prebuilt = process.env['BENCH_BASE_DIR'];
    const base = prebuilt ? { root: resolve(prebuilt), remove: () => undefined } : BASE === 'none' ? undefined : buildBase(BASE);
    if (base) cleanups.push(() => base.remove());
    const floors = base && process.env['BENCH_FLOORS'] !== '0' ? await buildFloors() : undefined;
    if (floors) cleanups.push(() => floors.remove());
    const builds: Record<string, string> = { new: snapshot, ...(base ? { base: base.root } : {}), ...floors?.builds };
    const servers = await startBenchServers(builds);
    cleanups.push(() => servers.close());
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    await measure(browser, servers, builds, started);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
  await supportLoad();
}

/** The support chat service under load (scripts/bench-support.ts): BENCH_SUPPORT_RAMP buyers at most (default 800, 0 skips). */
async function supportLoad(): Promise<void> {
  const max = Number(process.env['BENCH_SUPPORT_RAMP'] ?? 800);
  const seconds = Number(process.env['BENCH_SUPPORT_SECONDS'] ?? 5);
  if (!max) return;
  const { cpus, loadavg } = await import('node:os');
  const { supportRamp, supportTable } = await import('./bench-support.js');
  console.log(`\n## Support chat load (one process, 127.0.0.1; ${cpus().length} cores, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')} before)\n`);
  const steps = await supportRamp(max, seconds);
  console.log(supportTable(steps, seconds));
}

await main();
