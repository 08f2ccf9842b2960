/**
 * The dashboard's experiment report: per experiment and variant, exposed
 * sessions, conversion (list shown → payment succeeded) with its 95% Wilson
 * interval, revenue per session, average order value, the guardrails
 * (payment failure rate, time to pay), and the statistics of
 * server/analytics/stats with the verdict. Daily cumulative counts are both
 * the chart's data and the looks of the sequential test.
 */
import type { ExperimentDefinition } from '../../src/core/protocol/bucketing.js';
import type { ServerContext } from '../context.js';
import { exposureRows, type ExposureRow } from '../db/analytics.js';
import { DEFAULT_PLAN, listPlans, type ExperimentPlan } from '../db/experiments.js';
import { analyseExperiment, wilsonInterval, type Counts, type ExperimentAnalysis, type Interval } from './stats/index.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface VariantReport {
  key: string;
  exposed: number;
  converted: number;
  conversion: number;
  conversionInterval: Interval;
  /** In minor units of the report's currency. */
  revenue: number;
  revenuePerSession: number;
  averageOrderValue: number | null;
  /** Failed attempts over submitted attempts. */
  failureRate: number | null;
  submitted: number;
  /** Milliseconds from the list shown to the payment succeeded (client clock), of paying sessions. */
  timeToPayP50: number | null;
  timeToPayP95: number | null;
}

export interface ExperimentReport {
  key: string;
  /** Currency of the revenue figures: the most frequent among successes; successes in others are left out of revenue. */
  currency: string | null;
  variants: VariantReport[];
  /** UTC day starts (ms) and each variant's cumulative conversion that day, in `variants` order. */
  daily: { days: number[]; conversion: (number | null)[][] };
  plan: ExperimentPlan & { baseline: number; baselineObserved: boolean };
  analysis: ExperimentAnalysis;
}

/** The q-quantile (0–1) of sorted numbers, nearest-rank; null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function variantReport(key: string, rows: readonly ExposureRow[], currency: string | null): VariantReport {
  const exposed = rows.length;
  const paying = rows.filter((r) => r.paidAt !== null);
  const inCurrency = paying.filter((r) => r.currency === currency && typeof r.amount === 'number');
  const revenue = inCurrency.reduce((sum, r) => sum + r.amount!, 0);
  const submitted = rows.reduce((sum, r) => sum + r.submitted, 0);
  const failed = rows.reduce((sum, r) => sum + r.failed, 0);
  const times = paying
    .map((r) => Date.parse(r.paidAt!) - Date.parse(r.exposedAt))
    .filter((ms) => Number.isFinite(ms) && ms >= 0)
    .sort((a, b) => a - b);
  return {
    key,
    exposed,
    converted: paying.length,
    conversion: exposed ? paying.length / exposed : 0,
    conversionInterval: wilsonInterval({ trials: exposed, successes: paying.length }),
    revenue,
    revenuePerSession: exposed ? revenue / exposed : 0,
    averageOrderValue: inCurrency.length ? revenue / inCurrency.length : null,
    failureRate: submitted ? failed / submitted : null,
    submitted,
    timeToPayP50: quantile(times, 0.5),
    timeToPayP95: quantile(times, 0.95),
  };
}

function mostFrequent(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/** Reports of the configured experiments and of any other experiment seen in the events (client-side bucketing). */
export async function experimentReports(ctx: Pick<ServerContext, 'store' | 'experiments'>): Promise<ExperimentReport[]> {
  const [rows, plans] = await Promise.all([exposureRows(ctx.store), listPlans(ctx.store)]);
  const byExperiment = new Map<string, ExposureRow[]>();
  for (const row of rows) {
    const list = byExperiment.get(row.experiment);
    if (list) list.push(row);
    else byExperiment.set(row.experiment, [row]);
  }
  const definitions = new Map<string, ExperimentDefinition>(ctx.experiments.map((e) => [e.key, e]));
  const keys = [...new Set([...definitions.keys(), ...byExperiment.keys()])];
  return keys.map((key) => experimentReport(key, byExperiment.get(key) ?? [], definitions.get(key), plans.get(key)));
}

export function experimentReport(key: string, rows: readonly ExposureRow[], definition?: ExperimentDefinition, storedPlan?: ExperimentPlan): ExperimentReport {
  const seen = [...new Set(rows.map((r) => r.variant))].sort();
  const variantKeys = definition ? [...definition.variants.map((v) => v.key), ...seen.filter((v) => !definition.variants.some((d) => d.key === v))] : seen;
  // Control: the variant named so, else the first defined.
  const control = variantKeys.includes('control') ? 'control' : variantKeys[0];
  const ordered = control ? [control, ...variantKeys.filter((v) => v !== control)] : variantKeys;
  const currency = mostFrequent(rows.filter((r) => r.paidAt !== null).map((r) => r.currency));
  const byVariant = new Map<string, ExposureRow[]>(ordered.map((variant) => [variant, []]));
  for (const row of rows) byVariant.get(row.variant)?.push(row);
  const variants = ordered.map((variant) => variantReport(variant, byVariant.get(variant) ?? [], currency));

  // Per day and variant in one pass, then cumulated: linear in the rows however many days.
  const index = new Map(ordered.map((variant, i) => [variant, i]));
  const perDay = new Map<number, { trials: number; successes: number }[]>();
  for (const row of rows) {
    const day = Math.floor(row.receivedAt / DAY_MS) * DAY_MS;
    let counts = perDay.get(day);
    if (!counts) perDay.set(day, (counts = ordered.map(() => ({ trials: 0, successes: 0 }))));
    const bucket = counts[index.get(row.variant) ?? -1];
    if (!bucket) continue;
    bucket.trials++;
    if (row.paidAt !== null) bucket.successes++;
  }
  const days = [...perDay.keys()].sort((a, b) => a - b);
  const running = ordered.map(() => ({ trials: 0, successes: 0 }));
  const looks: Record<string, Counts>[] = [];
  const conversion: (number | null)[][] = ordered.map(() => []);
  for (const day of days) {
    const look: Record<string, Counts> = {};
    ordered.forEach((variant, i) => {
      const today = perDay.get(day)![i]!;
      const total = running[i]!;
      total.trials += today.trials;
      total.successes += today.successes;
      look[variant] = { ...total };
      conversion[i]!.push(total.trials ? total.successes / total.trials : null);
    });
    looks.push(look);
  }

  const controlReport = variants[0];
  const observed = controlReport && controlReport.exposed > 0 && controlReport.conversion > 0 && controlReport.conversion < 1 ? controlReport.conversion : null;
  const chosen = { ...DEFAULT_PLAN, ...storedPlan };
  const baseline = chosen.baseline ?? observed ?? 0.1;
  const weights = definition?.variants.every((v) => v.weight !== undefined) ? new Map(definition.variants.map((v) => [v.key, v.weight!])) : null;
  const analysis = analyseExperiment({
    variants: variants.map((v) => ({ key: v.key, counts: { trials: v.exposed, successes: v.converted }, ...(weights ? { weight: weights.get(v.key) ?? 0 } : {}) })),
    ...(control ? { control } : {}),
    looks,
    plan: { baseline, minimumDetectableEffect: chosen.minimumDetectableEffect, alpha: chosen.alpha, power: chosen.power },
  });
  return {
    key,
    currency,
    variants,
    daily: { days, conversion },
    plan: { ...chosen, baseline, baselineObserved: chosen.baseline === undefined },
    analysis,
  };
}
