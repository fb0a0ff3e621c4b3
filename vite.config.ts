/**
 * One config for the client build (Vite) and the tests (Vitest). The app is served from
 * the repo root's index.html; in development the API and the socket go to the Nakhoda
 * server on :8080, so the browser sees one origin as it does in production.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const SERVER = 'http://localhost:8080';

export default defineConfig({
  root: '.',
  plugins: [react()],
  // No test hooks in a normal build: the browser tests' build turns this on (client/test-hooks.ts).
  define: { __NAKHODA_TEST_HOOKS__: 'false' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre and deck.gl are large by nature; warn only on something unusual.
    chunkSizeWarningLimit: 2_500,
  },
  server: {
    proxy: {
      '/api': SERVER,
      '/healthz': SERVER,
      '/socket.io': { target: SERVER, ws: true },
    },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          // Built once from the current sources; the pages under test are served from it.
          globalSetup: ['tests/support/browser/build-client.ts'],
          // Software WebGL is CPU-bound: one browser at a time keeps timings sane on 2 cores.
          fileParallelism: false,
          testTimeout: 90_000,
        },
      },
    ],
  },
});
