/**
 * The WebSocket transport of the reference support service (the `ws`
 * library, attached to the Node servers' `upgrade` event). The conversation
 * credential or agent token arrives in the first frame (`hello`), never in the
 * URL, so it appears in no access log. Frames are the zod schemas of
 * src/core/protocol/support.schema.ts; a bad frame gets an `error` frame, never
 * a crash.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { AgentFrame, BuyerFrame, MAX_FRAME_BYTES, type AgentServerFrame, type BuyerServerFrame } from '../../src/core/protocol/support.schema.js';
import { SupportFailure, refuseBuyerFrame, toError, type AgentPeer, type BuyerPeer, type SupportService } from './service.js';

/** A connection that has not said `hello` within this time is closed. */
const HELLO_TIMEOUT_MS = 10_000;
/** Protocol-level pings find connections a sleeping laptop or a dropped network left half-open. */
const HEARTBEAT_MS = 25_000;

/** Close codes: 4401 unauthorized, 4400 no `hello` in time, 1001 server going away. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_NO_HELLO = 4400;

export interface SocketServer {
  /** Routes `upgrade` requests of `server` whose path is one of `paths` to the buyer or agent handler. */
  attach(server: { on(event: 'upgrade', listener: (req: IncomingMessage, socket: Duplex, head: Buffer) => void): unknown }, paths: { buyer?: string; agent?: string }): void;
  /** Closes every socket (1001), e.g. before the process stops. */
  close(): void;
  /** Cuts every socket without a closing handshake, as a network drop would (tests). */
  drop(): void;
  /** Open sockets, for the load test. */
  readonly size: number;
}

function parse(data: RawData): unknown {
  try {
    return JSON.parse(data.toString()) as unknown;
  } catch {
    return undefined;
  }
}

export function createSocketServer(service: SupportService): SocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const alive = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const send = (ws: WebSocket, frame: BuyerServerFrame | AgentServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  function onBuyer(ws: WebSocket): void {
    let detach: (() => void) | undefined;
    let conversationId: string | undefined;
    const timer = setTimeout(() => ws.close(CLOSE_NO_HELLO, 'hello expected'), HELLO_TIMEOUT_MS);
    const peer: BuyerPeer = { deliver: (frame) => send(ws, frame) };
    ws.on('message', (data) => {
      if (service.closed) return;
      const parsed = BuyerFrame.safeParse(parse(data));
      if (!parsed.success) {
        send(ws, refuseBuyerFrame(parse(data)));
        return;
      }
      const frame = parsed.data;
      if (frame.type === 'hello') {
        if (conversationId) return;
        try {
          const conversation = service.authenticate(frame.credential);
          clearTimeout(timer);
          conversationId = conversation.id;
          for (const out of service.welcome(conversation, frame.after)) send(ws, out);
          detach = service.attachBuyer(conversation.id, peer);
        } catch (failure) {
          send(ws, { type: 'error', error: toError(failure) });
          ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
        }
        return;
      }
      if (!conversationId) {
        send(ws, { type: 'error', error: toError(new SupportFailure(401, 'unauthorized', 'Send hello first.')) });
        return;
      }
      try {
        const conversation = service.authenticateById(conversationId);
        for (const out of service.handleBuyerFrame(conversation, frame, peer)) send(ws, out);
      } catch (failure) {
        send(ws, { type: 'error', error: toError(failure) });
      }
    });
    ws.on('close', () => {
      clearTimeout(timer);
      detach?.();
    });
  }

  function onAgent(ws: WebSocket): void {
    let detach: (() => void) | undefined;
    let peer: AgentPeer | undefined;
    const timer = setTimeout(() => ws.close(CLOSE_NO_HELLO, 'hello expected'), HELLO_TIMEOUT_MS);
    ws.on('message', (data) => {
      if (service.closed) return;
      const parsed = AgentFrame.safeParse(parse(data));
      if (!parsed.success) {
        send(ws, { type: 'error', error: { code: 'invalid_frame', message: 'Not a support protocol v1 agent frame.' } });
        return;
      }
      const frame = parsed.data;
      if (frame.type === 'hello') {
        if (peer) return;
        try {
          const agent = service.agentByToken(frame.token);
          clearTimeout(timer);
          peer = { agent, presence: 'online', deliver: (out) => send(ws, out) };
          detach = service.attachAgent(peer);
        } catch (failure) {
          send(ws, { type: 'error', error: toError(failure) });
          ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
        }
        return;
      }
      if (!peer) {
        send(ws, { type: 'error', error: toError(new SupportFailure(401, 'unauthorized', 'Send hello first.')) });
        return;
      }
      for (const out of service.handleAgentFrame(peer, frame)) send(ws, out);
    });
    ws.on('close', () => {
      clearTimeout(timer);
      detach?.();
    });
  }

  return {
    attach(server, paths) {
      server.on('upgrade', (req, socket, head) => {
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        const handler = path === paths.buyer ? onBuyer : path === paths.agent ? onAgent : undefined;
        if (!handler) {
          socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
          alive.add(ws);
          ws.on('pong', () => alive.add(ws));
          ws.on('error', () => ws.terminate());
          handler(ws);
        });
      });
    },
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.close(1001, 'server stopping');
      // Sockets that do not finish the closing handshake promptly are cut.
      setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, 500).unref();
      wss.close();
    },
    drop() {
      for (const ws of wss.clients) ws.terminate();
    },
    get size() {
      return wss.clients.size;
    },
  };
}
