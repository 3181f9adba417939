import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // Relative asset URLs, so the built app works from any folder.
  base: './',
  plugins: [
    vue({
      // <smart-link-clicks> is a custom element, not a Vue component.
      template: { compilerOptions: { isCustomElement: (tag) => tag === 'smart-link-clicks' } },
    }),
  ],
  // `vite` dev only: the dependency optimizer would move the module away from
  // its .wasm (vite#8427); `vite build` needs nothing.
  optimizeDeps: { exclude: ['smart-link-clicks'] },
});
