import MagicString from 'magic-string';
import type { Plugin } from 'vite';

/** What the drop-in entry writes where it needs the element chunk's file name (see src/checkout-kit.ts). */
export const CORE_CHUNK_PLACEHOLDER = '__CHECKOUT_KIT_CORE_CHUNK__';

/**
 * Writes the hashed element chunk's file name into the drop-in entry, which
 * preloads it. The bundler reaches that chunk through a one-line facade chunk
 * (`drop-in-elements-*.js`); without the preload the browser would fetch the
 * facade, and only then the chunk: one more request level before the list.
 */
export function preloadCoreChunk(): Plugin {
  return {
    name: 'checkout-kit:preload-core-chunk',
    apply: 'build',
    renderChunk(code, chunk, _options, meta) {
      if (!chunk.isEntry || !code.includes(CORE_CHUNK_PLACEHOLDER)) return null;
      const core = Object.values(meta.chunks).find((other) => other.name === 'core');
      if (!core) throw new Error('checkout-kit: no "core" chunk to preload from the drop-in entry');
      const text = new MagicString(code);
      let at = code.indexOf(CORE_CHUNK_PLACEHOLDER);
      while (at !== -1) {
        text.overwrite(at, at + CORE_CHUNK_PLACEHOLDER.length, `./${core.fileName}`);
        at = code.indexOf(CORE_CHUNK_PLACEHOLDER, at + 1);
      }
      return { code: text.toString(), map: text.generateMap({ hires: true }) };
    },
  };
}
