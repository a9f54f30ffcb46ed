import path from 'node:path';
import { defineConfig } from 'vite';

/**
 * The console is built into dist/web, which the API serves at `/` (same origin: the bearer token and the notification
 * stream need no CORS). Pages load their own chunks (maps, charts) so the first load stays small.
 */
export default defineConfig({
  root: __dirname,
  base: '/',
  build: {
    outDir: path.resolve(__dirname, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // React Query marks files "use client" for server-component bundlers; a browser bundle has nothing to preserve.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // JSX through Vite's own transformer, with React's automatic runtime (no Babel plugin needed).
  oxc: { jsx: { runtime: 'automatic' } },
  server: { proxy: { '^/(?!src|@|node_modules|assets).*': { target: process.env.API_URL ?? 'http://127.0.0.1:3000', bypass: (req) => (req.headers.accept?.includes('text/html') ? '/index.html' : undefined) } } },
});
