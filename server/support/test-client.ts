/**
 * A Node client of the support protocol for the server's tests and the load
 * test: a WebSocket that records every frame and lets a test wait for one.
 */
import WebSocket from 'ws';
import type { AgentServerFrame, BuyerServerFrame, ConversationGrant } from '../../src/core/protocol/support.schema.js';

export interface FrameClient<F extends { type: string }> {
  readonly frames: F[];
  send(frame: object): void;
  /** Resolves with the first recorded frame (from now or earlier ones not yet taken) that matches. */
  next<T extends F['type']>(type: T, where?: (frame: Extract<F, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<F, { type: T }>>;
  close(): Promise<void>;
  readonly closed: Promise<{ code: number }>;
}

export interface ClientOptions<F> {
  /** Called with every frame on arrival; with `keep: false` frames are not recorded (the load test). */
  onFrame?(frame: F): void;
  keep?: boolean;
}

export function openClient<F extends { type: string }>(url: string, hello: object, options: ClientOptions<F> = {}): Promise<FrameClient<F>> {
  const ws = new WebSocket(url);
  const frames: F[] = [];
  const taken = new Set<F>();
  const waiters = new Set<() => void>();
  const closed = new Promise<{ code: number }>((resolve) => ws.on('close', (code) => resolve({ code })));
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as F;
    options.onFrame?.(frame);
    if (options.keep === false) return;
    frames.push(frame);
    for (const wake of [...waiters]) wake();
  });
  const client: FrameClient<F> = {
    frames,
    closed,
    send: (frame) => ws.send(JSON.stringify(frame)),
    next(type, where, timeoutMs = 5000) {
      type Match = Extract<F, { type: typeof type }>;
      const find = () => frames.find((f) => !taken.has(f) && f.type === type && (!where || where(f as Match))) as Match | undefined;
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = find();
          if (!found) return false;
          taken.add(found);
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no "${type}" frame within ${timeoutMs} ms; got ${JSON.stringify(frames.map((f) => f.type))}`));
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      });
    },
    close() {
      ws.close();
      return closed.then(() => undefined);
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.send(JSON.stringify(hello));
      resolve(client);
    });
    ws.once('error', reject);
  });
}

/** Starts a conversation over HTTP (`POST /conversations`). */
export async function startConversation(base: string, body: object = { locale: 'en', timeZone: 'UTC' }): Promise<ConversationGrant> {
  const response = await fetch(`${base}/conversations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`start: ${response.status} ${await response.text()}`);
  return (await response.json()) as ConversationGrant;
}

export const buyerClient = (wsUrl: string, credential: string, after = 0) =>
  openClient<BuyerServerFrame>(wsUrl, { type: 'hello', credential, after });

/** Signs an agent in over HTTP and opens the console's socket. */
export async function agentClient(
  apiUrl: string,
  id = 'ana',
  password = 'sandbox-agent-ana',
  options: ClientOptions<AgentServerFrame> = {},
): Promise<FrameClient<AgentServerFrame> & { token: string }> {
  const response = await fetch(`${apiUrl}/agent/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id, password }) });
  if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  const client = await openClient<AgentServerFrame>(`${apiUrl.replace(/^http/, 'ws')}/agent/ws`, { type: 'hello', token }, options);
  return Object.assign(client, { token });
}
