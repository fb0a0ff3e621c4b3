/**
 * The live map: MapLibre with the offline basemap, and deck.gl drawn over it through
 * `@deck.gl/maplibre`'s overlay control. It reads the live store and nothing else.
 * Readiness for tests: `data-map-state` turns from `loading` to `idle` on the first map
 * idle after the first snapshot is drawn, and `window.__nakhoda` exposes map and store.
 */
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CityPack } from '../../shared/city/types.ts';
import type { LiveStore } from '../live/live-store.ts';
import { useLiveState } from '../live/use-live-state.ts';
import { BASEMAP_BOUNDS, offlineStyle } from './basemap-style.ts';
import { pinsLayer } from './pins.layer.ts';
import { makeTooltip } from './tooltip.ts';

// After bundling, MapLibre cannot find its worker by itself ("Worker failed to load").
setWorkerUrl(workerUrl);

declare global {
  interface Window {
    __nakhoda?: { map: MapLibreMap; store: LiveStore };
  }
}

interface MapViewProps {
  pack: CityPack;
  store: LiveStore;
}

export function MapView({ pack, store }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [handles, setHandles] = useState<{ map: MapLibreMap; overlay: MapLibreOverlay } | null>(
    null,
  );
  const [mapState, setMapState] = useState<'loading' | 'idle'>('loading');
  const { hasSnapshot, incidentList, dataVersion } = useLiveState(store);
  const getTooltip = useMemo(() => makeTooltip(pack), [pack]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = new MapLibreMap({
      container,
      style: offlineStyle(),
      center: [pack.center.lon, pack.center.lat],
      zoom: pack.center.zoom,
      maxBounds: BASEMAP_BOUNDS,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: { compact: false },
    });
    map.touchZoomRotate.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    // Overlaid, not interleaved: deck draws on its own canvas above the basemap, which
    // needs no access to MapLibre's render internals.
    const overlay = new MapLibreOverlay({ interleaved: false, layers: [] });
    map.addControl(overlay);
    window.__nakhoda = { map, store };
    setHandles({ map, overlay });
    return () => {
      setHandles(null);
      if (window.__nakhoda?.map === map) delete window.__nakhoda;
      map.remove();
    };
  }, [pack, store]);

  useEffect(() => {
    handles?.overlay.setProps({ layers: [pinsLayer(incidentList, dataVersion)], getTooltip });
  }, [handles, incidentList, dataVersion, getTooltip]);

  const ready = handles !== null && hasSnapshot;
  useEffect(() => {
    if (!ready) return;
    const { map } = handles;
    // The overlay draws during the map's render, so the first idle after a repaint has
    // the pins on screen too.
    const onIdle = () => setMapState('idle');
    map.once('idle', onIdle);
    map.triggerRepaint();
    return () => {
      map.off('idle', onIdle);
    };
  }, [ready, handles]);

  return (
    <div ref={containerRef} className="map-view" data-testid="map" data-map-state={mapState} />
  );
}
