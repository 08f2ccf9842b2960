/** Experiment statistics of the reference backend (docs/experiments.md, "Statistics"). Pure functions, no I/O. */
export { chiSquareSf, normalCdf, normalQuantile, twoSidedP } from './distributions.js';
export { cleanCounts, plannedSampleSize, twoProportionTest, wilsonInterval, type Counts, type Interval, type SamplePlan, type ZTest } from './proportions.js';
export { mixtureLikelihoodRatio, sequentialTest, SEQUENTIAL_BURN_IN, type Look, type SequentialResult } from './sequential.js';
export { sampleRatioMismatch, SRM_THRESHOLD, type SrmResult } from './srm.js';
export { analyseExperiment, type Comparison, type ExperimentAnalysis, type ExperimentInput, type Verdict, type VariantInput } from './verdict.js';
