/**
 * Replay: the city as it was at a moment, rebuilt from the event log with the shared
 * reducers, in field time (when things happened, not when they were recorded). Incidents
 * and the analyst's alerts are rebuilt side by side, each by its own reducer.
 */
import { type Alert, isAlertEvent, reduceAlert } from './alerts.ts';
import { liveAlerts, liveWindow } from './live-window.ts';
import { reduceIncident } from './reducer.ts';
import { type DomainEvent, type Incident, isIncidentEvent } from './types.ts';

export { fieldTime } from './field-time.ts';

/**
 * Applies events in the order given (field-time order), in place. Unlike the live
 * reducer's `applyInPlace`, seqs are not required to rise: field time and log order
 * differ when crews sync late. Alert events go to `alerts` when it is given and are
 * skipped otherwise; an alert event about an alert not raised in `alerts` (raised and
 * cleared before the replay's start) is skipped too, as a replay window starts mid-log.
 */
export function replayInPlace(
  incidents: Map<string, Incident>,
  events: Iterable<DomainEvent>,
  alerts?: Map<string, Alert>,
): void {
  for (const e of events) {
    if (isAlertEvent(e)) {
      const prev = alerts?.get(e.incidentId);
      if (alerts && (prev !== undefined || e.type === 'alert.raised')) {
        alerts.set(e.incidentId, reduceAlert(prev, e));
      }
      continue;
    }
    if (!isIncidentEvent(e)) continue;
    incidents.set(e.incidentId, reduceIncident(incidents.get(e.incidentId), e));
  }
}

/** What a screen showed at `at`: the incidents reported by then that were in the live window. */
export function visibleAt(
  incidents: Iterable<Incident>,
  at: Date,
  windowHours: number,
): Incident[] {
  const t = at.getTime();
  const reported: Incident[] = [];
  for (const inc of incidents) if (Date.parse(inc.reportedAt) <= t) reported.push(inc);
  return liveWindow(reported, at, windowHours);
}

/** The alerts a screen held at `at`: raised by then, and active or cleared within the window. */
export function alertsVisibleAt(alerts: Iterable<Alert>, at: Date, windowHours: number): Alert[] {
  const t = at.getTime();
  const raised: Alert[] = [];
  for (const alert of alerts) if (Date.parse(alert.raisedAt) <= t) raised.push(alert);
  return liveAlerts(raised, at, windowHours);
}
