import { defineConfig } from 'vite';
import { checkoutKitFromSource } from '../shared/vite.alias.js';

// No React plugin needed to build: Vite compiles TSX with the automatic runtime
// (add @vitejs/plugin-react for Fast Refresh during development).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: { alias: checkoutKitFromSource },
});
