/**
 * The map every view shares: MapLibre with the offline basemap, and deck.gl drawn over it
 * through `@deck.gl/maplibre`'s overlay control. It is data-driven: a view passes a
 * stable incident array with a version, which layers to draw, the selection and camera
 * requests; it never reads the socket. Readiness for tests: `data-map-state` turns from
 * `loading` to `idle` on the first map idle after data is drawn, and `window.__nakhoda.map`
 * exposes the map.
 */
import type { Layer } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CityPack } from '../../shared/city/types.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { BASEMAP_BOUNDS, offlineStyle } from './basemap-style.ts';
import { heatmapLayer } from './heatmap.layer.ts';
import { hexagonLayer, type HexMetric } from './hexagon.layer.ts';
import { pinsLayer } from './pins.layer.ts';
import { makeTooltip } from './tooltip.ts';
import { exposeForTests } from '../test-hooks.ts';

// After bundling, MapLibre cannot find its worker by itself ("Worker failed to load").
setWorkerUrl(workerUrl);

export interface MapLayers {
  pins?: boolean;
  heatmap?: boolean;
  /** H3 hexagons coloured by the metric. */
  hexagons?: HexMetric | false;
}

/** Fly there when `key` changes (a new request, even to the same place). */
export interface CameraRequest {
  key: number | string;
  lon: number;
  lat: number;
  zoom?: number;
}

export interface MapViewProps {
  pack: CityPack;
  /** A stable array (the same instance between updates) and its version. */
  incidents: readonly Incident[];
  dataVersion: number;
  /** False until the data is real (first snapshot), so readiness means "drawn with data". */
  hasData: boolean;
  layers?: MapLayers;
  selectedId?: string | null;
  onSelect?: (id: string | null) => void;
  camera?: CameraRequest | null;
  /** Extra deck.gl layers a view draws above the built-in ones. */
  extraLayers?: Layer[];
  /** `now` for recency-weighted layers; pass the view's clock so it is testable. */
  now?: number;
  interactive?: boolean;
  className?: string;
}

const DEFAULT_LAYERS: MapLayers = { pins: true };

export function MapView(props: MapViewProps) {
  const { pack, incidents, dataVersion, hasData, selectedId = null, onSelect, camera } = props;
  const layersOn = props.layers ?? DEFAULT_LAYERS;
  const containerRef = useRef<HTMLDivElement>(null);
  const [handles, setHandles] = useState<{ map: MapLibreMap; overlay: MapLibreOverlay } | null>(
    null,
  );
  const [mapState, setMapState] = useState<'loading' | 'idle'>('loading');
  const getTooltip = useMemo(() => makeTooltip(pack), [pack]);
  const interactive = props.interactive ?? true;
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

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
      interactive,
      attributionControl: { compact: false },
      // Lets exports read the canvas back (PNG snapshots, PDF packs).
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    map.touchZoomRotate.disableRotation();
    if (interactive) map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    // Overlaid, not interleaved: deck draws on its own canvas above the basemap, which
    // needs no access to MapLibre's render internals.
    const overlay = new MapLibreOverlay({
      interleaved: false,
      layers: [],
      onClick: (info) => onSelectRef.current?.((info.object as Incident | undefined)?.id ?? null),
    });
    map.addControl(overlay);
    exposeForTests({ map });
    setHandles({ map, overlay });
    return () => {
      setHandles(null);
      if (window.__nakhoda?.map === map) delete window.__nakhoda.map;
      map.remove();
    };
  }, [pack, interactive]);

  const now = props.now;
  const extraLayers = props.extraLayers;
  useEffect(() => {
    if (!handles) return;
    const layers: Layer[] = [];
    if (layersOn.heatmap) layers.push(heatmapLayer(incidents, dataVersion, now ?? Date.now()));
    if (layersOn.hexagons)
      layers.push(hexagonLayer(incidents, dataVersion, layersOn.hexagons, now ?? Date.now()));
    if (layersOn.pins) layers.push(pinsLayer(incidents, dataVersion, selectedId));
    if (extraLayers) layers.push(...extraLayers);
    handles.overlay.setProps({ layers, getTooltip });
  }, [
    handles,
    incidents,
    dataVersion,
    layersOn.heatmap,
    layersOn.hexagons,
    layersOn.pins,
    selectedId,
    extraLayers,
    now,
    getTooltip,
  ]);

  useEffect(() => {
    if (!handles || !camera) return;
    handles.map.flyTo({
      center: [camera.lon, camera.lat],
      zoom: camera.zoom ?? 14,
      speed: 1.2,
      essential: true,
    });
    // The request's key is what asks for a flight; its position alone does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handles, camera?.key]);

  const ready = handles !== null && hasData;
  useEffect(() => {
    if (!ready) return;
    const { map } = handles;
    // The overlay draws during the map's render, so the first idle after a repaint has
    // the data on screen too.
    const onIdle = () => setMapState('idle');
    map.once('idle', onIdle);
    map.triggerRepaint();
    return () => {
      map.off('idle', onIdle);
    };
  }, [ready, handles]);

  return (
    <div
      ref={containerRef}
      className={`map-view ${props.className ?? ''}`}
      data-testid="map"
      data-map-state={mapState}
    />
  );
}
