/**
 * The WebSocket transport of the reference support service (the `ws`
 * library, attached to the Node servers' `upgrade` event). The conversation
 * credential or agent token arrives in the first frame (`hello`), never in the
 * URL, so it appears in no access log. Frames are the zod schemas of
 * src/core/protocol/support.schema.ts; a bad frame gets an `error` frame, never
 * a crash. A socket's frames are handled one after another, in arrival order
 * (each may wait on the database), so `welcome` and the resend after `hello`
 * come before the answer to any later frame.
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

/** Close codes: 4401 unauthorized, 4400 no `hello` in time, 1012 service restart (reconnect, to any instance). */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_NO_HELLO = 4400;
export const CLOSE_RESTART = 1012;

export interface SocketServer {
  /** Routes `upgrade` requests of `server` whose path is one of `paths` to the buyer or agent handler. */
  attach(server: { on(event: 'upgrade', listener: (req: IncomingMessage, socket: Duplex, head: Buffer) => void): unknown }, paths: { buyer?: string; agent?: string }): void;
  /** Closes every socket with 1012 "service restart" (clients reconnect, to another instance behind a load balancer). */
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

  /**
   * Ends a socket whose `hello` failed: 4401 only when the credential was refused (the client forgets
   * it), 1012 while the service stops, 1011 for anything else (the database did not answer): both
   * of the latter make the client reconnect with the same credential.
   */
  const refuse = (ws: WebSocket, failure: unknown) => {
    const status = failure instanceof SupportFailure ? failure.status : 500;
    if (status === 401) ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
    else if (status === 503) ws.close(CLOSE_RESTART, 'service restart');
    else ws.close(1011, 'try again');
  };

  /** Runs a socket's frames one at a time; a failure ends as an `error` frame or a log line, never an unhandled rejection. */
  function serial(ws: WebSocket, handle: (data: RawData) => Promise<void>): void {
    let queue = Promise.resolve();
    ws.on('message', (data) => {
      queue = queue
        .then(() => (service.closed ? undefined : handle(data)))
        .catch((failure: unknown) => send(ws, { type: 'error', error: toError(failure) }));
    });
  }

  function onBuyer(ws: WebSocket): void {
    let detach: (() => void) | undefined;
    let conversationId: string | undefined;
    let gone = false;
    const timer = setTimeout(() => ws.close(CLOSE_NO_HELLO, 'hello expected'), HELLO_TIMEOUT_MS);
    const peer: BuyerPeer = { deliver: (frame) => send(ws, frame) };
    serial(ws, async (data) => {
      const parsed = BuyerFrame.safeParse(parse(data));
      if (!parsed.success) {
        send(ws, refuseBuyerFrame(parse(data)));
        return;
      }
      const frame = parsed.data;
      if (frame.type === 'hello') {
        if (conversationId) return;
        try {
          const conversation = await service.authenticate(frame.credential);
          clearTimeout(timer);
          conversationId = conversation.id;
          const attached = await service.connectBuyer(conversation, frame.after, peer);
          if (gone) attached();
          else detach = attached;
        } catch (failure) {
          send(ws, { type: 'error', error: toError(failure) });
          refuse(ws, failure);
        }
        return;
      }
      if (!conversationId) {
        send(ws, { type: 'error', error: toError(new SupportFailure(401, 'unauthorized', 'Send hello first.')) });
        return;
      }
      const conversation = await service.authenticateById(conversationId);
      for (const out of await service.handleBuyerFrame(conversation, frame, peer)) send(ws, out);
    });
    ws.on('close', () => {
      gone = true;
      clearTimeout(timer);
      detach?.();
    });
  }

  function onAgent(ws: WebSocket): void {
    let detach: (() => void) | undefined;
    let peer: AgentPeer | undefined;
    let gone = false;
    const timer = setTimeout(() => ws.close(CLOSE_NO_HELLO, 'hello expected'), HELLO_TIMEOUT_MS);
    serial(ws, async (data) => {
      const parsed = AgentFrame.safeParse(parse(data));
      if (!parsed.success) {
        send(ws, { type: 'error', error: { code: 'invalid_frame', message: 'Not a support protocol v1 agent frame.' } });
        return;
      }
      const frame = parsed.data;
      if (frame.type === 'hello') {
        if (peer) return;
        try {
          const agent = await service.agentByToken(frame.token);
          clearTimeout(timer);
          const own: AgentPeer = { agent, presence: 'online', deliver: (out) => send(ws, out) };
          peer = own;
          const attached = await service.attachAgent(own);
          if (gone) attached();
          else detach = attached;
        } catch (failure) {
          send(ws, { type: 'error', error: toError(failure) });
          refuse(ws, failure);
        }
        return;
      }
      if (!peer) {
        send(ws, { type: 'error', error: toError(new SupportFailure(401, 'unauthorized', 'Send hello first.')) });
        return;
      }
      for (const out of await service.handleAgentFrame(peer, frame)) send(ws, out);
    });
    ws.on('close', () => {
      gone = true;
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
      // 1012: the client reconnects (behind a load balancer, to another instance) and resumes from its cursor.
      for (const ws of wss.clients) ws.close(CLOSE_RESTART, 'service restart');
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
