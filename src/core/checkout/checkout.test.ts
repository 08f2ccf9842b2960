/**
 * The checkout's pure parts: the visible state as a function of what it knows,
 * fault → problem, and the URL work behind redirects and the endpoint attribute.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RETRYABLE_PROBLEMS, checkoutState, problemOf, type SessionProblem } from './checkout-state.js';
import { parseEndpoint, returnedPaymentId, withoutReturnParam } from './return-url.js';
import type { FlowState } from '../payment/flow.js';

const loaded = { status: 'loaded' } as const;
const idle: FlowState = { phase: 'idle' };

describe('checkoutState', () => {
  it('is loading until the session and its list are both there', () => {
    assert.equal(checkoutState({ status: 'idle' }, false, idle), 'loading');
    assert.equal(checkoutState({ status: 'loading' }, false, idle), 'loading');
    assert.equal(checkoutState(loaded, false, idle), 'loading');
    assert.equal(checkoutState(loaded, true, idle), 'ready');
  });

  it('shows a session problem over anything the payment says', () => {
    const succeeded = { phase: 'succeeded', method: 'card', attempt: 1 } as unknown as FlowState;
    assert.equal(checkoutState({ status: 'problem', problem: 'network' }, true, succeeded), 'unavailable');
    assert.equal(checkoutState({ status: 'problem', problem: 'expired' }, true, idle), 'expired');
  });

  it('maps every payment phase', () => {
    const cases: Array<[FlowState['phase'], string]> = [
      ['submitting', 'submitting'],
      ['confirming', 'submitting'],
      ['action', 'action'],
      ['pending', 'pending'],
      ['succeeded', 'succeeded'],
      ['failed', 'failed'],
      ['rejected', 'failed'],
      ['session_expired', 'expired'],
    ];
    for (const [phase, state] of cases) assert.equal(checkoutState(loaded, true, { phase } as FlowState), state, phase);
  });

  it('offers "Try again" only where trying again can help', () => {
    const all: SessionProblem[] = ['misconfigured', 'network', 'server', 'malformed', 'expired', 'no_methods', 'internal'];
    assert.deepEqual(all.filter((p) => RETRYABLE_PROBLEMS.has(p)), ['network', 'server', 'malformed', 'internal']);
  });

  it('turns protocol faults into problems a buyer can be told about', () => {
    assert.equal(problemOf({ kind: 'session_expired' }), 'expired');
    assert.equal(problemOf({ kind: 'network' }), 'network');
    assert.equal(problemOf({ kind: 'timeout' }), 'network');
    assert.equal(problemOf({ kind: 'server', status: 503 } as never), 'server');
    assert.equal(problemOf({ kind: 'malformed', issues: 'x' } as never), 'malformed');
    assert.equal(problemOf({ kind: 'rejected', status: 400, code: 'invalid_request', message: 'x' } as never), 'misconfigured');
  });
});

describe('return URL and endpoint', () => {
  it('reads and strips the returned payment id, keeping everything else', () => {
    const href = 'https://shop.example/checkout?cart=42&ck_payment=pay_123#review';
    assert.equal(returnedPaymentId(href), 'pay_123');
    assert.equal(withoutReturnParam(href), 'https://shop.example/checkout?cart=42#review');
    assert.equal(returnedPaymentId('https://shop.example/checkout'), null);
    assert.equal(returnedPaymentId('not a url'), null);
  });

  it('accepts absolute and page-relative http(s) endpoints only', () => {
    assert.equal(parseEndpoint('https://api.example/v1/'), 'https://api.example/v1');
    assert.equal(parseEndpoint('/api/checkout/v1//', 'https://shop.example/cart'), 'https://shop.example/api/checkout/v1');
    for (const hostile of ['javascript:alert(1)', 'data:text/html,x', 'ftp://x.example/', '', '/relative-without-base']) {
      assert.equal(parseEndpoint(hostile), null, hostile);
    }
  });
});
