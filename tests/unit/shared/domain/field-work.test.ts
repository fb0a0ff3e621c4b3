import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../../shared/domain/access.ts';
import {
  fieldActions,
  fieldWork,
  isFieldWorkOf,
  resolveProofProblem,
  sortFieldWork,
  type FieldWorkItem,
} from '../../../../shared/domain/field-work.ts';
import type { Incident } from '../../../../shared/domain/types.ts';
import { makeLog } from '../../../support/fixtures.ts';

const T0 = '2026-11-30T01:00:00.000Z';
const HERE = { lon: 106.8272, lat: -6.1754 };
const north = (m: number) => ({ lon: HERE.lon, lat: HERE.lat + m / 111_195 });
const at = (min: number) => new Date(Date.parse(T0) + min * 60_000).toISOString();

/** A user: a claim records its username (its actor id), never its account id. */
const person = (
  role: Principal['role'],
  agency: string | null,
  username = `user:${role}`,
): Principal => ({
  kind: 'user',
  id: `account-${username}`,
  name: username,
  role,
  agency,
  source: null,
});
const CREW = person('agency', 'bpbd', 'user:crew');

/** A flood for BPBD at HERE, dispatched, in the shape the projection keeps. */
function flood(over: Partial<Incident> = {}): Incident {
  const log = makeLog();
  log.report('f', T0, { category: 'flooding', location: HERE });
  log.update('f', at(5), { status: 'dispatched' });
  return { ...log.state.incidents.get('f')!, agency: 'bpbd', ...over };
}

describe('isFieldWorkOf', () => {
  it.each<[string, Principal, Partial<Incident>, boolean]>([
    ["an agency's own open incident", CREW, {}, true],
    ["another agency's", CREW, { agency: 'dinas_sda' }, false],
    ['an ended one', CREW, { status: 'resolved' }, false],
    ['a linked duplicate report', CREW, { duplicateOf: 'm' }, false],
    ['a supervisor: any agency', person('supervisor', null), { agency: 'dinas_sda' }, true],
    ['an agency operator without agency', person('agency', null), {}, false],
    ['a viewer', person('viewer', null), {}, false],
  ])('%s', (_name, p, over, expected) => {
    expect(isFieldWorkOf(p, flood(over))).toBe(expected);
  });
});

describe('fieldWork and sortFieldWork', () => {
  const now = new Date(at(30));
  const item = (id: string, over: Partial<Incident>) => flood({ id, ...over });
  const list = [
    item('far-urgent', { location: north(2_000), resolveDueAt: at(40), responseDueAt: at(10) }),
    item('near-relaxed', { location: north(100), resolveDueAt: at(600) }),
    item('mine', { location: north(5_000), assignee: CREW.name, resolveDueAt: at(900) }),
    item('theirs', { location: north(10), assignee: 'user:other', resolveDueAt: at(35) }),
  ];
  const ids = (items: FieldWorkItem[]) => items.map((i) => i.incident.id);

  it('measures distance from the crew and time left to the nearest running deadline', () => {
    const work = fieldWork(list, { principal: CREW, now, position: HERE });
    const byId = new Map(work.map((w) => [w.incident.id, w]));
    expect(byId.get('near-relaxed')?.distanceM).toBe(100);
    expect(byId.get('far-urgent')?.timeLeftMs).toBe(10 * 60_000);
    expect(byId.get('mine')?.mine).toBe(true);
    expect(byId.get('theirs')?.claimedByOther).toBe(true);
  });

  it.each<[string, 'sla' | 'distance', boolean, string[]]>([
    [
      'by SLA: mine, then free by time left',
      'sla',
      true,
      ['mine', 'far-urgent', 'near-relaxed', 'theirs'],
    ],
    [
      'by distance: mine, then free nearest first',
      'distance',
      true,
      ['mine', 'near-relaxed', 'far-urgent', 'theirs'],
    ],
    [
      'by distance without a position: falls back to time left',
      'distance',
      false,
      ['mine', 'far-urgent', 'near-relaxed', 'theirs'],
    ],
  ])('%s', (_name, sort, located, expected) => {
    const work = fieldWork(list, { principal: CREW, now, position: located ? HERE : null });
    expect(ids(sortFieldWork(work, sort))).toEqual(expected);
  });
});

describe('fieldActions', () => {
  it.each<[string, Partial<Incident>, Principal, string[]]>([
    ['free and dispatched', {}, CREW, ['claim', 'start', 'note', 'photo', 'resolve']],
    [
      'mine, in progress',
      { assignee: CREW.name, status: 'in_progress' },
      CREW,
      ['unclaim', 'note', 'photo', 'resolve'],
    ],
    ['claimed by somebody else', { assignee: 'user:other' }, CREW, []],
    ['verified, not yet dispatched', { status: 'verified' }, CREW, ['claim', 'note', 'photo']],
    ['ended', { status: 'resolved' }, CREW, []],
  ])('%s', (_name, over, p, expected) => {
    expect(fieldActions(flood(over), p)).toEqual(expected);
  });
});

describe('resolveProofProblem', () => {
  const policy = { radiusM: 150 };
  const after = { photoId: 'p', kind: 'after' as const, takenAt: at(20), distanceM: 30 };
  it.each<
    [string, Principal, typeof policy | null, Partial<Incident>, (typeof after)[], RegExp | null]
  >([
    ['a crew without an after photo', CREW, policy, {}, [], /there is no after photo/],
    ['a crew with a good photo still waiting on the phone', CREW, policy, {}, [after], null],
    [
      'a crew with a stored photo too far away',
      CREW,
      policy,
      { photos: [{ ...after, distanceM: 400 }] },
      [],
      /400 m away/,
    ],
    ['a crew with a waiver', CREW, policy, { proofWaived: { by: 'sup', note: 'x' } }, [], null],
    ['proof not asked on this server', CREW, null, {}, [], null],
    [
      'a supervisor resolves on their own authority',
      person('supervisor', null),
      policy,
      {},
      [],
      null,
    ],
  ])('%s', (_name, p, pol, over, waiting, problem) => {
    const result = resolveProofProblem(flood(over), p, pol, waiting);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toMatch(problem);
  });
});
