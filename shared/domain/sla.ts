/**
 * SLA clocks. Each category fixes two deadlines at report time: first response and
 * resolution. A clock is pending until its deadline, then overdue; once stopped it
 * was met or breached. Rejected and duplicate reports stop the resolution clock void.
 */
import type { Category } from '../city/types.ts';
import type { Incident } from './types.ts';
import { TERMINAL_STATUSES } from './types.ts';
import { addMinutes } from './time.ts';
import { timesOf, type IncidentTimes } from './incident-times.ts';
import { masterOf } from './duplicates.ts';

export type ClockState = 'pending' | 'overdue' | 'met' | 'breached' | 'void';

export interface Clock {
  dueAt: string;
  stoppedAt: string | null;
  state: ClockState;
  /** Positive while time is left, negative once past due; 0 once stopped. */
  remainingMs: number;
}

export function slaDeadlines(
  category: Pick<Category, 'sla'>,
  reportedAt: string,
): { responseDueAt: string; resolveDueAt: string } {
  return {
    responseDueAt: addMinutes(reportedAt, category.sla.responseMinutes),
    resolveDueAt: addMinutes(reportedAt, category.sla.resolveMinutes),
  };
}

function clock(dueAt: string, stoppedAt: string | null, now: number, isVoid = false): Clock {
  const due = Date.parse(dueAt);
  if (isVoid) return { dueAt, stoppedAt, state: 'void', remainingMs: 0 };
  if (stoppedAt !== null) {
    return {
      dueAt,
      stoppedAt,
      state: Date.parse(stoppedAt) <= due ? 'met' : 'breached',
      remainingMs: 0,
    };
  }
  return { dueAt, stoppedAt, state: now < due ? 'pending' : 'overdue', remainingMs: due - now };
}

export function slaClocks(incident: Incident, now: Date): { response: Clock; resolution: Clock } {
  const t = now.getTime();
  // A linked report's work is its master's (duplicates.ts): its own clock stops void.
  const dropped =
    incident.status === 'rejected' ||
    incident.status === 'duplicate' ||
    masterOf(incident) !== null;
  return {
    response: clock(incident.responseDueAt, incident.firstResponseAt, t),
    resolution: clock(incident.resolveDueAt, incident.resolvedAt, t, dropped),
  };
}

/** Open work: not in a terminal status, and not a report linked to another incident. */
export function isOpen(incident: Incident): boolean {
  return !TERMINAL_STATUSES.includes(incident.status) && masterOf(incident) === null;
}

/** The overdue rule: past the response deadline without a response, or past the resolution deadline. */
function pastDeadline(times: IncidentTimes, t: number, responded: boolean): boolean {
  return (!responded && t >= times.responseDue) || t >= times.resolveDue;
}

/** Open and past either deadline it has not yet met. */
export function isOverdue(incident: Incident, now: Date): boolean {
  if (!isOpen(incident)) return false;
  const times = timesOf(incident);
  return pastDeadline(times, now.getTime(), times.firstResponse !== null);
}

/** Open at instant `t` (ms), from the incident's own timestamps: reported by then, not yet ended. */
export function openAt(incident: Incident, t: number): boolean {
  return (
    timesOf(incident).reported <= t &&
    (incident.endedAt === null || Date.parse(incident.endedAt) > t)
  );
}

/**
 * Overdue at instant `t` (ms), as a screen would have shown it then: open then, and past a
 * deadline not met by then. At `t` = now it is `isOverdue`, for incidents whose field times
 * are not ahead of the clock. The wall's trend rebuilds an hour ago with it.
 */
export function overdueAt(incident: Incident, t: number): boolean {
  if (!openAt(incident, t)) return false;
  const times = timesOf(incident);
  return pastDeadline(times, t, times.firstResponse !== null && times.firstResponse <= t);
}

/** Milliseconds to the nearest deadline still running (negative once overdue); the ops list sorts by it. */
export function timeLeftMs(incident: Incident, now: Date): number {
  const t = now.getTime();
  const times = timesOf(incident);
  const resolveLeft = times.resolveDue - t;
  if (times.firstResponse !== null) return resolveLeft;
  return Math.min(times.responseDue - t, resolveLeft);
}
