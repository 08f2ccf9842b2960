/**
 * Fixed-horizon statistics of conversion rates: the interval of one rate, the
 * two-proportion z-test of a variant against control, and the sample size to
 * plan for. Valid when read once, at the planned sample size; read daily,
 * they call false winners far more often than α (see sequential.ts).
 */
import { normalQuantile, twoSidedP } from './distributions.js';

/** Conversions out of trials for one variant. */
export interface Counts {
  /** Exposed units (sessions that saw the list). */
  trials: number;
  /** Of those, units that converted (paid). */
  successes: number;
}

export interface Interval {
  low: number;
  high: number;
}

/** Non-negative integers with successes ≤ trials; anything else counts as nothing observed. */
export function cleanCounts(counts: Counts): Counts {
  const trials = Number.isFinite(counts.trials) && counts.trials > 0 ? Math.floor(counts.trials) : 0;
  const successes = Number.isFinite(counts.successes) && counts.successes > 0 ? Math.min(Math.floor(counts.successes), trials) : 0;
  return { trials, successes };
}

/**
 * Wilson score interval of a rate (Wilson 1927): unlike the normal ("Wald")
 * interval it stays inside [0, 1] and keeps its coverage near 0% or 100% and
 * on small samples. `{ 0, 1 }` when nothing was observed.
 */
export function wilsonInterval(raw: Counts, alpha = 0.05): Interval {
  const { trials: n, successes: x } = cleanCounts(raw);
  if (n === 0) return { low: 0, high: 1 };
  const z = normalQuantile(1 - alpha / 2);
  const p = x / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface ZTest {
  /** Rate of the treatment minus rate of control (absolute, e.g. 0.02 = 2 points). */
  difference: number;
  /** `difference` relative to control's rate; null when control's rate is 0. */
  relative: number | null;
  /** Pooled-variance z statistic (0 when undefined: no trials or no variance). */
  z: number;
  /** Two-sided p-value of "no difference". */
  p: number;
  /** Interval of `difference` (unpooled standard error). */
  interval: Interval;
}

/**
 * Two-proportion z-test, treatment against control (e.g. Agresti, *Categorical
 * Data Analysis*, §2.4 and §3.1): z from the pooled rate under the null, the
 * interval of the difference from the unpooled standard error.
 */
export function twoProportionTest(controlRaw: Counts, treatmentRaw: Counts, alpha = 0.05): ZTest {
  const control = cleanCounts(controlRaw);
  const treatment = cleanCounts(treatmentRaw);
  if (control.trials === 0 || treatment.trials === 0) {
    return { difference: 0, relative: null, z: 0, p: 1, interval: { low: -1, high: 1 } };
  }
  const p1 = control.successes / control.trials;
  const p2 = treatment.successes / treatment.trials;
  const difference = p2 - p1;
  const pooled = (control.successes + treatment.successes) / (control.trials + treatment.trials);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / control.trials + 1 / treatment.trials));
  const z = pooledSe > 0 ? difference / pooledSe : 0;
  const se = Math.sqrt((p1 * (1 - p1)) / control.trials + (p2 * (1 - p2)) / treatment.trials);
  const half = normalQuantile(1 - alpha / 2) * se;
  return {
    difference,
    relative: p1 > 0 ? difference / p1 : null,
    z,
    p: pooledSe > 0 ? twoSidedP(z) : 1,
    interval: { low: Math.max(-1, difference - half), high: Math.min(1, difference + half) },
  };
}

export interface SamplePlan {
  /** Control's expected conversion rate (0–1 exclusive). */
  baseline: number;
  /** Smallest difference worth detecting, relative to the baseline (0.1 = +10%, i.e. 5% → 5.5%). */
  minimumDetectableEffect: number;
  /** Two-sided significance level; 0.05 unless set. */
  alpha?: number;
  /** Probability of detecting the effect when it is real; 0.8 unless set. */
  power?: number;
}

/**
 * Units per variant for a two-sided fixed-horizon test to detect a relative
 * lift of `minimumDetectableEffect` over `baseline`, by the formula of Evan
 * Miller's sample size calculator (evanmiller.org/ab-testing/sample-size.html):
 * n = (z₁₋α/₂·√(2p(1−p)) + z₁₋β·√(p(1−p) + q(1−q)))² / (q − p)², q = p(1 + mde),
 * rounded up. Null when the plan is impossible (rates outside (0, 1), no effect).
 */
export function plannedSampleSize(plan: SamplePlan): number | null {
  const alpha = plan.alpha ?? 0.05;
  const power = plan.power ?? 0.8;
  const p = plan.baseline;
  const q = p * (1 + plan.minimumDetectableEffect);
  if (![p, q, alpha, power].every(Number.isFinite) || p <= 0 || p >= 1 || q <= 0 || q >= 1 || q === p) return null;
  if (alpha <= 0 || alpha >= 1 || power <= 0 || power >= 1) return null;
  const delta = Math.abs(q - p);
  const a = normalQuantile(1 - alpha / 2) * Math.sqrt(2 * p * (1 - p));
  const b = normalQuantile(power) * Math.sqrt(p * (1 - p) + q * (1 - q));
  return Math.ceil(((a + b) * (a + b)) / (delta * delta));
}
