/**
 * Period KPIs, league tables, hotspots and trends for leadership briefings. Pure: it
 * takes compact incident facts and a period, so it is exact to test and the same
 * numbers come out of the API, the page and the PDF. Definitions for period [from, to):
 * - incidents are masters and reports of their own: a report linked to a master
 *   (duplicates.ts `countsAsIncident`) counts in no incident figure, only as a reporter;
 *   every figure below but `reports` counts incidents (league tables, hotspots, rising
 *   categories and trends too);
 * - reports: every report received in the period, linked ones included;
 * - received: reported in the period; resolved: resolved in the period;
 * - resolutionRatePct: of those received, the share resolved by the period's end;
 * - openAtEnd / overdueAtEnd: reported before the end and not ended by it (overdue:
 *   and past its resolution deadline, or past its response deadline unanswered);
 * - response / resolution times: over incidents received in the period (minutes);
 * - slaCompliancePct: of resolution deadlines that concluded in the period (resolved in
 *   it, or fell due in it while still unresolved at its end), the share met.
 * It works on columns (briefing-columns.ts): the server's in-memory table as it stands, or
 * a list of facts turned into one, in one pass per period (briefing-tally.ts).
 */
import { cellToParent } from 'h3-js';
import { areaCodeAt } from '../city/lookup.ts';
import { columnsOf, type FactColumns } from './briefing-columns.ts';
import {
  CONCLUDED,
  countersOf,
  MET,
  OPEN_AT_END,
  OVERDUE_AT_END,
  RECEIVED,
  RESOLVED,
  RESOLVED_BY_END,
  responseByGroup,
  tallyPeriod,
  type Grouping,
  type PeriodTally,
} from './briefing-tally.ts';
import { medianAndPercentile, medianInPlace } from './briefing-quantiles.ts';
import { pct } from './stats-math.ts';
import { DAY_MS, HOUR_MS } from './time.ts';

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
  /** A report linked to a master (duplicates.ts): a reporter, counted in no incident figure. */
  linked: boolean;
}

export interface PeriodKpis {
  /** Every report received in the period, linked ones included (`received` counts incidents). */
  reports: number;
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

export interface BriefingOptions {
  from: Date;
  to: Date;
  minCount?: number;
  hotspotResolution?: number;
  categories: readonly string[];
}

const r1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

function kpisOf(t: PeriodTally): PeriodKpis {
  const c = countersOf(t, 0);
  const resp = medianAndPercentile(t.response.slice(), 90);
  const reso = medianAndPercentile(t.resolution.slice(), 90);
  return {
    reports: t.reports,
    received: c[RECEIVED]!,
    resolved: c[RESOLVED]!,
    resolutionRatePct: pct(c[RESOLVED_BY_END]!, c[RECEIVED]!),
    openAtEnd: c[OPEN_AT_END]!,
    overdueAtEnd: c[OVERDUE_AT_END]!,
    medianResponseMin: r1(resp.median),
    p90ResponseMin: r1(resp.percentile),
    medianResolutionMin: r1(reso.median),
    p90ResolutionMin: r1(reso.percentile),
    slaCompliancePct: pct(c[MET]!, c[CONCLUDED]!),
  };
}

/** A grouping with its groups' keys. */
interface Keyed extends Grouping {
  keys: string[];
}

/** Groups by a dictionary column whose null values (if any) belong to no group. */
function byValue(codes: Grouping['codes'], values: readonly (string | null)[]): Keyed {
  const index = new Int32Array(values.length).fill(-1);
  const keys: string[] = [];
  values.forEach((v, code) => {
    if (v === null) return;
    index[code] = keys.length;
    keys.push(v);
  });
  return { codes, index, size: keys.length, keys };
}

/** Kelurahan codes grouped by the kecamatan they lie in. */
function byKecamatan(c: FactColumns): Keyed {
  const index = new Int32Array(c.kelurahanCodes.length).fill(-1);
  const slot = new Map<string, number>();
  c.kelurahanCodes.forEach((kel, code) => {
    if (kel === null) return;
    const kec = areaCodeAt(kel, 'kecamatan');
    let k = slot.get(kec);
    if (k === undefined) slot.set(kec, (k = slot.size));
    index[code] = k;
  });
  return { codes: c.kelurahan, index, size: slot.size, keys: [...slot.keys()] };
}

function league(
  g: Keyed,
  base: number,
  now: PeriodTally,
  before: PeriodTally,
  minCount: number,
): LeagueRow[] {
  const rows: LeagueRow[] = [];
  const { values: byGroup, start } = responseByGroup(now, g);
  for (let k = 0; k < g.size; k++) {
    const c = countersOf(now, base + k);
    const sla = pct(c[MET]!, c[CONCLUDED]!);
    if (c[RECEIVED] === 0 && c[OPEN_AT_END] === 0 && sla === null) continue;
    const b = countersOf(before, base + k);
    const slaBefore = pct(b[MET]!, b[CONCLUDED]!);
    rows.push({
      key: g.keys[k]!,
      rank: null,
      reports: c[RECEIVED]!,
      overdueAtEnd: c[OVERDUE_AT_END]!,
      slaCompliancePct: sla,
      medianResponseMin: r1(medianInPlace(byGroup.subarray(start[k]!, start[k + 1]!))),
      trendPts: sla === null || slaBefore === null ? null : Math.round((sla - slaBefore) * 10) / 10,
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

/** The briefing from a list of facts (the store's). */
export function computeBriefing(facts: readonly IncidentFacts[], opts: BriefingOptions): Briefing {
  return computeBriefingColumns(columnsOf(facts), null, opts);
}

/**
 * The briefing from rows `rows` of `c` (every row when null): those a briefing of the
 * period and its previous one can touch, as the store's `briefingFacts` selects them.
 */
export function computeBriefingColumns(
  c: FactColumns,
  rows: Int32Array | null,
  opts: BriefingOptions,
): Briefing {
  const from = opts.from.getTime();
  const to = opts.to.getTime();
  const prevFrom = from - (to - from);
  const minCount = opts.minCount ?? 5;
  const n = rows === null ? c.length : rows.length;

  const voided = Uint8Array.from(c.statuses, (s) => Number(s === 'rejected' || s === 'duplicate'));
  const agencies = byValue(c.agency, c.agencies);
  const kelurahan = byValue(c.kelurahan, c.kelurahanCodes);
  const kecamatan = byKecamatan(c);
  const groupings = [agencies, kelurahan, kecamatan];
  const now = tallyPeriod(c, rows, from, to, voided, groupings);
  const before = tallyPeriod(c, rows, prevFrom, from, voided, groupings);

  // Incidents per cell, per category (this period and the previous), and over time.
  const bucketMs = to - from <= 2 * DAY_MS ? HOUR_MS : DAY_MS;
  const nb = Math.ceil((to - from) / bucketMs);
  // Columns read into locals once: on the table they are getters.
  const nCats = c.categories.length;
  const perCell = new Int32Array(c.h3Cells.length);
  const catNow = new Int32Array(nCats);
  const catBefore = new Int32Array(nCats);
  const receivedByBucket = new Int32Array(nb * nCats);
  const resolvedSeries = new Array<number>(nb).fill(0);
  const { reportedAt, resolvedAt, h3, category, linked } = c;
  for (let i = 0; i < n; i++) {
    const r = rows === null ? i : rows[i]!;
    if (linked[r] === 1) continue;
    const rep = reportedAt[r]!;
    if (rep >= from && rep < to) {
      const cat = category[r]!;
      perCell[h3[r]!]!++;
      catNow[cat]!++;
      receivedByBucket[Math.floor((rep - from) / bucketMs) * nCats + cat]!++;
    } else if (rep >= prevFrom && rep < from) catBefore[category[r]!]!++;
    const res = resolvedAt[r]!;
    if (res >= from && res < to) resolvedSeries[Math.floor((res - from) / bucketMs)]!++;
  }

  const res = opts.hotspotResolution ?? 8;
  const cells = new Map<string, number>();
  perCell.forEach((reports, code) => {
    if (reports === 0) return;
    const cell = res < 8 ? cellToParent(c.h3Cells[code]!, res) : c.h3Cells[code]!;
    cells.set(cell, (cells.get(cell) ?? 0) + reports);
  });
  const hotspots = [...cells]
    .map(([h3, reports]) => ({ h3, reports }))
    .sort((a, b) => b.reports - a.reports || a.h3.localeCompare(b.h3))
    .slice(0, 10);

  const tally = (counts: Int32Array) =>
    new Map(c.categories.map((cat, code) => [cat, counts[code]!] as const));
  const nowByCat = tally(catNow);
  const beforeByCat = tally(catBefore);
  const risingCategories = opts.categories
    .map((category) => {
      const reports = nowByCat.get(category) ?? 0;
      const previous = beforeByCat.get(category) ?? 0;
      return { category, reports, previous, change: reports - previous };
    })
    .filter((x) => x.change > 0)
    .sort((a, b) => b.change - a.change || a.category.localeCompare(b.category))
    .slice(0, 5);

  const times = Array.from({ length: nb }, (_, i) => new Date(from + i * bucketMs).toISOString());
  const received = new Array<number>(nb).fill(0);
  const byCategory: Record<string, number[]> = Object.fromEntries(
    opts.categories.map((x) => [x, new Array<number>(nb).fill(0)]),
  );
  // Categories outside the pack's list appear too, as they did when first met in the period.
  for (const code of firstSeen(c, rows, from, to)) {
    const series = (byCategory[c.categories[code]!] ??= new Array<number>(nb).fill(0));
    for (let b = 0; b < nb; b++) {
      const k = receivedByBucket[b * nCats + code]!;
      series[b]! += k;
      received[b]! += k;
    }
  }

  return {
    from: opts.from.toISOString(),
    to: opts.to.toISOString(),
    previous: { from: new Date(prevFrom).toISOString(), to: opts.from.toISOString() },
    kpis: kpisOf(now),
    previousKpis: kpisOf(before),
    minCount,
    agencies: league(agencies, 1, now, before, minCount),
    kelurahan: league(kelurahan, 1 + agencies.size, now, before, minCount),
    kecamatan: league(kecamatan, 1 + agencies.size + kelurahan.size, now, before, minCount),
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

/**
 * Category codes of incidents reported in [from, to), in the order their first appears in
 * the rows (linked reports are not incidents).
 */
function firstSeen(c: FactColumns, rows: Int32Array | null, from: number, to: number): number[] {
  const { reportedAt, category, linked } = c;
  const nCats = c.categories.length;
  const seen = new Uint8Array(nCats);
  const order: number[] = [];
  const n = rows === null ? c.length : rows.length;
  for (let i = 0; i < n && order.length < nCats; i++) {
    const r = rows === null ? i : rows[i]!;
    const rep = reportedAt[r]!;
    if (rep < from || rep >= to || linked[r] === 1 || seen[category[r]!]) continue;
    seen[category[r]!] = 1;
    order.push(category[r]!);
  }
  return order;
}
