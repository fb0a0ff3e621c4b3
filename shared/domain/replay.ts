/**
 * Replay: the city as it was at a moment, rebuilt from the event log with the shared
 * reducer, in field time (when things happened, not when they were recorded).
 */
import type { DomainEvent, Incident } from './types.ts';
import { reduceIncident } from './reducer.ts';

/** Field time of an event: when the citizen reported it, or when the change happened. */
export function fieldTime(e: DomainEvent): string {
  return e.type === 'incident.reported' ? e.data.incident.reportedAt : e.data.occurredAt;
}

/**
 * Applies events in the order given (field-time order), in place. Unlike the live
 * reducer's `applyInPlace`, seqs are not required to rise: field time and log order
 * differ when crews sync late.
 */
export function replayInPlace(
  incidents: Map<string, Incident>,
  events: Iterable<DomainEvent>,
): void {
  for (const e of events)
    incidents.set(e.incidentId, reduceIncident(incidents.get(e.incidentId), e));
}

/** What a screen showed at `at`: open incidents, and those ended within `windowHours` before. */
export function visibleAt(
  incidents: Iterable<Incident>,
  at: Date,
  windowHours: number,
): Incident[] {
  const t = at.getTime();
  const cutoff = t - windowHours * 3_600_000;
  const out: Incident[] = [];
  for (const inc of incidents) {
    if (Date.parse(inc.reportedAt) > t) continue;
    if (inc.endedAt === null || Date.parse(inc.endedAt) >= cutoff) out.push(inc);
  }
  return out;
}
