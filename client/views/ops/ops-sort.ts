/**
 * The orders of the ops incident list. The default puts the work that will breach its
 * SLA soonest on top (overdue first, most overdue highest), using the shared `timeLeftMs`
 * so the list and the wall agree on what "time left" means. Ended incidents have no
 * clock running, so they follow all open work, most recently ended first.
 */
import { isOpen, timeLeftMs } from '../../../shared/domain/sla.ts';
import type { Incident, Severity } from '../../../shared/domain/types.ts';
import { SEVERITIES } from '../../../shared/domain/types.ts';
import type { SortKey } from './ops-filters.ts';

const SEVERITY_RANK: Record<Severity, number> = Object.fromEntries(
  SEVERITIES.map((s, i) => [s, i]),
) as Record<Severity, number>;

/**
 * What the orders compare, worked out once per incident before sorting: a comparator that
 * parsed the deadlines itself would parse them twice per comparison, some 3 million times
 * for a 100,000-incident list, where this parses each incident's once.
 */
interface Keyed {
  incident: Incident;
  open: boolean;
  /** Open: `timeLeftMs`. */
  timeLeft: number;
  /** Ended: when (or, lacking it, the last update). */
  endedAt: number;
  reportedAt: number;
  rank: number;
}

type Compare = (a: Keyed, b: Keyed) => number;

const byId: Compare = (a, b) =>
  a.incident.id < b.incident.id ? -1 : a.incident.id > b.incident.id ? 1 : 0;
const byNewest: Compare = (a, b) => b.reportedAt - a.reportedAt;

// timeLeftMs is "deadline − now" for every open incident, so the order does not change as
// the clock runs; only which incidents are open does.
const bySla: Compare = (a, b) => {
  if (a.open !== b.open) return a.open ? -1 : 1;
  if (!a.open) return b.endedAt - a.endedAt;
  return a.timeLeft - b.timeLeft;
};

/** Open work first here too: an ended critical report needs nobody's attention. */
const bySeverity: Compare = (a, b) =>
  Number(b.open) - Number(a.open) || b.rank - a.rank || bySla(a, b);

function keyed(incident: Incident, sort: SortKey, now: Date): Keyed {
  const open = isOpen(incident);
  const bySlaToo = sort !== 'newest';
  return {
    incident,
    open,
    // Every sort needs it for open work: the overdue count is read from it too.
    timeLeft: open ? timeLeftMs(incident, now) : 0,
    endedAt: bySlaToo && !open ? Date.parse(incident.endedAt ?? incident.updatedAt) : 0,
    reportedAt: sort === 'newest' ? Date.parse(incident.reportedAt) : 0,
    rank: SEVERITY_RANK[incident.severity],
  };
}

/** Sorts a copy; the caller's array (often the store's stable one) is never reordered. */
export function sortIncidents(
  incidents: readonly Incident[],
  sort: SortKey,
  now: Date,
): Incident[] {
  return sortAndCountOverdue(incidents, sort, now).sorted;
}

/**
 * The sorted copy and how many of them are overdue, from one look at each incident's
 * deadlines: open with no time left is exactly the shared `isOverdue` (past the response
 * deadline unanswered, or past the resolution deadline).
 */
export function sortAndCountOverdue(
  incidents: readonly Incident[],
  sort: SortKey,
  now: Date,
): { sorted: Incident[]; overdue: number } {
  const primary = sort === 'newest' ? byNewest : sort === 'severity' ? bySeverity : bySla;
  const keys = incidents.map((incident) => keyed(incident, sort, now));
  let overdue = 0;
  for (const k of keys) if (k.open && k.timeLeft <= 0) overdue += 1;
  // A total order: rows do not swap places between renders when their keys tie.
  keys.sort((a, b) => primary(a, b) || byId(a, b));
  return { sorted: keys.map((k) => k.incident), overdue };
}

/** One step up the severity ladder, or null at the top. */
export function nextSeverity(severity: Severity): Severity | null {
  return SEVERITIES[SEVERITY_RANK[severity] + 1] ?? null;
}
