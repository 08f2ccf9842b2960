// `npm run size` (a step of `npm test`, after the build): the gzip bytes the
// method list waits for, per buyer, and the budgets of what loads later.
//
// The list's bytes are measured, not guessed from the import graph: the built
// drop-in is loaded in Chromium (scripts/bench-page.ts) for an English buyer in
// the Netherlands and a Thai buyer in Thailand. Every dist/ file fetched before
// the list was usable is a candidate; a file the entry imports statically is
// needed by definition, and each other candidate is held unanswered for one
// more load: if the list still becomes usable (within twice the time of a
// control load run alongside), it did not wait for that file (the payment
// stage's prefetch can race the list, and a race must not decide a budget). The counted files are read from dist/ and gzipped at level 9, so
// the figures are deterministic. Every budget that is exceeded fails the run
// (exit 1) and prints the files of the failing set with their sizes.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { chromium } from 'playwright';
import { SourceMapConsumer } from 'source-map-js';
import { BUYERS, NETWORKS, loadOnce, startBenchServers } from './bench-page.ts';
import { CHROMIUM_ARGS, findChromium } from './chromium.js';
import { verifySri } from './sri-plugin.ts';

const KB = 1000;
/**
 * What the list may wait for, per buyer. Issue 15's target is 55 KB and is not met yet (2026-12-02, after
 * bucketing and the flow-change reporting left the list's path: 58.7 KB NL, 60.8 KB TH); the run prints
 * how far off it is. The budget that fails the run is the ceiling above today's figures, lowered with
 * them (63 -> 62 KB), so that nothing grows back while the target is worked towards.
 */
const LIST_TARGET = 55 * KB;
const LIST_BUDGET = 62 * KB;
/**
 * The payment stage with what it imports beyond the list's files; ~10% above 2026-12-02's 5.5 KB, plus the
 * ~0.35 KB of flow-change reporting (payment-events.ts) that moved here off the list's path the same day.
 */
const PAYMENT_STAGE_BUDGET = 6.5 * KB;
/** `<ck-payment-action>` with the QR encoder, beyond the list's and the payment stage's files; ~10% above 2026-12-02's 13.6 KB. */
const ACTION_BUDGET = 15 * KB;
/** `<ck-support-bubble>`'s launcher: its own chunk, fetched beside the element chunk by a page that has a bubble (beyond the list's files). */
const LAUNCHER_BUDGET = 3 * KB;
/** `<ck-support-call>` (video calls and booking), loaded only when a call starts, beyond the list's and the support panel's files; ~10% above 2026-12-02's 7.7 KB. */
const CALL_BUDGET = 8.5 * KB;
/** The card frame's own bundle (payment origin, never the store page): 33.2 KB gzip on 2026-12-02 (zod/mini, i18next, card rules, form). */
const CARD_FRAME_BUDGET = 36 * KB;
/** One locale's strings chunk of the card frame (0.6–0.8 KB gzip). */
const CARD_FRAME_LOCALE_BUDGET = 1 * KB;
/**
 * Each locale chunk, ~10% above its size on 2026-12-02 (gzip bytes); `index` and `payment` as of
 * 2026-12-03, when the messages only a payment's views show (succeeded, pending, "Check payment
 * status") moved from the list's chunk to the payment chunk. A locale or part without
 * an entry gets the largest budget of its part.
 */
const LOCALE_BUDGETS = {
  index: { ar: 1600, de: 1350, es: 1350, 'es-MX': 1300, fil: 1250, fr: 1350, hi: 1700, id: 1200, ja: 1600, ko: 1450, ms: 1250, nl: 1250, pl: 1450, 'pt-BR': 1350, th: 1600, tr: 1300, vi: 1500, 'zh-CN': 1350, 'zh-TW': 1400 },
  payment: { ar: 3700, de: 3400, en: 2850, es: 3200, 'es-MX': 3200, fil: 3050, fr: 3500, hi: 3900, id: 3050, ja: 3750, ko: 3500, ms: 3050, nl: 3250, pl: 3500, 'pt-BR': 3200, th: 3750, tr: 3300, vi: 3400, 'zh-CN': 3350, 'zh-TW': 3350 },
  // 2026-12-02's sizes of the support call's messages, ~10% above.
  call: { ar: 1400, de: 1300, en: 1100, es: 1250, 'es-MX': 1250, fil: 1200, fr: 1300, hi: 1550, id: 1200, ja: 1500, ko: 1400, ms: 1200, nl: 1250, pl: 1350, 'pt-BR': 1250, th: 1500, tr: 1250, vi: 1350, 'zh-CN': 1350, 'zh-TW': 1400 },
  support: { ar: 1600, de: 1400, en: 1200, es: 1400, 'es-MX': 1400, fil: 1300, fr: 1400, hi: 1600, id: 1300, ja: 1600, ko: 1500, ms: 1300, nl: 1300, pl: 1400, 'pt-BR': 1300, th: 1600, tr: 1400, vi: 1500, 'zh-CN': 1400, 'zh-TW': 1500 },
};

/**
 * Code the list must never wait for (source paths, matched against the source maps of the files it
 * waits for): each is loaded after the list on purpose, and a bundler setting or an import that drags
 * one back onto the first paint fails the run even while the byte budget still holds.
 */
const OFF_THE_LIST = {
  'the analytics outbox': /src\/elements\/checkout\/analytics-outbox\.ts$|src\/core\/analytics\//,
  'the payment stage': /src\/elements\/checkout\/payment-(stage|events)\.ts$|src\/core\/payment\/flow\.ts$|src\/core\/protocol\/payment\.schema\.ts$/,
  'the action element': /src\/elements\/payment-action\//,
  'the support panel and call': /src\/elements\/support-call\/|src\/core\/support\/|src\/core\/protocol\/support(-call)?\.schema\.ts$/,
  'the method marks (their table, drawing code and each mark)': /src\/elements\/method-picker\/marks\/(?!mark\.ts$)[\w-]+\.ts$/,
  'the card form': /src\/elements\/card-fields\/|src\/core\/card\/|src\/core\/protocol\/card-frame\.schema\.ts$/,
};

const DIST = 'dist';
const ENTRY = join(DIST, 'checkout-kit.js');
if (!existsSync(ENTRY)) {
  console.error(`${ENTRY} is missing: run "npm run build" first.`);
  process.exit(1);
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const gzCache = new Map();
const gz = (file) => {
  if (!gzCache.has(file)) gzCache.set(file, gzipSync(readFileSync(file), { level: 9 }).length);
  return gzCache.get(file);
};
const br = (file) => brotliCompressSync(readFileSync(file)).length;
const sum = (files) => files.reduce((total, file) => total + gz(file), 0);
const name = (file) => relative(DIST, file);

const STATIC_IMPORT = /(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.[^"']+)["']/g;
/** `file` and every file it imports statically (what must arrive before it can run). */
function staticClosure(file) {
  const seen = new Set();
  const queue = [file];
  while (queue.length) {
    const next = queue.shift();
    if (seen.has(next)) continue;
    seen.add(next);
    for (const match of readFileSync(next, 'utf8').matchAll(STATIC_IMPORT)) queue.push(join(dirname(next), match[1]));
  }
  return [...seen];
}

/**
 * What the list waits for, for one buyer: [counted files, fetched-before-the-list files it did not wait for].
 * With `bubble`, on a page that also has a `<ck-support-bubble>`; with `only`, the one file held back (the
 * others were judged on the page without it).
 */
async function listFiles(browser, servers, buyer, { bubble = false, only } = {}) {
  const load = async (hold, cancel) =>
    loadOnce(browser, { url: await servers.pageFor('new', buyer, { bubble }), buyer, network: NETWORKS.none, cpu: 1, hold, cancel, timeoutMs: 120_000 });
  const toFile = (request) => {
    const path = new URL(request.url).pathname;
    return path.startsWith('/new/dist/') ? join(DIST, decodeURIComponent(path.slice('/new/dist/'.length))) : undefined;
  };
  const baseline = await load();
  const fetched = [...new Set(baseline.critical.map(toFile).filter((file) => file && /\.(js|json)$/.test(file)))];
  const needed = new Set(staticClosure(ENTRY));
  const candidates = fetched.filter((file) => !needed.has(file) && (only === undefined || file === only));
  // Each candidate held back in a load of its own, side by side with a control load that holds nothing:
  // a held load that has no list by twice the control's time (at least 5 s more) waits for its file.
  // The control shares the machine's load with them, so a busy machine stretches the limit, not the verdict.
  let stop;
  const stopped = new Promise((resolve) => (stop = resolve));
  const started = Date.now();
  const control = load().then((result) => {
    setTimeout(stop, Math.max(5_000, Date.now() - started));
    return result;
  });
  const waits = candidates.map((file) => {
    const path = `/new/dist/${name(file)}`;
    return load((url) => url.pathname === path, stopped).then(
      () => false,
      () => true,
    );
  });
  await control.catch((error) => {
    stop();
    throw error;
  });
  const verdicts = await Promise.all(waits);
  const skipped = [];
  candidates.forEach((file, i) => {
    if (verdicts[i]) for (const dependency of staticClosure(file)) needed.add(dependency);
    else skipped.push(file);
  });
  return [[...needed], skipped.filter((file) => !needed.has(file))];
}

/** The source files a built file was made from (its source map), or none without a map. */
function sourcesOf(file) {
  if (!existsSync(`${file}.map`)) return [];
  return JSON.parse(readFileSync(`${file}.map`, 'utf8')).sources ?? [];
}

/** Source-map origin of a byte: each library, each of our folders. */
function sourceGroup(source) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
  if (pkg) return /^(lit|lit-html|lit-element|@lit\/reactive-element)$/.test(pkg[1]) ? 'lit' : pkg[1];
  const own = /(?:^|\/)(src\/(?:core|elements)\/[^/]+|src|locales\/[^/]+)\//.exec(source);
  return own ? `checkout-kit: ${own[1]}` : 'checkout-kit: JSON data (no source map)';
}

function codeByGroup(files) {
  const groups = new Map();
  for (const file of files) {
    if (!existsSync(`${file}.map`)) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    const segments = [];
    new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8'))).eachMapping((m) => segments.push(m));
    segments.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
    segments.forEach((segment, i) => {
      const next = segments[i + 1];
      const line = lines[segment.generatedLine - 1] ?? '';
      const end = next && next.generatedLine === segment.generatedLine ? next.generatedColumn : line.length;
      const group = sourceGroup(segment.source ?? '');
      groups.set(group, (groups.get(group) ?? '') + line.slice(segment.generatedColumn, end));
    });
  }
  return groups;
}

/** Marginal gzip of each origin group in `files`: what leaving it out would save. */
function originBreakdown(files) {
  const groups = codeByGroup(files);
  const gzText = (text) => gzipSync(text, { level: 9 }).length;
  const joined = (skip) => [...groups].filter(([group]) => !skip(group)).map(([, code]) => code).join('');
  const whole = gzText(joined(() => false));
  const marginal = (skip) => whole - gzText(joined(skip));
  return { groups, marginal, librariesAlone: () => gzText(joined((group) => group.startsWith('checkout-kit'))) };
}

/** `{ locale, part }` of a chunk made only of one locale's messages, from its source map. */
function localeOf(file) {
  if (!existsSync(`${file}.map`)) return undefined;
  const sources = JSON.parse(readFileSync(`${file}.map`, 'utf8')).sources ?? [];
  const parsed = sources.map((source) => /locales\/([^/]+)\/([^/.]+)\.(?:ts|json)$/.exec(source));
  if (!parsed.length || parsed.some((match) => !match)) return undefined;
  const locale = parsed[0][1];
  if (parsed.some((match) => match[1] !== locale)) return undefined;
  // The chunk's module (`index.ts`, `payment.ts`, `support.ts`) names its part; its JSON files are that part's messages.
  const module = parsed.find((match) => match[0].endsWith('.ts'));
  return { locale, part: module ? module[2] : parsed[0][2] };
}

const failures = [];
const check = (label, files, bytes, budget) => {
  const ok = bytes <= budget;
  console.log(`  ${label.padEnd(52)} ${kb(bytes).padStart(9)}  budget ${kb(budget).padStart(8)}  ${ok ? 'ok' : 'OVER'}`);
  if (!ok) failures.push({ label, files, bytes, budget });
};

const chunks = readdirSync(join(DIST, 'chunks')).filter((file) => file.endsWith('.js')).map((file) => join(DIST, 'chunks', file));
const servers = await startBenchServers({ new: process.cwd() });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const critical = new Map();
/** Per buyer: whether, on a page that also has a <ck-support-bubble>, the list waits for its launcher. */
const waitsForLauncher = new Map();
const launcherEntry = chunks.find((file) => /^support-bubble-[\w-]{8}\.js$/.test(basename(file)));
try {
  for (const buyer of BUYERS) {
    critical.set(buyer, await listFiles(browser, servers, buyer));
    if (launcherEntry) {
      const [waited] = await listFiles(browser, servers, buyer, { bubble: true, only: launcherEntry });
      waitsForLauncher.set(buyer, waited.includes(launcherEntry));
    }
  }
} finally {
  await browser.close();
  await servers.close();
}

console.log('What the method list waits for (gzip -9 of dist/ files, measured by loading the drop-in in Chromium):');
for (const [buyer, [files, skipped]] of critical) {
  console.log(`\n${buyer.name}:`);
  for (const file of files) console.log(`    ${name(file).padEnd(50)} ${kb(gz(file)).padStart(9)}`);
  if (skipped.length) console.log(`    fetched before the list, not waited for: ${skipped.map((file) => `${name(file)} (${kb(gz(file))})`).join(', ')}`);
  const brotli = files.reduce((total, file) => total + br(file), 0);
  check(`the list, ${buyer.country} buyer (${kb(brotli)} brotli)`, files, sum(files), LIST_BUDGET);
  for (const [label, pattern] of Object.entries(OFF_THE_LIST)) {
    const on = files.filter((file) => sourcesOf(file).some((source) => pattern.test(source)));
    if (on.length) failures.push({ label: `${label} is on the ${buyer.country} buyer's list path (it must load after the list)`, files: on, bytes: sum(on), budget: 0 });
    else console.log(`  ${`not waited for: ${label}`.padEnd(52)} ${'ok'.padStart(9)}`);
  }
  // The same buyer on a page that also has a <ck-support-bubble>: its launcher is fetched beside the element
  // chunk and painted with the list. The list must not wait for it, but it shares the buyer's connection,
  // so its bytes count in that page's first paint (issue 15).
  let firstPaint = files;
  if (!launcherEntry) console.log(`  ${'with a <ck-support-bubble> on the page'.padEnd(52)} not built (no support-bubble chunk in dist/chunks)`);
  else if (waitsForLauncher.get(buyer)) failures.push({ label: `the ${buyer.country} buyer's list waits for the support bubble's launcher`, files: [launcherEntry], bytes: gz(launcherEntry), budget: 0 });
  else {
    // Whether the launcher's request ends before the list is usable is a race (it shares the connection);
    // either way it is part of that page's first paint. That the page fetches it is an e2e test (embedding.spec.ts).
    firstPaint = [...new Set([...files, ...staticClosure(launcherEntry)])];
    console.log(`  ${'with a <ck-support-bubble>: the list does not wait for it'.padEnd(52)} ${'ok'.padStart(9)}`);
    console.log(`  ${'first paint with a <ck-support-bubble> (+ launcher)'.padEnd(52)} ${kb(sum(firstPaint)).padStart(9)}`);
  }
  for (const [label, bytes] of [['issue 15 target, the list', sum(files)], ['issue 15 target, with a support bubble', sum(firstPaint)]]) {
    const over = bytes - LIST_TARGET;
    console.log(`  ${label.padEnd(52)} ${kb(LIST_TARGET).padStart(9)}  ${over > 0 ? `not met yet: ${kb(over)} over` : 'met'}`);
  }
}

console.log('\nLoaded later (beyond what the list already loaded; the larger of the two buyers):');
const later = (entryPattern, alreadyFor) => {
  const entry = chunks.find((file) => entryPattern.test(basename(file)));
  if (!entry) return undefined;
  let worst = { files: [], bytes: 0 };
  for (const [buyer, [files]] of critical) {
    const already = new Set([...files, ...alreadyFor(buyer)]);
    const own = staticClosure(entry).filter((file) => !already.has(file));
    if (sum(own) >= worst.bytes) worst = { files: own, bytes: sum(own) };
  }
  return worst;
};
const stage = later(/^payment-stage-[\w-]{8}\.js$/, () => []);
if (stage) check('payment stage (payment-stage + its imports)', stage.files, stage.bytes, PAYMENT_STAGE_BUDGET);
else failures.push({ label: 'payment stage chunk not found in dist/chunks', files: [], bytes: 0, budget: PAYMENT_STAGE_BUDGET });
const stageClosure = stage ? stage.files : [];
const action = later(/^payment-action-[\w-]{8}\.js$/, () => stageClosure);
if (action) check('action element (<ck-payment-action> + its imports)', action.files, action.bytes, ACTION_BUDGET);
else failures.push({ label: 'payment action chunk not found in dist/chunks', files: [], bytes: 0, budget: ACTION_BUDGET });

console.log('\nLocale chunks:');
const localeRows = chunks
  .map((file) => ({ file, ...localeOf(file) }))
  .filter((row) => row.locale)
  .sort((a, b) => a.part.localeCompare(b.part) || a.locale.localeCompare(b.locale));
for (const { file, locale, part } of localeRows) {
  const table = LOCALE_BUDGETS[part] ?? {};
  const budget = table[locale] ?? Math.max(0, ...Object.values(table));
  check(`${locale} ${part}${table[locale] ? '' : ' (default budget)'}  ${name(file)}`, [file], gz(file), budget);
}

const criticalUnion = [...new Set([...critical.values()].flatMap(([files]) => files))];
const { groups, marginal, librariesAlone } = originBreakdown(criticalUnion);
console.log('\nSupport bubble launcher (its own chunk, fetched beside the element chunk by a page with a bubble; beyond the list\'s files):');
const launcher = later(/^support-bubble-[\w-]{8}\.js$/, () => []);
if (launcher) check('<ck-support-bubble> launcher (+ its imports)', launcher.files, launcher.bytes, LAUNCHER_BUDGET);
else console.log(`  ${'<ck-support-bubble> launcher'.padEnd(52)} not built (no support-bubble chunk in dist/chunks)`);
const supportPanel = later(/^support-panel-[\w-]{8}\.js$/, () => []);
const call = later(/^support-call-[\w-]{8}\.js$/, () => supportPanel?.files ?? []);
if (call) check('<ck-support-call> (+ its imports beyond the panel)', call.files, call.bytes, CALL_BUDGET);
else console.log(`  ${'<ck-support-call>'.padEnd(52)} not built (no support-call chunk in dist/chunks)`);

console.log('\nCard frame (its own bundle, served by the payment origin; the store page never loads it):');
const cardFrame = join(DIST, 'card-frame', 'card-frame.js');
if (existsSync(cardFrame)) {
  check('card frame (card-frame.js)', [cardFrame], gz(cardFrame), CARD_FRAME_BUDGET);
  const frameChunks = join(DIST, 'card-frame', 'chunks');
  const largest = readdirSync(frameChunks).filter((f) => f.endsWith('.js')).map((f) => join(frameChunks, f)).sort((a, b) => gz(b) - gz(a))[0];
  if (largest) check(`largest card frame locale chunk  ${largest.split('/').pop()}`, [largest], gz(largest), CARD_FRAME_LOCALE_BUDGET);
} else console.log(`  ${'card frame'.padEnd(52)} not built (dist/card-frame/card-frame.js missing)`);

if (groups.size) {
  const rows = [...groups.keys()].map((group) => [group, marginal((other) => other === group)]).sort((a, b) => b[1] - a[1]);
  console.log('\nThe list\'s bytes by origin, both buyers (marginal gzip: what leaving it out would save):');
  for (const [group, size] of rows.filter(([, size]) => size >= 50)) console.log(`  ${group.padEnd(52)} ${kb(size).padStart(9)}`);
  console.log(`  ${"all of checkout-kit's own code and data".padEnd(52)} ${kb(marginal((group) => group.startsWith('checkout-kit'))).padStart(9)}`);
  console.log(`  ${'the libraries alone, gzipped (the floor)'.padEnd(52)} ${kb(librariesAlone()).padStart(9)}`);
}

// Script pinning (PCI DSS 6.4.3): the published hashes must be those of the files built.
const sriProblems = verifySri(DIST);
if (sriProblems.length) failures.push({ label: `dist/sri.json does not match the build (${sriProblems.join('; ')})`, files: [], bytes: 0, budget: 0 });
else console.log('\nSubresource Integrity: dist/sri.json matches every script file of the drop-in.');

if (failures.length) {
  console.error(`\n${failures.length} budget(s) exceeded. What grew:`);
  for (const { label, files, bytes, budget } of failures) {
    console.error(`  ${label}: ${kb(bytes)} > ${kb(budget)} (+${kb(bytes - budget)})`);
    for (const file of files) console.error(`      ${name(file).padEnd(50)} ${kb(gz(file)).padStart(9)}`);
  }
  process.exit(1);
}
console.log('\nEvery budget holds.');
