/**
 * `npm run simulate`: evidence that the dashboard's statistics work.
 *
 * 1. Synthetic buyers through the real HTTP protocol: a reference backend on
 *    free ports with a temp database runs the experiment `gopay-first`
 *    (control vs `gopay`, server-side assignment by buyer id). Each buyer's
 *    store creates a session (merchant API), the widget's part loads it
 *    (`GET /session`, which carries the variant) and sends the events the
 *    widget sends (`POST /events`: viewed, methods shown, exposure, and for
 *    buyers who pay, submitted and succeeded). A planted effect per variant
 *    decides who pays; the clock moves a day every 1/14 of the buyers, so the
 *    sequential test gets daily looks. The dashboard's JSON API must recover
 *    the effect (inside its intervals) and its significance.
 * 2. 200 A/A experiments looked at daily for 28 days, on the statistics
 *    functions directly with simulated daily counts (the HTTP path would take
 *    hours for 200 × 28 × 600 buyers): the sequential test's false-winner rate
 *    (must be ≤ 5%) against the naive daily fixed-horizon test's.
 *
 * Options: `--buyers 2000` `--control 0.30` `--treatment 0.38` `--seed 7`. Exits 1 when a check fails.
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { Session } from '../src/core/protocol/schemas.js';
import type { ExperimentReport } from '../server/analytics/report.js';
import { seededRandom, simulateAaExperiments } from '../server/analytics/stats/simulation.js';
import { call, createSession, startTestServers } from '../server/test-support.js';

const { values } = parseArgs({
  options: {
    buyers: { type: 'string', default: '2000' },
    control: { type: 'string', default: '0.30' },
    treatment: { type: 'string', default: '0.38' },
    seed: { type: 'string', default: '7' },
    days: { type: 'string', default: '14' },
  },
});
const buyers = Number(values.buyers);
const rates: Record<string, number> = { control: Number(values.control), gopay: Number(values.treatment) };
const days = Number(values.days);
const random = seededRandom(Number(values.seed));
const DAY = 24 * 60 * 60 * 1000;
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

let now = Date.UTC(2026, 10, 1, 9, 0, 0);
const servers = await startTestServers({
  now: () => now,
  experiments: [{ key: 'gopay-first', variants: [{ key: 'control' }, { key: 'gopay', order: ['gopay'] }], countries: ['ID'] }],
  // One client (this script) plays thousands of stores and buyers.
  rateLimits: { storeSessions: { limit: 1e9, windowMs: 60_000 }, paymentsPerClient: { limit: 1e9, windowMs: 60_000 } },
});

try {
  // The team's plan: the control's baseline, +20% relative worth detecting (929 buyers per variant at 30%).
  const plan = await fetch(`${servers.apiUrl}/merchant/v1/experiments/gopay-first/plan`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${servers.merchantSecret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ baseline: Number(values.control), minimumDetectableEffect: 0.2 }),
  });
  if (plan.status !== 200) throw new Error(`PUT plan answered ${plan.status}`);
  const started = performance.now();
  const event = (type: string, data: Record<string, string | number>, offsetMs: number) => ({ id: randomUUID(), type, at: new Date(now + offsetMs).toISOString(), data });
  /** A connection reset on a busy machine is retried; every call here is safe to repeat (events carry their ids). */
  const retry = async <T>(run: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  };
  const oneBuyer = async (index: number, pays: (variant: string) => boolean) => {
    const credentials = await retry(() => createSession(servers, { country: 'ID', amount: { value: 150_000_00, currency: 'IDR' }, methods: ['card', 'gopay', 'ovo'], buyer: { id: `sim-${index}` } }));
    const loaded = await retry(() => call(credentials, 'GET', '/session'));
    const session = Session.parse(loaded.body);
    const assignment = session.experiments?.find((e) => e.key === 'gopay-first');
    if (!assignment) throw new Error('the session carries no variant');
    const methods = session.paymentMethods.map((m) => m.id);
    const shown = assignment.order ? [...assignment.order, ...methods.filter((m) => !assignment.order!.includes(m))] : methods;
    const events = [
      event('checkout.viewed', { country: 'ID', currency: 'IDR', amount: 150_000_00 }, 0),
      event('methods.shown', { methods: shown.join(','), count: shown.length, experiments: `gopay-first:${assignment.variant}` }, 200),
      event('experiment.exposed', { experiment: 'gopay-first', variant: assignment.variant }, 200),
    ];
    if (pays(assignment.variant)) {
      events.push(
        event('method.selected', { method: shown[0]!, position: 1 }, 5_000),
        event('payment.submitted', { method: shown[0]!, attempt: 1 }, 9_000),
        event('payment.succeeded', { method: shown[0]!, amount: 150_000_00, currency: 'IDR' }, 15_000 + Math.floor(random() * 20_000)),
      );
    }
    const sent = await retry(() => call(credentials, 'POST', '/events', { body: { events } }));
    if (sent.status !== 202) throw new Error(`POST /events answered ${sent.status}`);
  };

  const perDay = Math.ceil(buyers / days);
  for (let start = 0; start < buyers; start += 20) {
    const batch = Array.from({ length: Math.min(20, buyers - start) }, (_, i) => start + i);
    // Draws happen here, in order, so the run is reproducible whatever order the requests finish in.
    const draws = batch.map(() => random());
    await Promise.all(batch.map((index, i) => oneBuyer(index, (variant) => draws[i]! < (rates[variant] ?? 0))));
    if (Math.floor((start + 20) / perDay) > Math.floor(start / perDay)) now += DAY;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${buyers} buyers over ${days} simulated days through HTTP in ${seconds.toFixed(1)} s (${(buyers / seconds).toFixed(0)} buyers/s)`);

  const answer = await fetch(`${servers.apiUrl}/dashboard/api/experiments`, { headers: { Authorization: `Bearer ${servers.merchantSecret}` } });
  const report = ((await answer.json()) as { experiments: ExperimentReport[] }).experiments.find((e) => e.key === 'gopay-first');
  if (!report) throw new Error('the dashboard has no gopay-first');
  for (const v of report.variants) {
    console.log(`  ${v.key.padEnd(8)} exposed ${v.exposed}, paid ${v.converted}, conversion ${(100 * v.conversion).toFixed(2)}% [${(100 * v.conversionInterval.low).toFixed(2)}, ${(100 * v.conversionInterval.high).toFixed(2)}] (planted ${(100 * (rates[v.key] ?? 0)).toFixed(0)}%)`);
    check(v.conversionInterval.low <= (rates[v.key] ?? -1) && (rates[v.key] ?? 2) <= v.conversionInterval.high, `${v.key}: the planted rate is inside the 95% interval`);
  }
  const comparison = report.analysis.comparisons[0]!;
  const planted = (rates['gopay'] ?? 0) - (rates['control'] ?? 0);
  console.log(
    `  difference ${(100 * comparison.fixed.difference).toFixed(2)} pts [${(100 * comparison.fixed.interval.low).toFixed(2)}, ${(100 * comparison.fixed.interval.high).toFixed(2)}], ` +
      `fixed-horizon p ${comparison.fixed.p.toExponential(2)}; always-valid p ${comparison.sequential.p.toExponential(2)} over ${comparison.sequential.looks} daily looks, ` +
      `confidence sequence [${(100 * comparison.sequential.interval.low).toFixed(2)}, ${(100 * comparison.sequential.interval.high).toFixed(2)}] (planted ${(100 * planted).toFixed(0)} pts)`,
  );
  console.log(`  SRM p ${report.analysis.srm.p.toFixed(3)}; planned ${report.analysis.planned} per variant; verdict: ${JSON.stringify(report.analysis.verdict)}`);
  check(comparison.fixed.interval.low <= planted && planted <= comparison.fixed.interval.high, 'the planted difference is inside the fixed-horizon 95% interval');
  check(comparison.sequential.interval.low <= planted && planted <= comparison.sequential.interval.high, 'the planted difference is inside the always-valid confidence sequence');
  check(!report.analysis.srm.alarm, 'no sample ratio mismatch');
  if (planted !== 0) check(report.analysis.verdict.kind === 'winner' && report.analysis.verdict.variant === 'gopay', 'the verdict names gopay the winner');
} finally {
  await servers.dispose();
}

const aa = simulateAaExperiments({ experiments: 200, days: 28, dailyUnits: 600, rate: 0.3, tau: 0.03, seed: Number(values.seed) });
const pct = (n: number) => `${((100 * n) / aa.experiments).toFixed(1)}%`;
console.log(`200 A/A experiments (30% conversion, 600 buyers per arm per day, 28 daily looks), on the statistics functions with simulated counts:`);
console.log(`  sequential (mSPRT) false winners: ${aa.sequentialFalseWinners} (${pct(aa.sequentialFalseWinners)})`);
console.log(`  naive fixed-horizon z-test read daily: ${aa.naiveDailyFalseWinners} (${pct(aa.naiveDailyFalseWinners)})`);
console.log(`  fixed-horizon z-test read once at day 28: ${aa.fixedOnceFalseWinners} (${pct(aa.fixedOnceFalseWinners)})`);
check(aa.sequentialFalseWinners / aa.experiments <= 0.05, 'sequential false-winner rate ≤ 5%');
check(aa.naiveDailyFalseWinners > aa.sequentialFalseWinners, 'daily peeking with the fixed-horizon test calls more false winners');
if (failures.length) process.exitCode = 1;
