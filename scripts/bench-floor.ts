// Two pages for `npm run bench` that are not the product, built into temporary folders: what the
// 2× target at 1× CPU is up against. `floor-plain` (scripts/bench-floor/plain.ts) does the least any
// drop-in does before its list is usable, with no library: the session request and a shadow-DOM list
// of radios. `floor-libraries` (scripts/bench-floor/libraries*.ts) does the same with lit, i18next and
// zod each doing the least the list needs of it, and with the drop-in's request structure (a tiny entry
// that asks for the session while the libraries' chunk downloads). Neither validates, orders,
// translates beyond three strings, or handles a fault: a real list only costs more.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

/** Build name (as served by the bench's page origin) → what it is, for the bench's tables. */
export const FLOORS = {
  'floor-plain': 'floor: no library (session request + a list of radios)',
  'floor-libraries': 'floor: the same with lit, i18next and zod',
} as const;

const ENTRIES: Record<keyof typeof FLOORS, string> = {
  'floor-plain': 'scripts/bench-floor/plain.ts',
  'floor-libraries': 'scripts/bench-floor/libraries-entry.ts',
};

/** Builds both floors as the drop-in is built (ES modules, terser); returns each root holding `dist/`, and a remover. */
export async function buildFloors(): Promise<{ builds: Record<keyof typeof FLOORS, string>; remove(): void }> {
  const root = mkdtempSync(join(tmpdir(), 'ck-floor-'));
  const builds = {} as Record<keyof typeof FLOORS, string>;
  for (const [name, entry] of Object.entries(ENTRIES) as [keyof typeof FLOORS, string][]) {
    builds[name] = join(root, name);
    await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        target: 'es2022',
        minify: 'terser',
        terserOptions: { ecma: 2020, module: true, compress: { passes: 3 }, format: { comments: false } },
        outDir: join(builds[name], 'dist'),
        emptyOutDir: true,
        lib: { entry, formats: ['es'], fileName: () => 'checkout-kit.js' },
        rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
      },
    });
  }
  return { builds, remove: () => rmSync(root, { recursive: true, force: true }) };
}
