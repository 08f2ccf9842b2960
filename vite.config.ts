import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { minifyCssLiterals } from './scripts/minify-css-literals.js';
import { preloadCoreChunk } from './scripts/preload-core-chunk.js';
import { sriManifest } from './scripts/sri-plugin.js';

/** package.json's version, the one source of `VERSION` (src/elements/base/ck-element.ts). */
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Modules only lazy chunks use: other locales, region catalogs, the payment stage and its action views, the analytics outbox. */
const LAZY_ONLY =
  /locales\/(?!en\/(index|checkout|catalog)\.)|catalog\/regions\/|core\/payment\/(?!attempt-key)|elements\/payment-action\/|elements\/checkout\/payment(-stage|-events|\.templates)|protocol\/(payment|events|wallet)\.schema|core\/experiments\/|protocol\/bucketing|define\/payment-action|qrcode-generator|@floating-ui|elements\/checkout\/analytics-outbox|core\/analytics\/|core\/i18n\/later-parts|elements\/method-picker\/marks\/(?!mark\.)|elements\/checkout\/wallet-(sheet|controller)|elements\/card-fields\/|define\/card-fields|core\/card\/|protocol\/card-frame\.schema/;

/** The support bubble: only its launcher (element + styles) is eager; panel, call, transport, floating-ui placement and its schemas load later. */
const SUPPORT_LAZY = /elements\/support-bubble\/(?!support-bubble\.(ts|styles))|elements\/support-call\/|core\/support\/|protocol\/support(-call)?\.schema/;

/**
 * The support launcher: its own chunk, which the drop-in entry imports beside the element chunk,
 * so a page shows its bubble without the method list ever waiting for the launcher's bytes.
 */
const LAUNCHER = /define\/support-bubble\.ts$|elements\/support-bubble\/support-bubble\.(ts|styles\.ts)$/;

/** The drop-in entry and its early start: bundled into the entry file itself, never into the element chunk. */
const ENTRY_ONLY = /src\/checkout-kit\.ts$|src\/early\//;

const external = /^(lit|@lit\/|@lit-labs\/|i18next|zod|qrcode-generator|@floating-ui\/)/;

/**
 * Two library builds:
 * - default: `dist/checkout-kit.js`, the self-contained drop-in for a script tag.
 *   Locales and features needed later are dynamic imports → lazy chunks beside it.
 * - `--mode npm`: `dist/lib/`, per-element entries for bundler users, with
 *   dependencies left external so an app shares one copy of lit (and so a
 *   server render in Node resolves lit's Node build).
 */
export default defineConfig(({ mode }) => {
  const npm = mode === 'npm';
  return {
    plugins: [minifyCssLiterals(), ...(npm ? [] : [preloadCoreChunk(), sriManifest()])],
    // Written into both builds as a string literal, so the drop-in and dist/lib report the published version.
    define: { __CHECKOUT_KIT_VERSION__: JSON.stringify(version) },
    build: {
      target: 'es2022',
      // Terser's extra passes make the drop-in ~9% smaller (gzip) than the default minifier; see `npm run size`.
      minify: 'terser',
      terserOptions: {
        ecma: 2020,
        module: true,
        compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
        format: { comments: false },
      },
      outDir: npm ? 'dist/lib' : 'dist',
      emptyOutDir: !npm,
      // Kept beside the build for `npm run size` and debugging; package.json `files` leaves them out of the tarball.
      sourcemap: true,
      lib: {
        entry: (npm
          ? {
              index: 'src/index.ts',
              'define/checkout': 'src/define/checkout.ts',
              'define/method-picker': 'src/define/method-picker.ts',
              'define/amount': 'src/define/amount.ts',
              'define/payment-action': 'src/define/payment-action.ts',
              'define/support-bubble': 'src/define/support-bubble.ts',
              // The drop-in's `node` condition: the same exports with lit external, so Node gets lit's server build.
              'checkout-kit': 'src/checkout-kit.ts',
              // Types-only entries; their empty modules let `import 'checkout-kit/react'` resolve in any bundler.
              'frameworks/react': 'src/frameworks/react.ts',
              'frameworks/vue': 'src/frameworks/vue.ts',
              'frameworks/svelte': 'src/frameworks/svelte.ts',
            }
          : { 'checkout-kit': 'src/checkout-kit.ts' }) as Record<string, string>,
        formats: ['es'],
      },
      rolldownOptions: {
        external: npm ? external : undefined,
        // Terser is the slow step by design (see minify above); the timing warning about it is noise.
        checks: { pluginTimings: false },
        output: {
          // Locale chunks are named after their locale (`th`, `th-payment`), not after the module file.
          chunkFileNames: (chunk) => {
            const locale = /locales\/([^/]+)\/(index|payment)\.ts$/.exec(chunk.facadeModuleId ?? '');
            if (!locale) return 'chunks/[name]-[hash].js';
            return `chunks/${locale[1]}${locale[2] === 'payment' ? '-payment' : ''}-[hash].js`;
          },
          // Everything the first paint needs in one hashed file next to the entry, so
          // gzip shares its dictionary across lit, i18next, zod and us. The entry stays
          // tiny and out of that chunk on purpose: it only starts the early requests
          // (src/early/) and import()s the hashed chunk, so it runs before the big file
          // arrives; lazy chunks import the hashed chunk, never the entry, so a store that
          // loads `checkout-kit.js?v=…` still gets one module graph (one i18n instance),
          // and the big file is cacheable forever.
          codeSplitting: npm
            ? undefined
            : { groups: [{ name: 'core', test: (id: string) => !LAZY_ONLY.test(id) && !SUPPORT_LAZY.test(id) && !ENTRY_ONLY.test(id) && !LAUNCHER.test(id) }] },
        },
      },
    },
  };
});
