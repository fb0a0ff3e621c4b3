/**
 * The server's live projection: open incidents and those ended within the live window,
 * at the seq of the last event applied. Loaded from the store at start, then kept
 * current by applying each appended batch with the shared reducer (the same code the
 * browser runs), and pruned of incidents that leave the window. The stream reads it
 * for snapshots and stats; listeners (the broadcaster) hear every applied batch.
 */
import { inLiveWindow, liveWindowStart } from '../../shared/domain/live-window.ts';
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
  /** Drops incidents that ended before the live window from memory; the store keeps them. */
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
  const state = ownedProjection(loaded.seq, loaded.incidents);
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
    prune() {
      const now = clock();
      for (const [id, inc] of state.incidents) {
        if (!inLiveWindow(inc, now, windowHours)) state.incidents.delete(id);
      }
    },
    onApplied(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
