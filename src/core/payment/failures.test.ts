import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FAILURES, FAILURE_CODES, REJECTED_MESSAGE, failureInfo, nextStep } from './failures.js';

const en = JSON.parse(readFileSync(new URL('../../../locales/en/payment.json', import.meta.url), 'utf8')) as {
  failure: Record<string, { title?: string; body?: string }>;
  rejected: { title: string; body: string };
};

describe('failures', () => {
  it('covers the closed list, in protocol order', () => {
    assert.deepEqual(FAILURES.map((f) => f.code), [...FAILURE_CODES]);
  });

  it('has an English title and body for every code, and nothing extra', () => {
    for (const info of FAILURES) {
      assert.equal(info.titleKey, `payment:failure.${info.code}.title`);
      assert.ok(en.failure[info.code]?.title, `${info.code} title`);
      assert.ok(en.failure[info.code]?.body, `${info.code} body`);
    }
    assert.deepEqual(Object.keys(en.failure).sort(), [...FAILURE_CODES].sort());
    assert.ok(en.rejected.title && en.rejected.body && REJECTED_MESSAGE.titleKey === 'payment:rejected.title');
  });

  it('matches the retryable defaults documented in docs/protocol.md', () => {
    const doc = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');
    for (const info of FAILURES) {
      const row = doc.match(new RegExp(`^\\| \`${info.code}\` \\| (yes|no) \\|`, 'm'));
      assert.ok(row, `${info.code} is documented`);
      assert.equal(info.retryable, row[1] === 'yes', info.code);
    }
  });

  it('puts "Try again" first only where a new attempt can help', () => {
    assert.equal(nextStep('incorrect_cvc', true), 'retry');
    assert.equal(nextStep('insufficient_funds', false), 'another_method');
    assert.equal(nextStep('risk_blocked', false), 'contact');
    // The backend's flag wins over the default.
    assert.equal(nextStep('card_declined', true), 'retry');
    assert.equal(nextStep('timeout', false), 'another_method');
    for (const info of FAILURES) assert.equal(info.retryable, info.next === 'retry', info.code);
  });

  it('reads an unknown code from a newer backend as processing_error', () => {
    assert.equal(failureInfo('meteor_strike').code, 'processing_error');
  });
});
