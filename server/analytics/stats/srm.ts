/**
 * Sample ratio mismatch (Fabijan et al., "Diagnosing Sample Ratio Mismatch in
 * Online Controlled Experiments", KDD 2019): when the variants' exposed counts
 * are further from the configured split than chance allows, assignment or
 * logging is broken (a variant that crashes before it logs, a bot filter
 * that hits one side) and no comparison of the variants can be trusted.
 * Pearson's chi-square goodness-of-fit test; the alarm is p < 0.001, the
 * threshold used by Microsoft's ExP and GrowthBook.
 */
import { chiSquareSf } from './distributions.js';

export const SRM_THRESHOLD = 0.001;

export interface SrmResult {
  chiSquare: number;
  /** P-value of "the split is as configured". */
  p: number;
  /** p below {@link SRM_THRESHOLD}: every verdict is withheld. */
  alarm: boolean;
}

/**
 * `observed[i]` exposed units of variant i against `weights[i]` (any positive
 * scale; equal when omitted). No alarm without observations.
 */
export function sampleRatioMismatch(observed: readonly number[], weights?: readonly number[]): SrmResult {
  const counts = observed.map((n) => (Number.isFinite(n) && n > 0 ? n : 0));
  const raw = weights && weights.length === counts.length ? weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0)) : counts.map(() => 1);
  const weightSum = raw.reduce((a, b) => a + b, 0);
  const total = counts.reduce((a, b) => a + b, 0);
  if (counts.length < 2 || total === 0 || weightSum === 0) return { chiSquare: 0, p: 1, alarm: false };
  let chiSquare = 0;
  let categories = 0;
  for (let i = 0; i < counts.length; i++) {
    const expected = (total * raw[i]!) / weightSum;
    if (expected === 0) {
      // Units in a variant meant to get none: a mismatch by definition.
      if (counts[i]! > 0) return { chiSquare: Infinity, p: 0, alarm: true };
      continue;
    }
    categories++;
    chiSquare += (counts[i]! - expected) ** 2 / expected;
  }
  if (categories < 2) return { chiSquare: 0, p: 1, alarm: false };
  const p = chiSquareSf(chiSquare, categories - 1);
  return { chiSquare, p, alarm: p < SRM_THRESHOLD };
}
