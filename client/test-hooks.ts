/**
 * What a test build exposes on `window.__nakhoda` for the browser tests: the map and the
 * live store. Only a test build: the store holds reporters' contact details for privileged
 * roles, and any script in the page could read them there. `__NAKHODA_TEST_HOOKS__` is a
 * build-time constant: vite.config.ts defines it false, the browser tests' build
 * (tests/support/browser/build-client.ts) true, so in a normal build these functions are
 * empty and the minifier drops their bodies, the name `__nakhoda` included. What anyone
 * else needs to know of a screen, it says itself: the live indicator's `data-seq` is the
 * point of the log its picture reflects. The app never reads these hooks back.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LiveStore } from './live/live-store.ts';

declare const __NAKHODA_TEST_HOOKS__: boolean;

interface TestHooks {
  map?: MapLibreMap;
  store?: LiveStore;
}

declare global {
  interface Window {
    __nakhoda?: TestHooks;
  }
}

export function exposeForTests(hooks: TestHooks): void {
  if (!__NAKHODA_TEST_HOOKS__) return;
  window.__nakhoda = { ...window.__nakhoda, ...hooks };
}

/** Takes a removed map off the hooks, unless a newer one has replaced it already. */
export function withdrawMapFromTests(map: MapLibreMap): void {
  if (!__NAKHODA_TEST_HOOKS__) return;
  if (window.__nakhoda?.map === map) delete window.__nakhoda.map;
}
