/**
 * The offline basemap: sea, land and coastline from the shipped GeoJSON
 * (scripts/build-basemap.ts). No glyphs, sprites or tiles, so nothing is fetched from the
 * network; a street basemap is a later configuration, not a dependency of this one.
 */
import type { FeatureCollection } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import land from '../basemap/jakarta-land.json';

export const BASEMAP_ATTRIBUTION = '© OpenStreetMap contributors';

/** Dark for the control room's screens; light for a phone in the sun (/field). */
export type BasemapFlavor = 'dark' | 'light';

const OFFLINE_COLORS: Record<BasemapFlavor, { sea: string; land: string; coast: string }> = {
  dark: { sea: '#07111a', land: '#1a2836', coast: '#3d5a73' },
  light: { sea: '#9cc9e0', land: '#f4f1ea', coast: '#4f7896' },
};

/** The extent of the shipped land data; panning further would show its cut edges. */
export const BASEMAP_BOUNDS = land.bbox as [number, number, number, number];

export function offlineStyle(flavor: BasemapFlavor = 'dark'): StyleSpecification {
  const colors = OFFLINE_COLORS[flavor];
  return {
    version: 8,
    name: 'Nakhoda offline',
    sources: {
      land: {
        type: 'geojson',
        data: land as unknown as FeatureCollection,
        attribution: BASEMAP_ATTRIBUTION,
      },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': colors.sea } },
      {
        id: 'land',
        type: 'fill',
        source: 'land',
        filter: ['==', ['get', 'kind'], 'land'],
        paint: { 'fill-color': colors.land },
      },
      {
        id: 'coastline',
        type: 'line',
        source: 'land',
        filter: ['==', ['get', 'kind'], 'coast'],
        paint: {
          'line-color': colors.coast,
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 14, 2],
        },
      },
    ],
  };
}
