/**
 * The wall's numbers: the KPIs and board come from the shared statsFor over the shared
 * live window, and the trend compares overdue now with overdue an hour ago, rebuilt from
 * the incidents' own timestamps (shared/domain/sla.ts: openAt, overdueAt).
 */
import type { Alert } from '../../../../../shared/domain/alerts.ts';
import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import { liveWindow } from '../../../../../shared/domain/live-window.ts';
import { isOverdue, openAt, overdueAt } from '../../../../../shared/domain/sla.ts';
import { statsFor } from '../../../../../shared/domain/stats.ts';
import type { Incident } from '../../../../../shared/domain/types.ts';
import { agencyRows, kpiValues } from '../../../../../client/views/wall/wall-stats.ts';
import { RecentEvents } from '../../../../../server/stream/recent-events.ts';
import { createSnapshotSource } from '../../../../../server/stream/snapshot.ts';
import { makeLog } from '../../../../support/fixtures.ts';
import { incidentsOf } from '../../../../support/snapshots.ts';

const T0 = Date.parse('2026-11-27T03:00:00.000Z'); // 10:00 WIB
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
const H = 60;

/** A day of incidents in several states, built by the real command rules. */
function day() {
  const log = makeLog();
  // fire: response SLA 15 min; road_damage: 2 days to resolve.
  log.report('a', at(-3 * H), { category: 'fire' }); // never answered: overdue for hours
  log.report('b', at(-50), { category: 'fire' }); // overdue since -35 min
  log.report('c', at(-100), { category: 'fire' });
  log.update('c', at(-95), { status: 'dispatched' }); // answered in time
  log.report('d', at(-2 * H), { category: 'fire' });
  log.update('d', at(-30), { status: 'dispatched' }); // late answer: overdue from -105 to -30
  log.report('h', at(-90), { category: 'fire' });
  log.update('h', at(-10), { status: 'dispatched' }); // late answer: overdue from -75 to -10
  log.report('i', at(-5), { category: 'fire' }); // due at +10
  log.report('e', at(-5 * H), { category: 'road_damage' });
  log.update('e', at(-4 * H), { status: 'dispatched' });
  log.update('e', at(-3 * H), { status: 'resolved' });
  log.report('f', at(-26 * H), { category: 'garbage' });
  log.update('f', at(-25 * H), { status: 'rejected' }); // ended beyond a 24 h window
  log.report('g', at(-10), { category: 'garbage', severity: 'critical' });
  return [...log.state.incidents.values()];
}

describe('wall stats', () => {
  it('shows what a snapshot holds: the same live window and the same stats', async () => {
    const incidents = day();
    const projection = {
      seq: 0,
      incidents: new Map(incidents.map((i) => [i.id, i])),
      alerts: new Map<string, Alert>(),
    };
    const snapshots = createSnapshotSource({
      projection: () => projection,
      recent: new RecentEvents(10),
      clock: () => new Date(T0),
      windowHours: 24,
      maxTailEvents: 10,
      maxAgeMs: 1000,
    });
    const shown = incidentsOf(await snapshots.snapshotFor({ room: 'live:full', redactor: null }));
    const live = liveWindow(incidents, new Date(T0), 24);
    expect(shown.map((i) => i.id)).toEqual(live.map((i) => i.id));
    expect(live.map((i) => i.id)).not.toContain('f');
    expect(statsFor(shown, JAKARTA, new Date(T0))).toEqual(statsFor(live, JAKARTA, new Date(T0)));
  });

  it('picks the five KPI values from the totals', () => {
    const stats = statsFor(liveWindow(day(), new Date(T0), 24), JAKARTA, new Date(T0));
    expect(kpiValues(stats.totals)).toEqual({
      reportedToday: stats.totals.reportedToday,
      open: stats.totals.open,
      overdue: stats.totals.overdue,
      resolvedPct: stats.totals.resolvedPct,
      medianFirstResponseMin: stats.totals.medianFirstResponseMin,
    });
  });

  const byId = new Map(day().map((i) => [i.id, i]));
  const inc = (id: string) => byId.get(id) as Incident;

  it.each([
    // id, minutes from T0, open, overdue
    ['a', -4 * H, false, false], // not yet reported
    ['a', -3 * H + 10, true, false],
    ['a', -3 * H + 20, true, true],
    ['b', -60, false, false],
    ['b', -40, true, false],
    ['b', -30, true, true],
    ['c', -60, true, false],
    ['d', -60, true, true], // past response SLA, not yet answered
    ['d', 0, true, false], // answered at -30
    ['h', -80, true, false],
    ['h', -60, true, true],
    ['h', -10, true, false], // answered exactly then
    ['e', -4.5 * H, true, false],
    ['e', -2 * H, false, false], // resolved at -3 h
  ] as const)('%s at %i min: open %s, overdue %s', (id, min, open, overdue) => {
    expect(openAt(inc(id), T0 + min * 60_000)).toBe(open);
    expect(overdueAt(inc(id), T0 + min * 60_000)).toBe(overdue);
  });

  it('agrees with isOverdue at now', () => {
    for (const i of day()) expect(overdueAt(i, T0)).toBe(isOverdue(i, new Date(T0)));
  });

  it('sets the trend from overdue now against overdue an hour ago, per agency', () => {
    const live = liveWindow(day(), new Date(T0), 24);
    const rows = agencyRows(JAKARTA, statsFor(live, JAKARTA, new Date(T0)), live, T0);
    expect(rows.map((r) => r.code)).toEqual(JAKARTA.agencies.map((a) => a.code));
    const fire = rows.find((r) => r.code === 'gulkarmat');
    // now: a, b overdue; an hour ago: a, d, h overdue → better.
    expect(fire?.stats.overdue).toBe(2);
    expect(fire).toMatchObject({ overdueHourAgo: 3, delta: -1, trend: 'better' });
    const later = T0 + 50 * 60_000;
    const rowsLater = agencyRows(JAKARTA, statsFor(live, JAKARTA, new Date(later)), live, later);
    // 50 min later: a, b, i overdue; at -10 min: a, b (h answered just then) → worse.
    const fireLater = rowsLater.find((r) => r.code === 'gulkarmat');
    expect(fireLater?.stats.overdue).toBe(3);
    expect(fireLater).toMatchObject({ overdueHourAgo: 2, delta: 1, trend: 'worse' });
    const garbageAgency = JAKARTA.categories.find((c) => c.code === 'garbage')?.agency;
    expect(rows.find((r) => r.code === garbageAgency)?.trend).toBe('steady');
  });
});
