/**
 * What the app exposes on `window.__nakhoda` for browser tests and for anyone automating
 * a wall: the map and the live store. Read-only hooks; the app never reads them back.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LiveStore } from './live/live-store.ts';

declare global {
  interface Window {
    __nakhoda?: { map?: MapLibreMap; store?: LiveStore };
  }
}

export function exposeForTests(hooks: { map?: MapLibreMap; store?: LiveStore }): void {
  window.__nakhoda = { ...window.__nakhoda, ...hooks };
}
