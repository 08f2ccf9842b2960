import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUPPORT_MESSAGES } from '../../src/core/protocol/support.schema.js';
import { generateSupportSchemas, SUPPORT_SCHEMA_DIR } from '../../scripts/schema.js';

describe('docs/schema/support (npm run schema)', () => {
  it('holds exactly one JSON Schema per support message, equal to a fresh generation', () => {
    const fresh = generateSupportSchemas();
    assert.deepEqual([...fresh.keys()].sort(), Object.keys(SUPPORT_MESSAGES).map((name) => `${name}.json`).sort());
    assert.deepEqual(readdirSync(SUPPORT_SCHEMA_DIR).filter((f) => f.endsWith('.json')).sort(), [...fresh.keys()].sort());
    for (const [file, content] of fresh) {
      assert.equal(readFileSync(join(SUPPORT_SCHEMA_DIR, file), 'utf8'), content, `${file} is stale: run npm run schema`);
    }
  });

  it('describes the frame unions with their discriminator values', () => {
    const frames = JSON.parse(generateSupportSchemas().get('BuyerFrame.json')!) as { oneOf?: Array<{ properties: { type: { const: string } } }> };
    assert.deepEqual(frames.oneOf?.map((branch) => branch.properties.type.const), ['hello', 'send', 'ack', 'read', 'typing', 'context', 'signal', 'ping']);
  });
});
