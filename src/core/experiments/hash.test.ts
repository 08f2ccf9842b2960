/**
 * Bucketing proven against GrowthBook's published SDK test vectors
 * (growthbook/growthbook, packages/sdk-js/test/cases.json, sections `hash`,
 * `getBucketRange`, and the bucket values of two `feature` cases), and its
 * uniformity by a chi-square test over 100,000 ids that is itself shown to
 * reject a biased hash.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bucketHash, bucketRanges, chooseVariation, equalWeights, fnv1a32 } from './hash.js';
// The same chi-square goodness-of-fit test the dashboard's sample-ratio check runs (one implementation).
import { sampleRatioMismatch } from '../../../server/analytics/stats/srm.js';

/** [seed, value, version, expected] exactly as published. */
const HASH_CASES: readonly [string, string, number, number | null][] = [
  ['', 'a', 1, 0.22],
  ['', 'b', 1, 0.077],
  ['b', 'a', 1, 0.946],
  ['ef', 'd', 1, 0.652],
  ['asdf', '8952klfjas09ujk', 1, 0.549],
  ['', '123', 1, 0.011],
  ['', '___)((*":&', 1, 0.563],
  ['seed', 'a', 2, 0.0505],
  ['seed', 'b', 2, 0.2696],
  ['foo', 'ab', 2, 0.2575],
  ['foo', 'def', 2, 0.2019],
  ['89123klj', '8952klfjas09ujkasdf', 2, 0.124],
  ['90850943850283058242805', '123', 2, 0.7516],
  ['()**(%$##$%#$#', '___)((*":&', 2, 0.0128],
  ['abc', 'def', 99, null],
];

/** [name, [count, coverage, weights], expected ranges] exactly as published. */
const RANGE_CASES: readonly [string, [number, number, number[] | null], [number, number][]][] = [
  ['normal 50/50', [2, 1, null], [[0, 0.5], [0.5, 1]]],
  ['reduced coverage', [2, 0.5, null], [[0, 0.25], [0.5, 0.75]]],
  ['zero coverage', [2, 0, null], [[0, 0], [0.5, 0.5]]],
  ['4 variations', [4, 1, null], [[0, 0.25], [0.25, 0.5], [0.5, 0.75], [0.75, 1]]],
  ['uneven weights', [2, 1, [0.4, 0.6]], [[0, 0.4], [0.4, 1]]],
  ['uneven weights, 3 variations', [3, 1, [0.2, 0.3, 0.5]], [[0, 0.2], [0.2, 0.5], [0.5, 1]]],
  ['uneven weights, reduced coverage, 3 variations', [3, 0.2, [0.2, 0.3, 0.5]], [[0, 0.04], [0.2, 0.26], [0.5, 0.6]]],
  ['negative coverage', [2, -0.2, null], [[0, 0], [0.5, 0.5]]],
  ['coverage above 1', [2, 1.5, null], [[0, 0.5], [0.5, 1]]],
  ['weights sum below 1', [2, 1, [0.4, 0.1]], [[0, 0.5], [0.5, 1]]],
  ['weights sum above 1', [2, 1, [0.7, 0.6]], [[0, 0.5], [0.5, 1]]],
  ['weights.length not equal to num variations', [4, 1, [0.4, 0.4, 0.2]], [[0, 0.25], [0.25, 0.5], [0.5, 0.75], [0.75, 1]]],
  ['weights sum almost equals 1', [2, 1, [0.4, 0.5999]], [[0, 0.4], [0.4, 0.9999]]],
];

const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

describe('GrowthBook-compatible bucketing', () => {
  it('fnv1a32 matches the FNV-1a reference values', () => {
    // Offset basis for the empty string; "a" and "foobar" from the FNV reference test suite.
    assert.equal(fnv1a32(''), 0x811c9dc5);
    assert.equal(fnv1a32('a'), 0xe40c292c);
    assert.equal(fnv1a32('foobar'), 0xbf9cf968);
  });

  for (const [seed, value, version, expected] of HASH_CASES) {
    it(`hash(${JSON.stringify(seed)}, ${JSON.stringify(value)}, v${version}) = ${expected}`, () => {
      assert.equal(bucketHash(seed, value, version), expected);
    });
  }

  it('reproduces the bucket of GrowthBook’s experiment cases (v1 id "123" → 0.863, "456" → 0.178, "fds" → 0.514; v2 seed "feature", "123" → 0.5231)', () => {
    assert.equal(bucketHash('feature', '123', 1), 0.863);
    assert.equal(bucketHash('feature', '456', 1), 0.178);
    assert.equal(bucketHash('feature', 'fds', 1), 0.514);
    assert.equal(bucketHash('feature', '123', 2), 0.5231);
  });

  for (const [name, [count, coverage, weights], expected] of RANGE_CASES) {
    it(`bucket ranges: ${name}`, () => {
      const ranges = bucketRanges(count, coverage, weights);
      assert.equal(ranges.length, expected.length);
      ranges.forEach(([start, end], i) => {
        assert.ok(close(start, expected[i]![0]) && close(end, expected[i]![1]), `${name}: range ${i} is [${start}, ${end}]`);
      });
    });
  }

  it('chooses the range holding the hash, -1 outside every range', () => {
    const even = bucketRanges(2);
    assert.deepEqual([0.2, 0.4, 0.6, 0.8, 0, 0.5].map((n) => chooseVariation(n, even)), [0, 0, 1, 1, 0, 1]);
    assert.equal(chooseVariation(0.3, bucketRanges(2, 0.5)), -1);
    assert.equal(chooseVariation(0.6, bucketRanges(2, 0.5)), 1);
    assert.deepEqual(equalWeights(0), []);
    assert.deepEqual(equalWeights(4), [0.25, 0.25, 0.25, 0.25]);
  });
});

describe('uniformity over 100,000 ids', () => {
  const IDS = Array.from({ length: 100_000 }, (_, i) => `buyer-${i}`);
  /** Counts of `draw(id)` in 20 equal bins of [0, 1). */
  const bins = (draw: (id: string) => number) => {
    const counts = new Array<number>(20).fill(0);
    for (const id of IDS) counts[Math.min(19, Math.floor(draw(id) * 20))]! += 1;
    return counts;
  };

  it('v2 hashes fill 20 equal bins uniformly (chi-square, 19 df, p > 0.001)', () => {
    const counts = bins((id) => bucketHash('exp-checkout-order', id, 2) ?? -1);
    const { p } = sampleRatioMismatch(counts);
    assert.ok(p > 0.001, `p = ${p}, counts ${counts.join(' ')}`);
  });

  it('a 50/50 split stays within chance of half (two bins, 1 df, p > 0.001)', () => {
    const ranges = bucketRanges(2);
    const counts = [0, 0];
    for (const id of IDS) counts[chooseVariation(bucketHash('gopay-first', id, 2) ?? -1, ranges)]! += 1;
    assert.ok(sampleRatioMismatch(counts).p > 0.001, counts.join(' '));
  });

  it('the same test rejects a biased hash (the square of a uniform hash): the check can fail', () => {
    const counts = bins((id) => (bucketHash('exp-checkout-order', id, 2) ?? 0) ** 2);
    assert.ok(sampleRatioMismatch(counts).p < 1e-6);
  });
});
