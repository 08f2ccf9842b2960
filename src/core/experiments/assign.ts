/**
 * Experiment variants decided from a unit id (the buyer id the merchant
 * supplies, or an anonymous id the browser keeps): pure, deterministic and
 * sticky. The same (seed, unit) always lands in the same bucket.
 */
import type { ExperimentAssignment } from '../protocol/session.schema.js';
import { bucketHash, bucketRanges, chooseVariation } from './hash.js';

/** One variant of an experiment configured on the element (static stores) or by a backend. */
export interface VariantDefinition {
  key: string;
  /** Share of the experiment's units; equal shares when the weights do not sum to 1. */
  weight?: number;
  /** Method ids this variant lists first; absent for the control. */
  order?: readonly string[];
}

/** An experiment on the order of methods. */
export interface ExperimentDefinition {
  key: string;
  /** Hash seed; the key when absent. Change it to re-shuffle buyers for a new run. */
  seed?: string;
  variants: readonly VariantDefinition[];
  /** Share of units in the experiment (0–1, default 1); the others see the list unchanged and are not reported. */
  coverage?: number;
  /** Buyer countries the experiment runs in (ISO 3166-1 alpha-2); everywhere when absent. */
  countries?: readonly string[];
}

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
