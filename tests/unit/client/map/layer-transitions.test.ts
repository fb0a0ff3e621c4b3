/**
 * No layer the wall draws may use deck.gl attribute transitions: a transition pads its
 * buffers by reading them back from the GPU (getBufferSubData) each time the data changes
 * length, which stalled the wall under load (issue 10). The pulse animates on a shader
 * clock instead (pulse-ring.layer.ts).
 */
import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../shared/city/jakarta/index.ts';
import { backlogByUnit } from '../../../../client/map/boundary.layer.ts';
import { hexagonLayer } from '../../../../client/map/hexagon.layer.ts';
import { areaLabels } from '../../../../client/map/labels.layer.ts';
import type { BoundaryCollection } from '../../../../client/map/map-config.ts';
import { buildLayers } from '../../../../client/map/map-layers.ts';
import { PULSE_LAYER_ID, pulseTargets } from '../../../../client/map/pulse.layer.ts';
import { reporterBadges } from '../../../../client/map/reporters.layer.ts';
import { SCENES } from '../../../../client/views/wall/wall-params.ts';
import { sceneLayers } from '../../../../client/views/wall/wall-scenes.ts';
import { makeLog } from '../../../support/fixtures.ts';

const T0 = Date.parse('2026-11-27T03:00:00.000Z');
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();

const BOUNDARIES: BoundaryCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { nakhodaCode: '31.71.01.1001', nakhodaName: 'Gambir' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [106.8, -6.2],
            [106.82, -6.2],
            [106.82, -6.18],
            [106.8, -6.18],
            [106.8, -6.2],
          ],
        ],
      },
    },
  ],
};

function wallLayers(scene: (typeof SCENES)[number], hasBoundaries: boolean): Layer[] {
  const log = makeLog();
  log.report('new', at(-5), { kelurahanCode: '31.71.01.1001' });
  log.report('old', at(-600), { kelurahanCode: '31.71.01.1001' });
  const incidents = [...log.state.incidents.values()];
  const on = sceneLayers(scene, hasBoundaries);
  const boundaries = hasBoundaries ? BOUNDARIES : null;
  return buildLayers({
    on,
    incidents,
    dataVersion: 1,
    aggregateVersion: 1,
    heatData: incidents,
    now: T0,
    selectedId: null,
    scale: 1,
    zoom: 13,
    hexagons: on.hexagons ? hexagonLayer(incidents, 1, on.hexagons, T0) : null,
    boundaries,
    unitCounts: backlogByUnit(incidents),
    labels: boundaries ? areaLabels(boundaries, JAKARTA) : null,
    pulseTargets: pulseTargets(incidents, T0),
    // A master standing for three reports, so its count's layer is among those checked.
    reporterBadges: reporterBadges(incidents.map((i) => ({ ...i, reporters: 3 }))),
  });
}

describe('wall layers animate without attribute transitions', () => {
  it.each(SCENES.flatMap((scene) => [true, false].map((b) => [scene, b] as const)))(
    'scene %s (boundaries %s): no layer sets transitions',
    (scene, hasBoundaries) => {
      const layers = wallLayers(scene, hasBoundaries);
      // The pulse is the layer that used to tween; it must be among those checked.
      expect(layers.map((l) => l.id)).toContain(PULSE_LAYER_ID);
      const withTransitions = layers
        .filter((l) => Object.keys(l.props.transitions ?? {}).length > 0)
        .map((l) => l.id);
      expect(withTransitions).toEqual([]);
    },
  );
});
