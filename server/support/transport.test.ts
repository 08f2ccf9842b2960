/**
 * The bubble's transport (src/core/support/reference-transport.ts) against the
 * real reference service, in Node with the `ws` package as its WebSocket:
 * round trip, a network drop, a server restart and the long-poll fallback,
 * counting that every message arrives exactly once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { startTestServers, type TestServers } from '../test-support.js';
import { ReferenceTransport, type WebSocketFactory } from '../../src/core/support/reference-transport.js';
import { memoryStore, type SupportEvent } from '../../src/core/support/transport.js';
import { agentClient } from './test-client.js';

function recorder(transport: ReferenceTransport) {
  const events: SupportEvent[] = [];
  const waiters = new Set<() => void>();
  transport.subscribe((event) => {
    events.push(event);
    for (const wake of [...waiters]) wake();
  });
  const until = (test: (events: SupportEvent[]) => boolean, what: string, timeoutMs = 8000) =>
    new Promise<void>((resolve, reject) => {
      const wake = () => {
        if (!test(events)) return;
        waiters.delete(wake);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`timed out waiting for ${what}; events: ${JSON.stringify(events.map((e) => e.type === 'state' ? `state:${e.state}` : e.type))}`));
      }, timeoutMs);
      waiters.add(wake);
      wake();
    });
  const texts = () => events.flatMap((e) => (e.type === 'message' ? [e.message.text] : []));
  return { events, until, texts };
}

const transportFor = (endpoint: string, options: { webSocket?: WebSocketFactory | null } = {}) =>
  new ReferenceTransport({
    endpoint,
    storage: memoryStore(),
    webSocket: options.webSocket === undefined ? (WebSocket as unknown as WebSocketFactory) : options.webSocket,
    // The smallest backoff, so reconnects in tests take a quarter second, not a random one.
    random: () => 0,
    uuid: randomUUID,
  });

describe('ReferenceTransport against the reference service', () => {
  let servers: TestServers;
  let endpoint: string;
  before(async () => {
    servers = await startTestServers();
    endpoint = `${servers.storeUrl}/api/support/v1`;
  });
  after(() => servers.dispose());

  it('starts a conversation on the first message, and every agent message arrives once across a network drop', async () => {
    const transport = transportFor(endpoint);
    const rec = recorder(transport);
    transport.connect({ locale: 'en', timeZone: 'Europe/Berlin' });
    await rec.until((e) => e.some((x) => x.type === 'state' && x.state === 'idle'), 'idle');
    const clientId = transport.send('Does this come in blue?');
    await rec.until((e) => e.some((x) => x.type === 'sent' && x.clientId === clientId), 'sent');
    assert.equal(transport.via, 'websocket');

    const agent = await agentClient(servers.apiUrl);
    const welcome = await agent.next('welcome');
    const conversationId = welcome.conversations.find((c) => c.lastSeq === 1 && c.timeZone === 'Europe/Berlin')!.id;
    agent.send({ type: 'send', conversationId, clientId: randomUUID(), text: 'It does.' });
    await rec.until(() => rec.texts().includes('It does.'), 'first reply');

    // The network drops (every socket, the agent's too): the buyer writes meanwhile, the agent answers meanwhile.
    servers.support.sockets.drop();
    await rec.until((e) => e.some((x) => x.type === 'state' && x.state === 'reconnecting'), 'reconnecting');
    const during = transport.send('Written while offline');
    await agent.closed;
    const back = await agentClient(servers.apiUrl);
    await back.next('welcome');
    back.send({ type: 'send', conversationId, clientId: randomUUID(), text: 'Answered while you were away' });
    await rec.until((e) => e.some((x) => x.type === 'sent' && x.clientId === during), 'outbox flushed after reconnect');
    await rec.until(() => rec.texts().includes('Answered while you were away'), 'missed reply');
    // Let any duplicate that would come, come.
    back.send({ type: 'send', conversationId, clientId: randomUUID(), text: 'marker' });
    await rec.until(() => rec.texts().includes('marker'), 'marker');
    assert.deepEqual(rec.texts(), ['It does.', 'Answered while you were away', 'marker']);
    const stored = await servers.store.all<{ text: string }>('SELECT text FROM support_messages WHERE conversation_id = ? ORDER BY seq', [conversationId]);
    const texts = stored.map((m) => m.text);
    // Each message stored once. The buyer's queued message and the agent's reply race to the server after
    // the drop (whichever side reconnects first), so their order is not part of the promise.
    assert.deepEqual(texts.slice(0, 2), ['Does this come in blue?', 'It does.']);
    assert.deepEqual(texts.slice(2, 4).sort(), ['Answered while you were away', 'Written while offline']);
    assert.deepEqual(texts.slice(4), ['marker'], 'each message stored once');
    transport.disconnect();
    await back.close();
  });

  it('falls back to long-polling when WebSocket is blocked, with the same frames', async () => {
    // A "proxy" that kills every WebSocket before it opens.
    class Blocked {
      readyState = 3;
      #listeners = new Map<string, ((e: { code?: number }) => void)[]>();
      constructor() {
        setTimeout(() => this.#listeners.get('close')?.forEach((l) => l({ code: 1006 })), 1);
      }
      send(): void {}
      close(): void {}
      addEventListener(type: string, listener: (e: { code?: number }) => void): void {
        this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
      }
    }
    const transport = transportFor(endpoint, { webSocket: Blocked as unknown as WebSocketFactory });
    const rec = recorder(transport);
    transport.connect({ locale: 'ja', timeZone: 'Asia/Tokyo' });
    const clientId = transport.send('届きますか？');
    await rec.until((e) => e.some((x) => x.type === 'sent' && x.clientId === clientId), 'sent over HTTP');
    assert.equal(transport.via, 'long-poll');
    const agent = await agentClient(servers.apiUrl, 'ben', 'sandbox-agent-ben');
    const welcome = await agent.next('welcome');
    const conversationId = welcome.conversations.find((c) => c.timeZone === 'Asia/Tokyo')!.id;
    agent.send({ type: 'send', conversationId, clientId: randomUUID(), text: '届いています。' });
    await rec.until(() => rec.texts().includes('届いています。'), 'reply over long-poll');
    agent.send({ type: 'typing', conversationId, on: true });
    await rec.until((e) => e.some((x) => x.type === 'typing' && x.on), 'typing over long-poll');
    transport.disconnect();
    await agent.close();
  });

  it('resumes after a server restart on the same database: nothing lost, nothing twice', async () => {
    const own = await startTestServers();
    const ownEndpoint = `${own.apiUrl}/support/v1`;
    const ports = { apiPort: Number(new URL(own.apiUrl).port), storePort: Number(new URL(own.storeUrl).port) };
    const transport = transportFor(ownEndpoint);
    const rec = recorder(transport);
    transport.connect({ locale: 'ar', timeZone: 'Asia/Riyadh' });
    const first = transport.send('مرحبا');
    await rec.until((e) => e.some((x) => x.type === 'sent' && x.clientId === first), 'sent');
    await own.close();
    await rec.until((e) => e.some((x) => x.type === 'state' && x.state === 'reconnecting'), 'reconnecting');
    const queued = transport.send('هل أنتم هناك؟');
    const reopened = await startTestServers({ dir: own.dir, dbPath: own.dbPath, ...ports });
    try {
      await rec.until((e) => e.some((x) => x.type === 'sent' && x.clientId === queued), 'queued message sent after restart', 15_000);
      const agent = await agentClient(reopened.apiUrl);
      const welcome = await agent.next('welcome');
      const conversationId = welcome.conversations.find((c) => c.timeZone === 'Asia/Riyadh')!.id;
      agent.send({ type: 'send', conversationId, clientId: randomUUID(), text: 'نعم، نحن هنا' });
      await rec.until(() => rec.texts().includes('نعم، نحن هنا'), 'reply after restart');
      const stored = await reopened.store.all<{ text: string }>('SELECT text FROM support_messages WHERE conversation_id = ? ORDER BY seq', [conversationId]);
      assert.deepEqual(stored.map((m) => m.text), ['مرحبا', 'هل أنتم هناك؟', 'نعم، نحن هنا']);
      assert.deepEqual(rec.texts(), ['نعم، نحن هنا']);
      transport.disconnect();
      await agent.close();
    } finally {
      await reopened.dispose();
    }
  });
});
