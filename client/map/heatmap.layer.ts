/**
 * Heatmap of incidents, weighted by severity and recency: a fresh critical report
 * glows far more than a week-old minor one; ended incidents barely count.
 * Duplicates: the heat is demand, so every report counts, as it did before reports were
 * linked. A master weighs once per report it stands for (`reportersOf`), and a linked
 * report weighs nothing where it was made: its weight is in its master's, which is within
 * the link radius (a few hundred metres, under one heat radius at city zoom), and follows
 * the master's state, so a flood's forty reports stop glowing when the flood is resolved.
 */
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { countsAsIncident, reportersOf } from '../../shared/domain/duplicates.ts';
import { isOpen } from '../../shared/domain/sla.ts';
import type { Incident, Severity } from '../../shared/domain/types.ts';
import { HOUR_MS, MINUTE_MS } from '../../shared/domain/time.ts';

export const HEATMAP_LAYER_ID = 'incident-heatmap';

const SEVERITY_WEIGHT: Record<Severity, number> = { low: 1, medium: 2, high: 4, critical: 8 };
/** Weight halves every this many hours since the report. */
const HALF_LIFE_H = 12;

export function heatWeight(i: Incident, now: number): number {
  if (!countsAsIncident(i)) return 0;
  const ageH = Math.max(0, (now - Date.parse(i.reportedAt)) / HOUR_MS);
  const recency = Math.pow(0.5, ageH / HALF_LIFE_H);
  const base = SEVERITY_WEIGHT[i.severity] * (0.25 + 0.75 * recency) * (isOpen(i) ? 1 : 0.15);
  return base * reportersOf(i);
}

/** Colour-blind-safe sequential ramp (viridis-like, dark to bright); the legend shows it too. */
export const HEATMAP_RAMP: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [190, 220, 60],
  [253, 231, 37],
];

export function heatmapLayer(
  data: readonly Incident[],
  dataVersion: number,
  now: number,
): HeatmapLayer<Incident> {
  return new HeatmapLayer<Incident>({
    id: HEATMAP_LAYER_ID,
    data: data as Incident[],
    getPosition: (d) => [d.location.lon, d.location.lat],
    getWeight: (d) => heatWeight(d, now),
    radiusPixels: 40,
    intensity: 1.2,
    threshold: 0.05,
    colorRange: HEATMAP_RAMP,
    updateTriggers: {
      getPosition: dataVersion,
      getWeight: [dataVersion, Math.floor(now / MINUTE_MS)],
    },
  });
}
