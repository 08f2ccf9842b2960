import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { checkoutKitFromSource } from '../shared/vite.alias.js';

export default defineConfig({
  plugins: [svelte()],
  resolve: { alias: checkoutKitFromSource },
});
