/**
 * The server's live projection: open incidents and those ended within the live window,
 * active alerts and those cleared within it, at the seq of the last event applied. Loaded from the store at start, then kept
 * current by applying each appended batch with the shared reducer (the same code the
 * browser runs), and pruned of incidents and alerts that leave the window. The stream reads it
 * for snapshots and stats; listeners (the broadcaster) hear every applied batch.
 */
import type { Alert } from '../../shared/domain/alerts.ts';
import {
  alertInLiveWindow,
  inLiveWindow,
  liveWindowStart,
} from '../../shared/domain/live-window.ts';
import type { ProjectionState } from '../../shared/domain/reducer.ts';
import { applyInPlace, ownedProjection } from '../../shared/domain/reducer.ts';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import type { Store } from '../log/store.ts';

export interface LiveProjection {
  readonly state: Readonly<ProjectionState>;
  /** Applies a batch the log has just committed, then tells listeners. */
  apply(events: DomainEvent[]): void;
  /** Takes back an incident that had left the window, before an event changes it again. */
  recall(incident: Incident): void;
  /** Takes back an alert that had left the window, before an event changes it again. */
  recallAlert(alert: Alert): void;
  /** Drops incidents and alerts that ended before the live window from memory; the store keeps them. */
  prune(): void;
  onApplied(listener: (events: DomainEvent[]) => void): () => void;
}

export async function loadLiveProjection(deps: {
  store: Store;
  clock: () => Date;
  windowHours: number;
}): Promise<LiveProjection> {
  const { clock, windowHours } = deps;
  const loaded = await deps.store.loadLive(liveWindowStart(clock(), windowHours).toISOString());
  const state = ownedProjection(loaded.seq, loaded.incidents, loaded.alerts);
  const listeners = new Set<(events: DomainEvent[]) => void>();
  return {
    state,
    apply(events) {
      applyInPlace(state, events);
      for (const l of listeners) l(events);
    },
    recall(incident) {
      if (!state.incidents.has(incident.id)) state.incidents.set(incident.id, incident);
    },
    recallAlert(alert) {
      if (!state.alerts.has(alert.id)) state.alerts.set(alert.id, alert);
    },
    prune() {
      const now = clock();
      for (const [id, inc] of state.incidents) {
        if (!inLiveWindow(inc, now, windowHours)) state.incidents.delete(id);
      }
      for (const [id, alert] of state.alerts) {
        if (!alertInLiveWindow(alert, now, windowHours)) state.alerts.delete(id);
      }
    },
    onApplied(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
