/**
 * `npm start`: the demo store on http://127.0.0.1:5173 and the reference
 * backend on http://127.0.0.1:8787 (override with PORT and API_PORT, the
 * database with CHECKOUT_KIT_DB, further store origins allowed by CORS with
 * CHECKOUT_KIT_ALLOWED_ORIGINS). Several instances on Postgres: DATABASE_URL,
 * HOST, PUBLIC_*_URL and CHECKOUT_KIT_DRAIN_DELAY_MS (docs/deploy.md).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServers } from './app.js';
import { setTimeout as delay } from 'node:timers/promises';
import { DEFAULT_DB_PATH, SANDBOX_MERCHANT_SECRET, allowedOriginsFromEnv, deploymentFromEnv, merchantSecretFromEnv, type DeploymentConfig } from './config.js';
import { synchronousFromEnv, type Synchronous } from './db/database.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be a port number, got "${raw}".`);
    process.exit(1);
  }
  return value;
}

/** Further store origins (a React or Vue dev server); a malformed entry stops the start-up with its reason. */
function allowedOrigins(): string[] {
  try {
    return allowedOriginsFromEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

/** `CHECKOUT_KIT_DB_SYNCHRONOUS=FULL` makes every commit survive power loss (docs/protocol.md, "Durability"). */
function synchronous(): Synchronous | undefined {
  try {
    return synchronousFromEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

/** DATABASE_URL, HOST, PUBLIC_*_URL; a malformed one stops the start-up with its reason (never a password). */
function deployment(): DeploymentConfig {
  try {
    return deploymentFromEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

const extraStoreOrigins = allowedOrigins();
const sync = synchronous();
const deploy = deployment();
const servers = await startServers({
  ...(sync ? { synchronous: sync } : {}),
  ...(deploy.databaseUrl ? { databaseUrl: deploy.databaseUrl } : {}),
  publicUrls: deploy.publicUrls,
  trustedProxies: deploy.trustedProxies,
  host: deploy.host,
  storePort: port('PORT', 5173),
  apiPort: port('API_PORT', 8787),
  cardPort: port('CARD_PORT', 8788),
  dbPath: resolve(root, process.env['CHECKOUT_KIT_DB'] || DEFAULT_DB_PATH),
  storeRoot: root,
  merchantSecret: merchantSecretFromEnv(),
  extraStoreOrigins,
}).catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') console.error(`A port is already in use (${String(error)}); set PORT / API_PORT / CARD_PORT.`);
  else if (deploy.databaseUrl) console.error(`Could not start on Postgres: ${(error as Error).message}`);
  else console.error(error);
  process.exit(1);
});

console.log(`Demo store: ${servers.storeUrl}/`);
console.log(`Checkout API: ${servers.apiUrl}/checkout/v1 (merchant API: ${servers.apiUrl}/merchant/v1)`);
console.log(`Payment origin (card frame, sandbox vault): ${servers.cardUrl}/`);
console.log(`Merchant dashboard: ${servers.apiUrl}/dashboard · support agents' console: ${servers.apiUrl}/agent`);
if (deploy.publicUrls.api || deploy.publicUrls.store || deploy.publicUrls.card) {
  console.log(`Listening: store ${servers.listeners.store} · api ${servers.listeners.api} · card ${servers.listeners.card}`);
}
console.log(`Storage: ${deploy.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'SQLite (embedded)'} · health: ${servers.apiUrl}/healthz, readiness: ${servers.apiUrl}/readyz`);
if (extraStoreOrigins.length > 0) console.log(`CORS also allows: ${extraStoreOrigins.join(', ')}`);
if (servers.merchantSecret === SANDBOX_MERCHANT_SECRET) {
  console.log('Using the public sandbox merchant secret; set CHECKOUT_KIT_MERCHANT_SECRET to change it.');
}
if (!existsSync(join(root, 'dist', 'checkout-kit.js'))) {
  console.log('dist/checkout-kit.js is missing: run `npm run build` (or `npm start`, which builds first).');
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: draining (readiness now fails), then stopping.`);
  // Readiness fails at once; the load balancer needs a poll or two to stop sending new requests here.
  servers.startDraining();
  if (deploy.drainDelayMs > 0) await delay(deploy.drainDelayMs);
  await servers.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
