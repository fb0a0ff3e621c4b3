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

type Compare = (a: Incident, b: Incident) => number;

const byId: Compare = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byNewest: Compare = (a, b) => Date.parse(b.reportedAt) - Date.parse(a.reportedAt);

function bySla(now: Date): Compare {
  // timeLeftMs is "deadline − now" for every open incident, so the order does not change as
  // the clock runs; only which incidents are open does.
  return (a, b) => {
    const aOpen = isOpen(a);
    const bOpen = isOpen(b);
    if (aOpen !== bOpen) return aOpen ? -1 : 1;
    if (!aOpen) return Date.parse(b.endedAt ?? b.updatedAt) - Date.parse(a.endedAt ?? a.updatedAt);
    return timeLeftMs(a, now) - timeLeftMs(b, now);
  };
}

/** Open work first here too: an ended critical report needs nobody's attention. */
function bySeverity(now: Date): Compare {
  const sla = bySla(now);
  return (a, b) =>
    Number(isOpen(b)) - Number(isOpen(a)) ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    sla(a, b);
}

export function compareFor(sort: SortKey, now: Date): Compare {
  const primary = sort === 'newest' ? byNewest : sort === 'severity' ? bySeverity(now) : bySla(now);
  // A total order: rows do not swap places between renders when their keys tie.
  return (a, b) => primary(a, b) || byId(a, b);
}

/** Sorts a copy; the caller's array (often the store's stable one) is never reordered. */
export function sortIncidents(
  incidents: readonly Incident[],
  sort: SortKey,
  now: Date,
): Incident[] {
  return [...incidents].sort(compareFor(sort, now));
}

/** One step up the severity ladder, or null at the top. */
export function nextSeverity(severity: Severity): Severity | null {
  return SEVERITIES[SEVERITY_RANK[severity] + 1] ?? null;
}
