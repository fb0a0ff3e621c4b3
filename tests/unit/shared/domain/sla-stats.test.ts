import { describe, expect, it } from 'vitest';
import { isOverdue, slaClocks, timeLeftMs } from '../../../../shared/domain/sla.ts';
import { computeStats } from '../../../../shared/domain/stats.ts';
import { median, percentile } from '../../../../shared/domain/stats-math.ts';
import { startOfDay } from '../../../../shared/domain/time.ts';
import { makeLog } from '../../../support/fixtures.ts';

const H = 3_600_000;

describe('SLA clocks (road damage: response 24 h, resolution 7 days)', () => {
  const T0 = '2026-11-20T02:00:00.000Z';
  const plus = (h: number) => new Date(Date.parse(T0) + h * H);
  const rows: [
    string,
    [number, 'verified' | 'dispatched' | 'resolved' | 'rejected'][],
    number,
    string,
    string,
    boolean,
  ][] = [
    ['fresh', [], 1, 'pending', 'pending', false],
    ['no response after 25 h', [], 25, 'overdue', 'pending', true],
    ['answered in 2 h', [[2, 'verified']], 30, 'met', 'pending', false],
    ['answered in 26 h', [[26, 'verified']], 30, 'breached', 'pending', false],
    [
      'resolved in 3 days',
      [
        [1, 'verified'],
        [2, 'dispatched'],
        [72, 'resolved'],
      ],
      200,
      'met',
      'met',
      false,
    ],
    [
      'resolved in 8 days',
      [
        [1, 'verified'],
        [2, 'dispatched'],
        [192, 'resolved'],
      ],
      200,
      'met',
      'breached',
      false,
    ],
    ['open past 7 days', [[1, 'verified']], 170, 'met', 'overdue', true],
    ['rejected', [[1, 'rejected']], 500, 'met', 'void', false],
  ];
  it.each(rows)('%s', (_n, steps, nowH, response, resolution, overdue) => {
    const log = makeLog();
    log.report('a', T0);
    for (const [h, status] of steps) log.update('a', plus(h).toISOString(), { status });
    const inc = log.state.incidents.get('a')!;
    const clocks = slaClocks(inc, plus(nowH));
    expect([clocks.response.state, clocks.resolution.state]).toEqual([response, resolution]);
    expect(isOverdue(inc, plus(nowH))).toBe(overdue);
  });

  it('time left is to the nearest running deadline', () => {
    const log = makeLog();
    log.report('a', T0);
    expect(timeLeftMs(log.state.incidents.get('a')!, plus(1))).toBe(23 * H);
    log.update('a', plus(2).toISOString(), { status: 'verified' });
    expect(timeLeftMs(log.state.incidents.get('a')!, plus(2))).toBe(166 * H);
  });
});

describe('order statistics', () => {
  it.each([
    [[], 50, null],
    [[5], 50, 5],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[10, 1, 5], 100, 10],
  ])('percentile(%j, %i) = %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
  it.each([
    [[], null],
    [[3, 1, 2], 2],
    [[4, 1, 2, 3], 2.5],
  ])('median(%j) = %s', (values, expected) => expect(median(values)).toBe(expected));
});

describe('WIB day boundaries', () => {
  it.each([
    ['2026-11-27T16:59:59.000Z', '2026-11-26T17:00:00.000Z'],
    ['2026-11-27T17:00:00.000Z', '2026-11-27T17:00:00.000Z'],
    ['2026-11-27T03:00:00.000Z', '2026-11-26T17:00:00.000Z'],
  ])('%s starts its day at %s', (at, start) => {
    expect(startOfDay(new Date(at), 'Asia/Jakarta').toISOString()).toBe(start);
  });
});

describe('live KPIs', () => {
  // Today in WIB starts 2026-11-26T17:00Z; now is 2026-11-27T05:00Z (12:00 WIB).
  const NOW = new Date('2026-11-27T05:00:00.000Z');
  const log = makeLog();
  log.report('old-open', '2026-11-19T01:00:00.000Z'); // road, 7-day SLA fell on 26 Nov: overdue, not today
  log.update('old-open', '2026-11-19T02:00:00.000Z', { status: 'verified' });
  log.report('fire', '2026-11-27T01:00:00.000Z', { category: 'fire' }); // response due 01:15
  log.update('fire', '2026-11-27T01:10:00.000Z', { status: 'dispatched' }); // 10 min
  log.update('fire', '2026-11-27T03:00:00.000Z', { status: 'resolved' });
  log.report('road', '2026-11-27T02:00:00.000Z');
  log.update('road', '2026-11-27T02:30:00.000Z', { status: 'verified' }); // 30 min
  log.report('late', '2026-11-20T04:00:00.000Z'); // resolution due 27 Nov 04:00, still open: breached today
  log.update('late', '2026-11-20T05:00:00.000Z', { status: 'dispatched' });
  log.report('dumped', '2026-11-27T04:00:00.000Z', { category: 'garbage' });
  log.update('dumped', '2026-11-27T04:20:00.000Z', { status: 'rejected' }); // 20 min

  const stats = computeStats(log.state.incidents.values(), NOW, 'Asia/Jakarta', {
    agencies: ['bina_marga', 'gulkarmat', 'dlh', 'dsda'],
    categories: ['road_damage', 'fire', 'garbage'],
  });

  it('totals', () => {
    expect(stats.dayStart).toBe('2026-11-26T17:00:00.000Z');
    expect(stats.totals).toEqual({
      open: 3,
      inProgress: 1,
      overdue: 2,
      reportedToday: 3,
      reportersToday: 3,
      resolvedToday: 1,
      resolvedPct: 33.3,
      medianFirstResponseMin: 20,
      slaCompliancePct: 50,
    });
  });

  it('per agency, with empty agencies present and zeroed', () => {
    expect(stats.byAgency.gulkarmat).toMatchObject({
      open: 0,
      resolvedToday: 1,
      slaCompliancePct: 100,
      medianFirstResponseMin: 10,
    });
    expect(stats.byAgency.bina_marga).toMatchObject({
      open: 3,
      overdue: 2,
      inProgress: 1,
      slaCompliancePct: 0,
    });
    expect(stats.byAgency.dsda).toMatchObject({
      open: 0,
      reportedToday: 0,
      resolvedPct: null,
      medianFirstResponseMin: null,
    });
    expect(stats.byCategory.garbage).toMatchObject({ open: 0, reportedToday: 1, resolvedPct: 0 });
  });
});
