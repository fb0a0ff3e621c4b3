/**
 * Briefing numbers with duplicate reports (duplicates.ts): a linked row is in no incident
 * figure (KPIs, league tables, hotspots, rising categories, trends), `reports` counts every
 * report received in the period, and a split report counts again. Each case is checked
 * through the facts list and through the server's table with a row selection.
 * Period: 2026-11-20 00:00 WIB (= 2026-11-19T17:00Z) for two WIB days.
 */
import { describe, expect, it } from 'vitest';
import {
  type Briefing,
  computeBriefing,
  computeBriefingColumns,
  type IncidentFacts,
  type PeriodKpis,
} from '../../../../shared/domain/briefing.ts';
import { FactTable } from '../../../../shared/domain/briefing-columns.ts';
import { cellFor } from '../../../../shared/domain/h3-bins.ts';

const FROM = Date.parse('2026-11-19T17:00:00Z');
const TO = FROM + 2 * 86_400_000;
const H = 3_600_000;
const CELL_A = cellFor(106.8, -6.12, 8);
const CELL_B = cellFor(106.87, -6.22, 8);

let n = 0;
/** A road report `at` hours into the period; `resp`/`res` hours after it. */
function fact(
  o: Partial<IncidentFacts> & { at: number; resp?: number; res?: number },
): IncidentFacts {
  const reportedAt = FROM + o.at * H;
  const firstResponseAt = o.resp === undefined ? null : reportedAt + o.resp * H;
  const resolvedAt = o.res === undefined ? null : reportedAt + o.res * H;
  return {
    id: `d${n++}`,
    category: o.category ?? 'road_damage',
    agency: o.agency ?? 'bina_marga',
    kelurahanCode: o.kelurahanCode ?? '31.72.01.1005',
    h3: o.h3 ?? CELL_A,
    status: o.status ?? (resolvedAt ? 'resolved' : 'verified'),
    reportedAt,
    firstResponseAt,
    resolvedAt,
    endedAt: o.endedAt ?? resolvedAt,
    responseDueAt: reportedAt + 24 * H,
    resolveDueAt: reportedAt + 72 * H,
    linked: o.linked ?? false,
  };
}

/**
 * A master (answered in 1 h, resolved in 10 h) and three later reports of it. A linked
 * report has left the open work at its link (endedAt) and is the reducer's `received`;
 * these are spread over another cell, kelurahan and category to show none of them counts.
 */
const master = () => fact({ at: 1, resp: 1, res: 10 });
const reportsOf = (linked: [boolean, boolean, boolean]): IncidentFacts[] =>
  [
    { at: 2, h3: CELL_B, kelurahanCode: '31.75.03.1001' },
    { at: 3, category: 'flooding' },
    { at: 4, agency: 'dsda' },
  ].map((o, i) =>
    fact({
      ...o,
      status: 'received',
      linked: linked[i]!,
      endedAt: linked[i] ? FROM + (o.at + 0.5) * H : null,
    }),
  );

interface Case {
  name: string;
  facts: IncidentFacts[];
  kpis: Partial<PeriodKpis>;
  /** [key, reports] of the agency league. */
  agencies: [string, number][];
  kelurahan: string[];
  hotspots: string[];
  trendReceived: number;
  /** Incidents per category received in the period (trend series and rising categories). */
  categories: [string, number][];
}

const CASES: Case[] = [
  {
    name: 'a master with three linked reports: one incident, four reports',
    facts: [master(), ...reportsOf([true, true, true])],
    kpis: {
      reports: 4,
      received: 1,
      resolved: 1,
      resolutionRatePct: 100,
      openAtEnd: 0,
      overdueAtEnd: 0,
      medianResponseMin: 60,
      medianResolutionMin: 600,
      slaCompliancePct: 100,
    },
    agencies: [['bina_marga', 1]],
    kelurahan: ['31.72.01.1005'],
    hotspots: [CELL_A],
    trendReceived: 1,
    categories: [['road_damage', 1]],
  },
  {
    name: 'the same four reports, none linked: four incidents',
    facts: [master(), ...reportsOf([false, false, false])],
    kpis: { reports: 4, received: 4, resolved: 1, resolutionRatePct: 25, openAtEnd: 3 },
    agencies: [
      ['bina_marga', 3],
      ['dsda', 1],
    ],
    kelurahan: ['31.72.01.1005', '31.75.03.1001'],
    hotspots: [CELL_A, CELL_B],
    trendReceived: 4,
    categories: [
      ['road_damage', 3],
      ['flooding', 1],
    ],
  },
  {
    name: 'one split again (the flooding one): two incidents, four reports',
    facts: [master(), ...reportsOf([true, false, true])],
    kpis: { reports: 4, received: 2, resolved: 1, resolutionRatePct: 50, openAtEnd: 1 },
    agencies: [['bina_marga', 2]],
    kelurahan: ['31.72.01.1005'],
    hotspots: [CELL_A],
    trendReceived: 2,
    categories: [
      ['road_damage', 1],
      ['flooding', 1],
    ],
  },
  {
    name: 'confirmed duplicates (status duplicate, link kept): reports only',
    facts: [master(), ...reportsOf([true, true, true]).map((f) => ({ ...f, status: 'duplicate' }))],
    kpis: { reports: 4, received: 1, resolved: 1, openAtEnd: 0, slaCompliancePct: 100 },
    agencies: [['bina_marga', 1]],
    kelurahan: ['31.72.01.1005'],
    hotspots: [CELL_A],
    trendReceived: 1,
    categories: [['road_damage', 1]],
  },
  {
    name: 'a linked report still without an end (as no reducer leaves one): not open, not overdue',
    facts: [master(), { ...fact({ at: -60, status: 'received', linked: true }), endedAt: null }],
    kpis: { reports: 1, received: 1, openAtEnd: 0, overdueAtEnd: 0, slaCompliancePct: 100 },
    agencies: [['bina_marga', 1]],
    kelurahan: ['31.72.01.1005'],
    hotspots: [CELL_A],
    trendReceived: 1,
    categories: [['road_damage', 1]],
  },
];

const OPTS = {
  from: new Date(FROM),
  to: new Date(TO),
  minCount: 1,
  categories: ['road_damage', 'flooding'],
};

/** The briefing through the server's table: the rows in reverse, plus one outside the period. */
function viaTable(facts: IncidentFacts[]): Briefing {
  const table = new FactTable(2);
  table.push(fact({ at: 60, linked: false }));
  for (const f of facts) table.push(f);
  const rows = Int32Array.from(facts.map((_, i) => facts.length - i));
  return computeBriefingColumns(table, rows, OPTS);
}

describe('briefing numbers with duplicate reports', () => {
  describe.each(CASES)('$name', (c) => {
    it.each([
      ['from the facts', () => computeBriefing(c.facts, OPTS)],
      ['from the table', () => viaTable(c.facts)],
    ])('%s', (_how, compute) => {
      const b = compute();
      expect(b.kpis).toMatchObject(c.kpis);
      expect(b.agencies.map((r) => [r.key, r.reports])).toEqual(c.agencies);
      expect(b.kelurahan.map((r) => r.key)).toEqual(c.kelurahan);
      expect(b.hotspots.map((h) => h.h3)).toEqual(c.hotspots);
      expect(b.trend.received.reduce((s, x) => s + x, 0)).toBe(c.trendReceived);
      const perCategory = Object.entries(b.trend.byCategory)
        .map(([cat, s]) => [cat, s.reduce((sum, x) => sum + x, 0)])
        .filter(([, total]) => total !== 0);
      expect(perCategory).toEqual(c.categories);
      const rising = b.risingCategories.map((r) => [r.category, r.reports]);
      expect(rising.sort()).toEqual([...c.categories].sort());
    });
  });

  it('a linked report of a category outside the pack’s list adds no trend series', () => {
    const facts = [master(), fact({ at: 2, category: 'fire', status: 'received', linked: true })];
    for (const b of [computeBriefing(facts, OPTS), viaTable(facts)]) {
      expect(Object.keys(b.trend.byCategory)).toEqual(['road_damage', 'flooding']);
      expect(b.kpis).toMatchObject({ reports: 2, received: 1 });
    }
  });

  it('the previous period counts its reports the same way', () => {
    const shifted = [master(), ...reportsOf([true, false, true])].map((f) => ({
      ...f,
      reportedAt: f.reportedAt - 2 * 86_400_000,
      endedAt: f.endedAt === null ? null : f.endedAt - 2 * 86_400_000,
      resolvedAt: f.resolvedAt === null ? null : f.resolvedAt - 2 * 86_400_000,
      firstResponseAt: f.firstResponseAt === null ? null : f.firstResponseAt - 2 * 86_400_000,
    }));
    const b = computeBriefing(shifted, OPTS);
    expect(b.previousKpis).toMatchObject({ reports: 4, received: 2, resolved: 1 });
    expect(b.kpis).toMatchObject({ reports: 0, received: 0, openAtEnd: 1 });
  });
});
