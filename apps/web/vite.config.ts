import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Built into apps/web/dist, which the api serves at `/` (apps/api/src/configure-app.ts).
export default defineConfig({
  root: __dirname,
  base: '/',
  publicDir: resolve(__dirname, 'public'),
  build: {
    outDir: resolve(__dirname, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npx vite --config apps/web/vite.config.ts` during development, with the api on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
