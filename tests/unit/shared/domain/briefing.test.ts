/**
 * Briefing KPIs and rankings against a hand-built fixture with known answers.
 * Period: 2026-11-20 00:00 WIB (= 2026-11-19T17:00Z) for two WIB days.
 */
import { describe, expect, it } from 'vitest';
import { computeBriefing, type IncidentFacts } from '../../../../shared/domain/briefing.ts';
import { cellFor } from '../../../../shared/domain/h3-bins.ts';

const FROM = Date.parse('2026-11-19T17:00:00Z');
const TO = FROM + 2 * 86_400_000;
const H = 3_600_000;
const CELL_A = cellFor(106.8, -6.12, 8);
const CELL_B = cellFor(106.87, -6.22, 8);

let n = 0;
function fact(
  o: Partial<IncidentFacts> & { at: number; resp?: number | null; res?: number | null },
): IncidentFacts {
  const reportedAt = FROM + o.at * H;
  const firstResponseAt = o.resp === undefined || o.resp === null ? null : reportedAt + o.resp * H;
  const resolvedAt = o.res === undefined || o.res === null ? null : reportedAt + o.res * H;
  return {
    id: `i${n++}`,
    category: o.category ?? 'road_damage',
    agency: o.agency ?? 'bina_marga',
    kelurahanCode: o.kelurahanCode ?? '31.72.01.1005',
    h3: o.h3 ?? CELL_A,
    status: o.status ?? (resolvedAt ? 'resolved' : 'verified'),
    reportedAt,
    firstResponseAt,
    resolvedAt,
    endedAt: o.endedAt ?? resolvedAt,
    responseDueAt: reportedAt + (o.responseDueAt ?? 24) * H,
    resolveDueAt: reportedAt + (o.resolveDueAt ?? 72) * H,
    linked: o.linked ?? false,
  };
}

const FACTS: IncidentFacts[] = [
  // Bina Marga, 6 in the period: responses 1,2,3,4,5,30 h; resolutions 10, 20, 100 (late, after the period).
  fact({ at: 1, resp: 1, res: 10 }),
  fact({ at: 2, resp: 2, res: 20 }),
  fact({ at: 3, resp: 3 }),
  fact({ at: 4, resp: 4 }),
  fact({ at: 5, resp: 5, res: 100 }),
  fact({ at: 6, resp: 30, h3: CELL_B }),
  // Dinas SDA, 1 fast report: below the minimum count, so unranked.
  fact({
    at: 10,
    resp: 0.5,
    res: 2,
    agency: 'dsda',
    category: 'flooding',
    kelurahanCode: '31.75.03.1001',
    h3: CELL_B,
  }),
  // Before the period: reported 3 days earlier, resolution due in the period, still open → breached.
  fact({ at: -72, resp: 1, resolveDueAt: 80 }),
  // Previous period, resolved in it on time; gives the trend a baseline of 100 %.
  fact({ at: -40, resp: 1, res: 5 }),
  // Reported after the period: ignored.
  fact({ at: 49, resp: 1 }),
  // Rejected in the period: counts as received, voids its SLA.
  fact({ at: 7, resp: 1, status: 'rejected', endedAt: FROM + 8 * H }),
];

const b = computeBriefing(FACTS, {
  from: new Date(FROM),
  to: new Date(TO),
  minCount: 3,
  categories: ['road_damage', 'flooding'],
});

describe('briefing KPIs', () => {
  it('counts and rates', () => {
    expect(b.kpis).toMatchObject({
      received: 8,
      resolved: 3, // at 11 h, 22 h, 12 h; the 100 h one falls after the period
      resolutionRatePct: 37.5, // 3 of 8
      openAtEnd: 5, // three unresolved road reports, the late one, the one resolved after the end
    });
  });

  it('overdue at the end: past resolution deadline, or past response deadline unanswered', () => {
    // Due at +72 h from report: reports at 1..6 h are due after TO (48 h) except none; the old one is overdue.
    expect(b.kpis.overdueAtEnd).toBe(1);
  });

  it('medians and 90th percentiles of response and resolution (minutes)', () => {
    // responses of the 8 received: 1,2,3,4,5,30,0.5,1 h
    expect(b.kpis.medianResponseMin).toBe(150); // (2 h + 3 h) / 2
    expect(b.kpis.p90ResponseMin).toBe(1800); // nearest rank 8 of 8 → 30 h
    // resolved by the end among received: 10 h, 20 h, 2 h after report
    expect(b.kpis.medianResolutionMin).toBe(600);
  });

  it('SLA compliance over deadlines that concluded in the period', () => {
    // met: three resolved in the period on time; breached: the old one due in the period, still open.
    expect(b.kpis.slaCompliancePct).toBe(75);
  });

  it('compares with the previous period of the same length', () => {
    expect(b.previous).toEqual({
      from: new Date(FROM - 2 * 86_400_000).toISOString(),
      to: new Date(FROM).toISOString(),
    });
    expect(b.previousKpis).toMatchObject({ received: 1, resolved: 1, slaCompliancePct: 100 });
  });
});

describe('league tables', () => {
  it('ranks only units with at least the minimum count, and lists the rest unranked after', () => {
    expect(b.agencies.map((r) => [r.key, r.rank, r.reports])).toEqual([
      ['bina_marga', 1, 7],
      ['dsda', null, 1],
    ]);
    expect(b.agencies[0]).toMatchObject({ slaCompliancePct: 66.7, trendPts: -33.3 });
    expect(b.agencies[1]).toMatchObject({ slaCompliancePct: 100, medianResponseMin: 30 });
  });

  it('groups kelurahan and kecamatan by code', () => {
    expect(b.kelurahan.map((r) => r.key)).toEqual(['31.72.01.1005', '31.75.03.1001']);
    expect(b.kecamatan.map((r) => r.key)).toEqual(['31.72.01', '31.75.03']);
  });
});

describe('hotspots, rising categories, trends', () => {
  it('top cells by reports', () => {
    expect(b.hotspots).toEqual([
      { h3: CELL_A, reports: 6 },
      { h3: CELL_B, reports: 2 },
    ]);
  });

  it('categories that rose against the previous period', () => {
    expect(b.risingCategories).toEqual([
      { category: 'road_damage', reports: 7, previous: 1, change: 6 },
      { category: 'flooding', reports: 1, previous: 0, change: 1 },
    ]);
  });

  it('hourly buckets for a two-day period, aligned to the period start (WIB midnight)', () => {
    expect(b.trend.bucket).toBe('hour');
    expect(b.trend.times).toHaveLength(48);
    expect(b.trend.times[0]).toBe('2026-11-19T17:00:00.000Z');
    expect(b.trend.received.reduce((a, c) => a + c, 0)).toBe(8);
    expect(b.trend.received[1]).toBe(1);
    expect(b.trend.resolved.reduce((a, c) => a + c, 0)).toBe(3);
    expect(b.trend.byCategory.flooding![10]).toBe(1);
  });

  it('daily buckets for longer periods', () => {
    const week = computeBriefing(FACTS, {
      from: new Date(FROM),
      to: new Date(FROM + 7 * 86_400_000),
      categories: [],
    });
    expect(week.trend.bucket).toBe('day');
    expect(week.trend.times).toHaveLength(7);
  });
});
