import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { checkoutKitFromSource } from '../shared/vite.alias.js';

export default defineConfig({
  // Tell Vue's compiler the ck-* tags are custom elements: it then binds properties and events
  // on them instead of looking for Vue components of that name.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('ck-') } } })],
  resolve: { alias: checkoutKitFromSource },
});
