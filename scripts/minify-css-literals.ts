import { transform } from 'lightningcss';
import type { Plugin } from 'vite';

/**
 * Minifies the CSS inside Lit's css`…` literals of `*.styles.ts` modules at
 * build time. The sources keep their comments (why a rule exists); the drop-in
 * ships none of them. Only literals without `${…}` are touched: an
 * interpolation would make the text something other than plain CSS.
 */
export function minifyCssLiterals(): Plugin {
  return {
    name: 'checkout-kit:minify-css-literals',
    apply: 'build',
    transform(code, id) {
      if (!/\.styles\.ts$/.test(id)) return null;
      let changed = false;
      const out = code.replace(/\bcss`([^`]*)`/g, (whole, text: string) => {
        if (text.includes('${') || text.includes('\\')) return whole;
        const { code: minified } = transform({ filename: id, code: Buffer.from(text), minify: true });
        const css = minified.toString();
        if (css.includes('`') || css.includes('\\') || css.includes('${')) return whole;
        changed = true;
        return `css\`${css}\``;
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}
