/**
 * Experiment statistics against textbook and calculator values (reference
 * figures from SciPy 1.17 and Evan Miller's sample size calculator), with
 * fast-check properties, and the A/A property that motivates the sequential
 * test: 200 experiments looked at daily.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  analyseExperiment,
  chiSquareSf,
  normalCdf,
  normalQuantile,
  plannedSampleSize,
  sampleRatioMismatch,
  sequentialTest,
  twoProportionTest,
  wilsonInterval,
  type Look,
} from './index.js';
import { simulateAaExperiments } from './simulation.js';

const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);

describe('distributions', () => {
  it('match SciPy', () => {
    close(normalCdf(1.96), 0.9750021048517795, 1e-7, 'Φ(1.96)');
    close(normalQuantile(0.975), 1.959963984540054, 1e-8, 'Φ⁻¹(0.975)');
    close(normalQuantile(0.001), -3.090232306167813, 1e-7, 'Φ⁻¹(0.001)');
    close(normalQuantile(0.8), 0.8416212335729143, 1e-8, 'Φ⁻¹(0.8)');
    close(chiSquareSf(10.83, 1), 0.0009986863791802592, 1e-7, 'χ²₁ 10.83');
    close(chiSquareSf(20, 3), 0.00016974243555282632, 1e-8, 'χ²₃ 20');
    close(chiSquareSf(3.5, 2), 0.1737739434504451, 1e-8, 'χ²₂ 3.5');
    close(chiSquareSf(43.820195964517, 19), 0.001, 1e-7, 'χ²₁₉ critical value at 0.001 (20 buckets)');
    for (const x of [0.1, 1, 5, 20]) close(chiSquareSf(x, 2), Math.exp(-x / 2), 1e-8, `χ²₂ ${x} closed form`);
  });
});

describe('fixed-horizon statistics', () => {
  it('two-proportion z-test: 200/1000 vs 250/1000 gives z 2.677, p 0.0074, difference CI [1.35, 8.65] points', () => {
    const test = twoProportionTest({ trials: 1000, successes: 200 }, { trials: 1000, successes: 250 });
    close(test.z, 2.677397763008329, 1e-9, 'z');
    close(test.p, 0.007419649261025687, 1e-7, 'p');
    close(test.difference, 0.05, 1e-12, 'difference');
    close(test.relative!, 0.25, 1e-12, 'relative');
    close(test.interval.low, 0.013463621399345559, 1e-7, 'low');
    close(test.interval.high, 0.08653637860065444, 1e-7, 'high');
  });

  it('Wilson interval: 200/1000 is [17.64%, 22.59%]; 0/10 and 10/10 stay inside [0, 1]', () => {
    const i = wilsonInterval({ trials: 1000, successes: 200 });
    close(i.low, 0.17637709044319852, 1e-8, 'low');
    close(i.high, 0.22591896464813463, 1e-8, 'high');
    close(wilsonInterval({ trials: 10, successes: 0 }).high, 0.2775327998628892, 1e-8, '0/10 high');
    close(wilsonInterval({ trials: 10, successes: 10 }).low, 0.7224672001371107, 1e-8, '10/10 low');
  });

  it("planned sample size matches Evan Miller's calculator", () => {
    // 10% baseline, +20% relative (2 points), α 0.05, power 0.8: 3,623 per variation.
    assert.equal(plannedSampleSize({ baseline: 0.1, minimumDetectableEffect: 0.2 }), 3623);
    // 20% baseline, +25% relative (5 points): the calculator's default, 1,030 (it rounds; we round up).
    assert.equal(plannedSampleSize({ baseline: 0.2, minimumDetectableEffect: 0.25 }), 1031);
    assert.equal(plannedSampleSize({ baseline: 0, minimumDetectableEffect: 0.1 }), null);
    assert.equal(plannedSampleSize({ baseline: 0.5, minimumDetectableEffect: 0 }), null);
    assert.equal(plannedSampleSize({ baseline: 0.6, minimumDetectableEffect: 1 }), null);
  });

  it('bad input never throws and never yields NaN', () => {
    for (const counts of [{ trials: -1, successes: 5 }, { trials: Number.NaN, successes: 1 }, { trials: 3, successes: 9 }, { trials: Infinity, successes: 1 }]) {
      const test = twoProportionTest(counts, { trials: 10, successes: 1 });
      assert.ok([test.p, test.z, test.interval.low, test.interval.high].every(Number.isFinite), JSON.stringify(counts));
      const i = wilsonInterval(counts);
      assert.ok(Number.isFinite(i.low) && Number.isFinite(i.high));
    }
  });
});

const countsArb = fc.integer({ min: 1, max: 100_000 }).chain((trials) => fc.record({ trials: fc.constant(trials), successes: fc.integer({ min: 0, max: trials }) }));

describe('properties', () => {
  it('p-values lie in [0, 1], intervals hold the estimate, and swapping the arms mirrors the result', () => {
    fc.assert(
      fc.property(countsArb, countsArb, (a, b) => {
        const ab = twoProportionTest(a, b);
        const ba = twoProportionTest(b, a);
        assert.ok(ab.p >= 0 && ab.p <= 1);
        assert.ok(ab.interval.low <= ab.difference + 1e-12 && ab.difference <= ab.interval.high + 1e-12);
        close(ab.p, ba.p, 1e-12, 'symmetric p');
        close(ab.difference, -ba.difference, 1e-12, 'mirrored difference');
        const w = wilsonInterval(a);
        assert.ok(w.low >= 0 && w.high <= 1 && w.low <= a.successes / a.trials + 1e-12 && a.successes / a.trials <= w.high + 1e-12);
      }),
    );
  });

  it('the sequential p-value never rises as looks are added, and its interval only narrows', () => {
    const looksArb = fc.array(fc.tuple(fc.integer({ min: 50, max: 2_000 }), fc.integer({ min: 50, max: 2_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(looksArb, fc.double({ min: 0.001, max: 0.2, noNaN: true }), (steps, tau) => {
        const looks: Look[] = [];
        const a = { trials: 0, successes: 0 };
        const b = { trials: 0, successes: 0 };
        let previous = sequentialTest([], tau);
        for (const [na, nb, ra, rb] of steps) {
          a.trials += na;
          a.successes += Math.round(na * ra);
          b.trials += nb;
          b.successes += Math.round(nb * rb);
          looks.push({ control: { ...a }, treatment: { ...b } });
          const next = sequentialTest(looks, tau);
          assert.ok(next.p <= previous.p + 1e-15 && next.p >= 0);
          assert.ok(next.interval.low <= next.interval.high);
          previous = next;
        }
      }),
    );
  });

  it('the planned sample size shrinks as the detectable effect grows, and grows with power', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.5, noNaN: true }), fc.double({ min: 0.05, max: 0.5, noNaN: true }), (baseline, mde) => {
        const n = plannedSampleSize({ baseline, minimumDetectableEffect: mde })!;
        assert.ok(n >= plannedSampleSize({ baseline, minimumDetectableEffect: mde * 1.5 })!);
        assert.ok(n <= plannedSampleSize({ baseline, minimumDetectableEffect: mde, power: 0.9 })!);
      }),
    );
  });
});

describe('sample ratio mismatch', () => {
  it('alarms on 5,300 vs 4,700 (p ≈ 2e-9) but not on 5,100 vs 4,900 (p 0.0455)', () => {
    assert.equal(sampleRatioMismatch([5300, 4700]).alarm, true);
    const fine = sampleRatioMismatch([5100, 4900]);
    close(fine.chiSquare, 4, 1e-12, 'χ²');
    close(fine.p, 0.04550026389635857, 1e-7, 'p');
    assert.equal(fine.alarm, false);
    assert.equal(sampleRatioMismatch([9000, 1000], [9, 1]).alarm, false, 'weights are respected');
    assert.equal(sampleRatioMismatch([0, 0]).alarm, false);
  });

  it('blocks any verdict, however clear the difference', () => {
    const analysis = analyseExperiment({
      variants: [{ key: 'control', counts: { trials: 6000, successes: 600 } }, { key: 'gopay', counts: { trials: 4000, successes: 800 } }],
      looks: [{ control: { trials: 6000, successes: 600 }, gopay: { trials: 4000, successes: 800 } }],
      plan: { baseline: 0.1, minimumDetectableEffect: 0.1 },
    });
    assert.equal(analysis.verdict.kind, 'srm');
  });
});

describe('verdict', () => {
  const plan = { baseline: 0.1, minimumDetectableEffect: 0.2 };
  it('refuses to call a winner on a fixed-horizon p below 0.05 before the planned sample size', () => {
    // 1,000 per arm, 10.0% vs 13.0%: fixed p ≈ 0.033, far below the 3,623 planned.
    const counts = { control: { trials: 1000, successes: 100 }, b: { trials: 1000, successes: 130 } };
    const analysis = analyseExperiment({
      variants: [{ key: 'control', counts: counts.control }, { key: 'b', counts: counts.b }],
      looks: [counts],
      plan,
    });
    assert.ok(analysis.comparisons[0]!.fixed.p < 0.05);
    assert.ok(analysis.comparisons[0]!.sequential.p >= 0.05);
    assert.deepEqual(analysis.verdict, { kind: 'too_early', variant: 'b', progress: 1000, planned: 3623 });
  });

  it('calls the winner once the sequential test is convinced, and says nothing differs at the planned size otherwise', () => {
    const strong = { control: { trials: 5000, successes: 500 }, b: { trials: 5000, successes: 650 } };
    const won = analyseExperiment({ variants: [{ key: 'control', counts: strong.control }, { key: 'b', counts: strong.b }], looks: [strong], plan });
    assert.equal(won.verdict.kind, 'winner');
    const flat = { control: { trials: 5000, successes: 500 }, b: { trials: 5000, successes: 505 } };
    const none = analyseExperiment({ variants: [{ key: 'control', counts: flat.control }, { key: 'b', counts: flat.b }], looks: [flat], plan });
    assert.deepEqual(none.verdict, { kind: 'no_difference', planned: 3623 });
  });
});

describe('A/A experiments looked at daily', () => {
  it('200 experiments, 28 days: the sequential test calls at most 5% false winners, the naive daily z-test far more', () => {
    const result = simulateAaExperiments({ experiments: 200, days: 28, dailyUnits: 300, rate: 0.1, tau: 0.01, seed: 20261202 });
    assert.ok(result.sequentialFalseWinners / result.experiments <= 0.05, `sequential ${result.sequentialFalseWinners}/200`);
    assert.ok(result.naiveDailyFalseWinners / result.experiments > 0.1, `naive ${result.naiveDailyFalseWinners}/200`);
    assert.ok(result.fixedOnceFalseWinners / result.experiments <= 0.1, `fixed once ${result.fixedOnceFalseWinners}/200`);
  });
});
