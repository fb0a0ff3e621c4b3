/**
 * Live incident pins. The layer object is cheap and rebuilt on every change; its data is
 * the store's stable incident array, and after a batch only the rows the batch changed
 * are recomputed and uploaded (IncrementalScatterLayer): the whole store's attributes
 * are rebuilt only when the selection changes (radius and outline) or the list is new.
 * A report linked to another as its duplicate has no pin of its own (its master carries the
 * count, reporters.layer.ts): its row stays in the array, drawn at radius 0, so linking and
 * splitting are row changes like any other and need no rebuild.
 */
import { countsAsIncident } from '../../shared/domain/duplicates.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { TERMINAL_STATUSES } from '../../shared/domain/types.ts';
import { IncrementalScatterLayer } from './incremental-scatter.layer.ts';
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
): IncrementalScatterLayer<Incident> {
  return new IncrementalScatterLayer<Incident>({
    id: PINS_LAYER_ID,
    data: data as Incident[],
    dataVersion,
    getPosition: (d) => [d.location.lon, d.location.lat],
    getFillColor: (d) => [
      ...STATUS_COLORS[d.status],
      !countsAsIncident(d) ? 0 : TERMINAL_STATUSES.includes(d.status) ? ENDED_ALPHA : OPEN_ALPHA,
    ],
    getRadius: (d) =>
      countsAsIncident(d) ? SEVERITY_RADIUS_PX[d.severity] * (d.id === selectedId ? 1.8 : 1) : 0,
    radiusUnits: 'pixels',
    radiusScale: scale,
    stroked: true,
    getLineColor: (d) =>
      !countsAsIncident(d)
        ? [0, 0, 0, 0]
        : d.id === selectedId
          ? [255, 255, 255, 255]
          : [8, 14, 20, 200],
    getLineWidth: (d) => (!countsAsIncident(d) ? 0 : d.id === selectedId ? 3 : 1),
    lineWidthUnits: 'pixels',
    lineWidthScale: scale,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 110],
    // Data changes reach the attributes through the row log (or `dataVersion`); these
    // also depend on which pin is selected.
    updateTriggers: {
      getRadius: selectedId,
      getLineColor: selectedId,
      getLineWidth: selectedId,
    },
  });
}
