/**
 * Call signaling over the real service: payloads validated, relayed only
 * between the buyer and the owning agent, the store's ICE servers handed to
 * both sides, invites rate-limited, nothing stored.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServers, type TestServers } from '../test-support.js';
import { agentClient, buyerClient, startConversation } from './test-client.js';
import { iceServersFromEnv } from './call-relay.js';

const ICE = [{ urls: 'stun:stun.example.com:3478' }, { urls: 'turns:turn.example.com:443?transport=tcp', username: 'u', credential: 'p' }];
const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n';

describe('call relay', () => {
  let servers: TestServers;
  let base: string;
  let wsUrl: string;
  before(async () => {
    servers = await startTestServers({ support: { call: { iceServers: ICE } } });
    base = `${servers.apiUrl}/support/v1`;
    wsUrl = `${base.replace(/^http/, 'ws')}/ws`;
  });
  after(() => servers.dispose());

  it('rings every agent while unassigned; the agent who answers owns the call, gets the ICE servers, and the other agent no longer hears it', async () => {
    const grant = await startConversation(base);
    const ana = await agentClient(servers.apiUrl);
    const ben = await agentClient(servers.apiUrl, 'ben', 'sandbox-agent-ben');
    await ana.next('welcome');
    await ben.next('welcome');
    const buyer = await buyerClient(wsUrl, grant.credential);
    await buyer.next('welcome');
    buyer.send({ type: 'signal', callId: 'c1', payload: { kind: 'invite', video: false } });
    assert.deepEqual((await buyer.next('signal')).payload, { kind: 'config', iceServers: ICE });
    await ana.next('signal', (f) => f.payload['kind'] === 'invite');
    await ben.next('signal', (f) => f.payload['kind'] === 'invite');
    assert.deepEqual((await ana.next('signal', (f) => f.payload['kind'] === 'config')).payload, { kind: 'config', iceServers: ICE });

    ana.send({ type: 'signal', conversationId: grant.conversationId, callId: 'c1', payload: { kind: 'accept' } });
    await buyer.next('signal', (f) => f.payload['kind'] === 'accept');
    await ben.next('signal', (f) => f.payload['kind'] === 'hangup' && f.payload['reason'] === 'busy');
    await ana.next('conversation', (f) => f.conversation.id === grant.conversationId && f.conversation.assignee === 'ana');

    ana.send({ type: 'signal', conversationId: grant.conversationId, callId: 'c1', payload: { kind: 'offer', sdp: SDP, generation: 0, restart: false } });
    assert.equal((await buyer.next('signal', (f) => f.payload['kind'] === 'offer')).payload['sdp'], SDP);
    buyer.send({ type: 'signal', callId: 'c1', payload: { kind: 'answer', sdp: SDP, generation: 0 } });
    await ana.next('signal', (f) => f.payload['kind'] === 'answer');
    buyer.send({ type: 'signal', callId: 'c1', payload: { kind: 'candidate', generation: 0, candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
    await ana.next('signal', (f) => f.payload['kind'] === 'candidate');

    // Ben does not own the conversation: his signals are refused and he hears none of the call.
    ben.send({ type: 'signal', conversationId: grant.conversationId, callId: 'c1', payload: { kind: 'hangup', reason: 'hung-up' } });
    assert.equal((await ben.next('error')).error.code, 'forbidden');
    assert.equal(ben.frames.filter((f) => f.type === 'signal' && ['offer', 'answer', 'candidate'].includes(String(f.payload['kind']))).length, 0);

    buyer.send({ type: 'signal', callId: 'c1', payload: { kind: 'hangup', reason: 'page-closed' } });
    await ana.next('signal', (f) => f.payload['kind'] === 'hangup');
    // Nothing about the call was stored as a message.
    const history = await buyerClient(wsUrl, grant.credential);
    await history.next('welcome');
    assert.equal(history.frames.filter((f) => f.type === 'message').length, 0);
    await Promise.all([buyer.close(), history.close(), ana.close(), ben.close()]);
  });

  it('refuses malformed or forged signals, oversized SDP, and a buyer call nobody can answer ends at once', async () => {
    const grant = await startConversation(base);
    const buyer = await buyerClient(wsUrl, grant.credential);
    await buyer.next('welcome');
    // No agent signed in: the invite ends as no-answer instead of ringing forever.
    buyer.send({ type: 'signal', callId: 'c2', payload: { kind: 'invite', video: false } });
    assert.deepEqual((await buyer.next('signal')).payload, { kind: 'hangup', reason: 'no-answer' });
    const ana = await agentClient(servers.apiUrl);
    await ana.next('welcome');
    for (const payload of [{ kind: 'offer', sdp: 'x'.repeat(12_001), generation: 0, restart: false }, { kind: 'config', iceServers: [] }, { kind: 'nope' }, { kind: 'invite' }]) {
      buyer.send({ type: 'signal', callId: 'c2', payload });
      assert.equal((await buyer.next('error')).error.code, 'invalid_frame', JSON.stringify(payload).slice(0, 60));
    }
    // Before anyone took the conversation, a buyer may only ring or hang up.
    buyer.send({ type: 'signal', callId: 'c2', payload: { kind: 'answer', sdp: SDP, generation: 0 } });
    assert.equal((await buyer.next('error')).error.code, 'forbidden');
    await Promise.all([buyer.close(), ana.close()]);
  });

  it('rate-limits invites per conversation', async () => {
    const grant = await startConversation(base);
    const ana = await agentClient(servers.apiUrl);
    await ana.next('welcome');
    const buyer = await buyerClient(wsUrl, grant.credential);
    await buyer.next('welcome');
    for (let i = 0; i < 6; i++) buyer.send({ type: 'signal', callId: `r${i}`, payload: { kind: 'invite', video: false } });
    buyer.send({ type: 'signal', callId: 'r6', payload: { kind: 'invite', video: false } });
    const refused = await buyer.next('error');
    assert.equal(refused.error.code, 'rate_limited');
    assert.ok((refused.error.retryAfterMs ?? 0) > 0);
    await Promise.all([buyer.close(), ana.close()]);
  });

  it('reads ICE servers from CHECKOUT_KIT_ICE_SERVERS and drops malformed ones', () => {
    assert.deepEqual(iceServersFromEnv({ CHECKOUT_KIT_ICE_SERVERS: JSON.stringify(ICE) }), ICE);
    assert.deepEqual(iceServersFromEnv({ CHECKOUT_KIT_ICE_SERVERS: '[{"urls":"http://evil"}]' }), []);
    assert.deepEqual(iceServersFromEnv({ CHECKOUT_KIT_ICE_SERVERS: 'not json' }), []);
    assert.deepEqual(iceServersFromEnv({}), []);
  });
});
