/**
 * Where a replay starts: what screens held at `from`, rebuilt with the shared reducers.
 *
 * Incidents come from those that can be on screen then (the store picks them by the
 * projection's reported and ended times), not from the whole log before it, so the cost
 * follows the live window, not the log's age. Periodic checkpoints would do as well but
 * need storage, and every crew that syncs a change late would have to invalidate the
 * checkpoints after its field time; this needs neither.
 *
 * Alerts are few (a handful a day per agency, against thousands of events), so they come
 * from the alerts table: those that can still have been in the window at `from` are
 * rebuilt from their own events up to `from`. Nothing scans the log by time.
 */
import type { Alert } from '../../shared/domain/alerts.ts';
import { liveWindowStart } from '../../shared/domain/live-window.ts';
import {
  alertsVisibleAt,
  fieldTime,
  replayInPlace,
  visibleAt,
} from '../../shared/domain/replay.ts';
import type { Incident } from '../../shared/domain/types.ts';
import type { Store } from '../log/store.ts';

/**
 * What screens showed at `at`, replayed from the incidents that can be alive then. Stops
 * early (with a partial answer nobody reads) once `stop` says the client is gone.
 */
export async function shownAt(
  store: Store,
  at: Date,
  windowHours: number,
  stop: () => boolean,
): Promise<Incident[]> {
  const state = new Map<string, Incident>();
  const since = liveWindowStart(at, windowHours).toISOString();
  for await (const e of store.iterateAliveAt(at.toISOString(), since)) {
    if (stop()) break;
    replayInPlace(state, [e]);
  }
  return visibleAt(state.values(), at, windowHours);
}

/** Every alert: the table is read whole, since its size is that of the analyst's output. */
const ALL_ALERTS = Number.MAX_SAFE_INTEGER;

/**
 * The alerts screens held at `at` (active then, or cleared within the window before it),
 * each as it stood then. An alert's current picture rules most out: one cleared before
 * the window's start was cleared before `at` too (clears only move later), and one raised
 * after `at` did not exist then — except an SLA alert raised again on a reopened incident,
 * whose picture shows only its latest raise. An SLA alert is cleared when its incident
 * ends, so one on screen at `at` watches an incident on screen then (`shown`): those
 * alerts are rebuilt from their events whatever their latest raise says.
 */
export async function alertsShownAt(
  store: Store,
  at: Date,
  windowHours: number,
  shown: readonly Incident[],
  stop: () => boolean,
): Promise<Alert[]> {
  const t = at.getTime();
  const startMs = liveWindowStart(at, windowHours).getTime();
  const onScreen = new Set(shown.map((i) => i.id));
  const candidates = (await store.queryAlerts({ limit: ALL_ALERTS })).filter(
    (a) =>
      (a.clearedAt === null || Date.parse(a.clearedAt) >= startMs) &&
      (Date.parse(a.raisedAt) <= t ||
        (a.clock !== null && a.incidentIds.some((id) => onScreen.has(id)))),
  );
  const state = new Map<string, Alert>();
  for (const candidate of candidates) {
    if (stop()) break;
    const events = (await store.eventsForIncident(candidate.id))
      .filter((e) => Date.parse(fieldTime(e)) <= t)
      .sort((a, b) => Date.parse(fieldTime(a)) - Date.parse(fieldTime(b)) || a.seq - b.seq);
    replayInPlace(new Map(), events, state);
  }
  return alertsVisibleAt(state.values(), at, windowHours);
}
