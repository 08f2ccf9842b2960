// Every e2e test runs with this guard: whatever the scenario (faults, offline,
// expired tokens, blocked chunks), the widget must not throw uncaught on the
// store's page. A test that provokes errors on purpose still passes as long as
// the widget handled them (ck-error, a visible state), because those never
// reach `pageerror`.
//
// Tests about time (a QR code or a token that expires) take `clockedBackend`:
// their own reference backend whose clock only the test moves, together with
// the page's clock (Playwright's `page.clock`), so nothing depends on how fast
// a loaded machine runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import { startServers } from '../../server/app.js';
import type { Backend } from './support.js';

/** A reference backend of one worker, on free loopback ports, whose clock moves only when a test says so (on top of wall time). */
export interface ClockedBackend extends Backend {
  /**
   * Installs Playwright's fake clock in the page at the backend's current
   * time (call before the page navigates), so both clocks read the same; it
   * runs on at wall-clock pace until `advance` moves both.
   */
  installClock(page: Page): Promise<void>;
  /**
   * Moves the backend's clock and the page's clock forward by `ms` together:
   * the backend expires what it should, and the page fires the timers that
   * were due (its polls, its countdown) once, as after a laptop's sleep.
   * The page's clock must have been installed with `installClock`.
   */
  advance(page: Page, ms: number): Promise<void>;
  /** Moves only the backend's clock (e.g. a token that expires while the page does nothing). */
  advanceBackend(ms: number): void;
}

async function startClockedBackend(): Promise<{ backend: ClockedBackend; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ck-e2e-clocked-'));
  const dbPath = join(dir, 'e2e.sqlite');
  let offset = 0;
  const servers = await startServers({
    host: '127.0.0.1',
    storePort: 0,
    apiPort: 0,
    dbPath,
    storeRoot: process.cwd(),
    now: () => Date.now() + offset,
  });
  const backend: ClockedBackend = {
    storeUrl: servers.storeUrl,
    apiUrl: servers.apiUrl,
    dbPath,
    async installClock(page) {
      await page.clock.install({ time: Date.now() + offset });
    },
    async advance(page, ms) {
      offset += ms;
      await page.clock.fastForward(ms);
    },
    advanceBackend(ms) {
      offset += ms;
    },
  };
  return {
    backend,
    async close() {
      await servers.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ uncaughtErrors: string[] }, { clockedBackend: ClockedBackend }>({
  uncaughtErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(errors);
      expect(errors, 'uncaught errors on the page').toEqual([]);
    },
    { auto: true },
  ],
  // One per worker, started only by the tests that ask for it; each test creates its own sessions on it.
  clockedBackend: [
    // The empty pattern is how Playwright is told this fixture needs no other fixture.
    async ({}, use) => {
      const { backend, close } = await startClockedBackend();
      await use(backend);
      await close();
    },
    { scope: 'worker' },
  ],
});

export { expect };
