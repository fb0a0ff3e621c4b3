/**
 * The wall's numbers, as pure functions of the store's incidents and the server-corrected
 * now. The KPIs themselves are the shared `statsFor` over the shared live window, so every
 * tile and board row equals GET /api/v1/stats; this adds what only the wall shows: the five
 * KPI tiles and the agency board with its trend.
 */
import type { CityPack } from '../../../shared/city/types.ts';
import { overdueAt } from '../../../shared/domain/sla.ts';
import type { GroupStats, Stats } from '../../../shared/domain/stats.ts';
import { HOUR_MS } from '../../../shared/domain/time.ts';
import type { Incident } from '../../../shared/domain/types.ts';

export const KPI_NAMES = [
  'reportedToday',
  'open',
  'overdue',
  'resolvedPct',
  'medianFirstResponseMin',
] as const;
export type KpiName = (typeof KPI_NAMES)[number];

export function kpiValues(totals: GroupStats): Record<KpiName, number | null> {
  return {
    reportedToday: totals.reportedToday,
    open: totals.open,
    overdue: totals.overdue,
    resolvedPct: totals.resolvedPct,
    medianFirstResponseMin: totals.medianFirstResponseMin,
  };
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
    reportersToday: 0,
    resolvedToday: 0,
    resolvedPct: null,
    medianFirstResponseMin: null,
    slaCompliancePct: null,
  };
}
