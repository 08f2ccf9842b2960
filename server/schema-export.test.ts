import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES } from '../src/core/protocol/schemas.js';
import { generateSchemas, SCHEMA_DIR } from '../scripts/schema.js';

describe('docs/schema (npm run schema)', () => {
  it('holds exactly one JSON Schema per protocol message, equal to a fresh generation', () => {
    const fresh = generateSchemas();
    assert.deepEqual([...fresh.keys()].sort(), Object.keys(MESSAGES).map((name) => `${name}.json`).sort());
    assert.deepEqual(readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json')).sort(), [...fresh.keys()].sort());
    for (const [file, content] of fresh) {
      assert.equal(readFileSync(join(SCHEMA_DIR, file), 'utf8'), content, `${file} is stale: run npm run schema`);
    }
  });

  it('describes the discriminated unions with their discriminator values', () => {
    const result = JSON.parse(generateSchemas().get('PaymentResult.json')!) as { oneOf?: Array<{ properties: { status: { const: string } } }> };
    assert.deepEqual(result.oneOf?.map((branch) => branch.properties.status.const), ['succeeded', 'pending', 'requires_action', 'failed']);
  });
});
