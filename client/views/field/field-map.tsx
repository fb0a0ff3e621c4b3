/**
 * The crew's map: its work as pins in status colours with dark rims (the chosen one
 * larger, with a thicker rim), and "me" as a blue dot with its accuracy. MapLibre
 * alone — no deck.gl on a phone — with the server's basemap (the shipped offline one when
 * none is set). Tapping a pin chooses its incident. Framed on the work and me once, then
 * left where the crew puts it.
 */
import type { FeatureCollection, Point } from 'geojson';
import { Map as MapLibreMap, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import type { CityPack } from '../../../shared/city/types.ts';
import type { FieldWorkItem } from '../../../shared/domain/field-work.ts';
import type { FieldPosition } from '../../../shared/domain/types.ts';
import { BASEMAP_BOUNDS } from '../../map/basemap-style.ts';
import type { MapConfig } from '../../map/map-config.ts';
import { cssColor, STATUS_COLORS } from '../../map/status-colors.ts';
import { basemapStyle } from '../../map/street-style.ts';

setWorkerUrl(workerUrl);

type Points = FeatureCollection<Point, Record<string, string | number | boolean>>;

function workPoints(items: readonly FieldWorkItem[], selectedId: string | null): Points {
  return {
    type: 'FeatureCollection',
    features: items.map((item, i) => ({
      type: 'Feature',
      geometry: {
        type: 'Point',
        coordinates: [item.incident.location.lon, item.incident.location.lat],
      },
      properties: {
        id: item.incident.id,
        n: String(i + 1),
        color: cssColor(STATUS_COLORS[item.incident.status]),
        selected: item.incident.id === selectedId,
      },
    })),
  };
}

function mePoint(position: FieldPosition | null): Points {
  return {
    type: 'FeatureCollection',
    features: position
      ? [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [position.lon, position.lat] },
            properties: { accuracyM: position.accuracyM ?? 0 },
          },
        ]
      : [],
  };
}

interface FieldMapProps {
  pack: CityPack;
  config: MapConfig;
  token: string | null;
  items: readonly FieldWorkItem[];
  selectedId: string | null;
  position: FieldPosition | null;
  onSelect(id: string): void;
}

export function FieldMap({
  pack,
  config,
  token,
  items,
  selectedId,
  position,
  onSelect,
}: FieldMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const framed = useRef(false);
  const latest = useRef({ items, selectedId, position, onSelect });
  latest.current = { items, selectedId, position, onSelect };

  useEffect(() => {
    const container = containerRef.current;
    if (!container || config.status === 'loading') return;
    const map = new MapLibreMap({
      container,
      style: basemapStyle(config.basemap, token, window.location.origin, 'light'),
      center: [pack.center.lon, pack.center.lat],
      zoom: pack.center.zoom,
      maxBounds: BASEMAP_BOUNDS,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: { compact: true },
    });
    map.touchZoomRotate.disableRotation();
    mapRef.current = map;
    map.on('load', () => {
      const { items: now, selectedId: sel, position: me } = latest.current;
      map.addSource('work', { type: 'geojson', data: workPoints(now, sel) });
      map.addSource('me', { type: 'geojson', data: mePoint(me) });
      map.addLayer({
        id: 'me-accuracy',
        type: 'circle',
        source: 'me',
        paint: {
          'circle-color': 'rgba(0, 114, 178, 0.15)',
          'circle-stroke-color': 'rgba(0, 114, 178, 0.5)',
          'circle-stroke-width': 1,
          // Metres to pixels at this latitude: 2^zoom tiles of 512 px around the earth.
          'circle-radius': [
            'interpolate',
            ['exponential', 2],
            ['zoom'],
            0,
            ['/', ['get', 'accuracyM'], 78_271 * Math.cos((pack.center.lat * Math.PI) / 180)],
            22,
            ['/', ['get', 'accuracyM'], 0.0187 * Math.cos((pack.center.lat * Math.PI) / 180)],
          ],
        },
      });
      map.addLayer({
        id: 'me',
        type: 'circle',
        source: 'me',
        paint: {
          'circle-color': '#0072b2',
          'circle-radius': 8,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 3,
        },
      });
      map.addLayer({
        id: 'work',
        type: 'circle',
        source: 'work',
        paint: {
          'circle-color': ['get', 'color'],
          'circle-radius': ['case', ['get', 'selected'], 14, 11],
          // Dark rims: the light basemap and the sun wash out a white one.
          'circle-stroke-color': '#0d1117',
          'circle-stroke-width': ['case', ['get', 'selected'], 5, 2],
        },
      });
      map.on('click', 'work', (e) => {
        const id = e.features?.[0]?.properties?.id;
        if (typeof id === 'string') latest.current.onSelect(id);
      });
      container.dataset.mapState = 'loaded';
    });
    map.on('idle', () => {
      container.dataset.mapState = 'idle';
    });
    return () => {
      map.remove();
      mapRef.current = null;
      framed.current = false;
    };
  }, [pack, config, token]);

  useEffect(() => {
    const map = mapRef.current;
    const work = map?.getSource<GeoJSONSource>('work');
    if (!map || !work) return;
    work.setData(workPoints(items, selectedId));
    map.getSource<GeoJSONSource>('me')?.setData(mePoint(position));
    if (!framed.current && (items.length > 0 || position)) {
      framed.current = true;
      const lons = items.map((i) => i.incident.location.lon);
      const lats = items.map((i) => i.incident.location.lat);
      if (position) {
        lons.push(position.lon);
        lats.push(position.lat);
      }
      map.fitBounds(
        [
          [Math.min(...lons), Math.min(...lats)],
          [Math.max(...lons), Math.max(...lats)],
        ],
        { padding: 40, maxZoom: 15, duration: 0 },
      );
    }
  });

  useEffect(() => {
    const chosen = items.find((i) => i.incident.id === selectedId);
    if (chosen && mapRef.current) {
      const { lon, lat } = chosen.incident.location;
      mapRef.current.easeTo({ center: [lon, lat], zoom: Math.max(mapRef.current.getZoom(), 14) });
    }
    // Only when the choice changes, not on every update of the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId]);

  return (
    <div
      ref={containerRef}
      className="field-map"
      data-testid="field-map"
      data-map-state="loading"
    />
  );
}
