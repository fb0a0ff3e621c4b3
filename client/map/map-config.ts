/**
 * The map's configuration from the server (GET /api/v1/config): which basemap to draw and
 * whether the city's boundary units are available; when they are, the boundaries
 * themselves (GET /api/v1/boundaries). A view opts in with `useMapConfig` and hands the
 * result to MapView. Failures never blank a map: it keeps the shipped offline basemap and
 * draws no boundaries, and says so in `status`.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { useEffect, useState } from 'react';
import { authHeaders } from '../auth/credentials.ts';

export interface BasemapConfig {
  /** Any MapLibre style URL (a hosted style when the room has internet). */
  mapStyleUrl: string | null;
  /** A PMTiles archive this server serves, drawn with a Protomaps style. */
  pmtilesUrl: string | null;
}

export interface BoundaryProperties {
  /** The pack's code for the unit (a kelurahan's Kemendagri code), or null if unmatched. */
  nakhodaCode: string | null;
  nakhodaName: string;
}

export type BoundaryCollection = FeatureCollection<Polygon | MultiPolygon, BoundaryProperties>;

export interface MapConfig {
  status: 'loading' | 'ready' | 'error';
  basemap: BasemapConfig;
  boundaries: BoundaryCollection | null;
  /** Credit to show whenever the boundaries are on screen. */
  boundariesAttribution: string | null;
}

export const OFFLINE_MAP_CONFIG: MapConfig = {
  status: 'ready',
  basemap: { mapStyleUrl: null, pmtilesUrl: null },
  boundaries: null,
  boundariesAttribution: null,
};

interface ConfigBody {
  mapStyleUrl?: unknown;
  pmtilesUrl?: unknown;
  boundaries?: unknown;
  boundariesAttribution?: unknown;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function isBoundaries(v: unknown): v is BoundaryCollection {
  const fc = v as Partial<FeatureCollection> | null;
  return (
    typeof fc === 'object' &&
    fc !== null &&
    fc.type === 'FeatureCollection' &&
    Array.isArray(fc.features)
  );
}

async function getJson(url: string, token: string | null, signal: AbortSignal): Promise<unknown> {
  const res = await fetch(url, {
    signal,
    headers: { accept: 'application/json', ...authHeaders(token) },
  });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

export async function loadMapConfig(token: string | null, signal: AbortSignal): Promise<MapConfig> {
  const body = (await getJson('/api/v1/config', token, signal)) as ConfigBody;
  const basemap = { mapStyleUrl: text(body.mapStyleUrl), pmtilesUrl: text(body.pmtilesUrl) };
  let boundaries: BoundaryCollection | null = null;
  if (body.boundaries === true) {
    const data = await getJson('/api/v1/boundaries', token, signal);
    if (isBoundaries(data)) boundaries = data;
  }
  return {
    status: 'ready',
    basemap,
    boundaries,
    boundariesAttribution: boundaries ? (text(body.boundariesAttribution) ?? 'HDX / BPS') : null,
  };
}

export function useMapConfig(token: string | null): MapConfig {
  const [config, setConfig] = useState<MapConfig>({ ...OFFLINE_MAP_CONFIG, status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    loadMapConfig(token, abort.signal)
      .then(setConfig)
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        console.warn('map: configuration unavailable, using the offline basemap', error);
        setConfig({ ...OFFLINE_MAP_CONFIG, status: 'error' });
      });
    return () => abort.abort();
  }, [token]);
  return config;
}
