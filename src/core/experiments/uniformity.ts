/**
 * The chi-square goodness-of-fit test against equal expected counts, used to
 * show that bucketing spreads units evenly.
 */

/** Pearson's statistic of `observed` against `expected` counts (equal shares of the total when absent). */
export function chiSquare(observed: readonly number[], expected?: readonly number[]): number {
  const total = observed.reduce((sum, n) => sum + n, 0);
  return observed.reduce((sum, n, i) => {
    const e = expected?.[i] ?? total / observed.length;
    return e > 0 ? sum + (n - e) ** 2 / e : sum;
  }, 0);
}

/** ln Γ(x) by the Lanczos approximation (g = 7, 9 terms), accurate to about 15 digits for x > 0. */
function logGamma(x: number): number {
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.61503916999186,
    12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularized upper incomplete gamma function Q(a, x) (series below a + 1, continued fraction above). */
function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  // Lentz's continued fraction.
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** P(χ² with `df` degrees of freedom ≥ `statistic`): the p-value of a chi-square test. */
export function chiSquareSurvival(statistic: number, df: number): number {
  if (!(df > 0) || !Number.isFinite(statistic)) return Number.NaN;
  return upperGamma(df / 2, statistic / 2);
}
