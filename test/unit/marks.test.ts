/**
 * The method marks in src/elements/method-picker/marks/ and docs/marks.md are
 * exactly what scripts/marks.ts makes from the simple-icons we depend on: a mark
 * edited by hand, or a simple-icons update that changed one, fails here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { renderMarks } from '../../scripts/marks.js';

describe('method marks', () => {
  it('the committed marks and docs/marks.md match simple-icons (run `npm run docs` when this fails)', () => {
    const files = renderMarks();
    assert.ok(files.size > 10);
    for (const [path, text] of files) assert.equal(readFileSync(path, 'utf8'), text, `${relative(process.cwd(), path)} is stale`);
  });
});
