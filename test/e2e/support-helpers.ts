// Helpers for the support e2e specs: each spec file runs its own reference
// backend (free loopback ports, a throw-away database) so it controls agents'
// presence, business hours and restarts without disturbing other specs.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { startServers, type RunningServers, type StartOptions } from '../../server/app.js';

export interface SupportServers {
  current: RunningServers;
  dbPath: string;
  /** Stops and starts the backend again on the same ports and database (a deploy, a crash). */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startSupportServers(support: StartOptions['support'] = {}): Promise<SupportServers> {
  const dir = mkdtempSync(join(tmpdir(), 'ck-support-e2e-'));
  const dbPath = join(dir, 'support.sqlite');
  // A snapshot of the built store: a rebuild of dist/ while the spec runs must not swap chunks under an open page.
  const storeRoot = join(dir, 'store');
  for (const entry of ['index.html', 'dist', 'demo']) cpSync(join(process.cwd(), entry), join(storeRoot, entry), { recursive: true });
  const base = { host: '127.0.0.1', dbPath, storeRoot, support };
  let current = await startServers({ ...base, storePort: 0, apiPort: 0 });
  const ports = { storePort: Number(new URL(current.storeUrl).port), apiPort: Number(new URL(current.apiUrl).port) };
  return {
    get current() {
      return current;
    },
    dbPath,
    async restart() {
      await current.close();
      current = await startServers({ ...base, ...ports });
    },
    async dispose() {
      await current.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The buyer: the demo store page with its bubble, in a language of the test's choice. */
export async function openStore(context: BrowserContext, storeUrl: string, locale = 'en'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${storeUrl}/`);
  await page.locator('ck-support-bubble').evaluate((bubble, value) => bubble.setAttribute('locale', value), locale);
  return page;
}

/** Opens the chat panel from the launcher and waits for the dialog. */
export async function openChat(page: Page, launcherName: string | RegExp = 'Chat with us'): Promise<void> {
  await page.getByRole('button', { name: launcherName }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
}

export async function sendFromBuyer(page: Page, text: string, field: string | RegExp = 'Message', send: string | RegExp = 'Send'): Promise<void> {
  await page.getByRole('textbox', { name: field }).fill(text);
  await page.getByRole('button', { name: send, exact: true }).click();
}

/** The agent: the console at /agent on the API origin, signed in. */
export async function openConsole(browser: Browser, apiUrl: string, agent = 'ana', password = 'sandbox-agent-ana'): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${apiUrl}/agent`);
  await page.getByRole('textbox', { name: 'Agent' }).fill(agent);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  return page;
}

/** Every stored message text of the newest conversation, straight from SQLite. */
export function storedTexts(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const latest = db.prepare('SELECT id FROM support_conversations ORDER BY created_at DESC, rowid DESC LIMIT 1').get() as { id: string } | undefined;
    if (!latest) return [];
    return (db.prepare('SELECT text FROM support_messages WHERE conversation_id = ? ORDER BY seq').all(latest.id) as { text: string }[]).map((m) => m.text);
  } finally {
    db.close();
  }
}

/** The analytics events (`POST /events`) the backend stored for a checkout session, in order: `[type, data]`. */
export function storedEvents(dbPath: string, sessionId: string): [string, unknown][] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT type, data_json AS data FROM events WHERE session_id = ? ORDER BY at, rowid').all(sessionId) as { type: string; data: string | null }[];
    return rows.map((row) => [row.type, row.data ? (JSON.parse(row.data) as unknown) : null]);
  } finally {
    db.close();
  }
}
