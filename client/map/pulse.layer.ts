/**
 * A pulse around new and critical pins: a ring that swells and fades on a one-second
 * beat. Cheap by construction: only the few incidents that qualify are in its data, the
 * view's one `now` tick per second flips the beat, and deck.gl's attribute transitions
 * tween briefly between beats on the GPU, so nothing animates in JavaScript per frame.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import { isOpen } from '../../shared/domain/sla.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { SEVERITY_RADIUS_PX, STATUS_COLORS } from './status-colors.ts';

export const PULSE_LAYER_ID = 'incident-pulse';
/** A report is "new" for this long after it was made. */
export const PULSE_NEW_MINUTES = 15;
const PULSE_TWEEN_MS = 350;

/** Open incidents that are critical, or reported within the last PULSE_NEW_MINUTES. */
export function pulseTargets(incidents: readonly Incident[], nowMs: number): Incident[] {
  const since = nowMs - PULSE_NEW_MINUTES * MINUTE_MS;
  return incidents.filter(
    (i) => isOpen(i) && (i.severity === 'critical' || Date.parse(i.reportedAt) >= since),
  );
}

export function pulseLayer(
  targets: readonly Incident[],
  nowMs: number,
  scale = 1,
): ScatterplotLayer<Incident> {
  const beat = Math.floor(nowMs / 1000) % 2;
  const grow = beat === 1 ? 3.4 : 1.6;
  const alpha = beat === 1 ? 40 : 230;
  return new ScatterplotLayer<Incident>({
    id: PULSE_LAYER_ID,
    data: targets as Incident[],
    getPosition: (d) => [d.location.lon, d.location.lat],
    getRadius: (d) => SEVERITY_RADIUS_PX[d.severity] * grow,
    radiusUnits: 'pixels',
    radiusScale: scale,
    filled: false,
    stroked: true,
    getLineColor: (d) =>
      d.severity === 'critical' ? [255, 255, 255, alpha] : [...STATUS_COLORS[d.status], alpha],
    getLineWidth: 2.5,
    lineWidthUnits: 'pixels',
    lineWidthScale: scale,
    pickable: false,
    // Short tweens: the GPU animates a third of each second and rests the rest, which
    // keeps a wall that runs for days (or a software-rendered test browser) cool.
    transitions: { getRadius: PULSE_TWEEN_MS, getLineColor: PULSE_TWEEN_MS },
    updateTriggers: { getRadius: beat, getLineColor: beat },
  });
}
