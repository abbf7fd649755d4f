// Vite builds the app into dist/ with relative asset paths, so the same build works under the
// router's /app/ and at any path of any static host. `npm run dev` proxies the API to a running
// `npm start`, so the dev server's pages call it same-origin as the router's /app/ does.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const routerOrigin = 'http://127.0.0.1:4000';

export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/graphql': { target: routerOrigin, ws: true } },
  },
});
