/**
 * A/A experiments on simulated daily counts: both arms convert at the same
 * rate, the team looks every day, and any "winner" is false. Used by the
 * fast Node test (stats.test.ts) and by `npm run simulate` for the figures
 * in docs/experiments.md. Seeded, so a run is reproducible.
 */
import { twoProportionTest, type Counts } from './proportions.js';
import { sequentialTest, type Look } from './sequential.js';

/** Mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function binomial(n: number, p: number, random: () => number): number {
  let successes = 0;
  for (let i = 0; i < n; i++) if (random() < p) successes++;
  return successes;
}

export interface AaOptions {
  experiments: number;
  days: number;
  /** Units per arm per day. */
  dailyUnits: number;
  rate: number;
  /** Mixing standard deviation of the mSPRT (absolute difference). */
  tau: number;
  alpha?: number;
  seed?: number;
}

export interface AaResult {
  experiments: number;
  /** Experiments in which the sequential p-value fell below α on some day. */
  sequentialFalseWinners: number;
  /** Experiments in which the fixed-horizon p-value, read daily, fell below α on some day. */
  naiveDailyFalseWinners: number;
  /** Experiments whose fixed-horizon test read once, on the last day, was below α. */
  fixedOnceFalseWinners: number;
}

export function simulateAaExperiments(options: AaOptions): AaResult {
  const alpha = options.alpha ?? 0.05;
  const random = seededRandom(options.seed ?? 1);
  const result: AaResult = { experiments: options.experiments, sequentialFalseWinners: 0, naiveDailyFalseWinners: 0, fixedOnceFalseWinners: 0 };
  for (let e = 0; e < options.experiments; e++) {
    const a: Counts = { trials: 0, successes: 0 };
    const b: Counts = { trials: 0, successes: 0 };
    const looks: Look[] = [];
    let naive = false;
    let sequential = false;
    for (let day = 0; day < options.days; day++) {
      a.trials += options.dailyUnits;
      a.successes += binomial(options.dailyUnits, options.rate, random);
      b.trials += options.dailyUnits;
      b.successes += binomial(options.dailyUnits, options.rate, random);
      looks.push({ control: { ...a }, treatment: { ...b } });
      if (twoProportionTest(a, b, alpha).p < alpha) naive = true;
    }
    // The running minimum over every daily look: the same as judging each day.
    if (sequentialTest(looks, options.tau, alpha).p < alpha) sequential = true;
    if (naive) result.naiveDailyFalseWinners++;
    if (sequential) result.sequentialFalseWinners++;
    if (twoProportionTest(a, b, alpha).p < alpha) result.fixedOnceFalseWinners++;
  }
  return result;
}
