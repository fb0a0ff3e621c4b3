/**
 * Replay: the city as it was at a moment, rebuilt from the event log with the shared
 * reducer, in field time (when things happened, not when they were recorded).
 */
import { liveWindow } from './live-window.ts';
import { reduceIncident } from './reducer.ts';
import { type DomainEvent, type Incident, isIncidentEvent } from './types.ts';

export { fieldTime } from './field-time.ts';

/**
 * Applies events in the order given (field-time order), in place. Unlike the live
 * reducer's `applyInPlace`, seqs are not required to rise: field time and log order
 * differ when crews sync late.
 */
export function replayInPlace(
  incidents: Map<string, Incident>,
  events: Iterable<DomainEvent>,
): void {
  for (const e of events) {
    // The city as it stood: alerts are not part of the picture of incidents.
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
