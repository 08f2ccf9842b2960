/**
 * A minimal round-robin load balancer for the multi-instance e2e and bench:
 * HTTP requests and WebSocket upgrades go to the next instance in turn, with
 * no stickiness (docs/deploy.md: none is needed). A request is retried on the
 * next instance only when the connection was refused — it never reached an
 * instance, so nothing can be done twice — which is how a load balancer
 * routes around a killed instance. Loopback only; not a production proxy
 * (docs/deploy.md shows nginx for that).
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface RoundRobin {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  url: string;
  /** Requests and upgrades each instance answered, by target URL. */
  readonly counts: Map<string, number>;
  /** Replaces the instances (e.g. once their ports are known). */
  setTargets(targets: readonly string[]): void;
  /** Sends WebSocket upgrades to this instance only (a test placing a buyer); `undefined`: round-robin. */
  pinUpgrades(target: string | undefined): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

export async function startRoundRobin(initial: readonly string[] = []): Promise<RoundRobin> {
  let targets = [...initial];
  let next = 0;
  let pinned: string | undefined;
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();

  /** The instances to try, starting with the next in turn. */
  const order = (): string[] => {
    const start = next++ % Math.max(1, targets.length);
    return [...targets.slice(start), ...targets.slice(0, start)];
  };
  const count = (target: string): void => void counts.set(target, (counts.get(target) ?? 0) + 1);

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, candidates: string[]): void => {
    const target = candidates[0];
    if (!target) {
      res.writeHead(502, { 'Content-Type': 'text/plain' }).end('No instance answered.');
      return;
    }
    const url = new URL(target);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    // Appended, as nginx's $proxy_add_x_forwarded_for does: the instance believes it only from a trusted proxy.
    const previous = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = [previous, req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = httpRequest(
      { host: url.hostname, port: url.port, method: req.method, path: req.url, headers: { ...headers, 'content-length': String(body.length) } },
      (answer) => {
        count(target);
        const out: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && !res.headersSent) forward(req, res, body, candidates.slice(1));
      else if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' }).end('Instance failed.');
      else res.destroy();
    });
    upstream.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), order()));
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const tryNext = (candidates: string[]): void => {
      const target = candidates[0];
      if (!target) {
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const url = new URL(target);
      const upstream = connect(Number(url.port), url.hostname);
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.once('connect', () => {
        count(target);
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length) upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED' && !client.destroyed) tryNext(candidates.slice(1));
        else client.destroy();
      });
      client.once('error', () => upstream.destroy());
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    };
    tryNext(pinned ? [pinned, ...targets.filter((t) => t !== pinned)] : order());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    setTargets(list) {
      targets = [...list];
    },
    pinUpgrades(target) {
      pinned = target;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
