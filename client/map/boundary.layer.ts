/**
 * Boundary choropleth: each unit of the configured boundaries (for Jakarta, kelurahan)
 * filled by its open backlog, counted from the incidents' `kelurahanCode` against the
 * features' `nakhodaCode`. Units with nothing open stay outlined only, so the eye goes to
 * where the work is.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { isOpen } from '../../shared/domain/sla.ts';
import type { Incident } from '../../shared/domain/types.ts';
import type { BoundaryCollection, BoundaryProperties } from './map-config.ts';

export const BOUNDARY_LAYER_ID = 'boundary-choropleth';

/** Light to dark purple (ColorBrewer Purples): distinct from the orange hexagon ramp. */
export const BOUNDARY_RAMP: [number, number, number][] = [
  [218, 218, 235],
  [188, 189, 220],
  [158, 154, 200],
  [117, 107, 177],
  [84, 39, 143],
];

export function backlogByUnit(incidents: readonly Incident[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const inc of incidents) {
    if (inc.kelurahanCode && isOpen(inc))
      counts.set(inc.kelurahanCode, (counts.get(inc.kelurahanCode) ?? 0) + 1);
  }
  return counts;
}

export function boundaryFill(count: number, max: number): [number, number, number, number] {
  if (count <= 0 || max <= 0) return [0, 0, 0, 0];
  const t = Math.min(1, count / max);
  const c =
    BOUNDARY_RAMP[Math.min(BOUNDARY_RAMP.length - 1, Math.floor(t * BOUNDARY_RAMP.length))]!;
  return [c[0], c[1], c[2], 150];
}

type UnitFeature = Feature<Polygon | MultiPolygon, BoundaryProperties>;

export function boundaryLayer(
  boundaries: BoundaryCollection,
  counts: ReadonlyMap<string, number>,
  dataVersion: number,
): GeoJsonLayer<BoundaryProperties> {
  const max = Math.max(0, ...counts.values());
  const countOf = (f: UnitFeature) =>
    f.properties.nakhodaCode === null ? 0 : (counts.get(f.properties.nakhodaCode) ?? 0);
  return new GeoJsonLayer<BoundaryProperties>({
    id: BOUNDARY_LAYER_ID,
    data: boundaries,
    filled: true,
    stroked: true,
    getFillColor: (f) => boundaryFill(countOf(f as UnitFeature), max),
    getLineColor: [120, 150, 180, 90],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: false,
    updateTriggers: { getFillColor: [dataVersion, max] },
  });
}
