/** Which way a KPI moved, and whether that is good: it depends on the KPI. */
import { describe, expect, it } from 'vitest';
import {
  KPI_NAMES,
  kpiDelta,
  trendDelta,
  type KpiName,
} from '../../../../../client/views/briefing/kpi-delta.ts';

describe('KPI delta', () => {
  it.each<[KpiName, number | null, number | null, string, string, number | null]>([
    ['received', 120, 100, 'up', 'neutral', 20],
    ['received', 80, 100, 'down', 'neutral', -20],
    ['resolved', 90, 70, 'up', 'better', 20],
    ['resolved', 60, 70, 'down', 'worse', -10],
    ['resolutionRatePct', 81.5, 80, 'up', 'better', 1.5],
    ['openAtEnd', 40, 30, 'up', 'worse', 10],
    ['openAtEnd', 20, 30, 'down', 'better', -10],
    ['overdueAtEnd', 5, 9, 'down', 'better', -4],
    ['overdueAtEnd', 9, 5, 'up', 'worse', 4],
    ['medianResponseMin', 42.5, 30, 'up', 'worse', 12.5],
    ['p90ResponseMin', 100, 130, 'down', 'better', -30],
    ['medianResolutionMin', 300, 360, 'down', 'better', -60],
    ['p90ResolutionMin', 900, 700, 'up', 'worse', 200],
    ['slaCompliancePct', 92.1, 88.4, 'up', 'better', 3.7],
    ['slaCompliancePct', 70, 88.4, 'down', 'worse', -18.4],
    ['slaCompliancePct', 88.4, 88.4, 'same', 'neutral', 0],
    ['medianResponseMin', null, 30, 'none', 'none', null],
    ['slaCompliancePct', 90, null, 'none', 'none', null],
  ])('%s %s vs %s: %s, %s', (name, now, before, direction, verdict, change) => {
    expect(kpiDelta(name, now, before)).toEqual({ direction, verdict, change });
  });

  it('names every KPI the briefing returns, once', () => {
    expect(new Set(KPI_NAMES).size).toBe(11);
    expect(KPI_NAMES.slice(0, 2)).toEqual(['reports', 'received']);
  });

  it.each([
    [3.2, 'up', 'better'],
    [-1, 'down', 'worse'],
    [0, 'same', 'neutral'],
    [null, 'none', 'none'],
  ] as const)('league trend %s points: %s, %s', (pts, direction, verdict) => {
    expect(trendDelta(pts)).toMatchObject({ direction, verdict });
  });
});
