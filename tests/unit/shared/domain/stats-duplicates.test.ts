/**
 * Live KPIs with duplicate reports (duplicates.ts): a master with linked reports is one
 * incident in every figure, `reportersToday` counts every report of today, a split report
 * counts again as an incident, a confirmed duplicate stays a reporter only. Events come
 * from the real rules (decideReport, decideLink, decideSplit, decideUpdate) and reducer.
 */
import { describe, expect, it } from 'vitest';
import { decideLink, decideSplit } from '../../../../shared/domain/duplicates.ts';
import { computeStats, type GroupStats } from '../../../../shared/domain/stats.ts';
import { ACTOR, makeLog } from '../../../support/fixtures.ts';

// Today in WIB starts 2026-11-26T17:00Z; now is 2026-11-27T05:00Z (12:00 WIB).
const NOW = new Date('2026-11-27T05:00:00.000Z');
const today = (hhmm: string) => `2026-11-27T${hhmm}:00.000Z`;
const twoDaysAgo = (hhmm: string) => `2026-11-25T${hhmm}:00.000Z`;

type Log = ReturnType<typeof makeLog>;

function link(log: Log, reportId: string, masterId: string, at: string): void {
  const s = log.state.incidents;
  const d = decideLink(
    s.get(reportId),
    s.get(masterId),
    { reportId, masterId, note: null },
    { now: new Date(at), actor: ACTOR },
  );
  if (!d.ok) throw new Error(d.error.message);
  log.append(d.data);
}

function split(log: Log, reportId: string, at: string): void {
  const d = decideSplit(
    log.state.incidents.get(reportId),
    { reportId, note: null },
    { now: new Date(at), actor: ACTOR },
  );
  if (!d.ok) throw new Error(d.error.message);
  log.append(d.data);
}

/** A master reported at 01:00 today, three more reports of it at 01:10–01:30. */
function burst(log: Log, linked: number): void {
  log.report('m', today('01:00'));
  for (const [i, hhmm] of ['01:10', '01:20', '01:30'].entries()) {
    log.report(`r${i + 1}`, today(hhmm));
    if (i < linked) link(log, `r${i + 1}`, 'm', today('01:40'));
  }
}

const CASES: { name: string; build: (log: Log) => void; totals: Partial<GroupStats> }[] = [
  {
    name: 'four reports, none linked: four incidents',
    build: (log) => burst(log, 0),
    totals: { open: 4, reportedToday: 4, reportersToday: 4 },
  },
  {
    name: 'a master with three linked reports: one incident, four reporters',
    build: (log) => burst(log, 3),
    totals: { open: 1, overdue: 0, reportedToday: 1, reportersToday: 4, resolvedPct: 0 },
  },
  {
    name: 'one report split again: two incidents, still four reporters',
    build: (log) => {
      burst(log, 3);
      split(log, 'r2', today('02:00'));
    },
    totals: { open: 2, reportedToday: 2, reportersToday: 4 },
  },
  {
    name: 'one confirmed as a duplicate: still a reporter only',
    build: (log) => {
      burst(log, 3);
      log.update('r1', today('02:00'), { status: 'duplicate' });
    },
    totals: { open: 1, reportedToday: 1, reportersToday: 4, resolvedPct: 0 },
  },
  {
    name: 'the master resolved: its linked reports add no resolution or response',
    build: (log) => {
      burst(log, 3);
      log.update('m', today('02:00'), { status: 'dispatched' });
      log.update('m', today('03:00'), { status: 'resolved' });
    },
    totals: {
      open: 0,
      reportedToday: 1,
      reportersToday: 4,
      resolvedToday: 1,
      resolvedPct: 100,
      medianFirstResponseMin: 60,
      slaCompliancePct: 100,
    },
  },
  {
    name: 'reports of two days ago, unanswered past their deadline: only the master is overdue',
    build: (log) => {
      log.report('old-m', twoDaysAgo('01:00'));
      log.report('old-r', twoDaysAgo('01:05'));
      link(log, 'old-r', 'old-m', twoDaysAgo('01:06'));
      log.report('r-today', today('01:00'));
      link(log, 'r-today', 'old-m', today('01:01'));
    },
    totals: { open: 1, overdue: 1, reportedToday: 0, reportersToday: 1 },
  },
];

describe('live KPIs with duplicate reports', () => {
  it.each(CASES)('$name', ({ build, totals }) => {
    const log = makeLog();
    build(log);
    const stats = computeStats(log.state.incidents.values(), NOW, 'Asia/Jakarta', {
      agencies: [],
      categories: [],
    });
    expect(stats.totals).toMatchObject(totals);
    // Every report here is road damage for Bina Marga: the groups say the same.
    expect(stats.byAgency.bina_marga).toEqual(stats.totals);
    expect(stats.byCategory.road_damage).toEqual(stats.totals);
  });
});
