import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backAt, initialChatState, reduceChat } from './chat-state.js';
import type { SupportMessage } from './transport.js';

const message = (seq: number, author: SupportMessage['author'], clientId?: string): SupportMessage => ({
  id: `msg_${seq}`,
  seq,
  conversationId: 'cv_1',
  author,
  text: `m${seq}`,
  createdAt: '2026-12-02T10:00:00.000Z',
  ...(clientId ? { clientId } : {}),
});

describe('reduceChat', () => {
  it('replaces a pending message in place when the service stores it, and never shows a message twice', () => {
    let state = reduceChat(initialChatState, { type: 'queued', clientId: 'c1', text: 'hi' });
    state = reduceChat(state, { type: 'message', message: message(1, 'agent') });
    state = reduceChat(state, { type: 'sent', clientId: 'c1', message: message(2, 'buyer', 'c1') });
    state = reduceChat(state, { type: 'message', message: message(2, 'buyer', 'c1') });
    assert.deepEqual(state.items.map((i) => i.key), ['msg_2', 'msg_1']);
    assert.equal(state.lastSeq, 2);
  });
  it('marks a failed message, keeps receipts monotonic and ends typing with the agent message', () => {
    let state = reduceChat(initialChatState, { type: 'queued', clientId: 'c1', text: 'hi' });
    state = reduceChat(state, { type: 'failed', clientId: 'c1', error: { code: 'too_large', message: 'x' } });
    assert.equal(state.items[0]?.kind === 'pending' && state.items[0].failed?.code, 'too_large');
    state = reduceChat(state, { type: 'receipt', readByAgent: 3 });
    state = reduceChat(state, { type: 'receipt', readByAgent: 2 });
    assert.equal(state.readByAgent, 3);
    state = reduceChat(state, { type: 'typing', on: true, name: 'Ana' });
    state = reduceChat(state, { type: 'message', message: message(4, 'agent') });
    assert.equal(state.typing.on, false);
  });
});

describe('backAt', () => {
  // 2026-12-04 is a Friday. A store in São Paulo opens Monday 09:00 there (12:00Z); the buyer is in Jakarta (UTC+7).
  it('says the weekday and time in the buyer time zone', () => {
    const result = backAt('2026-12-07T12:00:00.000Z', Date.parse('2026-12-04T22:00:00Z'), 'en', 'Asia/Jakarta');
    assert.equal(result.when, 'on');
    assert.equal(result.day, 'Monday, December 7');
    assert.equal(result.time, '7:00 PM');
  });
  it('says today and tomorrow by the buyer calendar', () => {
    assert.equal(backAt('2026-12-05T02:00:00.000Z', Date.parse('2026-12-04T22:00:00Z'), 'en', 'Asia/Jakarta').when, 'today');
    assert.equal(backAt('2026-12-06T02:00:00.000Z', Date.parse('2026-12-04T22:00:00Z'), 'en', 'Asia/Jakarta').when, 'tomorrow');
    assert.equal(backAt('2026-12-05T02:00:00.000Z', Date.parse('2026-12-04T22:00:00Z'), 'en', 'America/Sao_Paulo').when, 'today', 'still Friday evening in São Paulo');
  });
});
