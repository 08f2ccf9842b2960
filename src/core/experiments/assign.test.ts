/** Variant assignment against known answers (the published bucket 0.5231 of GrowthBook's v2 vector). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assignVariant, type ExperimentDefinition } from './assign.js';

const experiment: ExperimentDefinition = { key: 'feature', variants: [{ key: 'a' }, { key: 'b', order: ['gopay'] }, { key: 'c' }] };

describe('assignVariant', () => {
  it('picks the variant whose range holds the v2 hash of (seed, unit)', () => {
    // bucketHash('feature', '123', 2) = 0.5231 (a published GrowthBook vector): the middle third.
    assert.deepEqual(assignVariant(experiment, '123'), { key: 'feature', variant: 'b', order: ['gopay'] });
    assert.deepEqual(assignVariant({ ...experiment, variants: [{ key: 'v0', weight: 0.1 }, { key: 'v1', weight: 0.9 }] }, '123'), { key: 'feature', variant: 'v1' });
  });

  it('leaves out units beyond the coverage, other countries and empty ids', () => {
    assert.equal(assignVariant({ ...experiment, coverage: 0.5 }, '123'), null); // 0.5231 ≥ 1/3 + 0.5/3
    assert.equal(assignVariant({ ...experiment, countries: ['ID'] }, '123', 'BR'), null);
    assert.equal(assignVariant({ ...experiment, countries: ['ID'] }, '123', 'id')?.variant, 'b');
    assert.equal(assignVariant(experiment, ''), null);
  });
});
