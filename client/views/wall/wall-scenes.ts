/**
 * Which map layers each wall scene draws. Kept apart from the page so the layer rules
 * (what the wall asks deck.gl to draw) can be checked without a browser.
 */
import type { MapLayers } from '../../map/map-layers.ts';
import type { SceneName } from './wall-params.ts';

export function sceneLayers(scene: SceneName, hasBoundaries: boolean): MapLayers {
  const base: MapLayers = { pins: true, pulse: true, labels: true };
  if (scene === 'heatmap') return { ...base, heatmap: true };
  if (scene === 'agencies')
    return hasBoundaries ? { ...base, boundaries: true } : { ...base, hexagons: 'backlog' };
  if (scene === 'hotspots') return { ...base, hexagons: 'backlog' };
  return base;
}
