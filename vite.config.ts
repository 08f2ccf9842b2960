import { defineConfig } from 'vite';

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
    build: {
      target: 'es2022',
      outDir: npm ? 'dist/lib' : 'dist',
      emptyOutDir: !npm,
      sourcemap: true,
      lib: {
        entry: (npm
          ? {
              index: 'src/index.ts',
              'define/checkout': 'src/define/checkout.ts',
              'define/method-picker': 'src/define/method-picker.ts',
              'define/amount': 'src/define/amount.ts',
              'define/payment-action': 'src/define/payment-action.ts',
            }
          : { 'checkout-kit': 'src/checkout-kit.ts' }) as Record<string, string>,
        formats: ['es'],
      },
      rolldownOptions: {
        external: npm ? external : undefined,
        output: { chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
});
