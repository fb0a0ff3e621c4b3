/**
 * The live window: what a live screen holds is every open incident, and those that ended
 * within the last `windowHours` (WINDOW_HOURS). The server's memory and snapshots, GET
 * /stats, replay, the browser store's pruning and the wall's numbers all ask this one
 * rule, so a screen and the server cannot disagree about which incidents count.
 */
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
