/** Experiment bucketing (GrowthBook-compatible hash v2): pure functions of a unit id. */
export { fnv1a32, bucketHash, bucketRanges, chooseVariation, equalWeights, type BucketRange, type HashVersion } from './hash.js';
export { assignVariant, type ExperimentDefinition, type VariantDefinition } from './assign.js';
export { parseExperimentDefinitions } from './config.js';
