/**
 * Kota and kecamatan names on the map without a glyph server: deck.gl's TextLayer draws
 * them with the machine's own fonts. Positions come from the boundaries: a kecamatan's
 * label sits at the area-weighted centroid of its kelurahan (grouped by the kecamatan
 * their Kemendagri code nests in, e.g. 31.73.04), a kota's at that of its kecamatan.
 * Names come from the city pack. Without boundaries there are no labels.
 */
import { TextLayer } from '@deck.gl/layers';
import type { Position } from 'geojson';
import { areaCodeAt, kecamatanByCode, kotaByCode } from '../../shared/city/lookup.ts';
import type { AdminUnit, CityPack } from '../../shared/city/types.ts';
import type { BoundaryCollection } from './map-config.ts';

export const KOTA_LABELS_ID = 'kota-labels';
export const KECAMATAN_LABELS_ID = 'kecamatan-labels';
/** Kecamatan names crowd a whole-city view; they appear once the camera is closer. */
export const KECAMATAN_MIN_ZOOM = 11.5;

export interface AreaLabel {
  code: string;
  name: string;
  lon: number;
  lat: number;
}

interface Weighted {
  x: number;
  y: number;
  area: number;
}

/** Centroid and area of a ring (shoelace); degenerate rings fall back to the vertex mean. */
function ringCentroid(ring: Position[]): Weighted {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    const f = xj * yi - xi * yj;
    a += f;
    cx += (xj + xi) * f;
    cy += (yj + yi) * f;
  }
  if (Math.abs(a) < 1e-12) {
    const n = Math.max(1, ring.length);
    return {
      x: ring.reduce((s, p) => s + (p[0] ?? 0), 0) / n,
      y: ring.reduce((s, p) => s + (p[1] ?? 0), 0) / n,
      area: 0,
    };
  }
  return { x: cx / (3 * a), y: cy / (3 * a), area: Math.abs(a / 2) };
}

function mergeWeighted(parts: Weighted[]): Weighted {
  const area = parts.reduce((s, p) => s + p.area, 0);
  if (area === 0) {
    const n = Math.max(1, parts.length);
    return {
      x: parts.reduce((s, p) => s + p.x, 0) / n,
      y: parts.reduce((s, p) => s + p.y, 0) / n,
      area: 0,
    };
  }
  return {
    x: parts.reduce((s, p) => s + p.x * p.area, 0) / area,
    y: parts.reduce((s, p) => s + p.y * p.area, 0) / area,
    area,
  };
}

export function areaLabels(
  boundaries: BoundaryCollection,
  pack: CityPack,
): { kota: AreaLabel[]; kecamatan: AreaLabel[] } {
  const byKecamatan = new Map<string, Weighted[]>();
  for (const f of boundaries.features) {
    const code = f.properties?.nakhodaCode;
    if (!code || !f.geometry) continue;
    const polygons =
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const key = areaCodeAt(code, 'kecamatan');
    let list = byKecamatan.get(key);
    if (!list) byKecamatan.set(key, (list = []));
    for (const polygon of polygons) if (polygon[0]) list.push(ringCentroid(polygon[0]));
  }
  const kecCentroids = new Map<string, Weighted>();
  for (const [code, parts] of byKecamatan) kecCentroids.set(code, mergeWeighted(parts));
  const byKota = new Map<string, Weighted[]>();
  for (const [code, c] of kecCentroids) {
    const key = areaCodeAt(code, 'kota');
    byKota.set(key, [...(byKota.get(key) ?? []), c]);
  }
  const toLabels = (
    entries: Iterable<[string, Weighted]>,
    unit: (pack: CityPack, code: string) => AdminUnit | undefined,
  ) =>
    [...entries].flatMap(([code, c]) => {
      const name = unit(pack, code)?.name;
      return name ? [{ code, name, lon: c.x, lat: c.y }] : [];
    });
  return {
    kecamatan: toLabels(kecCentroids, kecamatanByCode),
    kota: toLabels(
      [...byKota].map(([code, parts]) => [code, mergeWeighted(parts)] as [string, Weighted]),
      kotaByCode,
    ),
  };
}

const FONT = "'DejaVu Sans', 'Liberation Sans', system-ui, sans-serif";

export function labelLayers(
  labels: { kota: AreaLabel[]; kecamatan: AreaLabel[] },
  zoom: number,
  scale = 1,
): TextLayer<AreaLabel>[] {
  const common = {
    getPosition: (d: AreaLabel): [number, number] => [d.lon, d.lat],
    fontFamily: FONT,
    sizeUnits: 'pixels' as const,
    outlineColor: [5, 12, 18, 255] as [number, number, number, number],
    fontSettings: { sdf: true },
    pickable: false,
  };
  const layers = [
    new TextLayer<AreaLabel>({
      ...common,
      id: KOTA_LABELS_ID,
      data: labels.kota,
      getText: (d) => d.name.toUpperCase(),
      getSize: 16 * scale,
      getColor: [214, 226, 238, 235],
      fontWeight: 700,
      outlineWidth: 4,
      characterSet: 'auto',
    }),
  ];
  // A bigger screen at a higher zoom shows the same ground: compare at 1920-pixel scale.
  if (zoom - Math.log2(scale) >= KECAMATAN_MIN_ZOOM) {
    layers.push(
      new TextLayer<AreaLabel>({
        ...common,
        id: KECAMATAN_LABELS_ID,
        data: labels.kecamatan,
        getText: (d) => d.name,
        getSize: 13 * scale,
        getColor: [170, 190, 208, 220],
        outlineWidth: 3,
        characterSet: 'auto',
      }),
    );
  }
  return layers;
}
