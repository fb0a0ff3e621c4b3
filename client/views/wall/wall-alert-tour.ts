/**
 * What the wall takes from the analyst's alerts: the two counts beside its KPIs, and the
 * critical alerts its autopilot visits, each with the place to fly to (a surge's area, or
 * the incident an SLA alert is about). Pure and bounded, like wall-selectors.ts; the order
 * is the live store's (critical first, then oldest first).
 */
import type { Alert } from '../../../shared/domain/alerts.ts';
import type { Incident, LonLat } from '../../../shared/domain/types.ts';
import type { SceneName } from './wall-params.ts';

export interface AlertCounts {
  active: number;
  critical: number;
}

export function alertCounts(active: readonly Alert[]): AlertCounts {
  let critical = 0;
  for (const alert of active) if (alert.severity === 'critical') critical += 1;
  return { active: active.length, critical };
}

export interface AlertStop {
  alert: Alert;
  /** Where the camera goes; null when neither its area nor its incident is known here. */
  place: LonLat | null;
}

/** The first `limit` critical alerts of `active` (already most urgent first), with their places. */
export function criticalAlertStops(
  active: readonly Alert[],
  incidents: ReadonlyMap<string, Incident>,
  limit: number,
): AlertStop[] {
  const stops: AlertStop[] = [];
  for (const alert of active) {
    if (stops.length >= limit) break;
    if (alert.severity !== 'critical') continue;
    stops.push({ alert, place: placeOfAlert(alert, incidents) });
  }
  return stops;
}

function placeOfAlert(alert: Alert, incidents: ReadonlyMap<string, Incident>): LonLat | null {
  if (alert.area) return alert.area.center;
  for (const id of alert.incidentIds) {
    const incident = incidents.get(id);
    if (incident) return incident.location;
  }
  return null;
}

/**
 * The scenes the autopilot cycles through: the URL's, less the alerts scene while no alert
 * is critical (an empty scene would only say "nothing here"); never none.
 */
export function scenesToCycle(scenes: readonly SceneName[], anyCritical: boolean): SceneName[] {
  const on = anyCritical ? [...scenes] : scenes.filter((s) => s !== 'alerts');
  return on.length > 0 ? on : ['heatmap'];
}
