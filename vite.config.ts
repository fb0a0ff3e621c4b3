/**
 * One config for the client build (Vite) and the tests (Vitest). The app is served from
 * the repo root's index.html; in development the API and the socket go to the Nakhoda
 * server on :8080, so the browser sees one origin as it does in production.
 */
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import {
  FIELD_API_CACHE,
  FIELD_MEDIA_CACHE,
  FIELD_START_READS_PATTERN,
} from './client/auth/cached-answers.ts';

const SERVER = 'http://localhost:8080';

export default defineConfig({
  root: '.',
  // Static files copied as they are (the field app's icons); top-level folders are fixed.
  publicDir: 'client/public',
  plugins: [react(), fieldApp()],
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

/**
 * /field installs as an app that opens without signal (issue 14): a service worker that
 * precaches the built app shell and keeps the crew's last answers of the few API reads the
 * page needs to start (the city, who I am, the field settings, the map's config). Its
 * scope is /field alone, and the page registers it itself (register-field-sw.ts): the wall,
 * /ops and the briefing are never served from a cache. The live stream and every write go
 * to the network; writes made offline wait in the page's own outbox (IndexedDB).
 */
function fieldApp() {
  return VitePWA({
    registerType: 'autoUpdate',
    injectRegister: false,
    scope: '/field',
    manifest: {
      name: 'Nakhoda Lapangan',
      short_name: 'Lapangan',
      description: 'Pekerjaan lapangan dinas: ambil, kerjakan, foto, selesaikan',
      lang: 'id',
      start_url: '/field',
      scope: '/field',
      display: 'standalone',
      orientation: 'portrait',
      background_color: '#ffffff',
      theme_color: '#0b3d91',
      icons: [
        { src: '/field-icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/field-icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/field-icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
      // MapLibre and the offline basemap's code are large by nature.
      maximumFileSizeToCacheInBytes: 8 * 2 ** 20,
      navigateFallback: '/index.html',
      navigateFallbackAllowlist: [/^\/field/],
      navigateFallbackDenylist: [/^\/api/, /^\/socket\.io/],
      cleanupOutdatedCaches: true,
      // The first visit is already served by the worker, so its answers are kept for later.
      clientsClaim: true,
      skipWaiting: true,
      runtimeCaching: [
        {
          urlPattern: FIELD_START_READS_PATTERN,
          // The network whenever it answers (a slow answer is still the right person's);
          // the kept copy only when there is none.
          handler: 'NetworkFirst',
          options: {
            cacheName: FIELD_API_CACHE,
            expiration: { maxEntries: 20, maxAgeSeconds: 7 * 24 * 3600 },
            cacheableResponse: { statuses: [200] },
          },
        },
        {
          // Thumbnails of the photos already sent (content-addressed, so never stale).
          urlPattern: ({ url, sameOrigin }) =>
            sameOrigin && /^\/api\/v1\/media\/[^/]+\/thumb$/.test(url.pathname),
          handler: 'CacheFirst',
          options: {
            cacheName: FIELD_MEDIA_CACHE,
            expiration: { maxEntries: 400, maxAgeSeconds: 7 * 24 * 3600 },
            cacheableResponse: { statuses: [200] },
          },
        },
      ],
    },
  });
}
