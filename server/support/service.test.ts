/**
 * The reference support service over its real transports: WebSocket frames,
 * the HTTP long-poll fallback, a server restart on the same database, agent
 * login, identity tokens, limits, attachments and signal relay.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestServers, type TestServers } from '../test-support.js';
import { BuyerServerFrame, SUPPORT_MESSAGES } from '../../src/core/protocol/support.schema.js';
import { agentClient, buyerClient, startConversation } from './test-client.js';
import { signIdentityToken } from './jwt.js';
import { isOpen, nextOpening } from './hours.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa3d1a1e90000000049454e44ae426082', 'hex');

describe('support service', () => {
  let servers: TestServers;
  let base: string;
  let wsUrl: string;
  before(async () => {
    servers = await startTestServers();
    base = `${servers.apiUrl}/support/v1`;
    wsUrl = `${base.replace(/^http/, 'ws')}/ws`;
  });
  after(() => servers.dispose());

  it('round trip: buyer → agent → buyer, with typing, read receipts and no credential in any URL', async () => {
    const grant = await startConversation(base, { locale: 'th', timeZone: 'Asia/Bangkok' });
    assert.match(grant.credential, /^[A-Za-z0-9_-]{43}$/);
    const agent = await agentClient(servers.apiUrl);
    await agent.next('welcome');
    const buyer = await buyerClient(wsUrl, grant.credential);
    const welcome = await buyer.next('welcome');
    assert.equal(welcome.conversationId, grant.conversationId);
    assert.equal(welcome.status.presence, 'online');

    const clientId = randomUUID();
    buyer.send({ type: 'send', clientId, text: '<img src=x onerror=alert(1)> hello' });
    const sent = await buyer.next('sent');
    assert.equal(sent.message.seq, 1);
    assert.equal(sent.message.text, '<img src=x onerror=alert(1)> hello', 'stored verbatim as text; clients never render it as HTML');
    const atAgent = await agent.next('message', (f) => f.message.conversationId === grant.conversationId);
    assert.equal(atAgent.message.text, sent.message.text);
    const summary = await agent.next('conversation', (f) => f.conversation.id === grant.conversationId && f.conversation.unread === 1);
    assert.equal(summary.conversation.locale, 'th');
    assert.equal(summary.conversation.timeZone, 'Asia/Bangkok');
    assert.equal(summary.conversation.identity, null, 'anonymous visitor');

    agent.send({ type: 'typing', conversationId: grant.conversationId, on: true });
    assert.deepEqual(await buyer.next('typing'), { type: 'typing', on: true, name: 'Ana' });
    agent.send({ type: 'send', conversationId: grant.conversationId, clientId: randomUUID(), text: 'สวัสดีครับ' });
    const reply = await buyer.next('message');
    assert.equal(reply.message.author, 'agent');
    assert.equal(reply.message.authorName, 'Ana');
    assert.equal(reply.message.seq, 2);
    assert.equal((await buyer.next('receipt')).readByAgent, 2, 'answering marks the buyer messages read');
    buyer.send({ type: 'read', seq: 2 });
    await agent.next('conversation', (f) => f.conversation.id === grant.conversationId && f.conversation.readByBuyer === 2);
    for (const frame of buyer.frames) assert.ok(BuyerServerFrame.safeParse(frame).success, JSON.stringify(frame));
    await buyer.close();
    await agent.close();
  });

  it('a resend with the same clientId is stored once; a reconnect from a cursor gets exactly what is missing', async () => {
    const grant = await startConversation(base);
    const first = await buyerClient(wsUrl, grant.credential);
    await first.next('welcome');
    const clientId = randomUUID();
    first.send({ type: 'send', clientId, text: 'one' });
    first.send({ type: 'send', clientId, text: 'one' });
    const a = await first.next('sent');
    const b = await first.next('sent');
    assert.equal(a.message.id, b.message.id);
    first.send({ type: 'send', clientId: randomUUID(), text: 'two' });
    first.send({ type: 'send', clientId: randomUUID(), text: 'three' });
    await first.next('sent', (f) => f.message.text === 'three');
    await first.close();
    const again = await buyerClient(wsUrl, grant.credential, 1);
    await again.next('welcome');
    await again.next('message', (f) => f.message.seq === 3);
    const seqs = again.frames.filter((f) => f.type === 'message').map((f) => (f.type === 'message' ? f.message.seq : 0));
    assert.deepEqual(seqs, [2, 3]);
    await again.close();
  });

  it('survives a restart: sockets close, the same database serves the same conversation from the cursor', async () => {
    const restartable = await startTestServers();
    const b1 = `${restartable.apiUrl}/support/v1`;
    const grant = await startConversation(b1);
    const buyer = await buyerClient(`${b1.replace(/^http/, 'ws')}/ws`, grant.credential);
    await buyer.next('welcome');
    buyer.send({ type: 'send', clientId: randomUUID(), text: 'before restart' });
    await buyer.next('sent');
    const ports = { apiPort: Number(new URL(restartable.apiUrl).port), storePort: Number(new URL(restartable.storeUrl).port) };
    await restartable.close();
    assert.equal((await buyer.closed).code, 1012, 'service restart: the client reconnects and resumes from its cursor');
    const reopened = await startTestServers({ dir: restartable.dir, dbPath: restartable.dbPath, ...ports });
    try {
      const resumed = await buyerClient(`${b1.replace(/^http/, 'ws')}/ws`, grant.credential, 1);
      await resumed.next('welcome');
      resumed.send({ type: 'send', clientId: randomUUID(), text: 'after restart' });
      const sent = await resumed.next('sent');
      assert.equal(sent.message.seq, 2);
      assert.equal(resumed.frames.filter((f) => f.type === 'message').length, 0, 'nothing resent that the buyer already had');
      await resumed.close();
    } finally {
      await reopened.dispose();
    }
  });

  it('long-poll fallback: the same frames over HTTP, credential in the Authorization header', async () => {
    const grant = await startConversation(base);
    const auth = { Authorization: `Bearer ${grant.credential}`, 'Content-Type': 'application/json' };
    const first = await fetch(`${base}/poll`, { method: 'POST', headers: auth, body: JSON.stringify({ after: 0, waitMs: 1000, first: true }) });
    const firstFrames = ((await first.json()) as { frames: { type: string }[] }).frames;
    assert.equal(firstFrames[0]?.type, 'welcome');
    // A waiting poll answers with the next frame (presence may change first): poll again until the message is there.
    const pollUntilMessage = async (): Promise<BuyerServerFrame | undefined> => {
      for (let i = 0; i < 5; i++) {
        const answer = (await (await fetch(`${base}/poll`, { method: 'POST', headers: auth, body: JSON.stringify({ after: 0, waitMs: 10_000 }) })).json()) as {
          frames: BuyerServerFrame[];
        };
        const found = answer.frames.find((f) => f.type === 'message');
        if (found) return found;
      }
      return undefined;
    };
    const waiting = pollUntilMessage();
    const agent = await agentClient(servers.apiUrl, 'ben', 'sandbox-agent-ben');
    await agent.next('welcome');
    agent.send({ type: 'send', conversationId: grant.conversationId, clientId: randomUUID(), text: 'over HTTP' });
    const message = await waiting;
    assert.equal(message?.type === 'message' && message.message.text, 'over HTTP');
    const send = await fetch(`${base}/frames`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'send', clientId: randomUUID(), text: 'reply' }) });
    const sent = ((await send.json()) as { frames: BuyerServerFrame[] }).frames[0];
    assert.equal(sent?.type, 'sent');
    const noAuth = await fetch(`${base}/poll`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"after":0,"waitMs":0}' });
    assert.equal(noAuth.status, 401);
    await agent.close();
  });

  it('agent endpoints require a login; a wrong password and an unknown token are refused', async () => {
    const bad = await fetch(`${servers.apiUrl}/agent/api/login`, { method: 'POST', body: JSON.stringify({ id: 'ana', password: 'nope' }) });
    assert.equal(bad.status, 401);
    assert.equal((await fetch(`${servers.apiUrl}/agent/api/offline`)).status, 401);
    const { openClient } = await import('./test-client.js');
    const intruder = await openClient(`${servers.apiUrl.replace(/^http/, 'ws')}/agent/ws`, { type: 'hello', token: 'forged' });
    assert.equal((await intruder.closed).code, 4401);
    const buyerIntruder = await buyerClient(wsUrl, 'A'.repeat(43));
    assert.equal((await buyerIntruder.closed).code, 4401);
  });

  it('a merchant-signed identity token is verified; expired, unsigned or forged ones are refused', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const good = signIdentityToken({ sub: 'cus_1', name: 'Mei Tan', email: 'mei@example.com', exp }, servers.merchantSecret);
    const grant = await startConversation(base, { locale: 'en', timeZone: 'UTC', identityToken: good });
    const agent = await agentClient(servers.apiUrl);
    const welcome = await agent.next('welcome');
    const mine = welcome.conversations.find((c) => c.id === grant.conversationId);
    assert.deepEqual(mine?.identity, { subject: 'cus_1', name: 'Mei Tan', email: 'mei@example.com' });
    await agent.close();
    const refused = async (token: string) => {
      const response = await fetch(`${base}/conversations`, { method: 'POST', body: JSON.stringify({ locale: 'en', timeZone: 'UTC', identityToken: token }) });
      assert.equal(response.status, 401);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'invalid_identity');
    };
    await refused(signIdentityToken({ sub: 'cus_1', exp: Math.floor(Date.now() / 1000) - 1 }, servers.merchantSecret));
    await refused(signIdentityToken({ sub: 'cus_1', exp }, 'another secret'));
    await refused(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(`{"sub":"x","exp":${exp}}`).toString('base64url')}.`);
  });

  it('limits: oversized text, too many messages, bad frames and non-images get clear errors, and nothing crashes', async () => {
    const grant = await startConversation(base);
    const buyer = await buyerClient(wsUrl, grant.credential);
    await buyer.next('welcome');
    const long = randomUUID();
    buyer.send({ type: 'send', clientId: long, text: 'x'.repeat(2001) });
    // Too long is too_large and names the send, so the client marks it failed instead of resending it.
    assert.deepEqual(await buyer.next('error').then((f) => [f.error.code, f.clientId]), ['too_large', long]);
    buyer.send({ nonsense: true });
    assert.equal((await buyer.next('error')).error.code, 'invalid_frame');
    for (let i = 0; i < 10; i++) buyer.send({ type: 'send', clientId: randomUUID(), text: `burst ${i}` });
    const limited = await buyer.next('error', (f) => f.error.code === 'rate_limited');
    assert.ok(limited.clientId, 'the refused message is named so the client can resend it later');
    assert.ok((limited.error.retryAfterMs ?? 0) > 0);
    const auth = { Authorization: `Bearer ${grant.credential}` };
    const html = await fetch(`${base}/attachments`, { method: 'POST', headers: { ...auth, 'Content-Type': 'image/png' }, body: '<svg onload=alert(1)>' });
    assert.equal(html.status, 415);
    const ok = await fetch(`${base}/attachments`, { method: 'POST', headers: { ...auth, 'Content-Type': 'image/png' }, body: PNG });
    assert.equal(ok.status, 201);
    const attachment = (await ok.json()) as { id: string };
    const read = await fetch(`${base}/attachments/${attachment.id}`, { headers: auth });
    assert.equal(read.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await read.arrayBuffer()), PNG);
    const other = await startConversation(base);
    const foreign = await fetch(`${base}/attachments/${attachment.id}`, { headers: { Authorization: `Bearer ${other.credential}` } });
    assert.equal(foreign.status, 404, "another buyer cannot read this conversation's image");
    // The service answers 413 before reading the body; the client may see that or the connection closing on it.
    const big = await fetch(`${base}/attachments`, { method: 'POST', headers: { ...auth, 'Content-Type': 'image/png' }, body: new Uint8Array(2 * 1024 * 1024 + 1) }).then(
      (r) => r.status,
      () => 'closed',
    );
    assert.ok(big === 413 || big === 'closed', String(big));
    await buyer.close();
  });

  it('relays call signaling between the buyer and the agents without storing it', async () => {
    const grant = await startConversation(base);
    const agent = await agentClient(servers.apiUrl);
    await agent.next('welcome');
    const buyer = await buyerClient(wsUrl, grant.credential);
    await buyer.next('welcome');
    // Call signals are validated and owner-only (server/support/call-relay.test.ts has the rest).
    buyer.send({ type: 'signal', callId: 'call1', payload: { kind: 'invite', video: false } });
    const atAgent = await agent.next('signal');
    assert.deepEqual(atAgent, { type: 'signal', conversationId: grant.conversationId, callId: 'call1', payload: { kind: 'invite', video: false } });
    agent.send({ type: 'signal', conversationId: grant.conversationId, callId: 'call1', payload: { kind: 'accept' } });
    assert.deepEqual(await buyer.next('signal', (f) => f.payload['kind'] === 'accept'), { type: 'signal', callId: 'call1', payload: { kind: 'accept' } });
    await buyer.close();
    await agent.close();
  });

  it('offline form: stored and listed for agents; a bad email is refused', async () => {
    const ok = await fetch(`${base}/offline`, { method: 'POST', body: JSON.stringify({ email: 'ana@example.jp', message: 'サイズは？', locale: 'ja', timeZone: 'Asia/Tokyo' }) });
    assert.equal(ok.status, 201);
    const bad = await fetch(`${base}/offline`, { method: 'POST', body: JSON.stringify({ email: 'nope', message: 'x', locale: 'ja', timeZone: 'Asia/Tokyo' }) });
    assert.equal(bad.status, 400);
    const login = (await (await fetch(`${servers.apiUrl}/agent/api/login`, { method: 'POST', body: JSON.stringify({ id: 'ana', password: 'sandbox-agent-ana' }) })).json()) as { token: string };
    const list = (await (await fetch(`${servers.apiUrl}/agent/api/offline`, { headers: { Authorization: `Bearer ${login.token}` } })).json()) as {
      messages: { email: string; message: string }[];
    };
    assert.ok(list.messages.some((m) => m.email === 'ana@example.jp' && m.message === 'サイズは？'));
  });

  it('agents claim, transfer and close; presence (away, gone) drives what buyers see', async () => {
    const grant = await startConversation(base);
    const ana = await agentClient(servers.apiUrl);
    await ana.next('welcome');
    const ben = await agentClient(servers.apiUrl, 'ben', 'sandbox-agent-ben');
    await ben.next('welcome');
    const buyer = await buyerClient(wsUrl, grant.credential);
    assert.equal((await buyer.next('welcome')).status.presence, 'online');
    const id = grant.conversationId;
    ana.send({ type: 'claim', conversationId: id });
    await ben.next('conversation', (f) => f.conversation.id === id && f.conversation.assignee === 'ana');
    ben.send({ type: 'claim', conversationId: id });
    assert.equal((await ben.next('error')).error.code, 'forbidden', "another agent's conversation is not taken silently");
    ana.send({ type: 'transfer', conversationId: id, to: 'ben' });
    await ben.next('conversation', (f) => f.conversation.id === id && f.conversation.assignee === 'ben');
    ben.send({ type: 'close', conversationId: id });
    await buyer.next('closed');
    ben.send({ type: 'send', conversationId: id, clientId: randomUUID(), text: 'late' });
    assert.equal((await ben.next('error')).error.code, 'conversation_closed');
    // Both agents away, then gone: the bubble's status follows.
    ana.send({ type: 'presence', presence: 'away' });
    ben.send({ type: 'presence', presence: 'away' });
    await buyer.next('status', (f) => f.status.presence === 'away');
    await ana.close();
    await ben.close();
    await buyer.next('status', (f) => f.status.presence === 'offline');
    await buyer.close();
  });

  it('serves the agent console under a strict CSP', async () => {
    const page = await fetch(`${servers.apiUrl}/agent`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.match(await page.text(), /Support console/);
    const script = await fetch(`${servers.apiUrl}/agent/console.js`);
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal((await fetch(`${servers.apiUrl}/agent/..%2Fservice.ts`)).status, 404);
  });

  it('exports a JSON Schema for every support message', async () => {
    const { z } = await import('zod/mini');
    for (const [name, schema] of Object.entries(SUPPORT_MESSAGES)) {
      const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as { type?: string; oneOf?: unknown; anyOf?: unknown };
      assert.ok(json.type || json.oneOf || json.anyOf, name);
    }
  });
});

describe('business hours', () => {
  // A store in São Paulo open Mon–Fri 09:00–18:00, closed on 2026-12-25.
  const hours = { timeZone: 'America/Sao_Paulo', weekly: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] }, holidays: ['2026-12-25'] } as const;
  it('is open inside the hours in the merchant time zone, closed outside, on weekends and holidays', () => {
    assert.equal(isOpen(hours, Date.parse('2026-12-02T12:00:00Z')), true, 'Wed 09:00 in São Paulo (UTC−3)');
    assert.equal(isOpen(hours, Date.parse('2026-12-02T11:59:00Z')), false, 'Wed 08:59');
    assert.equal(isOpen(hours, Date.parse('2026-12-02T21:00:00Z')), false, 'Wed 18:00 (end exclusive)');
    assert.equal(isOpen(hours, Date.parse('2026-12-05T15:00:00Z')), false, 'Saturday');
    assert.equal(isOpen(hours, Date.parse('2026-12-25T15:00:00Z')), false, 'Christmas');
  });
  it('finds the next opening across a weekend and a holiday', () => {
    assert.equal(new Date(nextOpening(hours, Date.parse('2026-12-04T22:00:00Z'))!).toISOString(), '2026-12-07T12:00:00.000Z', 'Fri evening → Mon 09:00');
    assert.equal(new Date(nextOpening(hours, Date.parse('2026-12-24T22:00:00Z'))!).toISOString(), '2026-12-28T12:00:00.000Z', 'Thu 24th evening → Mon 28th (25th holiday, weekend)');
    assert.equal(nextOpening(hours, Date.parse('2026-12-02T13:00:00Z')), null, 'open now');
  });
});
