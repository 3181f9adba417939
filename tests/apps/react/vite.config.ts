import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs, so the built app works from any folder.
  base: './',
  // `vite` dev only: the dependency optimizer would move the module away from
  // its .wasm (vite#8427); `vite build` needs nothing.
  optimizeDeps: { exclude: ['smart-link-clicks'] },
});
