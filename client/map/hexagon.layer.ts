/**
 * H3 hexagons: incidents per cell by a chosen metric (all reports, open backlog, or the
 * median age of open incidents), on the same cells the server bins with.
 * Duplicates: `count` is demand and counts every report, linked ones included, each in
 * the cell where it was made; backlog and age are work, so they count masters and reports
 * of their own only (a linked report is not open: sla.ts `isOpen`).
 */
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { isOpen } from '../../shared/domain/sla.ts';
import { median } from '../../shared/domain/stats-math.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { HOUR_MS } from '../../shared/domain/time.ts';

export const HEXAGON_LAYER_ID = 'incident-hexagons';
export type HexMetric = 'count' | 'backlog' | 'medianAgeH';

export interface HexCell {
  h3: string;
  value: number;
}

export function aggregateCells(
  data: readonly Incident[],
  metric: HexMetric,
  now: number,
): HexCell[] {
  const groups = new Map<string, Incident[]>();
  for (const inc of data) {
    let g = groups.get(inc.h3);
    if (!g) groups.set(inc.h3, (g = []));
    g.push(inc);
  }
  const cells: HexCell[] = [];
  for (const [h3, list] of groups) {
    const open = list.filter(isOpen);
    const value =
      metric === 'count'
        ? list.length
        : metric === 'backlog'
          ? open.length
          : (median(open.map((i) => (now - Date.parse(i.reportedAt)) / HOUR_MS)) ?? 0);
    if (value > 0) cells.push({ h3, value });
  }
  return cells;
}

/** Light to dark orange: readable for the common colour-vision deficiencies. */
export const HEX_RAMP: [number, number, number][] = [
  [254, 237, 222],
  [253, 190, 133],
  [253, 141, 60],
  [230, 85, 13],
  [166, 54, 3],
];

export function rampColor(value: number, max: number): [number, number, number, number] {
  const t = max <= 0 ? 0 : Math.min(1, value / max);
  const c = HEX_RAMP[Math.min(HEX_RAMP.length - 1, Math.floor(t * HEX_RAMP.length))]!;
  return [c[0], c[1], c[2], 170];
}

export function hexagonLayer(
  data: readonly Incident[],
  dataVersion: number,
  metric: HexMetric,
  now: number,
): H3HexagonLayer<HexCell> {
  const cells = aggregateCells(data, metric, now);
  const max = cells.reduce((m, c) => Math.max(m, c.value), 0);
  return new H3HexagonLayer<HexCell>({
    id: HEXAGON_LAYER_ID,
    data: cells,
    getHexagon: (d) => d.h3,
    getFillColor: (d) => rampColor(d.value, max),
    extruded: false,
    stroked: true,
    getLineColor: [20, 30, 40, 160],
    lineWidthMinPixels: 1,
    pickable: false,
    updateTriggers: { getFillColor: [dataVersion, metric, max] },
  });
}
