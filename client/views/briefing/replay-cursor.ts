/**
 * The city as it was at time t, from a replay window: start from `initial` (the state at
 * the window's start) and apply, with the shared reducer, every event whose field time is
 * ≤ t. Moving forward applies only the new events; moving backward starts again from
 * `initial`, because the reducer only goes forward. The analyst's alerts move the same way
 * beside the incidents, from `initialAlerts`. Nothing here touches the live store.
 */
import { type Alert, isAlertEvent } from '../../../shared/domain/alerts.ts';
import {
  alertsVisibleAt,
  fieldTime,
  replayInPlace,
  visibleAt,
} from '../../../shared/domain/replay.ts';
import type { DomainEvent, Incident } from '../../../shared/domain/types.ts';

export interface ReplayData {
  from: string;
  to: string;
  windowHours: number;
  initial: Incident[];
  /** The alerts screens held at `from`: active, or cleared within the window hours. */
  initialAlerts: Alert[];
  events: DomainEvent[];
}

export interface ReplayCursor {
  /** Moves to `t` (epoch ms) and returns how many events are applied in all. */
  seek(t: number): number;
  /** What a screen showed at the current time: open, or ended within the window hours. */
  visible(): Incident[];
  /** The alerts a screen held at the current time: active, or cleared within the window hours. */
  alerts(): Alert[];
  time(): number;
}

export function createReplayCursor(data: ReplayData): ReplayCursor {
  const start = Date.parse(data.from);
  const times = Float64Array.from(data.events, (e) => Date.parse(fieldTime(e)));
  let state = new Map<string, Incident>();
  let alerts = new Map<string, Alert>();
  let applied = 0;
  let at = start;

  const reset = () => {
    state = new Map(data.initial.map((i) => [i.id, i]));
    alerts = new Map(data.initialAlerts.map((a) => [a.id, a]));
    applied = 0;
    at = start;
  };
  reset();

  return {
    seek(t) {
      if (t < at) reset();
      while (applied < times.length && times[applied]! <= t) {
        const e = data.events[applied]!;
        // An incident that had left the screens before the window (ended long ago) is not
        // in `initial`; a late change to it (say, closed) is not shown either.
        // Alike for alerts: replayInPlace skips events of one not in `initialAlerts`.
        if (e.type === 'incident.reported' || isAlertEvent(e) || state.has(e.incidentId)) {
          replayInPlace(state, [e], alerts);
        }
        applied++;
      }
      at = t;
      return applied;
    },
    visible: () => visibleAt(state.values(), new Date(at), data.windowHours),
    alerts: () => alertsVisibleAt(alerts.values(), new Date(at), data.windowHours),
    time: () => at,
  };
}
