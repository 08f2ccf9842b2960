/**
 * The agent console's call logic is the buyer's: the same `CallMachine`
 * (src/core/support/call/), served to the console as one small ES module built
 * on first request. esbuild is here anyway (tsx runs the server on it), so the
 * console gets the tested machine instead of a hand-copied second one. It is
 * bundled from a file path, not imported: the server itself uses no call code.
 */
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../../src/core/support/call/call-machine.ts', import.meta.url));

let built: Promise<string> | null = null;

/** `CallMachine` and the reconnect policy as an ES module for the browser (built once per process). */
export function callCoreModule(): Promise<string> {
  built ??= import('esbuild')
    .then((esbuild) => esbuild.build({ entryPoints: [ENTRY], bundle: true, format: 'esm', target: 'es2022', write: false, minify: false, logLevel: 'silent' }))
    .then((result) => result.outputFiles[0]?.text ?? '')
    .catch((error: unknown) => {
      built = null;
      throw error;
    });
  return built;
}
