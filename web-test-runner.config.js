// Component tests in real Chromium (Debian's or playwright's own, see scripts/chromium.js).
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupJson from '@rollup/plugin-json';
import { findChromium, CHROMIUM_ARGS } from './scripts/chromium.js';

const json = fromRollup(rollupJson);

export default {
  files: ['src/**/*.test.ts', '!src/core/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  mimeTypes: { 'locales/**/*.json': 'js' },
  plugins: [json({}), esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 600000,
};
