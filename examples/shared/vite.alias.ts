/**
 * Inside this repository the examples build against the sources, so they need no `npm run build`.
 * In a store's app, leave this out: `checkout-kit/*` resolves from node_modules through the
 * package's `exports`.
 */
import { fileURLToPath } from 'node:url';

const src = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

export const checkoutKitFromSource = [
  { find: /^checkout-kit\/checkout$/, replacement: src('define/checkout.ts') },
  { find: /^checkout-kit\/(react|vue|svelte)$/, replacement: src('frameworks/$1.ts') },
  { find: /^checkout-kit$/, replacement: src('index.ts') },
];
