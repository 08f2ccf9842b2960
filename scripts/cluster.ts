/**
 * Several instances of the reference backend on one Postgres, behind
 * round-robin balancers (one per listener: store, API, payment origin), as
 * docs/deploy.md describes — for the multi-instance e2e and `npm run bench`.
 * Each instance is its own `node server/main.ts` process, started exactly as
 * a deployment would start it (environment variables only), so killing one
 * is a real crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRoundRobin, type RoundRobin } from './round-robin.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Instance {
  name: string;
  process: ChildProcess;
  listeners: { store: string; api: string; card: string };
  /** What it printed, for a failing test's message. */
  log: string[];
}

export interface Cluster {
  /** The balancers: what buyers, agents and the PSP use. */
  store: RoundRobin;
  api: RoundRobin;
  card: RoundRobin;
  instances: Instance[];
  /** SIGKILL: no drain, no goodbye — the instance's sockets just drop. */
  kill(index: number): Promise<void>;
  /** SIGTERM after taking it out of the balancers: the graceful path (readiness fails, sockets handed over, requests finish). */
  terminate(index: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Postgres for every instance; without it, `sqlitePath` and one instance (SQLite is one process's). */
  databaseUrl?: string;
  sqlitePath?: string;
  instances?: number;
  /** Extra environment for every instance (CHECKOUT_KIT_AGENTS, business hours, …). */
  env?: NodeJS.ProcessEnv;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', () => done()));
}

async function startInstance(name: string, env: NodeJS.ProcessEnv): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: '0', API_PORT: '0', CARD_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const listeners = await new Promise<Instance['listeners']>((resolveListeners, reject) => {
    let buffered = '';
    const onLine = (chunk: Buffer): void => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        log.push(line);
        const match = /^Listening: store (\S+) · api (\S+) · card (\S+)/.exec(line);
        if (match) resolveListeners({ store: match[1]!, api: match[2]!, card: match[3]! });
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`instance ${name} exited (${code}) before listening:\n${log.join('\n')}`)));
  });
  return { name, process: child, listeners, log };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (!options.databaseUrl && (!options.sqlitePath || (options.instances ?? 2) !== 1)) {
    throw new Error('Several instances need a databaseUrl (Postgres); SQLite serves one instance from sqlitePath.');
  }
  const [store, api, card] = await Promise.all([startRoundRobin(), startRoundRobin(), startRoundRobin()]);
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { DATABASE_URL: '', CHECKOUT_KIT_DB: options.sqlitePath }),
    PUBLIC_STORE_URL: store.url,
    PUBLIC_API_URL: api.url,
    PUBLIC_CARD_URL: card.url,
    // The balancers run on loopback: their X-Forwarded-For carries the client (the bench sends one per simulated buyer).
    CHECKOUT_KIT_TRUSTED_PROXIES: '127.0.0.1',
  };
  const instances: Instance[] = [];
  try {
    // One after the other: each start migrates under an advisory lock anyway, and the logs stay readable.
    for (let i = 0; i < (options.instances ?? 2); i++) instances.push(await startInstance(String.fromCharCode(65 + i), env));
  } catch (error) {
    for (const instance of instances) instance.process.kill('SIGKILL');
    await Promise.all([store.close(), api.close(), card.close()]);
    throw error;
  }
  const leaving = new Set<Instance>();
  const route = (): void => {
    const alive = instances.filter((instance) => instance.process.exitCode === null && instance.process.signalCode === null && !leaving.has(instance));
    store.setTargets(alive.map((instance) => instance.listeners.store));
    api.setTargets(alive.map((instance) => instance.listeners.api));
    card.setTargets(alive.map((instance) => instance.listeners.card));
  };
  route();
  return {
    store,
    api,
    card,
    instances,
    async kill(index) {
      const instance = instances[index]!;
      instance.process.kill('SIGKILL');
      await exited(instance.process);
      // A load balancer's health check notices within seconds; ours is told at once so tests stay fast.
      route();
    },
    async terminate(index) {
      const instance = instances[index]!;
      // As a balancer polling /readyz would: no new requests once the instance starts draining.
      leaving.add(instance);
      route();
      instance.process.kill('SIGTERM');
      await exited(instance.process);
      route();
    },
    async stop() {
      for (const instance of instances) if (instance.process.exitCode === null) instance.process.kill('SIGTERM');
      await Promise.all(instances.map((instance) => exited(instance.process)));
      await Promise.all([store.close(), api.close(), card.close()]);
    },
  };
}
