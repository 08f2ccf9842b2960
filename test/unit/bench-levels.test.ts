// The definition of sequential request levels that `npm run bench` reports (scripts/bench-page.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { quantile, requestLevels } from '../../scripts/bench-page.js';

const req = (name: string, start: number, end: number, isDocument = false) => ({ name, start, end, isDocument });
const levelsOf = (requests: ReturnType<typeof req>[]) => {
  const levels = requestLevels(requests);
  return Object.fromEntries(requests.map((r) => [r.name, levels.get(r)]));
};

describe('requestLevels', () => {
  it('counts a chain HTML → entry → chunk → session → region as four levels after the HTML', () => {
    assert.deepEqual(
      levelsOf([req('html', 0, 100, true), req('entry', 120, 200), req('core', 210, 500), req('session', 520, 700), req('region', 710, 800)]),
      { html: 0, entry: 1, core: 2, session: 3, region: 4 },
    );
  });

  it('gives requests started together the same level, whatever order they finish in', () => {
    assert.deepEqual(
      levelsOf([req('html', 0, 100, true), req('entry', 120, 200), req('session', 210, 400), req('core', 212, 600), req('region', 215, 300)]),
      { html: 0, entry: 1, session: 2, core: 2, region: 2 },
    );
  });

  it('takes the latest-finishing request before the start, not the deepest one', () => {
    // `late` starts after both `deep` (level 2) and `shallow` (level 1) finished; `shallow` finished last.
    assert.deepEqual(
      levelsOf([req('html', 0, 100, true), req('a', 110, 150), req('deep', 160, 200), req('shallow', 120, 250), req('late', 260, 300)]),
      { html: 0, a: 1, shallow: 1, deep: 2, late: 2 },
    );
  });

  it('puts a request that starts while the HTML still streams (preload scanner) at level 1', () => {
    assert.deepEqual(levelsOf([req('html', 0, 300, true), req('entry', 50, 250)]), { html: 0, entry: 1 });
  });
});

describe('quantile', () => {
  it('interpolates between sorted values', () => {
    assert.equal(quantile([4, 1, 3, 2], 0.5), 2.5);
    assert.equal(quantile([1, 2, 3, 4, 5], 0.25), 2);
    assert.ok(Number.isNaN(quantile([], 0.5)));
  });
});
