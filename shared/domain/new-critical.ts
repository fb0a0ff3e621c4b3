/**
 * What "a new critical incident" means, once, for both screens that interrupt people for
 * it: the wall's alert card and the ops console's tone and toast. Each keeps a picture of
 * the critical incidents it has already seen (any status) and compares every new look
 * with it; the first look (the snapshot a screen starts from) is the starting picture,
 * not news.
 *
 * News is an incident that is open and critical now and was not critical at the previous
 * look: a critical report that just arrived, and also one ESCALATED to critical after it
 * was reported. The two rules this replaces (the wall compared its newest report ids, the
 * console every id it had seen) both missed escalations, and in a command center a flood
 * report upgraded to critical needs hands as urgently as a fresh one. A critical incident
 * that ended and is reopened is not news: someone is already on it, and it never left the
 * picture. One that arrives already ended is not news either.
 *
 * `maxAgeMs` (the wall's choice) drops news whose last change is older than that, counted
 * from `updatedAt`, the moment it became critical or later: a wall catching up after an
 * outage should not replay an hour of sirens. The console passes none: an operator should
 * hear of every critical incident it has not yet shown, however late it reached it.
 */
import { isOpen } from './sla.ts';
import type { Incident } from './types.ts';

/** Ids of the critical incidents (any status) at one look. */
export type CriticalPicture = ReadonlySet<string>;

export interface CriticalNews {
  /** The incidents that became news, oldest change first. */
  fresh: Incident[];
  /** What to compare the next look with. */
  picture: CriticalPicture;
}

export interface NewsOptions {
  nowMs: number;
  maxAgeMs: number;
}

export function newCriticalIncidents(
  prev: CriticalPicture | null,
  next: Iterable<Incident>,
  age?: NewsOptions,
): CriticalNews {
  const picture = new Set<string>();
  const fresh: Incident[] = [];
  for (const incident of next) {
    if (incident.severity !== 'critical') continue;
    picture.add(incident.id);
    if (prev === null || prev.has(incident.id) || !isOpen(incident)) continue;
    if (age && age.nowMs - Date.parse(incident.updatedAt) > age.maxAgeMs) continue;
    fresh.push(incident);
  }
  fresh.sort(
    (a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || a.id.localeCompare(b.id),
  );
  return { fresh, picture };
}
