/**
 * The map every view shares: MapLibre with the offline basemap, and deck.gl drawn over it
 * through `@deck.gl/maplibre`'s overlay control. It is data-driven: a view passes a
 * stable incident array with a version, which layers to draw, the selection and camera
 * requests; it never reads the socket. Readiness for tests: `data-map-state` turns from
 * `loading` to `idle` on the first map idle after data is drawn, and in a test build the
 * test hooks expose the map (see test-hooks.ts).
 */
import type { Layer } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CityPack } from '../../shared/city/types.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { storedToken } from '../auth/credentials.ts';
import { BASEMAP_BOUNDS, offlineStyle } from './basemap-style.ts';
import { backlogByUnit } from './boundary.layer.ts';
import { hexagonLayer } from './hexagon.layer.ts';
import { areaLabels } from './labels.layer.ts';
import type { MapConfig } from './map-config.ts';
import { buildLayers, type MapLayers } from './map-layers.ts';
import { MapLegend } from './map-legend.tsx';
import { pulseTargets } from './pulse.layer.ts';
import { reporterBadges } from './reporters.layer.ts';
import { basemapStyle } from './street-style.ts';
import { makeTooltip } from './tooltip.ts';
import { usePacedVersion } from './use-paced-version.ts';
import { exposeForTests, withdrawMapFromTests } from '../test-hooks.ts';

// After bundling, MapLibre cannot find its worker by itself ("Worker failed to load").
setWorkerUrl(workerUrl);

export type { MapLayers } from './map-layers.ts';

/** Fly there when `key` changes (a new request, even to the same place). */
export interface CameraRequest {
  key: number | string;
  lon: number;
  lat: number;
  zoom?: number;
  /** False jumps straight there (a first view, no flight to wait for); default true. */
  animate?: boolean;
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
  /**
   * Basemap and boundaries from `useMapConfig`. Without it the map keeps the shipped
   * offline basemap and has no boundaries (so no choropleth and no area labels).
   */
  mapConfig?: MapConfig | null;
  /** Draw the legend for the layers that are on, beside the map (class `map-legend`). */
  legend?: boolean;
  legendClassName?: string;
  /** Multiplies pin, ring and label sizes: 2 on a 3840-pixel-wide wall. */
  scale?: number;
}

const DEFAULT_LAYERS: MapLayers = { pins: true };
const NO_INCIDENTS: readonly Incident[] = [];
/** Aggregates over every incident are redone at most this often. */
export const AGGREGATE_EVERY_MS = 1_000;

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
  const mapConfig = props.mapConfig ?? null;
  const scale = props.scale ?? 1;
  const [zoom, setZoom] = useState(pack.center.zoom);

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
    // Quarter steps: enough for zoom-dependent labels, without a render per frame of a flight.
    map.on('zoomend', () => setZoom(Math.round(map.getZoom() * 4) / 4));
    exposeForTests({ map });
    setHandles({ map, overlay });
    return () => {
      setHandles(null);
      withdrawMapFromTests(map);
      map.remove();
    };
  }, [pack, interactive]);

  const now = props.now;
  const extraLayers = props.extraLayers;
  // Time-dependent aggregates move on the minute, not on every one-second tick of `now`.
  const minute = Math.floor((now ?? Date.now()) / MINUTE_MS) * MINUTE_MS;
  const boundaries = mapConfig?.boundaries ?? null;
  // `incidents` is one stable array changed in place; `dataVersion` says when it changed.
  // Pins follow every batch (only the changed rows are redone); what is aggregated over
  // every incident follows at most once a second (see usePacedVersion).
  const aggregateVersion = usePacedVersion(dataVersion, AGGREGATE_EVERY_MS);
  /* eslint-disable react-hooks/exhaustive-deps */
  const hexagons = useMemo(
    () =>
      layersOn.hexagons
        ? hexagonLayer(incidents, aggregateVersion, layersOn.hexagons, minute)
        : null,
    [incidents, aggregateVersion, layersOn.hexagons, minute],
  );
  const unitCounts = useMemo(
    () =>
      layersOn.boundaries && boundaries ? backlogByUnit(incidents) : new Map<string, number>(),
    [incidents, aggregateVersion, layersOn.boundaries, boundaries],
  );
  const targets = useMemo(
    () => (layersOn.pulse ? pulseTargets(incidents, minute) : []),
    [incidents, aggregateVersion, layersOn.pulse, minute],
  );
  const badges = useMemo(
    () => (layersOn.pins ? reporterBadges(incidents) : NO_INCIDENTS),
    [incidents, aggregateVersion, layersOn.pins],
  );
  // The heatmap gets a copy taken at the paced moments: its attributes are redone whole
  // when it changes, and between two it must not see the live array change under it.
  const heatData = useMemo(
    () => (layersOn.heatmap ? incidents.slice() : NO_INCIDENTS),
    [incidents, aggregateVersion, layersOn.heatmap],
  );
  /* eslint-enable react-hooks/exhaustive-deps */
  const labels = useMemo(
    () => (layersOn.labels && boundaries ? areaLabels(boundaries, pack) : null),
    [layersOn.labels, boundaries, pack],
  );
  useEffect(() => {
    if (!handles) return;
    const layers = buildLayers({
      on: layersOn,
      incidents,
      dataVersion,
      aggregateVersion,
      heatData,
      now: now ?? Date.now(),
      selectedId,
      scale,
      zoom,
      hexagons,
      boundaries,
      unitCounts,
      labels,
      pulseTargets: targets,
      reporterBadges: badges,
      extra: extraLayers,
    });
    handles.overlay.setProps({ layers, getTooltip });
    // `layersOn` is read through its fields: a view may pass a fresh object each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    handles,
    incidents,
    dataVersion,
    aggregateVersion,
    heatData,
    layersOn.heatmap,
    layersOn.pins,
    layersOn.pulse,
    layersOn.boundaries,
    layersOn.labels,
    selectedId,
    extraLayers,
    now,
    scale,
    zoom,
    hexagons,
    boundaries,
    unitCounts,
    labels,
    targets,
    badges,
    getTooltip,
  ]);

  // A street basemap replaces the offline one once the configuration names one.
  const styleUrl = mapConfig?.basemap.mapStyleUrl ?? null;
  const pmtilesUrl = mapConfig?.basemap.pmtilesUrl ?? null;
  useEffect(() => {
    if (!handles || (!styleUrl && !pmtilesUrl)) return;
    const token = storedToken(window.localStorage);
    handles.map.setStyle(
      basemapStyle({ mapStyleUrl: styleUrl, pmtilesUrl }, token, window.location.origin),
    );
  }, [handles, styleUrl, pmtilesUrl]);

  useEffect(() => {
    if (!handles || !camera) return;
    const target = {
      center: [camera.lon, camera.lat] as [number, number],
      zoom: camera.zoom ?? 14,
    };
    if (camera.animate === false) handles.map.jumpTo(target);
    else handles.map.flyTo({ ...target, speed: 1.2, essential: true });
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

  const boundariesShown = Boolean((layersOn.boundaries || layersOn.labels) && boundaries);
  return (
    <>
      <div
        ref={containerRef}
        className={`map-view ${props.className ?? ''}`}
        data-testid="map"
        data-map-state={mapState}
        data-boundaries={boundariesShown ? 'on' : 'off'}
      />
      {props.legend && (
        <MapLegend
          pack={pack}
          className={props.legendClassName}
          layers={{
            pins: layersOn.pins,
            pulse: layersOn.pulse,
            heatmap: layersOn.heatmap,
            hexagons: layersOn.hexagons,
            boundaries: Boolean(layersOn.boundaries && boundaries),
          }}
        />
      )}
      {boundariesShown && mapConfig?.boundariesAttribution && (
        <span className="map-credit" data-testid="boundaries-credit">
          {mapConfig.boundariesAttribution}
        </span>
      )}
    </>
  );
}
