/**
 * An incident's timestamps as epoch milliseconds, parsed once per incident version.
 * Screens recompute KPIs and SLA states every second over up to 100,000 incidents;
 * incidents are immutable values, so a WeakMap keyed by the object is a safe cache.
 */
import type { Incident } from './types.ts';

export interface IncidentTimes {
  reported: number;
  firstResponse: number | null;
  resolved: number | null;
  responseDue: number;
  resolveDue: number;
}

const CACHE = new WeakMap<Incident, IncidentTimes>();
const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

export function timesOf(inc: Incident): IncidentTimes {
  let t = CACHE.get(inc);
  if (!t) {
    t = {
      reported: Date.parse(inc.reportedAt),
      firstResponse: ms(inc.firstResponseAt),
      resolved: ms(inc.resolvedAt),
      responseDue: Date.parse(inc.responseDueAt),
      resolveDue: Date.parse(inc.resolveDueAt),
    };
    CACHE.set(inc, t);
  }
  return t;
}
