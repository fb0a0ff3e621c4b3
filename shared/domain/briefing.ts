/**
 * Period KPIs, league tables, hotspots and trends for leadership briefings. Pure: it
 * takes compact incident facts and a period, so it is exact to test and the same
 * numbers come out of the API, the page and the PDF. Definitions for period [from, to):
 * - received: reported in the period; resolved: resolved in the period;
 * - resolutionRatePct: of those received, the share resolved by the period's end;
 * - openAtEnd / overdueAtEnd: reported before the end and not ended by it (overdue:
 *   and past its resolution deadline, or past its response deadline unanswered);
 * - response / resolution times: over incidents received in the period (minutes);
 * - slaCompliancePct: of resolution deadlines that concluded in the period (resolved in
 *   it, or fell due in it while still unresolved at its end), the share met.
 */
import { cellToParent } from 'h3-js';
import { areaCodeAt } from '../city/lookup.ts';
import { medianOfSorted, pct, percentileOfSorted, sortedCopy } from './stats-math.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time.ts';

/** The facts of one incident that briefings need; the store selects exactly these. */
export interface IncidentFacts {
  id: string;
  category: string;
  agency: string;
  kelurahanCode: string | null;
  h3: string;
  status: string;
  reportedAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  endedAt: number | null;
  responseDueAt: number;
  resolveDueAt: number;
}

export interface PeriodKpis {
  received: number;
  resolved: number;
  resolutionRatePct: number | null;
  openAtEnd: number;
  overdueAtEnd: number;
  medianResponseMin: number | null;
  p90ResponseMin: number | null;
  medianResolutionMin: number | null;
  p90ResolutionMin: number | null;
  slaCompliancePct: number | null;
}

export interface LeagueRow {
  key: string;
  /** 1-based rank; null when the unit has fewer reports than the minimum. */
  rank: number | null;
  reports: number;
  overdueAtEnd: number;
  slaCompliancePct: number | null;
  medianResponseMin: number | null;
  /** Compliance change against the previous period, in points; null without data. */
  trendPts: number | null;
}

export interface Briefing {
  from: string;
  to: string;
  previous: { from: string; to: string };
  kpis: PeriodKpis;
  previousKpis: PeriodKpis;
  minCount: number;
  agencies: LeagueRow[];
  kelurahan: LeagueRow[];
  kecamatan: LeagueRow[];
  hotspots: { h3: string; reports: number }[];
  risingCategories: { category: string; reports: number; previous: number; change: number }[];
  trend: {
    bucket: 'hour' | 'day';
    times: string[];
    received: number[];
    resolved: number[];
    byCategory: Record<string, number[]>;
  };
}

function kpis(facts: readonly IncidentFacts[], from: number, to: number): PeriodKpis {
  let received = 0;
  let resolved = 0;
  let resolvedByEnd = 0;
  let openAtEnd = 0;
  let overdueAtEnd = 0;
  let concluded = 0;
  let met = 0;
  const response: number[] = [];
  const resolution: number[] = [];
  for (const f of facts) {
    const inPeriod = f.reportedAt >= from && f.reportedAt < to;
    const resolvedBy = f.resolvedAt !== null && f.resolvedAt < to;
    if (inPeriod) {
      received++;
      if (resolvedBy) resolvedByEnd++;
      if (f.firstResponseAt !== null && f.firstResponseAt < to)
        response.push((f.firstResponseAt - f.reportedAt) / MINUTE_MS);
      if (resolvedBy) resolution.push((f.resolvedAt! - f.reportedAt) / MINUTE_MS);
    }
    if (f.resolvedAt !== null && f.resolvedAt >= from && f.resolvedAt < to) resolved++;
    const openAt = f.reportedAt < to && (f.endedAt === null || f.endedAt >= to);
    if (openAt) {
      openAtEnd++;
      const unanswered = f.firstResponseAt === null || f.firstResponseAt >= to;
      if (f.resolveDueAt < to || (unanswered && f.responseDueAt < to)) overdueAtEnd++;
    }
    const voided = f.status === 'rejected' || f.status === 'duplicate';
    if (!voided && f.resolvedAt !== null && f.resolvedAt >= from && f.resolvedAt < to) {
      concluded++;
      if (f.resolvedAt <= f.resolveDueAt) met++;
    } else if (!voided && f.resolveDueAt >= from && f.resolveDueAt < to && openAt) {
      concluded++;
    }
  }
  const r1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const resp = sortedCopy(response);
  const reso = sortedCopy(resolution);
  return {
    received,
    resolved,
    resolutionRatePct: pct(resolvedByEnd, received),
    openAtEnd,
    overdueAtEnd,
    medianResponseMin: r1(medianOfSorted(resp)),
    p90ResponseMin: r1(percentileOfSorted(resp, 90)),
    medianResolutionMin: r1(medianOfSorted(reso)),
    p90ResolutionMin: r1(percentileOfSorted(reso, 90)),
    slaCompliancePct: pct(met, concluded),
  };
}

function groupBy(
  facts: readonly IncidentFacts[],
  key: (f: IncidentFacts) => string | null,
): Map<string, IncidentFacts[]> {
  const m = new Map<string, IncidentFacts[]>();
  for (const f of facts) {
    const k = key(f);
    if (k === null) continue;
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(f);
  }
  return m;
}

function league(
  facts: readonly IncidentFacts[],
  key: (f: IncidentFacts) => string | null,
  p: { from: number; to: number; prevFrom: number },
  minCount: number,
): LeagueRow[] {
  const rows: LeagueRow[] = [];
  for (const [k, group] of groupBy(facts, key)) {
    const now = kpis(group, p.from, p.to);
    const before = kpis(group, p.prevFrom, p.from);
    if (now.received === 0 && now.openAtEnd === 0 && now.slaCompliancePct === null) continue;
    rows.push({
      key: k,
      rank: null,
      reports: now.received,
      overdueAtEnd: now.overdueAtEnd,
      slaCompliancePct: now.slaCompliancePct,
      medianResponseMin: now.medianResponseMin,
      trendPts:
        now.slaCompliancePct === null || before.slaCompliancePct === null
          ? null
          : Math.round((now.slaCompliancePct - before.slaCompliancePct) * 10) / 10,
    });
  }
  const ranked = (r: LeagueRow) => r.reports >= minCount;
  rows.sort(
    (a, b) =>
      Number(ranked(b)) - Number(ranked(a)) ||
      (b.slaCompliancePct ?? -1) - (a.slaCompliancePct ?? -1) ||
      (a.medianResponseMin ?? Infinity) - (b.medianResponseMin ?? Infinity) ||
      b.reports - a.reports ||
      a.key.localeCompare(b.key),
  );
  let rank = 0;
  for (const r of rows) if (ranked(r)) r.rank = ++rank;
  return rows;
}

export function computeBriefing(
  facts: readonly IncidentFacts[],
  opts: {
    from: Date;
    to: Date;
    minCount?: number;
    hotspotResolution?: number;
    categories: readonly string[];
  },
): Briefing {
  const from = opts.from.getTime();
  const to = opts.to.getTime();
  const prevFrom = from - (to - from);
  const minCount = opts.minCount ?? 5;
  const period = { from, to, prevFrom };
  const inPeriod = facts.filter((f) => f.reportedAt >= from && f.reportedAt < to);
  const inPrev = facts.filter((f) => f.reportedAt >= prevFrom && f.reportedAt < from);

  const res = opts.hotspotResolution ?? 8;
  const cells = new Map<string, number>();
  for (const f of inPeriod) {
    const cell = res < 8 ? cellToParent(f.h3, res) : f.h3;
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
  }
  const hotspots = [...cells]
    .map(([h3, reports]) => ({ h3, reports }))
    .sort((a, b) => b.reports - a.reports || a.h3.localeCompare(b.h3))
    .slice(0, 10);

  const tally = (list: IncidentFacts[]) => {
    const m = new Map<string, number>();
    for (const f of list) m.set(f.category, (m.get(f.category) ?? 0) + 1);
    return m;
  };
  const now = tally(inPeriod);
  const before = tally(inPrev);
  const risingCategories = opts.categories
    .map((category) => {
      const reports = now.get(category) ?? 0;
      const previous = before.get(category) ?? 0;
      return { category, reports, previous, change: reports - previous };
    })
    .filter((c) => c.change > 0)
    .sort((a, b) => b.change - a.change || a.category.localeCompare(b.category))
    .slice(0, 5);

  const bucketMs = to - from <= 2 * DAY_MS ? HOUR_MS : DAY_MS;
  const n = Math.ceil((to - from) / bucketMs);
  const times = Array.from({ length: n }, (_, i) => new Date(from + i * bucketMs).toISOString());
  const received = new Array<number>(n).fill(0);
  const resolvedSeries = new Array<number>(n).fill(0);
  const byCategory: Record<string, number[]> = Object.fromEntries(
    opts.categories.map((c) => [c, new Array<number>(n).fill(0)]),
  );
  for (const f of inPeriod) {
    const i = Math.floor((f.reportedAt - from) / bucketMs);
    received[i]!++;
    (byCategory[f.category] ??= new Array<number>(n).fill(0))[i]!++;
  }
  for (const f of facts) {
    if (f.resolvedAt !== null && f.resolvedAt >= from && f.resolvedAt < to) {
      resolvedSeries[Math.floor((f.resolvedAt - from) / bucketMs)]!++;
    }
  }

  return {
    from: opts.from.toISOString(),
    to: opts.to.toISOString(),
    previous: { from: new Date(prevFrom).toISOString(), to: opts.from.toISOString() },
    kpis: kpis(facts, from, to),
    previousKpis: kpis(facts, prevFrom, from),
    minCount,
    agencies: league(facts, (f) => f.agency, period, minCount),
    kelurahan: league(facts, (f) => f.kelurahanCode, period, minCount),
    kecamatan: league(
      facts,
      (f) => (f.kelurahanCode === null ? null : areaCodeAt(f.kelurahanCode, 'kecamatan')),
      period,
      minCount,
    ),
    hotspots,
    risingCategories,
    trend: {
      bucket: bucketMs === HOUR_MS ? 'hour' : 'day',
      times,
      received,
      resolved: resolvedSeries,
      byCategory,
    },
  };
}
