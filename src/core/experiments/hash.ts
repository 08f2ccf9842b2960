/** GrowthBook-compatible hashing and bucket ranges; defined in the protocol so backends bucket identically. */
export { fnv1a32, bucketHash, bucketRanges, chooseVariation, equalWeights, type BucketRange, type HashVersion } from '../protocol/bucketing.js';
