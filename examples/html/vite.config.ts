import { defineConfig } from 'vite';
import { checkoutKitFromSource } from '../shared/vite.alias.js';

export default defineConfig({ resolve: { alias: checkoutKitFromSource } });
