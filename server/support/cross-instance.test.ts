/**
 * The support chat across instances: two support services on one database,
 * each with its own HTTP listener and WebSocket server, as two processes
 * behind a load balancer would be. On Postgres they are two PostgresStorage
 * instances (two pools, two LISTEN connections); on SQLite, the embedded
 * default, the two services share the one storage (one process), which is
 * the only way SQLite runs. A buyer on A talks to an agent on B in real time,
 * in order, once; reconnects to B from its cursor; survives A stopping;
 * a resend to the other instance is stored once; two agents on two instances
 * claiming one conversation: one wins.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { freshDatabaseUrl } from '../../test/shared/postgres.js';
import type { AgentServerFrame, BuyerServerFrame } from '../../src/core/protocol/support.schema.js';
import type { AppEnv } from '../context.js';
import { formatSupportResults, referenceAgent, runSupportConformance } from '../../test/conformance/support-conformance.js';
import { appendMessage } from '../db/support.js';
import { openStorage } from '../storage/open.js';
import type { Storage } from '../storage/storage.js';
import { createSupport, type MountedSupport } from './index.js';
import { agentClient, buyerClient, startConversation, type FrameClient } from './test-client.js';

interface Instance {
  readonly name: string;
  readonly apiUrl: string;
  readonly base: string;
  readonly wsUrl: string;
  readonly support: MountedSupport;
  readonly store: Storage;
  close(): Promise<void>;
}

interface Backend {
  name: string;
  /** A database and a way to start instances on it. */
  open(): Promise<{ start(name: string): Promise<Instance>; store: Storage; dispose(): Promise<void> }>;
}

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** One instance: the support service and its two transports on a listener of its own. */
async function startInstance(name: string, store: Storage, closeStore: boolean): Promise<Instance> {
  const support = createSupport({ store, now: Date.now, merchantSecret: 'cross-instance-test-secret', storeOrigins: new Set() });
  await support.service.ready();
  const app = new Hono<AppEnv>();
  app.route('/support/v1', support.buyerRoutes);
  app.route('/agent', support.agentRoutes);
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  support.sockets.attach(server, { buyer: '/support/v1/ws', agent: '/agent/ws' });
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closed = false;
  return {
    name,
    apiUrl,
    base: `${apiUrl}/support/v1`,
    wsUrl: `${apiUrl.replace(/^http/, 'ws')}/support/v1/ws`,
    support,
    store,
    async close() {
      if (closed) return;
      closed = true;
      await support.close();
      // As startServers does: requests in flight (a long poll answered 503) finish; keep-alive connections are cut after a moment.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, 1000).unref();
      });
      if (closeStore) await store.close();
    },
  };
}

const backends: Backend[] = [
  {
    name: 'SQLite (two services on the one storage)',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'ck-support-x-'));
      dirs.push(dir);
      const store = await openStorage({ sqlitePath: join(dir, 'db.sqlite') });
      return { store, start: (name) => startInstance(name, store, false), dispose: () => store.close() };
    },
  },
  {
    name: 'Postgres (two instances)',
    async open() {
      const databaseUrl = await freshDatabaseUrl();
      const store = await openStorage({ databaseUrl, sqlitePath: ':memory:' });
      return {
        store,
        async start(name) {
          // Each instance its own pool and LISTEN connection; a lost LISTEN re-reads from cursors.
          let support: MountedSupport | undefined;
          const own = await openStorage({ databaseUrl, sqlitePath: ':memory:', onListenGap: () => void support?.resync() });
          const instance = await startInstance(name, own, true);
          support = instance.support;
          return instance;
        },
        dispose: () => store.close(),
      };
    },
  },
];

const messages = <F extends { type: string }>(client: FrameClient<F>, conversationId?: string) =>
  client.frames.flatMap((f) => {
    const frame = f as unknown as BuyerServerFrame | AgentServerFrame;
    if (frame.type !== 'message' || (conversationId && frame.message.conversationId !== conversationId)) return [];
    return [{ seq: frame.message.seq, text: frame.message.text }];
  });

/** Every frame before this call has been handled (frames on a socket are answered in order). */
async function barrier<F extends { type: string }>(client: FrameClient<F>): Promise<void> {
  client.send({ type: 'ping' });
  await client.next('pong' as F['type']);
}

for (const backend of backends) {
  describe(`support chat across instances: ${backend.name}`, () => {
    it('a buyer on A and an agent on B talk in real time, both ways, in order, once — typing, receipts and presence too', async () => {
      const db = await backend.open();
      const a = await db.start('A');
      const b = await db.start('B');
      try {
        const agent = await agentClient(b.apiUrl);
        await agent.next('welcome');
        const grant = await startConversation(a.base);
        const id = grant.conversationId;
        const buyer = await buyerClient(a.wsUrl, grant.credential);
        const welcome = await buyer.next('welcome');
        // A knows B's agent is signed in (from B's presence report, heard before or just after the welcome).
        if (welcome.status.presence !== 'online') await buyer.next('status', (f) => f.status.presence === 'online');
        await agent.next('conversation', (f) => f.conversation.id === id && f.conversation.buyerOnline);

        for (let i = 1; i <= 5; i++) buyer.send({ type: 'send', clientId: randomUUID(), text: `buyer ${i}` });
        await agent.next('message', (f) => f.message.conversationId === id && f.message.text === 'buyer 5');
        buyer.send({ type: 'typing', on: true });
        assert.deepEqual(await agent.next('typing'), { type: 'typing', conversationId: id, on: true });

        for (let i = 1; i <= 5; i++) agent.send({ type: 'send', conversationId: id, clientId: randomUUID(), text: `agent ${i}` });
        await buyer.next('message', (f) => f.message.text === 'agent 5');
        agent.send({ type: 'typing', conversationId: id, on: true });
        assert.deepEqual(await buyer.next('typing'), { type: 'typing', on: true, name: 'Ana' });
        await buyer.next('receipt', (f) => f.readByAgent === 10);

        await barrier(agent);
        await barrier(buyer);
        assert.deepEqual(messages(agent, id), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((seq) => ({ seq, text: seq <= 5 ? `buyer ${seq}` : `agent ${seq - 5}` })), 'the agent on B: every message once, in seq order');
        assert.deepEqual(messages(buyer), [6, 7, 8, 9, 10].map((seq) => ({ seq, text: `agent ${seq - 5}` })), 'the buyer on A: every agent message once, in order (its own arrive as sent)');
        assert.equal(buyer.frames.filter((f) => f.type === 'sent').length, 5);

        // The buyer acknowledges on A: the agent on B sees Delivered and Read.
        buyer.send({ type: 'read', seq: 10 });
        await agent.next('conversation', (f) => f.conversation.id === id && f.conversation.readByBuyer === 10);
        // The agent goes away on B: the bubble on A follows; the agent leaves: offline.
        agent.send({ type: 'presence', presence: 'away' });
        await buyer.next('status', (f) => f.status.presence === 'away');
        await agent.close();
        await buyer.next('status', (f) => f.status.presence === 'offline');
        await buyer.close();
      } finally {
        await a.close();
        await b.close();
        await db.dispose();
      }
    });

    it('the buyer reconnects to B with its cursor and misses nothing; a long poll on A wakes for a message written on B', async () => {
      const db = await backend.open();
      const a = await db.start('A');
      const b = await db.start('B');
      try {
        const agent = await agentClient(b.apiUrl);
        await agent.next('welcome');
        const grant = await startConversation(a.base);
        const id = grant.conversationId;
        const buyer = await buyerClient(a.wsUrl, grant.credential);
        await buyer.next('welcome');
        buyer.send({ type: 'send', clientId: randomUUID(), text: 'hello' });
        await buyer.next('sent');
        agent.send({ type: 'send', conversationId: id, clientId: randomUUID(), text: 'seen on A' });
        await buyer.next('message', (f) => f.message.text === 'seen on A');
        await buyer.close();
        // Away: the agent writes twice.
        agent.send({ type: 'send', conversationId: id, clientId: randomUUID(), text: 'missed 1' });
        agent.send({ type: 'send', conversationId: id, clientId: randomUUID(), text: 'missed 2' });
        await agent.next('message', (f) => f.message.text === 'missed 2');
        const again = await buyerClient(b.wsUrl, grant.credential, 2);
        await again.next('welcome');
        await barrier(again);
        assert.deepEqual(messages(again), [
          { seq: 3, text: 'missed 1' },
          { seq: 4, text: 'missed 2' },
        ]);
        await again.close();

        // The long-poll fallback: a poll waiting on A is answered by a message the agent writes on B.
        const auth = { Authorization: `Bearer ${grant.credential}`, 'Content-Type': 'application/json' };
        const waiting = (async () => {
          for (let i = 0; i < 5; i++) {
            const answer = (await (await fetch(`${a.base}/poll`, { method: 'POST', headers: auth, body: JSON.stringify({ after: 4, waitMs: 10_000 }) })).json()) as {
              frames: BuyerServerFrame[];
            };
            const found = answer.frames.filter((f) => f.type === 'message');
            if (found.length) return found;
          }
          return [];
        })();
        await new Promise((resolve) => setTimeout(resolve, 100));
        agent.send({ type: 'send', conversationId: id, clientId: randomUUID(), text: 'over HTTP' });
        const polled = await waiting;
        assert.deepEqual(
          polled.map((f) => (f.type === 'message' ? f.message.text : '')),
          ['over HTTP'],
        );
        await agent.close();
      } finally {
        await a.close();
        await b.close();
        await db.dispose();
      }
    });

    it('instance A stops mid-conversation: its sockets close 1012, the buyer resumes on B with nothing lost or doubled', async () => {
      const db = await backend.open();
      const a = await db.start('A');
      const b = await db.start('B');
      try {
        const agent = await agentClient(b.apiUrl);
        await agent.next('welcome');
        const grant = await startConversation(a.base);
        const id = grant.conversationId;
        const buyer = await buyerClient(a.wsUrl, grant.credential);
        await buyer.next('welcome');
        buyer.send({ type: 'send', clientId: randomUUID(), text: 'one' });
        await buyer.next('sent');
        agent.send({ type: 'send', conversationId: id, clientId: randomUUID(), text: 'two' });
        await buyer.next('message', (f) => f.message.text === 'two');
        // The buyer writes as A stops: whether A stored it or not, the client resends it (same clientId).
        const inFlight = randomUUID();
        buyer.send({ type: 'send', clientId: inFlight, text: 'three' });
        await a.close();
        assert.equal((await buyer.closed).code, 1012, 'service restart');
        assert.equal(messages(buyer).at(-1)?.seq, 2);
        agent.send({ type: 'send', conversationId: id, clientId: randomUUID(), text: 'while you moved' });
        await agent.next('message', (f) => f.message.text === 'while you moved');

        const resumed = await buyerClient(b.wsUrl, grant.credential, 2);
        await resumed.next('welcome');
        resumed.send({ type: 'send', clientId: inFlight, text: 'three' });
        const sent = await resumed.next('sent');
        await barrier(resumed);
        const stored = await db.store.all<{ seq: number; text: string }>('SELECT seq, text FROM support_messages WHERE conversation_id = ? ORDER BY seq', [id]);
        const texts = stored.map((m) => m.text);
        assert.deepEqual(texts.slice(0, 2), ['one', 'two']);
        assert.deepEqual([...texts.slice(2)].sort(), ['three', 'while you moved'], 'each stored once, whichever came first');
        assert.deepEqual(
          stored.map((m) => m.seq),
          [1, 2, 3, 4],
        );
        const seen = [...messages(buyer), ...messages(resumed), { seq: sent.message.seq, text: sent.message.text }].map((m) => m.seq).sort();
        assert.deepEqual(seen, [2, 3, 4], 'the buyer saw every message after its own first, once (its own as sent)');
        await resumed.close();
        await agent.close();
      } finally {
        await a.close();
        await b.close();
        await db.dispose();
      }
    });

    it('a resend of the same clientId to the other instance is stored once and answered with the original, even at the same moment', async () => {
      const db = await backend.open();
      const a = await db.start('A');
      const b = await db.start('B');
      try {
        const grant = await startConversation(a.base);
        const onA = await buyerClient(a.wsUrl, grant.credential);
        const onB = await buyerClient(b.wsUrl, grant.credential);
        await onA.next('welcome');
        await onB.next('welcome');
        const first = randomUUID();
        onA.send({ type: 'send', clientId: first, text: 'once' });
        const original = await onA.next('sent');
        onB.send({ type: 'send', clientId: first, text: 'once' });
        assert.deepEqual((await onB.next('sent', (f) => f.clientId === first)).message, original.message);
        for (let i = 0; i < 6; i++) {
          const clientId = randomUUID();
          onA.send({ type: 'send', clientId, text: `race ${i}` });
          onB.send({ type: 'send', clientId, text: `race ${i}` });
          const [x, y] = await Promise.all([onA.next('sent', (f) => f.clientId === clientId), onB.next('sent', (f) => f.clientId === clientId)]);
          assert.equal(x.message.id, y.message.id, 'both instances answer with the one stored message');
        }
        const stored = await db.store.all<{ seq: number; text: string }>('SELECT seq, text FROM support_messages WHERE conversation_id = ? ORDER BY seq', [grant.conversationId]);
        assert.deepEqual(
          stored.map((m) => m.text),
          ['once', 'race 0', 'race 1', 'race 2', 'race 3', 'race 4', 'race 5'],
        );
        assert.deepEqual(
          stored.map((m) => m.seq),
          [1, 2, 3, 4, 5, 6, 7],
        );
        await Promise.all([onA.close(), onB.close()]);
      } finally {
        await a.close();
        await b.close();
        await db.dispose();
      }
    });

    it('seqs from two instances appending at once are 1..n without a gap, each clientId once', async () => {
      const db = await backend.open();
      const a = await db.start('A');
      const b = await db.start('B');
      try {
        const grant = await startConversation(a.base);
        const id = grant.conversationId;
        const clientIds = Array.from({ length: 20 }, () => randomUUID());
        const write = (store: Storage, clientId: string, i: number) =>
          appendMessage(store, id, { id: `msg_x${i}_${randomUUID().slice(0, 8)}`, author: 'buyer', authorName: null, text: `m ${clientId}`, attachmentJson: null, clientId }, Date.now());
        // Every clientId written by both instances at once.
        const results = await Promise.all(clientIds.flatMap((clientId, i) => [write(a.store, clientId, i), write(b.store, clientId, i)]));
        assert.equal(results.filter((r) => r.created).length, 20, 'one of each pair created it');
        const stored = await db.store.all<{ seq: number; clientId: string }>('SELECT seq, client_id AS "clientId" FROM support_messages WHERE conversation_id = ? ORDER BY seq', [id]);
        assert.deepEqual(
          stored.map((m) => m.seq),
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
        assert.equal(new Set(stored.map((m) => m.clientId)).size, 20);
        const row = await db.store.get<{ lastSeq: number }>('SELECT last_seq AS "lastSeq" FROM support_conversations WHERE id = ?', [id]);
        assert.equal(row?.lastSeq, 20, 'no seq taken by a resend that lost');
      } finally {
        await a.close();
        await b.close();
        await db.dispose();
      }
    });

    it('resync() delivers what a lost notification would have: to the buyer on A and the agent on B, from their cursors, once', async () => {
      const db = await backend.open();
      const a = await db.start('A');
      const b = await db.start('B');
      try {
        const agent = await agentClient(b.apiUrl);
        await agent.next('welcome');
        const grant = await startConversation(a.base);
        const id = grant.conversationId;
        const buyer = await buyerClient(a.wsUrl, grant.credential);
        await buyer.next('welcome');
        agent.send({ type: 'send', conversationId: id, clientId: randomUUID(), text: 'heard' });
        await buyer.next('message', (f) => f.message.text === 'heard');
        // Stored without a notification, as when the LISTEN connection was down at that moment.
        await appendMessage(db.store, id, { id: `msg_${randomUUID().slice(0, 12)}`, author: 'agent', authorName: 'Ana', text: 'not heard', attachmentJson: null, clientId: randomUUID() }, Date.now());
        await barrier(buyer);
        assert.equal(messages(buyer).length, 1, 'nothing told A');
        await a.support.resync();
        await b.support.resync();
        await buyer.next('message', (f) => f.message.text === 'not heard');
        await agent.next('message', (f) => f.message.text === 'not heard');
        await a.support.resync();
        await b.support.resync();
        await Promise.all([barrier(buyer), barrier(agent)]);
        assert.deepEqual(messages(buyer), [{ seq: 1, text: 'heard' }, { seq: 2, text: 'not heard' }], 'once, whatever the number of resyncs');
        assert.deepEqual(messages(agent, id), [{ seq: 1, text: 'heard' }, { seq: 2, text: 'not heard' }]);
        await Promise.all([buyer.close(), agent.close()]);
      } finally {
        await a.close();
        await b.close();
        await db.dispose();
      }
    });

    it('a long poll waiting on A when A stops is answered 503 (poll again, elsewhere); the conformance kit passes with the buyer on A and the agent on B', async () => {
      const db = await backend.open();
      const a = await db.start('A');
      const b = await db.start('B');
      try {
        const grant = await startConversation(a.base);
        const auth = { Authorization: `Bearer ${grant.credential}`, 'Content-Type': 'application/json' };
        const waiting = fetch(`${a.base}/poll`, { method: 'POST', headers: auth, body: JSON.stringify({ after: 0, waitMs: 20_000 }) });
        await new Promise((resolve) => setTimeout(resolve, 200));
        const c = await db.start('C');
        await a.close();
        const answer = await waiting;
        assert.equal(answer.status, 503);
        assert.equal(answer.headers.get('retry-after'), '1');
        assert.equal(answer.headers.get('connection'), 'close');

        const results = await runSupportConformance({ endpoint: c.base, agent: () => referenceAgent(`${b.apiUrl}/agent`, 'ana', 'sandbox-agent-ana') });
        assert.deepEqual(results.filter((r) => r.status !== 'pass'), [], formatSupportResults(results));
        await c.close();
      } finally {
        await a.close();
        await b.close();
        await db.dispose();
      }
    });

    it('two agents on two instances claim the same waiting conversation: exactly one wins, every time', async () => {
      const db = await backend.open();
      const a = await db.start('A');
      const b = await db.start('B');
      try {
        const ana = await agentClient(a.apiUrl);
        const ben = await agentClient(b.apiUrl, 'ben', 'sandbox-agent-ben');
        await ana.next('welcome');
        await ben.next('welcome');
        const errors = (client: FrameClient<AgentServerFrame>) => client.frames.filter((f) => f.type === 'error').length;
        for (let i = 0; i < 8; i++) {
          const grant = await startConversation(i % 2 ? a.base : b.base);
          const before = [errors(ana), errors(ben)] as const;
          ana.send({ type: 'claim', conversationId: grant.conversationId });
          ben.send({ type: 'claim', conversationId: grant.conversationId });
          await Promise.all([barrier(ana), barrier(ben)]);
          const lost = [errors(ana) - before[0], errors(ben) - before[1]];
          const row = await db.store.get<{ assignee: string }>('SELECT assignee FROM support_conversations WHERE id = ?', [grant.conversationId]);
          assert.deepEqual(lost.sort(), [0, 1], `exactly one claim refused (conversation ${i})`);
          const loser = errors(ana) > before[0] ? ana : ben;
          assert.equal(loser.frames.filter((f) => f.type === 'error').at(-1)?.type === 'error' && loser.frames.filter((f) => f.type === 'error').at(-1)?.error.code, 'forbidden');
          assert.equal(row?.assignee, loser === ana ? 'ben' : 'ana', 'the conversation is the winner’s');
        }
        await Promise.all([ana.close(), ben.close()]);
      } finally {
        await a.close();
        await b.close();
        await db.dispose();
      }
    });

    it('a call between a buyer on A and an agent on B: invite, accept, an SDP larger than one notification, ICE, hang-up', async () => {
      const db = await backend.open();
      const a = await db.start('A');
      const b = await db.start('B');
      try {
        const agent = await agentClient(b.apiUrl);
        await agent.next('welcome');
        const grant = await startConversation(a.base);
        const id = grant.conversationId;
        const buyer = await buyerClient(a.wsUrl, grant.credential);
        await buyer.next('welcome');
        buyer.send({ type: 'signal', callId: 'call1', payload: { kind: 'invite', video: true } });
        assert.equal((await buyer.next('signal')).payload['kind'], 'config', 'an agent is reachable (on B): the call rings');
        await agent.next('signal', (f) => f.conversationId === id && f.payload['kind'] === 'invite');
        agent.send({ type: 'signal', conversationId: id, callId: 'call1', payload: { kind: 'accept' } });
        await buyer.next('signal', (f) => f.payload['kind'] === 'accept');
        const sdp = `v=0\r\n${'a=candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host "quoted" é\r\n'.repeat(150)}`.slice(0, 11_000);
        agent.send({ type: 'signal', conversationId: id, callId: 'call1', payload: { kind: 'offer', sdp, generation: 0, restart: false } });
        assert.equal((await buyer.next('signal', (f) => f.payload['kind'] === 'offer')).payload['sdp'], sdp, 'the 11 KB offer arrives whole');
        buyer.send({ type: 'signal', callId: 'call1', payload: { kind: 'answer', sdp: 'v=0\r\n', generation: 0 } });
        await agent.next('signal', (f) => f.payload['kind'] === 'answer');
        buyer.send({ type: 'signal', callId: 'call1', payload: { kind: 'candidate', generation: 0, candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
        await agent.next('signal', (f) => f.payload['kind'] === 'candidate');
        buyer.send({ type: 'signal', callId: 'call1', payload: { kind: 'hangup', reason: 'hung-up' } });
        await agent.next('signal', (f) => f.payload['kind'] === 'hangup');
        await Promise.all([buyer.close(), agent.close()]);
      } finally {
        await a.close();
        await b.close();
        await db.dispose();
      }
    });
  });
}
