/**
 * A pulse around new and critical pins: a ring that swells and fades on a two-second
 * ripple. Cheap by construction: only the few incidents that qualify are in its data, and
 * the ripple runs on a shader clock (pulse-ring.layer.ts), so a batch that changes the
 * data uploads attributes and nothing is tweened or read back from the GPU.
 */
import { isOpen } from '../../shared/domain/sla.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { PulseRingLayer, pulseSeconds } from './pulse-ring.layer.ts';
import { SEVERITY_RADIUS_PX, STATUS_COLORS } from './status-colors.ts';

export const PULSE_LAYER_ID = 'incident-pulse';
/** A report is "new" for this long after it was made. */
export const PULSE_NEW_MINUTES = 15;

/**
 * Open incidents that are critical, or reported within the last PULSE_NEW_MINUTES. It runs
 * over every incident, so times are compared as text: the server's times are canonical
 * ISO strings (UTC, milliseconds), which sort as the instants do, and no Date is parsed
 * per incident.
 */
export function pulseTargets(incidents: readonly Incident[], nowMs: number): Incident[] {
  const since = new Date(nowMs - PULSE_NEW_MINUTES * MINUTE_MS).toISOString();
  return incidents.filter((i) => (i.severity === 'critical' || i.reportedAt >= since) && isOpen(i));
}

/** `targets` is a fresh array whenever its members change, so it is its own trigger. */
export function pulseLayer(targets: readonly Incident[], scale = 1): PulseRingLayer<Incident> {
  return new PulseRingLayer<Incident>({
    id: PULSE_LAYER_ID,
    data: targets as Incident[],
    getPosition: (d) => [d.location.lon, d.location.lat],
    getRadius: (d) => SEVERITY_RADIUS_PX[d.severity],
    // Each ring starts its ripple when its incident was reported.
    getStartTime: (d) => pulseSeconds(Date.parse(d.reportedAt)),
    radiusUnits: 'pixels',
    radiusScale: scale,
    filled: false,
    stroked: true,
    getLineColor: (d) =>
      d.severity === 'critical' ? [255, 255, 255, 255] : [...STATUS_COLORS[d.status], 255],
    getLineWidth: 2.5,
    lineWidthUnits: 'pixels',
    lineWidthScale: scale,
    pickable: false,
  });
}
