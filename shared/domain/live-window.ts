/**
 * The live window: what a live screen holds is every open incident, and those that ended
 * within the last `windowHours` (WINDOW_HOURS). The server's memory and snapshots, GET
 * /stats, replay, the browser store's pruning and the wall's numbers all ask this one
 * rule, so a screen and the server cannot disagree about which incidents count. Alerts
 * follow the same rule: every active one, and those cleared within the window.
 */
import { type Alert, isActiveAlert } from './alerts.ts';
import { isOpen } from './sla.ts';
import { HOUR_MS } from './time.ts';
import type { Incident } from './types.ts';

/** The earliest end an incident may have and still be in the window at `now`. */
export function liveWindowStart(now: Date, windowHours: number): Date {
  return new Date(now.getTime() - windowHours * HOUR_MS);
}

function endedSince(incident: Incident, startMs: number): boolean {
  return isOpen(incident) || (incident.endedAt !== null && Date.parse(incident.endedAt) >= startMs);
}

/** Whether `incident` is on a live screen at `now`: open, or ended within the window. */
export function inLiveWindow(incident: Incident, now: Date, windowHours: number): boolean {
  return endedSince(incident, liveWindowStart(now, windowHours).getTime());
}

/** The incidents of `incidents` that are in the live window at `now`, in their order. */
export function liveWindow(
  incidents: Iterable<Incident>,
  now: Date,
  windowHours: number,
): Incident[] {
  const startMs = liveWindowStart(now, windowHours).getTime();
  const out: Incident[] = [];
  for (const incident of incidents) if (endedSince(incident, startMs)) out.push(incident);
  return out;
}

function clearedSince(alert: Alert, startMs: number): boolean {
  return (
    isActiveAlert(alert) || (alert.clearedAt !== null && Date.parse(alert.clearedAt) >= startMs)
  );
}

/** Whether `alert` is on a live screen at `now`: active, or cleared within the window. */
export function alertInLiveWindow(alert: Alert, now: Date, windowHours: number): boolean {
  return clearedSince(alert, liveWindowStart(now, windowHours).getTime());
}

/** The alerts of `alerts` that are in the live window at `now`, in their order. */
export function liveAlerts(alerts: Iterable<Alert>, now: Date, windowHours: number): Alert[] {
  const startMs = liveWindowStart(now, windowHours).getTime();
  const out: Alert[] = [];
  for (const alert of alerts) if (clearedSince(alert, startMs)) out.push(alert);
  return out;
}
