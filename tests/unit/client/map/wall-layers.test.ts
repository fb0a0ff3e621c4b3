/**
 * The map layers the wall added: label positions from boundaries, backlog per unit and its
 * fill, which pins pulse, and the street basemap styles (no glyphs, so no label layers).
 */
import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../shared/city/jakarta/index.ts';
import {
  backlogByUnit,
  boundaryFill,
  BOUNDARY_RAMP,
} from '../../../../client/map/boundary.layer.ts';
import {
  areaLabels,
  KECAMATAN_LABELS_ID,
  KOTA_LABELS_ID,
  labelLayers,
} from '../../../../client/map/labels.layer.ts';
import type { BoundaryCollection } from '../../../../client/map/map-config.ts';
import { PULSE_NEW_MINUTES, pulseTargets } from '../../../../client/map/pulse.layer.ts';
import { makeLog } from '../../../support/fixtures.ts';

const square = (x: number, y: number, size: number) => [
  [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ],
];

/** Two kelurahan of Gambir (one twice as large), one of Menteng, one of Penjaringan, one unmatched. */
const BOUNDARIES: BoundaryCollection = {
  type: 'FeatureCollection',
  features: [
    ['31.71.01.1001', square(0, 0, 2)],
    ['31.71.01.1002', square(2, 0, 1)],
    ['31.71.06.1001', square(10, 0, 1)],
    ['31.72.01.1001', square(0, 10, 1)],
    [null, square(50, 50, 1)],
  ].map(([code, coordinates]) => ({
    type: 'Feature' as const,
    properties: { nakhodaCode: code as string | null, nakhodaName: 'x' },
    geometry: { type: 'Polygon' as const, coordinates: coordinates as number[][][] },
  })),
};

describe('area labels', () => {
  const labels = areaLabels(BOUNDARIES, JAKARTA);

  it.each([
    ['31.71.01', 'Gambir', (4 * 1 + 1 * 2.5) / 5, (4 * 1 + 1 * 0.5) / 5],
    ['31.71.06', 'Menteng', 10.5, 0.5],
    ['31.72.01', 'Penjaringan', 0.5, 10.5],
  ])('kecamatan %s (%s) sits at the area-weighted centroid', (code, name, lon, lat) => {
    const label = labels.kecamatan.find((l) => l.code === code);
    expect(label?.name).toBe(name);
    expect(label?.lon).toBeCloseTo(lon, 6);
    expect(label?.lat).toBeCloseTo(lat, 6);
  });

  it('places kota labels over their kecamatan and skips unmatched units', () => {
    expect(labels.kecamatan).toHaveLength(3);
    expect(labels.kota.map((k) => k.name).sort()).toEqual(['Jakarta Pusat', 'Jakarta Utara']);
    const pusat = labels.kota.find((k) => k.code === '31.71');
    expect(pusat?.lon).toBeCloseTo((5 * 1.3 + 1 * 10.5) / 6, 6);
  });

  it.each([
    [10.5, 1, [KOTA_LABELS_ID]],
    [12, 1, [KOTA_LABELS_ID, KECAMATAN_LABELS_ID]],
    [12, 2, [KOTA_LABELS_ID]],
    [13, 2, [KOTA_LABELS_ID, KECAMATAN_LABELS_ID]],
  ])('at zoom %s and scale %s draws %j', (zoom, scale, ids) => {
    expect(labelLayers(labels, zoom, scale).map((l) => l.id)).toEqual(ids);
  });
});

describe('boundary choropleth and pulse', () => {
  const T0 = Date.parse('2026-11-27T03:00:00.000Z');
  const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
  const log = makeLog();
  log.report('a', at(-600), { kelurahanCode: '31.71.01.1001' });
  log.report('b', at(-5), { kelurahanCode: '31.71.01.1001' });
  log.report('c', at(-600), { kelurahanCode: '31.71.06.1001', category: 'fire' });
  log.report('d', at(-3), { kelurahanCode: '31.71.06.1001' });
  log.update('d', at(-2), { status: 'rejected' });
  log.report('e', at(-600));
  const incidents = [...log.state.incidents.values()];

  it('counts open incidents per unit code', () => {
    expect(Object.fromEntries(backlogByUnit(incidents))).toEqual({
      '31.71.01.1001': 2,
      '31.71.06.1001': 1,
    });
  });

  it.each([
    [0, 5, [0, 0, 0, 0]],
    [1, 5, [...BOUNDARY_RAMP[1]!, 150]],
    [5, 5, [...BOUNDARY_RAMP[4]!, 150]],
    [3, 0, [0, 0, 0, 0]],
  ])('fill for %i of max %i', (count, max, color) => {
    expect(boundaryFill(count, max)).toEqual(color);
  });

  it(`pulses open incidents that are critical or under ${PULSE_NEW_MINUTES} min old`, () => {
    expect(
      pulseTargets(incidents, T0)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['b', 'c']);
  });
});
