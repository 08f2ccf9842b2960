/**
 * Support protocol v1 conformance checks, written against docs/support.md
 * and the zod schemas of src/core/protocol/support.schema.ts (not against
 * the reference service's code), so a third-party support service in any
 * language can be verified: `npm run verify-support -- <endpoint>`.
 *
 * The buyer side needs nothing but the endpoint. The checks that need
 * someone on the other end (agent typing, read receipts, delivered/read
 * cursors, agent messages across a resume) run when an {@link AgentSide} is
 * given; the CLI builds one from the reference console's protocol
 * (`POST /agent/api/login`, WebSocket `/agent/ws`, the `AgentFrame`s) with
 * `--agent-url` and `--agent id:password`, and skips them otherwise.
 *
 * Ordering assumption (docs/support.md): after `hello` the service sends
 * `welcome` and then every message after the cursor before it answers a
 * later frame, so everything that arrives before the `pong` to a `ping` sent
 * right after `hello` is the resend.
 */
import WebSocket from 'ws';
import * as z from 'zod/mini';
import {
  Attachment,
  BuyerServerFrame,
  ConversationGrant,
  FrameBatch,
  MAX_ATTACHMENT_BYTES,
  MAX_FRAME_BYTES,
  MAX_TEXT_LENGTH,
  OfflineAccepted,
  SupportErrorEnvelope,
  SupportStatus,
  type AgentFrame,
  type AgentServerFrame,
  type BuyerServerFrame as ServerFrame,
  type ConversationSummary,
  type SupportErrorCode,
  type SupportMessage,
} from '../../src/core/protocol/support.schema.js';

/** The other end of a conversation, for the checks that need an agent. */
export interface AgentSide {
  /** Sends one agent frame (after its own `hello`). */
  send(frame: Exclude<AgentFrame, { type: 'hello' }>): void;
  /** Resolves with the next frame (not yet taken) of `type` that matches `where`. */
  next<T extends AgentServerFrame['type']>(type: T, where?: (frame: Extract<AgentServerFrame, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<AgentServerFrame, { type: T }>>;
  close(): Promise<void>;
}

export interface SupportConformanceOptions {
  /** Base URL of the buyer endpoints, e.g. `https://shop.example/api/support/v1`. */
  endpoint: string;
  /** The WebSocket URL; default `<endpoint>/ws` with `ws(s):`. */
  webSocketUrl?: string;
  /** Connects an agent; enables the `agent.*`, `typing.*`, `receipt.*` and `cursor.*` checks. */
  agent?: () => Promise<AgentSide>;
  fetch?: typeof fetch;
  /** How long a frame or answer may take (ms). */
  timeoutMs?: number;
}

export type CheckStatus = 'pass' | 'fail' | 'skip';
export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  /** Why it failed or was skipped; what was seen when it passed. */
  detail: string;
}

class CheckFailure extends Error {}
class CheckSkipped extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

const describeBody = (answer: Answer): string => (answer.text.length > 200 ? `${answer.text.slice(0, 200)}…` : answer.text || '(empty)');
const short = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
};

function expectJson(answer: Answer): void {
  const type = answer.headers.get('content-type') ?? '';
  expect(/^application\/json\b/i.test(type), `Content-Type is "${type}", expected application/json`);
}

function expectError(answer: Answer, status: number, code: SupportErrorCode): string {
  expect(answer.status === status, `expected HTTP ${status} ${code}, got ${answer.status}: ${describeBody(answer)}`);
  expectJson(answer);
  const envelope = SupportErrorEnvelope.safeParse(answer.body);
  expect(envelope.success, `the body is not the error envelope {error:{code,message}}: ${describeBody(answer)}`);
  expect(envelope.data.error.code === code, `expected code "${code}", got "${envelope.data.error.code}"`);
  return `${status} ${code}`;
}

function parsed<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  expect(result.success, `${what} breaks its schema: ${short(value)} (${result.error?.issues.slice(0, 2).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  return result.data;
}

/** The smallest valid PNG (1×1, transparent). */
export const TINY_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

/** A buyer's socket that records every frame, checks each against `BuyerServerFrame`, and lets a check wait for one. */
interface BuyerSocket {
  readonly frames: ServerFrame[];
  /** Frames that broke the schema (each is a failure of `frames.schema`). */
  readonly invalid: unknown[];
  send(frame: object | string): void;
  next<T extends ServerFrame['type']>(type: T, where?: (frame: Extract<ServerFrame, { type: T }>) => boolean): Promise<Extract<ServerFrame, { type: T }>>;
  /** Sends `ping` and returns every frame that arrived before its `pong` (after `since`, or since the call). */
  sync(since?: ServerFrame): Promise<ServerFrame[]>;
  readonly closed: Promise<number>;
  close(): Promise<void>;
}

function openSocket(url: string, timeoutMs: number): Promise<BuyerSocket> {
  const ws = new WebSocket(url, { maxPayload: 4 * MAX_FRAME_BYTES });
  const frames: ServerFrame[] = [];
  const invalid: unknown[] = [];
  const taken = new Set<ServerFrame>();
  const waiters = new Set<() => void>();
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  ws.on('message', (data) => {
    let value: unknown;
    try {
      value = JSON.parse(data.toString()) as unknown;
    } catch {
      value = data.toString();
    }
    const frame = BuyerServerFrame.safeParse(value);
    if (frame.success) frames.push(frame.data);
    else invalid.push(value);
    for (const wake of [...waiters]) wake();
  });
  const next: BuyerSocket['next'] = (type, where) =>
    new Promise((resolve, reject) => {
      type Match = Extract<ServerFrame, { type: typeof type }>;
      const check = (): boolean => {
        const found = frames.find((f) => !taken.has(f) && f.type === type && (!where || where(f as Match))) as Match | undefined;
        if (!found) return false;
        taken.add(found);
        waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const wake = (): void => {
        check();
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new CheckFailure(`no "${type}" frame within ${timeoutMs} ms; frames so far: ${short(frames.map((f) => (f.type === 'error' ? `error:${f.error.code}` : f.type)))}`));
      }, timeoutMs);
      if (!check()) waiters.add(wake);
    });
  const socket: BuyerSocket = {
    frames,
    invalid,
    closed,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next,
    async sync(since) {
      const from = since ? frames.indexOf(since) + 1 : frames.length;
      ws.send(JSON.stringify({ type: 'ping' }));
      const pong = await next('pong');
      const upTo = frames.indexOf(pong);
      for (const frame of frames.slice(from, upTo)) taken.add(frame);
      return frames.slice(from, upTo);
    },
    close() {
      if (ws.readyState === ws.CLOSED) return Promise.resolve();
      ws.close();
      return closed.then(() => undefined);
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new CheckFailure(`the WebSocket ${url} did not open within ${timeoutMs} ms`));
    }, timeoutMs);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(new CheckFailure(`the WebSocket ${url} failed to open: ${error.message}`));
    });
  });
}

/** The message frames of a resend, as their `seq`s. */
const seqs = (frames: readonly ServerFrame[]): number[] => frames.flatMap((f) => (f.type === 'message' ? [f.message.seq] : []));
const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

export async function runSupportConformance(options: SupportConformanceOptions): Promise<CheckResult[]> {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const wsUrl = options.webSocketUrl ?? `${endpoint.replace(/^http/, 'ws')}/ws`;
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const results: CheckResult[] = [];
  const sockets = new Set<BuyerSocket>();

  const request = async (method: string, path: string, init: { credential?: string; body?: unknown; raw?: Uint8Array<ArrayBuffer>; type?: string } = {}): Promise<Answer> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (init.credential) headers['Authorization'] = `Bearer ${init.credential}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.raw) headers['Content-Type'] = init.type ?? 'application/octet-stream';
    const response = await doFetch(`${endpoint}${path}`, {
      method,
      headers,
      ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
      ...(init.raw ? { body: init.raw } : {}),
      signal: AbortSignal.timeout(Math.max(timeoutMs, 15_000)),
    });
    const isImage = /^image\//.test(response.headers.get('content-type') ?? '');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = isImage ? '' : new TextDecoder().decode(bytes);
    let body: unknown = isImage ? bytes : undefined;
    if (!isImage) {
      try {
        body = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        body = undefined;
      }
    }
    return { status: response.status, headers: response.headers, body, text };
  };

  const check = async (id: string, title: string, run: () => Promise<string>): Promise<boolean> => {
    try {
      results.push({ id, title, status: 'pass', detail: await run() });
      return true;
    } catch (error) {
      const status: CheckStatus = error instanceof CheckSkipped ? 'skip' : 'fail';
      results.push({ id, title, status, detail: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };
  const skip = (reason: string): never => {
    throw new CheckSkipped(reason);
  };

  const start = async (): Promise<ConversationGrant> => {
    const answer = await request('POST', '/conversations', { body: { locale: 'en', timeZone: 'Europe/Lisbon' } });
    expect(answer.status === 201, `POST /conversations answered ${answer.status}: ${describeBody(answer)}`);
    expectJson(answer);
    return parsed(ConversationGrant, answer.body, 'the ConversationGrant');
  };
  /** Opens a socket, says hello and returns it with the welcome and the resend (everything before the pong). */
  const connect = async (credential: string, after: number): Promise<{ socket: BuyerSocket; welcome: Extract<ServerFrame, { type: 'welcome' }>; resend: ServerFrame[] }> => {
    const socket = await openSocket(wsUrl, timeoutMs);
    sockets.add(socket);
    socket.send({ type: 'hello', credential, after });
    const welcome = await socket.next('welcome');
    const resend = await socket.sync(welcome);
    return { socket, welcome, resend };
  };
  const sendText = async (socket: BuyerSocket, text: string, clientId: string = crypto.randomUUID()): Promise<SupportMessage> => {
    socket.send({ type: 'send', clientId, text });
    const answer = await Promise.race([socket.next('sent', (f) => f.clientId === clientId), socket.next('error', (f) => f.clientId === clientId)]);
    expect(answer.type === 'sent', `send was refused: ${short(answer)}`);
    return answer.message;
  };

  try {
    // ---- status and starting ------------------------------------------------------
    await check('status.shape', 'GET /status answers { status: SupportStatus } as JSON', async () => {
      const answer = await request('GET', '/status');
      expect(answer.status === 200, `expected 200, got ${answer.status}: ${describeBody(answer)}`);
      expectJson(answer);
      const status = parsed(z.object({ status: SupportStatus }), answer.body, 'the status answer').status;
      return `${status.presence}, ${status.open ? 'open' : `closed until ${status.nextOpenAt}`}`;
    });

    let grant: ConversationGrant | undefined;
    await check('start.shape', 'POST /conversations: 201, a ConversationGrant with a 43-character credential; two starts get different ids and credentials', async () => {
      grant = await start();
      const other = await start();
      expect(other.conversationId !== grant.conversationId && other.credential !== grant.credential, 'two starts returned the same conversation or credential');
      return `${grant.conversationId}`;
    });
    const needGrant = (): ConversationGrant => grant ?? skip('needs start.shape');

    await check('start.invalid', 'POST /conversations with a body that breaks StartConversation is 400 invalid_frame', async () =>
      expectError(await request('POST', '/conversations', { body: { locale: '<script>', timeZone: 42 } }), 400, 'invalid_frame'));
    await check('start.not_json', 'POST /conversations with a body that is not JSON is 400 invalid_frame', async () =>
      expectError(await request('POST', '/conversations', { body: '{not json' }), 400, 'invalid_frame'));
    await check('start.identity_refused', 'A forged identity token (bad signature) is 401 invalid_identity', async () => {
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const forged = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'mallory', name: 'Mallory', exp: Math.floor(Date.now() / 1000) + 600 })}.${'A'.repeat(43)}`;
      return expectError(await request('POST', '/conversations', { body: { locale: 'en', timeZone: 'UTC', identityToken: forged } }), 401, 'invalid_identity');
    });
    await check('start.identity_none', 'An identity token with alg "none" is 401 invalid_identity', async () => {
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'mallory', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
      return expectError(await request('POST', '/conversations', { body: { locale: 'en', timeZone: 'UTC', identityToken: token } }), 401, 'invalid_identity');
    });

    // ---- authentication ---------------------------------------------------------------
    const unknown = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    await check('auth.http_missing', 'POST /frames and /poll without a credential are 401 unauthorized', async () => {
      expectError(await request('POST', '/frames', { body: { type: 'ping' } }), 401, 'unauthorized');
      return expectError(await request('POST', '/poll', { body: { after: 0, waitMs: 0 } }), 401, 'unauthorized');
    });
    await check('auth.http_unknown', 'POST /poll with an unknown credential is 401 unauthorized', async () =>
      expectError(await request('POST', '/poll', { credential: unknown, body: { after: 0, waitMs: 0 } }), 401, 'unauthorized'));
    await check('auth.ws_unknown', 'WebSocket hello with an unknown credential: an unauthorized error frame, no welcome, the socket closes', async () => {
      const socket = await openSocket(wsUrl, timeoutMs);
      sockets.add(socket);
      socket.send({ type: 'hello', credential: unknown, after: 0 });
      const error = await socket.next('error');
      expect(error.error.code === 'unauthorized', `expected unauthorized, got ${error.error.code}`);
      const code = await Promise.race([socket.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs))]);
      expect(code !== null, 'the socket stayed open after a refused hello');
      expect(!socket.frames.some((f) => f.type === 'welcome' || f.type === 'message'), 'a welcome or message arrived for an unknown credential');
      return `error unauthorized, closed ${code}`;
    });
    await check('auth.ws_hello_first', 'A frame before hello gets an unauthorized error frame and nothing is stored', async () => {
      const socket = await openSocket(wsUrl, timeoutMs);
      sockets.add(socket);
      socket.send({ type: 'send', clientId: crypto.randomUUID(), text: 'before hello' });
      const error = await socket.next('error');
      expect(error.error.code === 'unauthorized', `expected unauthorized, got ${error.error.code}`);
      await socket.close();
      return 'error unauthorized';
    });

    // ---- the WebSocket transport: send, de-duplication, resume from a cursor ----------
    let main: BuyerSocket | undefined;
    const sent: SupportMessage[] = [];
    await check('ws.welcome', 'hello { credential, after: 0 } on a new conversation: welcome for that conversation, not closed, and no messages', async () => {
      const g = needGrant();
      const { socket, welcome, resend } = await connect(g.credential, 0);
      main = socket;
      expect(welcome.conversationId === g.conversationId, `welcome names ${welcome.conversationId}, the grant ${g.conversationId}`);
      expect(!welcome.closed, 'a new conversation is closed');
      expect(seqs(resend).length === 0, `a new conversation resent messages ${short(seqs(resend))}`);
      return `${welcome.status.presence}`;
    });
    const needMain = (): BuyerSocket => main ?? skip('needs ws.welcome');

    await check('ws.invalid_frame', 'A frame that is not JSON, and one of an unknown type, get invalid_frame error frames; the socket stays usable', async () => {
      const socket = needMain();
      socket.send('{not json');
      const first = await socket.next('error');
      socket.send({ type: 'conformance_unknown' });
      const second = await socket.next('error');
      expect(first.error.code === 'invalid_frame' && second.error.code === 'invalid_frame', `got ${first.error.code}, ${second.error.code}`);
      await socket.sync();
      return 'invalid_frame twice, then pong';
    });

    const markup = '<img src=x onerror=alert(1)> <b>bold</b> & "quotes"';
    await check('send.sent', 'send → sent with its clientId, the stored message (author buyer, seq 1, the text exactly as sent: plain text, not HTML-escaped or stripped)', async () => {
      const socket = needMain();
      const message = await sendText(socket, markup);
      expect(message.author === 'buyer', `author is ${message.author}`);
      expect(message.seq === 1, `the first message has seq ${message.seq}`);
      expect(message.text === markup, `the text came back changed: ${short(message.text)}`);
      expect(message.conversationId === needGrant().conversationId, 'the message names another conversation');
      sent.push(message);
      return `${message.id} seq ${message.seq}`;
    });

    await check('send.dedupe', 'The same clientId sent again (a resend after a drop) answers the same message: stored once', async () => {
      const socket = needMain();
      const clientId = crypto.randomUUID();
      const first = await sendText(socket, 'Is this available in size 42?', clientId);
      const again = await sendText(socket, 'Is this available in size 42?', clientId);
      expect(again.id === first.id && again.seq === first.seq, `the resend was stored again: ${first.id}/${first.seq} then ${again.id}/${again.seq}`);
      sent.push(first);
      return `${first.id} once`;
    });

    await check('send.seq', 'Each new message gets the next seq (1, 2, 3 …)', async () => {
      const socket = needMain();
      for (const text of ['third', 'fourth']) sent.push(await sendText(socket, text));
      const got = sent.map((m) => m.seq);
      expect(JSON.stringify(got) === JSON.stringify(range(1, got.length)), `seqs ${short(got)}`);
      return `seqs ${got.join(',')}`;
    });

    await check('resume.cursor', 'Reconnecting with after = k resends exactly the messages with seq > k, in order, each once', async () => {
      const g = needGrant();
      const last = sent.at(-1)?.seq ?? skip('needs send.seq');
      for (const after of [2, last - 1, last]) {
        const { socket, resend } = await connect(g.credential, after);
        const got = seqs(resend);
        await socket.close();
        expect(JSON.stringify(got) === JSON.stringify(range(after + 1, last)), `after=${after}: expected seqs ${short(range(after + 1, last))}, got ${short(got)}`);
      }
      return `after=2, ${last - 1}, ${last}: exact`;
    });

    await check('history.full', 'hello with after = 0 returns the whole history in order, each message once and as stored', async () => {
      const g = needGrant();
      const { socket, resend } = await connect(g.credential, 0);
      await socket.close();
      const messages = resend.flatMap((f) => (f.type === 'message' ? [f.message] : []));
      expect(JSON.stringify(messages.map((m) => m.seq)) === JSON.stringify(range(1, sent.length)), `seqs ${short(messages.map((m) => m.seq))}`);
      for (const m of sent) {
        const stored = messages.find((x) => x.seq === m.seq);
        expect(stored?.id === m.id && stored.text === m.text, `seq ${m.seq} differs from what sent answered`);
      }
      return `${messages.length} messages`;
    });

    await check('limits.text', `A text longer than ${MAX_TEXT_LENGTH} characters is refused too_large in an error frame naming its clientId (the client marks it failed, never resends it), and not stored`, async () => {
      const socket = needMain();
      const clientId = crypto.randomUUID();
      socket.send({ type: 'send', clientId, text: 'x'.repeat(MAX_TEXT_LENGTH + 1) });
      const error = await socket.next('error');
      expect(error.error.code === 'too_large', `expected too_large, got ${error.error.code}`);
      expect(error.clientId === clientId, `the error frame names clientId ${error.clientId}, not the send's`);
      const stored = await socket.sync();
      expect(!stored.some((f) => f.type === 'sent' && f.clientId === clientId), 'the long text was stored');
      const http = await request('POST', '/frames', { credential: needGrant().credential, body: { type: 'send', clientId, text: 'x'.repeat(MAX_TEXT_LENGTH + 1) } });
      const frames = http.status === 200 ? (FrameBatch.safeParse(http.body).data?.frames ?? []) : [];
      const refused = frames.find((f) => f.type === 'error');
      expect(refused?.type === 'error' && refused.error.code === 'too_large' && refused.clientId === clientId, `POST /frames answered ${http.status}: ${describeBody(http)}`);
      return 'too_large with its clientId, on the socket and over /frames';
    });

    await check('limits.frame', `A WebSocket frame over ${MAX_FRAME_BYTES} bytes closes that socket (1009) or is answered too_large; it never stores a message`, async () => {
      const g = needGrant();
      const { socket } = await connect(g.credential, sent.length);
      socket.send({ type: 'send', clientId: crypto.randomUUID(), text: 'y'.repeat(MAX_FRAME_BYTES + 10) });
      const outcome = await Promise.race([socket.closed.then((code) => `closed ${code}`), socket.next('error').then((f) => `error ${f.error.code}`)]);
      expect(outcome === 'closed 1009' || outcome === 'error too_large' || outcome.startsWith('closed'), `got ${outcome}`);
      await socket.close();
      return outcome;
    });

    await check('limits.http_frame', `POST /frames with a body over ${MAX_FRAME_BYTES} bytes is 413 too_large`, async () => {
      const g = needGrant();
      return expectError(await request('POST', '/frames', { credential: g.credential, body: { type: 'send', clientId: crypto.randomUUID(), text: 'z'.repeat(MAX_FRAME_BYTES + 10) } }), 413, 'too_large');
    });

    // ---- attachments ------------------------------------------------------------------
    let image: Attachment | undefined;
    await check('attachments.upload', 'POST /attachments with a PNG: 201 Attachment; GET /attachments/{id} returns the same bytes, its type, nosniff and a sandbox CSP', async () => {
      const g = needGrant();
      const answer = await request('POST', '/attachments', { credential: g.credential, raw: TINY_PNG, type: 'image/png' });
      expect(answer.status === 201, `expected 201, got ${answer.status}: ${describeBody(answer)}`);
      image = parsed(Attachment, answer.body, 'the Attachment');
      expect(image.type === 'image/png' && image.size === TINY_PNG.length, `type ${image.type}, size ${image.size}`);
      const back = await request('GET', `/attachments/${encodeURIComponent(image.id)}`, { credential: g.credential });
      expect(back.status === 200, `GET answered ${back.status}`);
      expect(back.headers.get('content-type')?.startsWith('image/png'), `Content-Type ${back.headers.get('content-type')}`);
      expect(back.body instanceof Uint8Array && Buffer.from(back.body).equals(Buffer.from(TINY_PNG)), 'the bytes differ');
      expect(back.headers.get('x-content-type-options') === 'nosniff', 'no X-Content-Type-Options: nosniff');
      expect(/\bsandbox\b/.test(back.headers.get('content-security-policy') ?? ''), 'no Content-Security-Policy with sandbox');
      return `${image.id}`;
    });
    await check('attachments.send', 'send with attachmentId: the message carries the attachment', async () => {
      const socket = needMain();
      const attachment = image ?? skip('needs attachments.upload');
      const clientId = crypto.randomUUID();
      socket.send({ type: 'send', clientId, text: '', attachmentId: attachment.id });
      const answer = await Promise.race([socket.next('sent', (f) => f.clientId === clientId), socket.next('error', (f) => f.clientId === clientId)]);
      expect(answer.type === 'sent', `refused: ${short(answer)}`);
      expect(answer.message.attachment?.id === attachment.id, `the message carries ${short(answer.message.attachment)}`);
      sent.push(answer.message);
      return `seq ${answer.message.seq}`;
    });
    await check('attachments.wrong_type', 'An upload whose bytes are not an image (declared image/png) is 415 unsupported_type', async () =>
      expectError(await request('POST', '/attachments', { credential: needGrant().credential, raw: new TextEncoder().encode('<svg onload=alert(1)>'), type: 'image/png' }), 415, 'unsupported_type'));
    await check('attachments.type_mismatch', 'A PNG declared as image/svg+xml is 415 unsupported_type', async () =>
      expectError(await request('POST', '/attachments', { credential: needGrant().credential, raw: TINY_PNG, type: 'image/svg+xml' }), 415, 'unsupported_type'));
    await check('attachments.too_large', `An image over ${MAX_ATTACHMENT_BYTES} bytes is 413 too_large`, async () => {
      const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
      big.set(TINY_PNG);
      return expectError(await request('POST', '/attachments', { credential: needGrant().credential, raw: big, type: 'image/png' }), 413, 'too_large');
    });
    await check('attachments.unauthenticated', 'POST /attachments without a credential is 401 unauthorized', async () =>
      expectError(await request('POST', '/attachments', { raw: TINY_PNG, type: 'image/png' }), 401, 'unauthorized'));

    // ---- isolation: a buyer reads only their own conversation --------------------------
    await check('isolation.history', "Another conversation's credential sees none of this conversation's messages", async () => {
      const other = await start();
      const { socket, welcome, resend } = await connect(other.credential, 0);
      await socket.close();
      expect(welcome.conversationId === other.conversationId, 'the welcome names the first conversation');
      expect(seqs(resend).length === 0, `the other conversation got messages: ${short(resend)}`);
      const poll = await request('POST', '/poll', { credential: other.credential, body: { after: 0, waitMs: 0 } });
      const frames = poll.status === 200 ? (FrameBatch.safeParse(poll.body).data?.frames ?? []) : [];
      expect(!frames.some((f) => f.type === 'message'), 'the other conversation polled messages');
      return 'no messages';
    });
    await check('isolation.attachment', "Another conversation's credential cannot read this conversation's image (404 not_found) nor send it (not_found)", async () => {
      const attachment = image ?? skip('needs attachments.upload');
      const other = await start();
      expectError(await request('GET', `/attachments/${encodeURIComponent(attachment.id)}`, { credential: other.credential }), 404, 'not_found');
      const { socket } = await connect(other.credential, 0);
      const clientId = crypto.randomUUID();
      socket.send({ type: 'send', clientId, text: 'look', attachmentId: attachment.id });
      const answer = await Promise.race([socket.next('sent', (f) => f.clientId === clientId), socket.next('error', (f) => f.clientId === clientId)]);
      await socket.close();
      expect(answer.type === 'error' && answer.error.code === 'not_found', `sending another conversation's image answered ${short(answer)}`);
      return '404, not_found';
    });

    // ---- the long-poll fallback ---------------------------------------------------------
    await check('fallback.frames', 'POST /frames with a send answers a FrameBatch with its sent frame; a resend of the clientId is the same message', async () => {
      const g = needGrant();
      const clientId = crypto.randomUUID();
      const body = { type: 'send', clientId, text: 'sent over the fallback' };
      const answer = await request('POST', '/frames', { credential: g.credential, body });
      expect(answer.status === 200, `expected 200, got ${answer.status}: ${describeBody(answer)}`);
      expectJson(answer);
      const batch = parsed(FrameBatch, answer.body, 'the FrameBatch');
      const got = batch.frames.find((f) => f.type === 'sent' && f.clientId === clientId);
      expect(got?.type === 'sent', `no sent frame: ${short(batch.frames)}`);
      const again = parsed(FrameBatch, (await request('POST', '/frames', { credential: g.credential, body })).body, 'the FrameBatch').frames.find((f) => f.type === 'sent');
      expect(again?.type === 'sent' && again.message.id === got.message.id, `the resend was stored again: ${short(again)}`);
      sent.push(got.message);
      return `seq ${got.message.seq}`;
    });
    await check('fallback.hello_refused', 'POST /frames with a hello frame is 400 invalid_frame', async () => {
      const g = needGrant();
      return expectError(await request('POST', '/frames', { credential: g.credential, body: { type: 'hello', credential: g.credential, after: 0 } }), 400, 'invalid_frame');
    });
    await check('fallback.poll_first', 'POST /poll { after: 0, waitMs: 0, first: true } answers at once: welcome first, then the whole history in order, each once', async () => {
      const g = needGrant();
      const answer = await request('POST', '/poll', { credential: g.credential, body: { after: 0, waitMs: 0, first: true } });
      expect(answer.status === 200, `expected 200, got ${answer.status}: ${describeBody(answer)}`);
      const frames = parsed(FrameBatch, answer.body, 'the FrameBatch').frames;
      expect(frames[0]?.type === 'welcome', `the first frame is ${frames[0]?.type}`);
      expect(JSON.stringify(seqs(frames)) === JSON.stringify(range(1, sent.length)), `seqs ${short(seqs(frames))}, expected 1..${sent.length}`);
      return `${seqs(frames).length} messages`;
    });
    await check('fallback.poll_resume', 'POST /poll with after = k answers exactly the messages with seq > k, each once', async () => {
      const g = needGrant();
      const last = sent.length;
      for (const after of [1, last - 1]) {
        const frames = parsed(FrameBatch, (await request('POST', '/poll', { credential: g.credential, body: { after, waitMs: 0 } })).body, 'the FrameBatch').frames;
        expect(JSON.stringify(seqs(frames)) === JSON.stringify(range(after + 1, last)), `after=${after}: expected ${short(range(after + 1, last))}, got ${short(seqs(frames))}`);
      }
      return `after=1, ${last - 1}: exact`;
    });
    await check('fallback.poll_wait', 'A waiting poll (waitMs 10000) answers as soon as a new message is stored, with that message', async () => {
      const g = needGrant();
      const last = sent.length;
      const began = Date.now();
      const waiting = request('POST', '/poll', { credential: g.credential, body: { after: last, waitMs: 10_000 } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const clientId = crypto.randomUUID();
      const answer = await request('POST', '/frames', { credential: g.credential, body: { type: 'send', clientId, text: 'wakes the poll' } });
      const message = FrameBatch.safeParse(answer.body).data?.frames.find((f) => f.type === 'sent');
      expect(message?.type === 'sent', `the send was refused: ${describeBody(answer)}`);
      sent.push(message.message);
      const polled = await waiting;
      const took = Date.now() - began;
      const frames = parsed(FrameBatch, polled.body, 'the FrameBatch').frames;
      expect(took < 8_000, `the poll answered after ${took} ms`);
      expect(JSON.stringify(seqs(frames)) === JSON.stringify([message.message.seq]), `the poll answered seqs ${short(seqs(frames))}, expected [${message.message.seq}]`);
      return `answered in ${took} ms`;
    });
    await check('fallback.poll_invalid', 'POST /poll with waitMs over 30000 is 400 invalid_frame', async () =>
      expectError(await request('POST', '/poll', { credential: needGrant().credential, body: { after: 0, waitMs: 60_000 } }), 400, 'invalid_frame'));

    // ---- rate limits ------------------------------------------------------------------
    await check('limits.rate', 'A burst of 30 sends: every one is either stored once or refused rate_limited with its clientId and retryAfterMs > 0, and at least one is refused', async () => {
      const burst = await start();
      const { socket } = await connect(burst.credential, 0);
      const ids = Array.from({ length: 30 }, () => crypto.randomUUID());
      for (const clientId of ids) socket.send({ type: 'send', clientId, text: `burst ${clientId.slice(0, 4)}` });
      const answers = await Promise.all(ids.map((clientId) => Promise.race([socket.next('sent', (f) => f.clientId === clientId), socket.next('error', (f) => f.clientId === clientId)])));
      const { resend } = await connect(burst.credential, 0);
      await socket.close();
      const refused = answers.filter((a) => a.type === 'error');
      for (const a of refused) {
        expect(a.type === 'error' && a.error.code === 'rate_limited', `a send was refused with ${short(a)}`);
        expect((a.error.retryAfterMs ?? 0) > 0, `rate_limited without retryAfterMs > 0: ${short(a)}`);
      }
      expect(refused.length > 0, 'no send of 30 at once was rate limited');
      const stored = seqs(resend);
      expect(stored.length === answers.length - refused.length, `${answers.length - refused.length} answered sent, ${stored.length} stored`);
      return `${answers.length - refused.length} stored, ${refused.length} rate_limited (retryAfterMs ${refused[0]?.type === 'error' ? refused[0].error.retryAfterMs : '?'})`;
    });

    // ---- the offline form -------------------------------------------------------------
    await check('offline.accepted', 'POST /offline with email and message: 201 { id }; an invalid email is 400 invalid_frame', async () => {
      expectError(await request('POST', '/offline', { body: { email: 'not-an-address', message: 'hi', locale: 'en', timeZone: 'UTC' } }), 400, 'invalid_frame');
      const answer = await request('POST', '/offline', { body: { email: 'buyer@example.com', message: 'Please call me back about my order.', locale: 'en', timeZone: 'Europe/Lisbon' } });
      expect(answer.status === 201, `expected 201, got ${answer.status}: ${describeBody(answer)}`);
      return parsed(OfflineAccepted, answer.body, 'the answer').id;
    });

    // ---- with an agent ------------------------------------------------------------------
    let agent: AgentSide | undefined;
    let summary: ConversationSummary | undefined;
    const needAgent = (): AgentSide => agent ?? skip(options.agent ? 'needs agent.connect' : 'no agent credentials given (--agent-url, --agent)');
    if (options.agent) {
      await check('agent.connect', "An agent connects and the conversation is in its list", async () => {
        agent = await options.agent!();
        const g = needGrant();
        const welcome = await agent.next('welcome');
        summary = welcome.conversations.find((c) => c.id === g.conversationId);
        expect(summary, `the conversation ${g.conversationId} is not in the agent's list`);
        return `${welcome.agent.name}, ${welcome.conversations.length} conversations`;
      });
    }
    const conversationId = grant?.conversationId ?? '';
    await check('typing.buyer_to_agent', 'Buyer typing { on: true } reaches the agent', async () => {
      const a = needAgent();
      needMain().send({ type: 'typing', on: true });
      await a.next('typing', (f) => f.conversationId === conversationId && f.on);
      return 'relayed';
    });
    let agentMessage: SupportMessage | undefined;
    await check('agent.message', 'An agent message reaches the buyer live (author agent, the next seq)', async () => {
      const a = needAgent();
      const socket = needMain();
      a.send({ type: 'typing', conversationId, on: true });
      a.send({ type: 'send', conversationId, clientId: crypto.randomUUID(), text: 'Hello, how can I help?' });
      const got = await socket.next('message', (f) => f.message.author === 'agent');
      expect(got.message.seq === sent.length + 1, `the agent message has seq ${got.message.seq}, expected ${sent.length + 1}`);
      agentMessage = got.message;
      return `seq ${got.message.seq}`;
    });
    await check('typing.agent_to_buyer', 'Agent typing reaches the buyer as a typing frame', async () => {
      needAgent();
      const socket = needMain();
      const typing = socket.frames.find((f) => f.type === 'typing' && f.on);
      expect(typing, `no typing frame reached the buyer; frames: ${short(socket.frames.map((f) => f.type))}`);
      return 'relayed';
    });
    await check('receipt.read_by_agent', "The agent's read { seq } reaches the buyer as receipt { readByAgent ≥ seq }", async () => {
      const a = needAgent();
      const socket = needMain();
      const seq = sent.at(-1)?.seq ?? 1;
      a.send({ type: 'read', conversationId, seq });
      const receipt = await socket.next('receipt', (f) => f.readByAgent >= seq);
      return `readByAgent ${receipt.readByAgent}`;
    });
    await check('cursor.delivered_read', "The buyer's ack and read move the agent's deliveredToBuyer and readByBuyer", async () => {
      const a = needAgent();
      const socket = needMain();
      const seq = agentMessage?.seq ?? skip('needs agent.message');
      socket.send({ type: 'ack', seq });
      await a.next('conversation', (f) => f.conversation.id === conversationId && f.conversation.deliveredToBuyer >= seq);
      socket.send({ type: 'read', seq });
      await a.next('conversation', (f) => f.conversation.id === conversationId && f.conversation.readByBuyer >= seq);
      return `delivered and read ${seq}`;
    });
    await check('resume.agent_message', "A buyer reconnecting from the cursor before the agent's message gets it exactly once", async () => {
      needAgent();
      const message = agentMessage ?? skip('needs agent.message');
      const { socket, resend } = await connect(needGrant().credential, message.seq - 1);
      await socket.close();
      const got = resend.flatMap((f) => (f.type === 'message' ? [f.message] : []));
      expect(got.length === 1 && got[0]?.id === message.id, `got ${short(got.map((m) => `${m.author}:${m.seq}`))}`);
      return 'once';
    });
    await check('agent.close', 'An agent closing the conversation sends the buyer a closed frame', async () => {
      const a = needAgent();
      const socket = needMain();
      a.send({ type: 'close', conversationId });
      await socket.next('closed');
      return 'closed';
    });

    await check('frames.schema', 'Every frame the service sent parses as a BuyerServerFrame', async () => {
      const bad = [...sockets].flatMap((s) => s.invalid);
      expect(bad.length === 0, `${bad.length} frames broke the schema, e.g. ${short(bad[0])}`);
      return `${[...sockets].reduce((n, s) => n + s.frames.length, 0)} frames`;
    });
    await agent?.close();
  } finally {
    await Promise.all([...sockets].map((s) => s.close().catch(() => undefined)));
  }
  return results;
}

/** The results as a table for a terminal. */
export function formatSupportResults(results: readonly CheckResult[]): string {
  const mark = { pass: 'PASS', fail: 'FAIL', skip: 'skip' } as const;
  const width = Math.max(...results.map((r) => r.id.length));
  const lines = results.map((r) => `${mark[r.status]}  ${r.id.padEnd(width)}  ${r.title}${r.status === 'pass' ? '' : `\n      ${' '.repeat(width)}  → ${r.detail}`}`);
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  return `${lines.join('\n')}\n\n${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`;
}

/**
 * An {@link AgentSide} for a service with the reference console's protocol:
 * `POST {base}/api/login { id, password }` → `{ token }`, then WebSocket
 * `{base}/ws` with `hello { token }` and the `AgentFrame`s.
 */
export async function referenceAgent(base: string, id: string, password: string, timeoutMs = 5_000): Promise<AgentSide> {
  const root = base.replace(/\/+$/, '');
  const login = await fetch(`${root}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id, password }) });
  if (!login.ok) throw new CheckFailure(`agent login answered ${login.status}: ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const ws = new WebSocket(`${root.replace(/^http/, 'ws')}/ws`);
  const frames: AgentServerFrame[] = [];
  const taken = new Set<AgentServerFrame>();
  const waiters = new Set<() => void>();
  const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
  ws.on('error', () => undefined);
  ws.on('message', (data) => {
    try {
      frames.push(JSON.parse(data.toString()) as AgentServerFrame);
    } catch {
      return;
    }
    for (const wake of [...waiters]) wake();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'hello', token }));
  return {
    send: (frame) => ws.send(JSON.stringify(frame)),
    next: (type, where, wait = timeoutMs) =>
      new Promise((resolve, reject) => {
        type Match = Extract<AgentServerFrame, { type: typeof type }>;
        const check = (): boolean => {
          const found = frames.find((f) => !taken.has(f) && f.type === type && (!where || where(f as Match))) as Match | undefined;
          if (!found) return false;
          taken.add(found);
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = (): void => {
          check();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new CheckFailure(`the agent got no "${type}" frame within ${wait} ms`));
        }, wait);
        if (!check()) waiters.add(wake);
      }),
    close() {
      ws.close();
      return closed;
    },
  };
}
