/**
 * Spatial binning on H3 cells: works for any city, with or without boundary polygons.
 */
import { latLngToCell, cellToParent, getResolution } from 'h3-js';
import type { Incident } from './types.ts';

export function cellFor(lon: number, lat: number, resolution: number): string {
  return latLngToCell(lat, lon, resolution);
}

/** Counts incidents per cell, at `resolution` or coarser than the stored cells. */
export function binIncidents(
  incidents: Iterable<Incident>,
  resolution: number,
  include: (i: Incident) => boolean = () => true,
): Map<string, number> {
  const bins = new Map<string, number>();
  for (const inc of incidents) {
    if (!include(inc)) continue;
    const stored = getResolution(inc.h3);
    const cell = stored > resolution ? cellToParent(inc.h3, resolution) : inc.h3;
    bins.set(cell, (bins.get(cell) ?? 0) + 1);
  }
  return bins;
}
