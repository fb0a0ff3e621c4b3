/**
 * Assembles MapView's deck.gl layers, bottom to top: boundary choropleth, heatmap,
 * hexagons, area labels, pulse rings, pins and their reporter counts, then whatever the
 * view adds. Layer objects
 * are cheap and rebuilt on each change; the costly inputs (unit counts, label positions,
 * hexagon cells, pulse targets, the heatmap's data, the masters with a count) arrive already memoised by MapView,
 * at most once a second.
 */
import type { Layer } from '@deck.gl/core';
import type { Incident } from '../../shared/domain/types.ts';
import { boundaryLayer } from './boundary.layer.ts';
import { heatmapLayer } from './heatmap.layer.ts';
import type { HexMetric } from './hexagon.layer.ts';
import { labelLayers, type AreaLabel } from './labels.layer.ts';
import type { BoundaryCollection } from './map-config.ts';
import { pinsLayer } from './pins.layer.ts';
import { pulseLayer } from './pulse.layer.ts';
import { reportersLayer } from './reporters.layer.ts';

export interface MapLayers {
  pins?: boolean;
  heatmap?: boolean;
  /** H3 hexagons coloured by the metric. */
  hexagons?: HexMetric | false;
  /** A pulsing ring around new and critical open incidents. */
  pulse?: boolean;
  /** Boundary units filled by open backlog (needs `mapConfig` with boundaries). */
  boundaries?: boolean;
  /** Kota and kecamatan names (needs `mapConfig` with boundaries). */
  labels?: boolean;
}

export interface LayerInputs {
  on: MapLayers;
  incidents: readonly Incident[];
  dataVersion: number;
  /** The paced version the aggregates (unit counts, pulse targets, heat data) were made at. */
  aggregateVersion: number;
  /** The heatmap's own copy of the incidents, taken at `aggregateVersion`. */
  heatData: readonly Incident[];
  now: number;
  selectedId: string | null;
  scale: number;
  zoom: number;
  hexagons: Layer | null;
  boundaries: BoundaryCollection | null;
  unitCounts: ReadonlyMap<string, number>;
  labels: { kota: AreaLabel[]; kecamatan: AreaLabel[] } | null;
  pulseTargets: readonly Incident[];
  /** Masters standing for more than one report, drawn with their count beside the pin. */
  reporterBadges: readonly Incident[];
  extra?: Layer[] | undefined;
}

export function buildLayers(input: LayerInputs): Layer[] {
  const { on, incidents, dataVersion, aggregateVersion, now, scale } = input;
  const layers: Layer[] = [];
  if (on.boundaries && input.boundaries)
    layers.push(boundaryLayer(input.boundaries, input.unitCounts, aggregateVersion));
  if (on.heatmap) layers.push(heatmapLayer(input.heatData, aggregateVersion, now));
  if (input.hexagons) layers.push(input.hexagons);
  if (on.labels && input.labels) layers.push(...labelLayers(input.labels, input.zoom, scale));
  if (on.pulse) layers.push(pulseLayer(input.pulseTargets, scale));
  if (on.pins) layers.push(pinsLayer(incidents, dataVersion, input.selectedId, scale));
  if (on.pins && input.reporterBadges.length > 0)
    layers.push(reportersLayer(input.reporterBadges, scale));
  if (input.extra) layers.push(...input.extra);
  return layers;
}
