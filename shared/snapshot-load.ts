/**
 * How a screen's copy of the live window takes a snapshot and the events after it. The
 * copy holds only open and recently ended incidents, and active and recently cleared
 * alerts, so an event about an older one (a late note, say) has nothing to change there,
 * but its seq still counts.
 */
import type { Snapshot } from './contract.ts';
import { isAlertEvent, type Alert } from './domain/alerts.ts';
import { applyInPlace, type OwnedProjection } from './domain/reducer.ts';
import type { DomainEvent } from './domain/types.ts';
import { decodeIncidents } from './incident-codec.ts';

/** Whether the copy holds what `event` changes, or `event` brings it in. */
function touchesWindow(state: OwnedProjection, event: DomainEvent): boolean {
  if (isAlertEvent(event))
    return event.type === 'alert.raised' || state.alerts.has(event.incidentId);
  return event.type === 'incident.reported' || state.incidents.has(event.incidentId);
}

/** Applies the next event to a window copy; returns whether an incident or alert in it changed. */
export function applyToWindow(state: OwnedProjection, event: DomainEvent): boolean {
  if (!touchesWindow(state, event)) {
    state.seq = event.seq;
    return false;
  }
  applyInPlace(state, [event]);
  return true;
}

/**
 * Replaces the copy with a snapshot: its decoded picture and alerts, then its tail of
 * events (which the server sends consecutive; it stops at the first that is not).
 */
export function loadSnapshot(state: OwnedProjection, snapshot: Snapshot): void {
  // Decoded before the copy is touched: bytes that do not decode leave it as it was.
  const picture = decodeIncidents(snapshot.incidents);
  state.incidents.clear();
  for (const incident of picture) state.incidents.set(incident.id, incident);
  state.alerts.clear();
  // A node from before alerts (in a rolling upgrade, same protocol) sends none.
  for (const alert of (snapshot.alerts as Alert[] | undefined) ?? [])
    state.alerts.set(alert.id, alert);
  state.seq = snapshot.pictureSeq;
  for (const event of snapshot.tail) {
    if (event.seq !== state.seq + 1) break;
    applyToWindow(state, event);
  }
}
