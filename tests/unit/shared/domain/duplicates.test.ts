import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../shared/city/jakarta/index.ts';
import {
  countsAsIncident,
  decideLink,
  decideSplit,
  findMaster,
  linkEvents,
  masterOf,
  reportersOf,
  type MasterCandidate,
} from '../../../../shared/domain/duplicates.ts';
import { isOpen, slaClocks } from '../../../../shared/domain/sla.ts';
import { statsFor } from '../../../../shared/domain/stats.ts';
import type { Incident } from '../../../../shared/domain/types.ts';
import { ACTOR, makeLog } from '../../../support/fixtures.ts';

const T0 = '2026-11-30T01:00:00.000Z';
const HERE = { lon: 106.8272, lat: -6.1754 };
/** About `m` metres north of HERE (1° of latitude ≈ 111.2 km). */
const north = (m: number) => ({ lon: HERE.lon, lat: HERE.lat + m / 111_195 });
const hoursAfter = (h: number) => new Date(Date.parse(T0) + h * 3_600_000).toISOString();

function incident(id: string, over: Partial<Incident> = {}): Incident {
  const log = makeLog();
  log.report(id, over.reportedAt ?? T0, {
    category: over.category ?? 'flooding',
    location: over.location ?? HERE,
  });
  return { ...log.state.incidents.get(id)!, ...over };
}
const candidate = (inc: Incident, latest = Date.parse(inc.reportedAt)): MasterCandidate => ({
  incident: inc,
  latestReportMs: latest,
});
/** A rule of its own, so the cases read against fixed numbers whatever the pack settles on. */
const flooding = { radiusM: 300, withinHours: 12 };

describe('findMaster', () => {
  const report = incident('new', { reportedAt: hoursAfter(1) });
  it.each([
    ['an open incident of its category at the same place', incident('m'), 'm'],
    ['one 250 m away (within 300 m)', incident('m', { location: north(250) }), 'm'],
    ['none 350 m away (beyond 300 m)', incident('m', { location: north(350) }), null],
    ['none of another category', incident('m', { category: 'garbage' }), null],
    ['none that is resolved', incident('m', { status: 'resolved' }), null],
    ['none that is itself linked', incident('m', { duplicateOf: 'x' }), null],
    [
      'none reported 13 h before (beyond 12 h)',
      incident('m', { reportedAt: hoursAfter(-12) }),
      null,
    ],
  ])('%s', (_what, master, expected) => {
    expect(findMaster(report, [candidate(master)], flooding)?.master.id ?? null).toBe(expected);
  });

  it('counts hours from the master’s latest linked report, not its own', () => {
    const old = incident('m', { reportedAt: hoursAfter(-20) });
    expect(
      findMaster(report, [candidate(old, Date.parse(hoursAfter(-2)))], flooding)?.master.id,
    ).toBe('m');
  });

  it('takes the nearest, and of two at one distance the earlier', () => {
    const far = incident('far', { location: north(200) });
    const near = incident('near', { location: north(50) });
    expect(
      findMaster(
        report,
        [far, near].map((i) => candidate(i)),
        flooding,
      )?.master.id,
    ).toBe('near');
    const later = incident('later', { reportedAt: hoursAfter(0.5) });
    const earlier = incident('earlier');
    expect(
      findMaster(
        report,
        [later, earlier].map((i) => candidate(i)),
        flooding,
      )?.master.id,
    ).toBe('earlier');
  });

  it('never makes a report its own master', () => {
    expect(findMaster(report, [candidate(report)], flooding)).toBeNull();
  });
});

describe('a link, a confirmation and a split through the reducer', () => {
  const setup = () => {
    const log = makeLog();
    log.report('m', T0, { category: 'flooding', location: HERE });
    log.report('r', hoursAfter(1), { category: 'flooding', location: north(40) });
    const found = { master: log.state.incidents.get('m')!, distanceM: 40 };
    log.append(
      linkEvents({ id: 'r' }, found, {
        at: hoursAfter(1),
        occurredAt: hoursAfter(1),
        actor: ACTOR,
        auto: true,
        note: null,
      }),
    );
    return log;
  };

  it('a linked report leaves the open work, its clock void, and its master counts two reporters', () => {
    const log = setup();
    const r = log.state.incidents.get('r')!;
    const m = log.state.incidents.get('m')!;
    expect(masterOf(r)).toBe('m');
    expect(isOpen(r)).toBe(false);
    expect(r.endedAt).toBe(hoursAfter(1));
    expect(slaClocks(r, new Date(hoursAfter(2))).resolution.state).toBe('void');
    expect(reportersOf(m)).toBe(2);
    expect(countsAsIncident(r)).toBe(false);
    expect(countsAsIncident(m)).toBe(true);
  });

  it('the KPIs count the master once and both reports as reporters', () => {
    const log = setup();
    const stats = statsFor(log.state.incidents.values(), JAKARTA, new Date(hoursAfter(2)));
    expect(stats.totals.open).toBe(1);
    expect(stats.totals.reportedToday).toBe(1);
    expect(stats.totals.reportersToday).toBe(2);
  });

  it('a linked report may only be confirmed as a duplicate: other moves are refused', () => {
    const log = setup();
    expect(() => log.update('r', hoursAfter(2), { status: 'verified' })).toThrow(/linked to 'm'/);
    log.update('r', hoursAfter(2), { status: 'duplicate' });
    expect(log.state.incidents.get('r')).toMatchObject({ status: 'duplicate', duplicateOf: 'm' });
  });

  it('a split makes it an incident again, its clocks running, and takes it off the master', () => {
    const log = setup();
    const d = decideSplit(
      log.state.incidents.get('r'),
      { reportId: 'r', note: 'beda jalan' },
      {
        now: new Date(hoursAfter(2)),
        actor: ACTOR,
      },
    );
    if (!d.ok) throw new Error(d.error.message);
    log.append(d.data);
    const r = log.state.incidents.get('r')!;
    expect(masterOf(r)).toBeNull();
    expect(isOpen(r)).toBe(true);
    expect(r.endedAt).toBeNull();
    expect(reportersOf(log.state.incidents.get('m')!)).toBe(1);
  });

  it('a confirmed duplicate cannot be split', () => {
    const log = setup();
    log.update('r', hoursAfter(2), { status: 'duplicate' });
    const d = decideSplit(
      log.state.incidents.get('r'),
      { reportId: 'r', note: null },
      {
        now: new Date(hoursAfter(3)),
        actor: ACTOR,
      },
    );
    expect(d.ok ? null : d.error.code).toBe('confirmed');
  });
});

describe('decideLink (by hand) refuses', () => {
  const now = new Date(hoursAfter(2));
  const ctx = { now, actor: ACTOR };
  const input = (reportId: string, masterId: string) => ({ reportId, masterId, note: null });
  it.each([
    ['an unknown report', undefined, incident('m'), 404, 'not_found'],
    ['an unknown master', incident('r'), undefined, 422, 'invalid_field'],
    [
      'a report already linked',
      incident('r', { duplicateOf: 'x' }),
      incident('m'),
      409,
      'already_linked',
    ],
    [
      'a report that is being worked on',
      incident('r', { status: 'dispatched' }),
      incident('m'),
      409,
      'not_linkable',
    ],
    [
      'a report with reports of its own',
      incident('r', { reporters: 3 }),
      incident('m'),
      409,
      'has_reports',
    ],
    [
      'a master that is itself linked',
      incident('r'),
      incident('m', { duplicateOf: 'x' }),
      422,
      'invalid_field',
    ],
    [
      'a master that is closed',
      incident('r'),
      incident('m', { status: 'closed' }),
      422,
      'invalid_field',
    ],
  ])('%s', (_what, report, master, status, code) => {
    const d = decideLink(report, master, input('r', 'm'), ctx);
    expect(d.ok).toBe(false);
    if (!d.ok) expect([d.error.status, d.error.code]).toEqual([status, code]);
  });

  it('a report as its own master, naming the field', () => {
    const r = incident('r');
    const d = decideLink(r, r, input('r', 'r'), ctx);
    expect(d.ok ? null : d.error.fields).toEqual({ masterId: 'a report cannot be its own master' });
  });

  it('and links an open report to an open master with the distance between them', () => {
    const d = decideLink(
      incident('r', { location: north(120) }),
      incident('m'),
      input('r', 'm'),
      ctx,
    );
    if (!d.ok) throw new Error(d.error.message);
    expect(d.data.map((e) => [e.type, e.incidentId])).toEqual([
      ['incident.linked', 'r'],
      ['incident.reporters_changed', 'm'],
    ]);
    expect(d.data[0]!.data).toMatchObject({ masterId: 'm', auto: false, distanceM: 120 });
  });
});
