/**
 * One experiment's statistics and its plain-language verdict: SRM first (an
 * alarm withholds every verdict), then each variant against control by the
 * always-valid sequential test, with the fixed-horizon test read only at the
 * planned sample size. A winner is never called on a fixed-horizon p-value
 * before the planned size: that is the peeking that inflates false winners.
 */
import { plannedSampleSize, twoProportionTest, type Counts, type SamplePlan, type ZTest } from './proportions.js';
import { sequentialTest, type Look, type SequentialResult } from './sequential.js';
import { sampleRatioMismatch, type SrmResult } from './srm.js';

export interface VariantInput {
  key: string;
  /** Final (cumulative) exposed units and conversions. */
  counts: Counts;
  /** Configured share of units (any scale); equal when omitted. */
  weight?: number;
}

export interface ExperimentInput {
  variants: readonly VariantInput[];
  /** Key of the control variant; the first variant when absent or unknown. */
  control?: string;
  /** Cumulative counts per variant key at each look (e.g. each day), oldest first; the last one should equal `counts`. */
  looks: readonly Record<string, Counts>[];
  plan: SamplePlan;
}

export interface Comparison {
  variant: string;
  fixed: ZTest;
  sequential: SequentialResult;
}

export type Verdict =
  | { kind: 'no_data' }
  | { kind: 'srm'; p: number }
  | { kind: 'winner'; variant: string; difference: number; by: 'sequential' | 'fixed' }
  | { kind: 'control_wins'; variant: string; difference: number; by: 'sequential' | 'fixed' }
  | { kind: 'too_early'; variant: string; progress: number; planned: number }
  | { kind: 'keep_running'; progress: number; planned: number | null }
  | { kind: 'no_difference'; planned: number };

export interface ExperimentAnalysis {
  control: string;
  /** Per-comparison significance level after the Bonferroni correction for several treatments. */
  alpha: number;
  srm: SrmResult;
  /** Units per variant the fixed-horizon test needs (null: plan impossible). */
  planned: number | null;
  comparisons: Comparison[];
  verdict: Verdict;
}

export function analyseExperiment(input: ExperimentInput): ExperimentAnalysis {
  const variants = input.variants;
  const control = variants.find((v) => v.key === input.control) ?? variants[0];
  const controlKey = control?.key ?? '';
  const treatments = variants.filter((v) => v !== control);
  const familyAlpha = input.plan.alpha ?? 0.05;
  const alpha = familyAlpha / Math.max(1, treatments.length);
  const srm = sampleRatioMismatch(
    variants.map((v) => v.counts.trials),
    variants.every((v) => v.weight !== undefined) ? variants.map((v) => v.weight!) : undefined,
  );
  const planned = plannedSampleSize({ ...input.plan, alpha });
  const baseline = input.plan.baseline;
  // The mixture is tuned to the effect the plan is for (absolute difference of rates).
  const tau = Number.isFinite(baseline * input.plan.minimumDetectableEffect) ? Math.abs(baseline * input.plan.minimumDetectableEffect) : 0.01;
  const comparisons = treatments.map((treatment): Comparison => {
    const looks: Look[] = input.looks.flatMap((look) => {
      const a = look[controlKey];
      const b = look[treatment.key];
      return a && b ? [{ control: a, treatment: b }] : [];
    });
    return {
      variant: treatment.key,
      fixed: twoProportionTest(control!.counts, treatment.counts, alpha),
      sequential: sequentialTest(looks, tau, alpha),
    };
  });
  return { control: controlKey, alpha, srm, planned, comparisons, verdict: decide(variants, comparisons, srm, planned, alpha) };
}

function decide(variants: readonly VariantInput[], comparisons: Comparison[], srm: SrmResult, planned: number | null, alpha: number): Verdict {
  const smallest = variants.length ? Math.min(...variants.map((v) => v.counts.trials)) : 0;
  if (!variants.length || variants.every((v) => v.counts.trials === 0) || !comparisons.length) return { kind: 'no_data' };
  if (srm.alarm) return { kind: 'srm', p: srm.p };
  const reached = planned !== null && smallest >= planned;
  const decided = comparisons
    .map((c) => {
      if (c.sequential.p < alpha) return { c, by: 'sequential' as const };
      if (reached && c.fixed.p < alpha) return { c, by: 'fixed' as const };
      return null;
    })
    .filter((d) => d !== null);
  const better = decided.filter((d) => d.c.fixed.difference > 0).sort((x, y) => y.c.fixed.difference - x.c.fixed.difference)[0];
  if (better) return { kind: 'winner', variant: better.c.variant, difference: better.c.fixed.difference, by: better.by };
  const worse = decided.find((d) => d.c.fixed.difference < 0);
  if (worse && decided.length === comparisons.length) return { kind: 'control_wins', variant: worse.c.variant, difference: worse.c.fixed.difference, by: worse.by };
  if (reached) return { kind: 'no_difference', planned: planned! };
  const tempting = comparisons.find((c) => c.fixed.p < alpha);
  if (tempting && planned !== null) return { kind: 'too_early', variant: tempting.variant, progress: smallest, planned };
  return { kind: 'keep_running', progress: smallest, planned };
}
