/**
 * The projection: one reducer from the event log to the current picture. The server,
 * the store and the browser all run this same code, so every screen shows the numbers
 * the database holds.
 */
import { type Alert, isAlertEvent, reduceAlert } from './alerts.ts';
import { laterOf, lastFieldTime } from './field-time.ts';
import { photoSummary } from './field-proof.ts';
import type { DomainEvent, Incident, IncidentEvent } from './types.ts';
import { TERMINAL_STATUSES } from './types.ts';

/**
 * The projection's state, the one shape the server's live projection, the store's
 * replays and the browser store hold. Readers see a ReadonlyMap; a long-lived holder
 * that applies events in place owns a `ProjectionState<Map<…>>` (see `applyInPlace`).
 */
export interface ProjectionState<
  Incidents extends ReadonlyMap<string, Incident> = ReadonlyMap<string, Incident>,
  Alerts extends ReadonlyMap<string, Alert> = ReadonlyMap<string, Alert>,
> {
  /** Seq of the last event applied; 0 for an empty log. */
  seq: number;
  incidents: Incidents;
  /** The analyst's alerts, by id (alerts.ts). */
  alerts: Alerts;
}

/** A state its holder changes in place. */
export type OwnedProjection = ProjectionState<Map<string, Incident>, Map<string, Alert>>;

export const EMPTY_STATE: ProjectionState = { seq: 0, incidents: new Map(), alerts: new Map() };

/** A fresh state for a holder to own: `incidents` and `alerts` as given (none by default), at `seq`. */
export function ownedProjection(
  seq = 0,
  incidents: Iterable<Incident> = [],
  alerts: Iterable<Alert> = [],
): OwnedProjection {
  const byId = new Map<string, Incident>();
  for (const incident of incidents) byId.set(incident.id, incident);
  const alertsById = new Map<string, Alert>();
  for (const alert of alerts) alertsById.set(alert.id, alert);
  return { seq, incidents: byId, alerts: alertsById };
}

/**
 * The next state of one incident after one event. `prev` is undefined only for
 * `incident.reported`; any other event on an unknown incident is a corrupt log.
 */
export function reduceIncident(prev: Incident | undefined, event: IncidentEvent): Incident {
  if (event.type === 'incident.reported') {
    const { incident } = event.data;
    return {
      ...incident,
      loggedAt: event.at,
      lastFieldAt: incident.reportedAt,
      updatedAt: event.at,
      lastSeq: event.seq,
    };
  }
  if (!prev) {
    throw new Error(
      `event ${event.seq} (${event.type}) names unknown incident ${event.incidentId}`,
    );
  }
  const noted = event.data.note ? 1 : 0;
  const base = {
    ...prev,
    updatedAt: event.at,
    // The latest, not the last: logs from before changes were kept in order still agree with replay.
    lastFieldAt: laterOf(lastFieldTime(prev), event.data.occurredAt),
    lastSeq: event.seq,
    notes: prev.notes + noted,
  };
  switch (event.type) {
    case 'incident.status_changed': {
      const { to, occurredAt } = event.data;
      const next: Incident = { ...base, status: to };
      if (prev.status === 'received' && next.firstResponseAt === null) {
        next.firstResponseAt = occurredAt;
      }
      if (to === 'resolved') next.resolvedAt = occurredAt;
      if (to === 'dispatched') next.dispatchedAt = occurredAt;
      if (TERMINAL_STATUSES.includes(to)) {
        next.endedAt = next.endedAt && to === 'closed' ? next.endedAt : occurredAt;
      } else {
        // Reopened: the clocks run again, and a waiver of the proof was for the closure before.
        next.endedAt = null;
        next.resolvedAt = null;
        if (next.proofWaived) next.proofWaived = null;
      }
      return next;
    }
    case 'incident.assigned':
      // A claim is within one agency: handed on, nobody of the new one holds it yet.
      return { ...base, agency: event.data.to, ...(prev.assignee ? { assignee: null } : {}) };
    case 'incident.claimed':
      return { ...base, assignee: event.data.assignee };
    case 'incident.unclaimed':
      return { ...base, assignee: null };
    case 'incident.photo_added':
      return { ...base, photos: [...(prev.photos ?? []), photoSummary(event)] };
    case 'incident.proof_waived':
      return { ...base, proofWaived: { by: event.data.by, note: event.data.note } };
    case 'incident.escalated':
      return { ...base, severity: event.data.to };
    case 'incident.noted':
      return base;
    case 'incident.linked':
      // No longer an incident of its own: it leaves the open work, and its master's
      // reporters count it (duplicates.ts). A confirmed one keeps the link.
      return {
        ...base,
        duplicateOf: event.data.masterId,
        endedAt: prev.endedAt ?? event.data.occurredAt,
      };
    case 'incident.unlinked':
      // Split: its own again, its clocks running unless it had reached an end of its own.
      return {
        ...base,
        duplicateOf: null,
        endedAt: TERMINAL_STATUSES.includes(prev.status) ? prev.endedAt : null,
      };
    case 'incident.reporters_changed':
      return { ...base, reporters: Math.max(1, (prev.reporters ?? 1) + event.data.delta) };
  }
}

/**
 * Applies events to a state it owns, in place. For long-lived holders (the server's
 * projection, the browser store) that would otherwise copy a large map per event.
 * Events at or below the state's seq are skipped, so replays are idempotent.
 */
export function applyInPlace(state: OwnedProjection, events: readonly DomainEvent[]): void {
  for (const event of events) {
    if (event.seq <= state.seq) continue;
    if (isAlertEvent(event)) {
      state.alerts.set(event.incidentId, reduceAlert(state.alerts.get(event.incidentId), event));
    } else {
      state.incidents.set(
        event.incidentId,
        reduceIncident(state.incidents.get(event.incidentId), event),
      );
    }
    state.seq = event.seq;
  }
}

/** Pure form of the reducer: returns a new state and leaves `state` untouched. */
export function applyEvents(
  state: ProjectionState,
  events: readonly DomainEvent[],
): ProjectionState {
  const next: OwnedProjection = {
    seq: state.seq,
    incidents: new Map(state.incidents),
    alerts: new Map(state.alerts),
  };
  applyInPlace(next, events);
  return next;
}

export function apply(state: ProjectionState, event: DomainEvent): ProjectionState {
  return applyEvents(state, [event]);
}
