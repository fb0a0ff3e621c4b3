/**
 * What the drawer offers about duplicates, from the live store: the open incidents a
 * supervisor may link a report to by hand (same category, near, nearest first). The rules
 * (who may be a master, distances) are shared/domain/duplicates.ts's; this only picks.
 */
import {
  distanceM,
  masterOf,
  mayBeMaster,
  reportersOf,
} from '../../../shared/domain/duplicates.ts';
import type { Incident } from '../../../shared/domain/types.ts';

/** How far the drawer looks for a master to link to by hand, and how many it offers. */
export const LINK_RADIUS_M = 500;
export const LINK_CANDIDATES = 5;

export interface Candidate {
  incident: Incident;
  distanceM: number;
}

/**
 * Whether a report may be linked by hand at all: an incident of its own with no reports
 * linked to it, before anyone was sent (the server's `decideLink` says the same, and decides).
 */
export function mayBeLinked(report: Incident): boolean {
  return (
    masterOf(report) === null &&
    reportersOf(report) <= 1 &&
    (report.status === 'received' || report.status === 'verified')
  );
}

/** Up to `limit` open incidents of the report's category within `radiusM`, nearest first. */
export function linkCandidates(
  report: Incident,
  incidents: Iterable<Incident>,
  radiusM = LINK_RADIUS_M,
  limit = LINK_CANDIDATES,
): Candidate[] {
  const found: Candidate[] = [];
  for (const incident of incidents) {
    if (incident.id === report.id || incident.category !== report.category) continue;
    if (!mayBeMaster(incident)) continue;
    const d = distanceM(report.location, incident.location);
    if (d <= radiusM) found.push({ incident, distanceM: d });
  }
  found.sort(
    (a, b) => a.distanceM - b.distanceM || (a.incident.reportedAt < b.incident.reportedAt ? -1 : 1),
  );
  return found.slice(0, limit);
}
