/**
 * Surge detection's rules: the Poisson tail, the model learned from history (profile,
 * level, shrunk cell shares), and which surges are raised, grown and cleared, with what
 * they say. History is synthetic and exact, so the expectations are known numbers.
 */
import { gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../shared/city/jakarta/index.ts';
import type { CityPack } from '../../../../shared/city/types.ts';
import { openedAlert, type Alert } from '../../../../shared/domain/alerts.ts';
import type { AlertDecision } from '../../../../shared/domain/sla-watch.ts';
import { surgeDecisions, surgeProblems, surgeSummary } from '../../../../shared/domain/surge.ts';
import {
  cellShare,
  expectedInArea,
  learnSurgeModel,
  poissonUpperTail,
  type SurgeHistoryRow,
} from '../../../../shared/domain/surge-model.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, zonedHourOfWeek } from '../../../../shared/domain/time.ts';
import type { Incident } from '../../../../shared/domain/types.ts';
import { incident, iso } from '../../../support/ops-fixtures.ts';

/** Monday 1 December 2025 is not it: 30 November 2026 (a Monday), 12:00 WIB. */
const NOW = Date.parse('2026-11-30T05:00:00Z');
const PLUIT = { lon: 106.792, lat: -6.122 };
const TEBET = { lon: 106.85, lat: -6.226 };
const cell8 = (p: { lon: number; lat: number }) => latLngToCell(p.lat, p.lon, 8);
const cell7 = (p: { lon: number; lat: number }) => latLngToCell(p.lat, p.lon, 7);

/** `perDay` reports of `category` at `place` every day of the 28 before the window, evenly spread. */
function steady(category: string, place: { lon: number; lat: number }, perDay: number) {
  const rows: SurgeHistoryRow[] = [];
  const until = NOW - 3 * HOUR_MS;
  for (let d = 0; d < 28; d++) {
    for (let k = 0; k < perDay; k++) {
      rows.push({
        category,
        h3: cell8(place),
        reportedAtMs: until - (d + 1) * DAY_MS + ((k + 0.5) / perDay) * DAY_MS,
      });
    }
  }
  return rows;
}

const HISTORY = [
  ...steady('flooding', PLUIT, 2),
  ...steady('road_damage', PLUIT, 24),
  ...steady('road_damage', TEBET, 24),
  ...steady('garbage', TEBET, 4),
];

function reportAt(id: string, minutesAgo: number, more: Partial<Incident> = {}): Incident {
  return incident({
    id,
    category: 'flooding',
    h3: cell8(PLUIT),
    location: PLUIT,
    kelurahanCode: null,
    address: 'Jl. Pluit Karang, Kel. Pluit',
    reportedAt: iso(NOW - minutesAgo * MINUTE_MS),
    ...more,
  });
}

function decide(incidents: Incident[], alerts: Alert[] = [], pack: CityPack = JAKARTA) {
  const model = learnSurgeModel(HISTORY, NOW, pack);
  return surgeDecisions({
    incidents: new Map(incidents.map((i) => [i.id, i])),
    alerts: new Map(alerts.map((a) => [a.id, a])),
    now: new Date(NOW),
    model,
    pack,
  });
}

describe('the Poisson upper tail', () => {
  it.each([
    [0, 1.2, 1],
    [1, 1, 1 - Math.exp(-1)],
    [3, 2, 1 - Math.exp(-2) * (1 + 2 + 2)],
    [9, 1.2, 4.858828703940944e-6],
    [20, 0.5, 2.43546542992531e-25],
  ])('P(X ≥ %i | λ = %f) ≈ %f', (k, lambda, p) => {
    expect(poissonUpperTail(k, lambda)).toBeCloseTo(p, Math.max(6, -Math.floor(Math.log10(p)) + 2));
    expect(poissonUpperTail(k, lambda) / p).toBeGreaterThan(0.95);
  });
});

describe('the surge model', () => {
  it('learns the city rate per hour of the week from the history', () => {
    const model = learnSurgeModel(HISTORY, NOW, JAKARTA);
    const roads = model.groups.get('roads')!;
    // 48 road reports a day, two every hour: two an hour at every hour of the week.
    const how = zonedHourOfWeek(new Date(NOW), 'Asia/Jakarta');
    for (const h of [how, (how + 5) % 168, (how + 100) % 168]) {
      expect(roads.hourly[h]).toBeCloseTo(2, 1);
    }
    expect(roads.level).toBeCloseTo(1, 2);
    expect(model.ready).toBe(true);
  });

  it('follows the hours a group is reported in, and a young log its flat mean', () => {
    // Garbage comes at 4 set hours of the day: those hours expect it, the others little.
    const model = learnSurgeModel(HISTORY, NOW, JAKARTA);
    const garbage = model.groups.get('garbage')!;
    const slot = zonedHourOfWeek(
      new Date(NOW - 3 * HOUR_MS - DAY_MS + 3 * HOUR_MS),
      'Asia/Jakarta',
    );
    expect(garbage.hourly[slot]).toBeGreaterThan(0.8);
    expect(garbage.hourly[(slot + 1) % 168]).toBeLessThan(0.05);
    // Three days: an hour of the week never seen yet expects the group's flat mean, not nothing.
    const young = learnSurgeModel(
      HISTORY.filter((r) => r.reportedAtMs > NOW - 3 * HOUR_MS - 3 * DAY_MS),
      NOW,
      JAKARTA,
    );
    const unseen = (how: number) => young.groups.get('roads')!.hourly[how]!;
    expect(unseen((zonedHourOfWeek(new Date(NOW), 'Asia/Jakarta') + 84) % 168)).toBeCloseTo(2, 1);
  });

  it('gives a cell its share of a group, shrunk toward its share of all reports', () => {
    const model = learnSurgeModel(HISTORY, NOW, JAKARTA);
    const roads = model.groups.get('roads')!;
    expect(cellShare(model, roads, cell7(PLUIT))).toBeCloseTo(0.5, 2);
    // No garbage was ever reported at Pluit, but 728 of the city's 1,512 reports come from
    // there: 5 pseudo-reports at that share, over 112 + 5.
    const garbage = model.groups.get('garbage')!;
    const all = (728 + 20 / 2) / (1512 + 20);
    expect(cellShare(model, garbage, cell7(PLUIT))).toBeCloseTo((5 * all) / 117, 6);
  });

  it('expects a window’s worth of the area’s rate', () => {
    const model = learnSurgeModel(HISTORY, NOW, JAKARTA);
    const roads = model.groups.get('roads')!;
    // 24 road reports a day at Pluit, one an hour: three in any 3-hour window.
    const expected = expectedInArea(model, roads, gridDisk(cell7(PLUIT), 1), NOW);
    // (Within 5 %: the priors and the log's first part-hour move it a little.)
    expect(Math.abs(expected - 3) / 3).toBeLessThan(0.05);
  });

  it('is not ready on a log younger than two days', () => {
    const young = HISTORY.filter((r) => r.reportedAtMs > NOW - 3 * HOUR_MS - DAY_MS);
    expect(learnSurgeModel(young, NOW, JAKARTA).ready).toBe(false);
  });
});

describe('surge decisions', () => {
  it('raises nothing for what is expected', () => {
    expect(decide([reportAt('a', 30), reportAt('b', 100)])).toStrictEqual([]);
  });

  it('raises a flood surge for nine reports in three hours where a quarter was expected, explaining itself', () => {
    const reports = Array.from({ length: 9 }, (_, k) => reportAt(`f${k}`, 10 + k * 15));
    const decisions = decide(reports);
    expect(decisions).toHaveLength(1);
    const d = decisions[0]!;
    if (d.type !== 'raise') throw new Error(d.type);
    expect(d.alert).toMatchObject({
      kind: 'surge',
      severity: 'critical',
      agency: 'dsda',
      category: 'water',
      clock: null,
    });
    expect(d.alert.incidentIds).toStrictEqual(reports.map((r) => r.id).reverse());
    expect(d.alert.area!.cells).toContain(cell7(PLUIT));
    expect(d.alert.area!.name).toBe('Kel. Pluit');
    expect(d.alert.summary.id).toMatch(
      /^9 laporan banjir dalam 3 jam di Kel\. Pluit \(perkiraan 0,\d+\)$/,
    );
    expect(d.alert.summary.en).toMatch(
      /^9 flood reports in 3 h in Kel\. Pluit vs 0\.\d+ expected$/,
    );
    expect(d.alert.facts).toMatchObject({ count: 9, windowHours: 3, group: 'water' });
  });

  it('does not count reports older than the window or of other groups', () => {
    const old = Array.from({ length: 9 }, (_, k) => reportAt(`o${k}`, 200 + k));
    const roads = Array.from({ length: 3 }, (_, k) =>
      reportAt(`r${k}`, 20 + k, { category: 'road_damage' }),
    );
    expect(decide([...old, ...roads])).toStrictEqual([]);
  });

  it('counts incidents, not the reports linked to them', () => {
    // Nine reports of four floods: five are linked to the first.
    const floods = Array.from({ length: 4 }, (_, k) => reportAt(`f${k}`, 10 + k * 15));
    const linked = Array.from({ length: 5 }, (_, k) =>
      reportAt(`d${k}`, 5 + k, { duplicateOf: 'f0', endedAt: iso(NOW - (5 + k) * MINUTE_MS) }),
    );
    expect(decide([...floods, ...linked])).toStrictEqual([]);
    // Nine floods, the same five linked reports besides: nine, and the surge lists the nine.
    const nine = Array.from({ length: 9 }, (_, k) => reportAt(`f${k}`, 10 + k * 15));
    const [d] = decide([...nine, ...linked]);
    if (d?.type !== 'raise') throw new Error(String(d?.type));
    expect(d.alert.facts).toMatchObject({ count: 9 });
    expect([...d.alert.incidentIds].sort()).toEqual(nine.map((r) => r.id).sort());
  });

  it('needs at least minCount reports, however unlikely fewer would be', () => {
    const four = Array.from({ length: 4 }, (_, k) => reportAt(`f${k}`, 10 + k));
    expect(decide(four)).toStrictEqual([]);
  });

  it('reports overlapping areas once', () => {
    const reports = Array.from({ length: 12 }, (_, k) => reportAt(`f${k}`, 10 + k * 10));
    expect(decide(reports).filter((d) => d.type === 'raise')).toHaveLength(1);
  });

  it('grows an active surge with its new reports, and clears it once it subsides', () => {
    const reports = Array.from({ length: 9 }, (_, k) => reportAt(`f${k}`, 10 + k * 15));
    const raised = decide(reports)[0] as Extract<AlertDecision, { type: 'raise' }>;
    const alert: Alert = {
      ...openedAlert(raised.alert, raised.alert.raisedAt, 9),
      incidentIds: raised.alert.incidentIds.slice(1),
    };
    const grown = decide(reports, [alert]);
    expect(grown.map((d) => d.type)).toStrictEqual(['update']);
    const update = grown[0] as Extract<AlertDecision, { type: 'update' }>;
    expect(update.changes.incidentIds).toHaveLength(9);
    const after = decide([reportAt('late', 20)], [alert]);
    expect(after).toMatchObject([{ type: 'clear', id: alert.id, reason: 'subsided' }]);
  });

  it('raises none while the model has not seen two days of the log', () => {
    const reports = Array.from({ length: 9 }, (_, k) => reportAt(`f${k}`, 10 + k * 15));
    const model = learnSurgeModel(
      HISTORY.filter((r) => r.reportedAtMs > NOW - DAY_MS),
      NOW,
      JAKARTA,
    );
    const decisions = surgeDecisions({
      incidents: new Map(reports.map((i) => [i.id, i])),
      alerts: new Map(),
      now: new Date(NOW),
      model,
      pack: JAKARTA,
    });
    expect(decisions).toStrictEqual([]);
  });
});

describe('what a surge says', () => {
  const water = JAKARTA.analyst.surge.groups[0]!;
  it.each([
    [
      9,
      1.2,
      '9 laporan banjir dalam 3 jam di Penjaringan (perkiraan 1,2)',
      '9 flood reports in 3 h in Penjaringan vs 1.2 expected',
    ],
    [
      6,
      0.03,
      '6 laporan banjir dalam 3 jam di Penjaringan (perkiraan 0,03)',
      '6 flood reports in 3 h in Penjaringan vs 0.03 expected',
    ],
  ])('%i reports vs %f expected', (count, expected, id, en) => {
    expect(surgeSummary(water, count, expected, 3, 'Penjaringan')).toStrictEqual({ id, en });
  });
});

describe('the pack’s surge settings', () => {
  it('Jakarta’s are sound', () => {
    expect(surgeProblems(JAKARTA)).toStrictEqual([]);
  });

  it.each([
    [{ raiseP: 0.1 }, 'analyst.surge: needs 0 < raiseP < clearP < 1'],
    [{ resolution: 16 }, 'analyst.surge.resolution: an H3 resolution, 0–15'],
    [{ minCount: 0 }, 'analyst.surge.minCount: must be positive'],
    [
      { groups: [{ ...JAKARTA.analyst.surge.groups[0]!, raiseP: 0.5 }] },
      'analyst.surge.groups[0].raiseP: needs 0 < raiseP < clearP',
    ],
    [
      { groups: [{ ...JAKARTA.analyst.surge.groups[0]!, categories: ['lava'] }] },
      "analyst.surge.groups[0].categories: no category 'lava'",
    ],
    [
      {
        groups: [
          JAKARTA.analyst.surge.groups[0]!,
          { ...JAKARTA.analyst.surge.groups[1]!, categories: ['flooding'] },
        ],
      },
      "analyst.surge.groups[1].categories: 'flooding' is already in 'water'",
    ],
  ])('finds %j', (change, problem) => {
    const pack = {
      ...JAKARTA,
      analyst: { ...JAKARTA.analyst, surge: { ...JAKARTA.analyst.surge, ...change } },
    };
    expect(surgeProblems(pack)).toContain(problem);
  });
});
