/**
 * Boundaries as configuration: any GeoJSON of a city's units (for Jakarta, kelurahan).
 * Each unit is matched to the city pack's official codes by name (the coding systems of
 * boundary files and of the pack differ; names are what they share), and incidents that
 * arrive without a kelurahan code are placed in a unit by point-in-polygon.
 */
import turfBbox from '@turf/bbox';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { distance } from 'fastest-levenshtein';
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AdminUnit, CityPack } from '../../shared/city/types.ts';

export interface BoundaryProperties {
  /** The pack's code for this unit (a kelurahan's Kemendagri code), or null if unmatched. */
  nakhodaCode: string | null;
  nakhodaName: string;
  [key: string]: unknown;
}

export interface Boundaries {
  collection: FeatureCollection<Polygon | MultiPolygon, BoundaryProperties>;
  /** The pack code of the unit containing the point, or null outside every matched unit. */
  locate(lon: number, lat: number): string | null;
  matched: number;
  unmatched: string[];
}

/** Lower-case letters and digits only: "Pal Merah" = "Palmerah", "Kebon Jeruk" = "KEBON JERUK". */
export const normalizeName = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const NAME_KEYS = ['village', 'kelurahan', 'desa', 'name', 'NAME', 'nama'];
const PARENT_KEYS = ['district', 'kecamatan', 'parent'];

function pick(props: Record<string, unknown>, keys: string[]): string | null {
  for (const k of keys) if (typeof props[k] === 'string' && props[k]) return props[k] as string;
  return null;
}

/**
 * The pack's unit for a boundary's name (and its parent's, when names repeat). Spellings
 * drift between registries ("Tanjung Priuk"/"Tanjung Priok", "Papango"/"Papanggo"), so
 * within the parent unit a near name (edit distance ≤ 2, or one name ending the other)
 * counts when it is the only one.
 */
export function matchUnit(
  pack: CityPack,
  name: string,
  parentName: string | null,
): AdminUnit | null {
  const n = normalizeName(name);
  const parentCodes = parentName
    ? new Set(
        pack.admin.kecamatan
          .filter((k) => normalizeName(k.name) === normalizeName(parentName))
          .map((k) => k.code),
      )
    : null;
  const inParent = (u: AdminUnit) =>
    !parentCodes || (u.parent !== null && parentCodes.has(u.parent));
  const exact = pack.admin.kelurahan.filter((k) => normalizeName(k.name) === n);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return exact.find(inParent) ?? null;
  if (!parentCodes || parentCodes.size === 0) return null;
  const near = pack.admin.kelurahan.filter((k) => {
    const kn = normalizeName(k.name);
    // "Kampung Tengah" in one registry is "Tengah" in the other.
    const affix = Math.min(kn.length, n.length) >= 5 && (kn.endsWith(n) || n.endsWith(kn));
    return inParent(k) && (affix || distance(kn, n) <= 2);
  });
  return near.length === 1 ? near[0]! : null;
}

export function loadBoundaries(file: string, pack: CityPack): Boundaries {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection;
  if (raw?.type !== 'FeatureCollection' || !Array.isArray(raw.features)) {
    throw new Error(`BOUNDARIES: ${file} is not a GeoJSON FeatureCollection`);
  }
  const unmatched: string[] = [];
  const features: Feature<Polygon | MultiPolygon, BoundaryProperties>[] = [];
  const index: { bbox: number[]; feature: Feature<Polygon | MultiPolygon, BoundaryProperties> }[] =
    [];
  for (const f of raw.features) {
    if (f.geometry?.type !== 'Polygon' && f.geometry?.type !== 'MultiPolygon') continue;
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const name = pick(props, NAME_KEYS) ?? '';
    const unit = name ? matchUnit(pack, name, pick(props, PARENT_KEYS)) : null;
    if (!unit) unmatched.push(name || '(unnamed)');
    const feature = {
      type: 'Feature' as const,
      geometry: f.geometry as Polygon | MultiPolygon,
      properties: { ...props, nakhodaCode: unit?.code ?? null, nakhodaName: unit?.name ?? name },
    };
    features.push(feature);
    if (unit) index.push({ bbox: turfBbox(feature), feature });
  }
  return {
    collection: { type: 'FeatureCollection', features },
    matched: index.length,
    unmatched,
    locate(lon, lat) {
      for (const { bbox, feature } of index) {
        if (lon < bbox[0]! || lon > bbox[2]! || lat < bbox[1]! || lat > bbox[3]!) continue;
        if (booleanPointInPolygon([lon, lat], feature)) return feature.properties.nakhodaCode;
      }
      return null;
    },
  };
}
