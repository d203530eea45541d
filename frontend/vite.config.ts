import react from '@vitejs/plugin-react';
import type { ProxyOptions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `npm run dev` against a running headless backend: set REGATTA_DEV_URL to the `url` the backend
 * printed (`http://127.0.0.1:<port>/?token=<token>`). The proxy adds the token as a bearer header
 * and drops the dev server's Origin, which the backend would rightly refuse as cross-origin.
 */
function backendProxy(devUrl: string | undefined): Record<string, ProxyOptions> | undefined {
  if (!devUrl) return undefined;
  const url = new URL(devUrl);
  const token = url.searchParams.get('token') ?? '';
  return {
    '/api': {
      target: url.origin,
      changeOrigin: true,
      headers: { Authorization: `Bearer ${token}` },
      configure: (proxy) => {
        proxy.on('proxyReq', (proxyReq) => proxyReq.removeHeader('origin'));
      },
    },
  };
}

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: the backend serves the build from whatever port it got.
  base: './',
  build: {
    outDir: '../backend/static',
    emptyOutDir: true,
  },
  server: {
    proxy: backendProxy(process.env.REGATTA_DEV_URL),
  },
  test: {
    environment: 'jsdom',
    globals: true,
    unstubGlobals: true,
    restoreMocks: true,
    // The project machine has 2 cores shared with real clusters; a first render under that load
    // can take several seconds. Tests wait for events, never for time, so a long limit costs nothing.
    testTimeout: 30_000,
  },
});
