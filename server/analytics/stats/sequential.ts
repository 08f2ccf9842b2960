/**
 * Always-valid inference for a difference of conversion rates: the mixture
 * sequential probability ratio test (mSPRT) with a normal mixture, as in
 * Johari, Pekelis & Walsh, "Always valid inference: Bringing sequential
 * analysis to A/B testing" (2017, arXiv:1512.04922) and Johari, Koomen,
 * Pekelis & Walsh, "Always valid inference: continuous monitoring of A/B
 * tests", Operations Research 70(3), 2022. Its p-value and confidence
 * sequence may be looked at after every visitor, every day, or whenever a
 * product team likes: the chance that they *ever* show a false winner stays
 * below α.
 *
 * For θ̂ = p̂_B − p̂_A with (plug-in) variance σ² = p̂_A(1−p̂_A)/n_A + p̂_B(1−p̂_B)/n_B
 * and the mixing distribution θ ~ N(θ₀, τ²), the likelihood ratio is
 *   Λ = √(σ² / (σ² + τ²)) · exp(τ² (θ̂ − θ₀)² / (2σ² (σ² + τ²))),
 * the always-valid p-value is the running minimum of 1/Λ over looks, and the
 * confidence sequence is the running intersection of {θ₀ : Λ(θ₀) < 1/α}.
 */
import { cleanCounts, type Counts, type Interval } from './proportions.js';

/** Looks where an arm has fewer units are skipped: the normal approximation behind Λ needs some volume (a burn-in, as in Optimizely's Stats Engine). */
export const SEQUENTIAL_BURN_IN = 100;

/** One look at the running experiment: cumulative counts of control and treatment. */
export interface Look {
  control: Counts;
  treatment: Counts;
}

export interface SequentialResult {
  /** Always-valid two-sided p-value of "no difference" after the last look. */
  p: number;
  /** Always-valid (1 − α) confidence sequence of the difference after the last look. */
  interval: Interval;
  /** Looks that counted (past the burn-in, with variance). */
  looks: number;
}

/** Λ of one look against θ₀ = 0, or null when the look cannot judge (burn-in, no variance). */
function estimate(look: Look): { difference: number; variance: number } | null {
  const a = cleanCounts(look.control);
  const b = cleanCounts(look.treatment);
  if (a.trials < SEQUENTIAL_BURN_IN || b.trials < SEQUENTIAL_BURN_IN) return null;
  const pa = a.successes / a.trials;
  const pb = b.successes / b.trials;
  const variance = (pa * (1 - pa)) / a.trials + (pb * (1 - pb)) / b.trials;
  if (!(variance > 0)) return null;
  return { difference: pb - pa, variance };
}

/** The mixture likelihood ratio Λ of θ̂ against 0. */
export function mixtureLikelihoodRatio(difference: number, variance: number, tau: number): number {
  const tau2 = tau * tau;
  const log = 0.5 * Math.log(variance / (variance + tau2)) + (tau2 * difference * difference) / (2 * variance * (variance + tau2));
  return Math.exp(Math.min(log, 700));
}

/** Half-width of {θ₀ : Λ(θ₀) < 1/α} around θ̂. */
function halfWidth(variance: number, tau: number, alpha: number): number {
  const tau2 = tau * tau;
  return Math.sqrt(((2 * variance * (variance + tau2)) / tau2) * (Math.log(1 / alpha) + 0.5 * Math.log((variance + tau2) / variance)));
}

/**
 * The mSPRT over a series of looks (cumulative counts, in time order).
 * `tau` is the standard deviation of the effects the test is tuned for (an
 * absolute difference of rates): any value keeps the guarantee; near the
 * effect one hopes to find it decides soonest. The dashboard uses the planned
 * minimum detectable effect.
 */
export function sequentialTest(looks: readonly Look[], tau: number, alpha = 0.05): SequentialResult {
  const mixing = Number.isFinite(tau) && tau > 0 ? tau : 0.01;
  let p = 1;
  let low = -1;
  let high = 1;
  let counted = 0;
  for (const look of looks) {
    const current = estimate(look);
    if (!current) continue;
    counted++;
    p = Math.min(p, 1 / mixtureLikelihoodRatio(current.difference, current.variance, mixing));
    const half = halfWidth(current.variance, mixing, alpha);
    low = Math.max(low, current.difference - half);
    high = Math.min(high, current.difference + half);
  }
  // Plug-in variances can, rarely, make successive intervals miss each other; the last look's interval then stands alone.
  if (low > high) {
    const last = [...looks].reverse().map(estimate).find((e) => e !== null);
    if (last) {
      const half = halfWidth(last.variance, mixing, alpha);
      low = last.difference - half;
      high = last.difference + half;
    }
  }
  return { p: Math.min(1, p), interval: { low, high }, looks: counted };
}
