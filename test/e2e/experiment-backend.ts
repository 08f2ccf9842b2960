// A reference backend of a spec's own that runs one experiment (free ports, a throw-away SQLite file),
// and sessions picked by the variant the backend will assign them: shared by the experiment and
// dashboard specs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServers, type RunningServers } from '../../server/app.js';
import { assignVariant, type ExperimentDefinition } from '../../src/core/protocol/bucketing.js';
import { test } from './fixtures.js';
import { createCheckout, type Backend, type CheckoutHandle } from './support.js';

export interface ExperimentBackend {
  servers(): RunningServers;
  backend(): Backend;
  /** Sessions until one lands in `variant` (the demo store passes no buyer id, so the session id is the unit). */
  sessionIn(request: Parameters<typeof createCheckout>[0], variant: string): Promise<CheckoutHandle>;
}

/** Starts the backend before the spec file's tests and stops it after them (call at the file's top level). */
export function useExperimentBackend(experiment: ExperimentDefinition, name: string): ExperimentBackend {
  let servers: RunningServers | undefined;
  let backend: Backend | undefined;
  let dir = '';
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `ck-e2e-${name}-`));
    const dbPath = join(dir, 'e2e.sqlite');
    servers = await startServers({ host: '127.0.0.1', storePort: 0, apiPort: 0, dbPath, storeRoot: process.cwd(), experiments: [experiment] });
    backend = { storeUrl: servers.storeUrl, apiUrl: servers.apiUrl, dbPath };
  });
  test.afterAll(async () => {
    await servers?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the experiment backend is not started (call useExperimentBackend at the top level)');
    return value;
  };
  return {
    servers: () => started(servers),
    backend: () => started(backend),
    async sessionIn(request, variant) {
      for (let i = 0; i < 40; i++) {
        const handle = await createCheckout(request, { backend: started(backend), country: 'NL', currency: 'EUR' });
        if (assignVariant(experiment, handle.sessionId, 'NL')?.variant === variant) return handle;
      }
      throw new Error(`no session in variant ${variant} among 40`);
    },
  };
}
