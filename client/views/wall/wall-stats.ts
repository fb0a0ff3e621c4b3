/**
 * The wall's numbers, as pure functions of the store's incidents and the server-corrected
 * now. They go through the shared `computeStats` over the same live window the server
 * uses for GET /api/v1/stats, so every tile and board row equals the API.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import { isOpen } from '../../../shared/domain/sla.ts';
import { computeStats, type GroupStats, type Stats } from '../../../shared/domain/stats.ts';
import type { Incident } from '../../../shared/domain/types.ts';

const HOUR_MS = 3_600_000;

export const KPI_NAMES = [
  'reportedToday',
  'open',
  'overdue',
  'resolvedPct',
  'medianFirstResponseMin',
] as const;
export type KpiName = (typeof KPI_NAMES)[number];

/** Open incidents plus those ended within the window: the server's `liveIncidents`. */
export function liveWindow(
  incidents: Iterable<Incident>,
  nowMs: number,
  windowHours: number | null,
): Incident[] {
  const out: Incident[] = [];
  const cutoff = windowHours === null ? -Infinity : nowMs - windowHours * HOUR_MS;
  for (const inc of incidents) {
    if (isOpen(inc) || (inc.endedAt !== null && Date.parse(inc.endedAt) >= cutoff)) out.push(inc);
  }
  return out;
}

export function wallStats(incidents: readonly Incident[], nowMs: number, pack: CityPack): Stats {
  return computeStats(incidents, new Date(nowMs), pack.timeZone, {
    agencies: pack.agencies.map((a) => a.code),
    categories: pack.categories.map((c) => c.code),
  });
}

export function kpiValues(totals: GroupStats): Record<KpiName, number | null> {
  return {
    reportedToday: totals.reportedToday,
    open: totals.open,
    overdue: totals.overdue,
    resolvedPct: totals.resolvedPct,
    medianFirstResponseMin: totals.medianFirstResponseMin,
  };
}

/** Open at instant `t`, from the incident's own timestamps. */
export function openAt(inc: Incident, t: number): boolean {
  return Date.parse(inc.reportedAt) <= t && (inc.endedAt === null || Date.parse(inc.endedAt) > t);
}

/**
 * Overdue at instant `t`: open then, and past the response deadline without a response by
 * then, or past the resolution deadline. At `t` = now it is exactly `isOverdue`.
 */
export function overdueAt(inc: Incident, t: number): boolean {
  if (!openAt(inc, t)) return false;
  const responded = inc.firstResponseAt !== null && Date.parse(inc.firstResponseAt) <= t;
  if (!responded && t >= Date.parse(inc.responseDueAt)) return true;
  return t >= Date.parse(inc.resolveDueAt);
}

export type Trend = 'worse' | 'better' | 'steady';

export interface AgencyRow {
  code: string;
  short: string;
  stats: GroupStats;
  /** Overdue an hour ago, rebuilt from the same incidents' timestamps. */
  overdueHourAgo: number;
  /** Overdue now minus overdue an hour ago. */
  delta: number;
  trend: Trend;
}

/**
 * The trend arrow compares an agency's overdue count now with its overdue count one hour
 * earlier, both from the same incidents: the earlier one is rebuilt from each incident's
 * timestamps (reported, first response, ended, deadlines), so it is what the board would
 * have shown then, not a stored sample. More overdue than an hour ago is "worse" (▲),
 * fewer is "better" (▼), the same is "steady" (▶). Overdue, not open, because a backlog
 * that grows with the morning's reports is normal, while work slipping past its SLA is
 * what the room must act on.
 */
export function agencyRows(
  pack: CityPack,
  stats: Stats,
  incidents: readonly Incident[],
  nowMs: number,
): AgencyRow[] {
  const hourAgo = nowMs - HOUR_MS;
  const earlier = new Map<string, number>();
  for (const inc of incidents) {
    if (overdueAt(inc, hourAgo)) earlier.set(inc.agency, (earlier.get(inc.agency) ?? 0) + 1);
  }
  return pack.agencies.map((agency) => {
    const s = stats.byAgency[agency.code] ?? emptyGroup();
    const overdueHourAgo = earlier.get(agency.code) ?? 0;
    const delta = s.overdue - overdueHourAgo;
    return {
      code: agency.code,
      short: agency.short,
      stats: s,
      overdueHourAgo,
      delta,
      trend: delta > 0 ? 'worse' : delta < 0 ? 'better' : 'steady',
    };
  });
}

function emptyGroup(): GroupStats {
  return {
    open: 0,
    inProgress: 0,
    overdue: 0,
    reportedToday: 0,
    resolvedToday: 0,
    resolvedPct: null,
    medianFirstResponseMin: null,
    slaCompliancePct: null,
  };
}
