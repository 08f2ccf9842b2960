/** The `experiments` attribute is validated entry by entry: bad input is counted, never thrown. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExperimentDefinitions } from './config.js';

describe('parseExperimentDefinitions', () => {
  it('keeps valid entries and counts the rest', () => {
    const good = { key: 'gopay-first', variants: [{ key: 'control' }, { key: 'gopay', order: ['gopay'] }] };
    assert.deepEqual(parseExperimentDefinitions([good, { key: 'Bad Key', variants: [] }, 'x', null]), { experiments: [good], invalid: 3 });
  });

  it('treats a non-array, NaN weights and more than 8 experiments as invalid, and nothing as nothing', () => {
    assert.deepEqual(parseExperimentDefinitions({ key: 'a' }), { experiments: [], invalid: 1 });
    assert.equal(parseExperimentDefinitions([{ key: 'a', variants: [{ key: 'b', weight: Number.NaN }] }]).invalid, 1);
    const many = Array.from({ length: 10 }, (_, i) => ({ key: `e${i}`, variants: [{ key: 'a' }] }));
    assert.deepEqual([parseExperimentDefinitions(many).experiments.length, parseExperimentDefinitions(many).invalid], [8, 2]);
    assert.deepEqual(parseExperimentDefinitions(undefined), { experiments: [], invalid: 0 });
  });
});
