import { defineConfig } from 'vite';

/**
 * The card frame's own bundle (issue 13): `dist/card-frame/card-frame.js` and
 * one chunk per locale, served by the payment origin (server/card-frame/), never
 * by the store. Separate from the drop-in so the store page loads none of it and
 * the frame loads no lit. Built after the drop-in (`npm run build`), whose build
 * empties `dist/`. `npm run size` reports its gzip size.
 */
export default defineConfig({
  build: {
    target: 'es2022',
    minify: 'terser',
    terserOptions: { ecma: 2020, module: true, compress: { passes: 3, pure_getters: true }, format: { comments: false } },
    outDir: 'dist/card-frame',
    emptyOutDir: true,
    sourcemap: true,
    lib: { entry: { 'card-frame': 'src/card-frame/main.ts' }, formats: ['es'] },
    rolldownOptions: {
      checks: { pluginTimings: false },
      output: {
        chunkFileNames: (chunk) => {
          const locale = /locales\/([^/]+)\/card-frame\.json$/.exec(chunk.facadeModuleId ?? '');
          return locale ? `chunks/${locale[1]}-[hash].js` : 'chunks/[name]-[hash].js';
        },
      },
    },
  },
});
