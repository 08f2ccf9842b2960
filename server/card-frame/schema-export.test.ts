import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CARD_FRAME_MESSAGES } from '../../src/core/protocol/card-frame.schema.js';
import { CARD_FRAME_SCHEMA_DIR, generateCardFrameSchemas } from '../../scripts/schema.js';

describe('docs/schema/card-frame (npm run schema)', () => {
  it('holds exactly one JSON Schema per card frame message, equal to a fresh generation', () => {
    const fresh = generateCardFrameSchemas();
    assert.deepEqual([...fresh.keys()].sort(), Object.keys(CARD_FRAME_MESSAGES).map((name) => `${name}.json`).sort());
    assert.deepEqual(readdirSync(CARD_FRAME_SCHEMA_DIR).filter((f) => f.endsWith('.json')).sort(), [...fresh.keys()].sort());
    for (const [file, content] of fresh) {
      assert.equal(readFileSync(join(CARD_FRAME_SCHEMA_DIR, file), 'utf8'), content, `${file} is stale: run npm run schema`);
    }
  });

  it('lists every message type of each direction', () => {
    const types = (name: string) =>
      (JSON.parse(generateCardFrameSchemas().get(name)!) as { oneOf: Array<{ properties: { type: { const: string } } }> }).oneOf.map((b) => b.properties.type.const);
    assert.deepEqual(types('HostToFrameMessage.json'), ['configure', 'focus', 'submit']);
    assert.deepEqual(types('FrameToHostMessage.json'), ['ready', 'resize', 'state', 'focus', 'tokenized', 'tokenize_failed']);
  });
});
