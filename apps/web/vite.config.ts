import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The country outline is its own chunk (the map imports it on start): name it in index.html as a
 * modulepreload, so a phone fetches it beside the app's script instead of after the script has run.
 */
function preloadCountryOutline(): Plugin {
  return {
    name: 'agrilink-preload-country-outline',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const outline = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && /[\\/]assets[\\/]vietnam-provinces\.json$/.test(c.facadeModuleId ?? ''),
        );
        return outline
          ? [
              {
                tag: 'link',
                attrs: { rel: 'modulepreload', crossorigin: true, href: `/${outline.fileName}` },
                injectTo: 'head',
              },
            ]
          : [];
      },
    },
  };
}

// Built into apps/web/dist, which the api serves at `/` (apps/api/src/configure-app.ts).
export default defineConfig({
  root: __dirname,
  base: '/',
  plugins: [preloadCountryOutline()],
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
