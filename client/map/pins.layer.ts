/**
 * Live incident pins. The layer object is cheap and rebuilt on every change; its data is
 * the store's stable incident array, and `updateTriggers.all` keyed on the store's data
 * version tells deck.gl to refresh the attributes of that same array after a batch.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Incident } from '../../shared/domain/types.ts';
import { TERMINAL_STATUSES } from '../../shared/domain/types.ts';
import { SEVERITY_RADIUS_PX, STATUS_COLORS } from './status-colors.ts';

export const PINS_LAYER_ID = 'incident-pins';

/** Ended incidents stay on the map for context but recede behind open work. */
const OPEN_ALPHA = 235;
const ENDED_ALPHA = 120;

export function pinsLayer(
  data: readonly Incident[],
  dataVersion: number,
  selectedId: string | null = null,
  /** Multiplies pin size and outline for large, distant screens (a 4K wall). */
  scale = 1,
): ScatterplotLayer<Incident> {
  return new ScatterplotLayer<Incident>({
    id: PINS_LAYER_ID,
    data: data as Incident[],
    getPosition: (d) => [d.location.lon, d.location.lat],
    getFillColor: (d) => [
      ...STATUS_COLORS[d.status],
      TERMINAL_STATUSES.includes(d.status) ? ENDED_ALPHA : OPEN_ALPHA,
    ],
    getRadius: (d) => SEVERITY_RADIUS_PX[d.severity] * (d.id === selectedId ? 1.8 : 1),
    radiusUnits: 'pixels',
    radiusScale: scale,
    stroked: true,
    getLineColor: (d) => (d.id === selectedId ? [255, 255, 255, 255] : [8, 14, 20, 200]),
    getLineWidth: (d) => (d.id === selectedId ? 3 : 1),
    lineWidthUnits: 'pixels',
    lineWidthScale: scale,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 110],
    updateTriggers: {
      all: dataVersion,
      getRadius: [dataVersion, selectedId],
      getLineColor: [dataVersion, selectedId],
      getLineWidth: [dataVersion, selectedId],
    },
  });
}
