/**
 * Experiment bucketing as part of the protocol: a backend that assigns
 * variants (sticky per buyer, sent in `Session.experiments`) and a static
 * store bucketing in the widget compute the same buckets, and both match
 * GrowthBook's SDK specification, so a store already bucketing with
 * GrowthBook gets the same buckets for the same seed and unit id. Facts of
 * the specification (proven in src/core/experiments/hash.test.ts against
 * GrowthBook's published `cases.json` vectors):
 *
 * - FNV-1a, 32 bits, over the string's UTF-16 code units (offset basis
 *   0x811c9dc5, prime 0x01000193).
 * - v2: fnv1a32 of the decimal string of fnv1a32(seed + value), modulo
 *   10,000, divided by 10,000. v1: fnv1a32(value + seed) modulo 1,000, / 1,000.
 * - Bucket ranges: equal weights unless the given ones match the number of
 *   variations and sum to 0.99–1.01; coverage clamped to [0, 1]; each range
 *   starts at the cumulative weight and spans coverage × weight.
 */
import * as z from 'zod/mini';
import { ExperimentKey, type ExperimentAssignment } from './session.schema.js';

/** FNV-1a over UTF-16 code units, as an unsigned 32-bit integer. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Hash versions the specification defines. */
export type HashVersion = 1 | 2;

/** A number in [0, 1) for (seed, value); null for a version the specification does not define. */
export function bucketHash(seed: string, value: string, version: number = 2): number | null {
  if (version === 2) return (fnv1a32(String(fnv1a32(seed + value))) % 10_000) / 10_000;
  if (version === 1) return (fnv1a32(value + seed) % 1_000) / 1_000;
  return null;
}

/** A half-open interval [start, end) of the hash space. */
export type BucketRange = readonly [start: number, end: number];

/** `count` equal weights (none for a count below 1). */
export function equalWeights(count: number): number[] {
  return count <= 0 ? [] : new Array<number>(count).fill(1 / count);
}

/** The ranges of `count` variations with `weights` over the share `coverage` of units. */
export function bucketRanges(count: number, coverage = 1, weights?: readonly number[] | null): BucketRange[] {
  const cover = Math.min(1, Math.max(0, coverage));
  let use: readonly number[] = equalWeights(count);
  if (weights && weights.length === count) {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (total >= 0.99 && total <= 1.01) use = weights;
  }
  let cumulative = 0;
  return use.map((weight) => {
    const start = cumulative;
    cumulative += weight;
    return [start, start + cover * weight] as const;
  });
}

/** The index of the range holding `n`, or -1 when `n` is outside every range (not in the experiment). */
export function chooseVariation(n: number, ranges: readonly BucketRange[]): number {
  return ranges.findIndex(([start, end]) => n >= start && n < end);
}

const MethodId = z.string().check(z.regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/));

/** One variant: its key, share (weight) and the method ids it lists first (none for the control). */
export const VariantDefinition = z.object({
  key: ExperimentKey,
  weight: z.optional(z.number().check(z.gte(0), z.lte(1))),
  order: z.optional(z.array(MethodId).check(z.maxLength(64))),
});

/** An experiment on the method order, as a backend or the widget's `experiments` attribute defines it. */
export const ExperimentDefinition = z.object({
  key: ExperimentKey,
  seed: z.optional(z.string().check(z.maxLength(128))),
  variants: z.array(VariantDefinition).check(z.minLength(1), z.maxLength(16)),
  coverage: z.optional(z.number().check(z.gte(0), z.lte(1))),
  countries: z.optional(z.array(z.string().check(z.regex(/^[A-Z]{2}$/)))),
});

export type VariantDefinition = z.infer<typeof VariantDefinition>;
export type ExperimentDefinition = z.infer<typeof ExperimentDefinition>;

/** The unit's variant, or null when it falls outside the coverage, the countries, or the definition has no variants. */
export function assignVariant(experiment: ExperimentDefinition, unitId: string, country?: string | null): ExperimentAssignment | null {
  if (!unitId || experiment.variants.length === 0) return null;
  if (experiment.countries && !(country && experiment.countries.includes(country.toUpperCase()))) return null;
  const n = bucketHash(experiment.seed ?? experiment.key, unitId, 2);
  if (n === null) return null;
  const weights = experiment.variants.map((variant) => variant.weight ?? 0);
  const hasWeights = experiment.variants.every((variant) => variant.weight !== undefined);
  const index = chooseVariation(n, bucketRanges(experiment.variants.length, experiment.coverage ?? 1, hasWeights ? weights : null));
  const variant = experiment.variants[index];
  if (!variant) return null;
  return variant.order ? { key: experiment.key, variant: variant.key, order: [...variant.order] } : { key: experiment.key, variant: variant.key };
}

/**
 * Whether a unit sees a method rolled out to `share` (0–1) of units: its v2
 * hash of (`rollout:<method>`, unit) is below the share. Sticky, and widening
 * keeps everyone already in; a share of 0 halts it for everyone.
 */
export function inRollout(method: string, unitId: string, share: number): boolean {
  const n = bucketHash(`rollout:${method}`, unitId, 2);
  return n !== null && n < share;
}

