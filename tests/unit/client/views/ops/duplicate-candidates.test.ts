/**
 * What the drawer offers a supervisor to link a report to by hand: open incidents of the
 * same category within 500 m, nearest first, at most five; and which reports may be linked.
 */
import { describe, expect, it } from 'vitest';
import {
  linkCandidates,
  mayBeLinked,
} from '../../../../../client/views/ops/duplicate-candidates.ts';
import type { Incident } from '../../../../../shared/domain/types.ts';
import { incident, iso, MIN, T0 } from '../../../../support/ops-fixtures.ts';

/** About 111 m per 0.001° of latitude. */
const north = (m: number) => ({ lon: 106.82, lat: -6.18 + m / 111_195 });

const report = incident({ id: 'r', category: 'flooding', location: north(0) });
const near = (id: string, m: number, over: Partial<Incident> = {}) =>
  incident({ id, category: 'flooding', location: north(m), ...over });

describe('linkCandidates', () => {
  it.each<[string, Incident[], string[]]>([
    ['nearest first', [near('b', 300), near('a', 40), near('c', 120)], ['a', 'c', 'b']],
    ['not beyond 500 m', [near('a', 499), near('b', 520)], ['a']],
    ['same category only', [near('a', 10, { category: 'fire' }), near('b', 20)], ['b']],
    ['not itself', [report, near('a', 10)], ['a']],
    [
      'open incidents only',
      [near('a', 10, { status: 'resolved' }), near('b', 20, { status: 'dispatched' })],
      ['b'],
    ],
    ['not a report linked elsewhere', [near('a', 10, { duplicateOf: 'x' }), near('b', 20)], ['b']],
    [
      'a tie goes to the earlier report',
      [
        near('late', 50, { reportedAt: iso(T0 - MIN) }),
        near('early', 50, { reportedAt: iso(T0 - 9 * MIN) }),
      ],
      ['early', 'late'],
    ],
    [
      'at most five',
      [10, 20, 30, 40, 50, 60, 70].map((m) => near(`m${m}`, m)),
      ['m10', 'm20', 'm30', 'm40', 'm50'],
    ],
  ])('%s', (_name, incidents, expected) => {
    expect(linkCandidates(report, incidents).map((c) => c.incident.id)).toEqual(expected);
  });

  it('gives each candidate its distance in metres', () => {
    const [c] = linkCandidates(report, [near('a', 250)]);
    expect(c?.distanceM).toBeCloseTo(250, -1);
  });
});

describe('mayBeLinked', () => {
  it.each<[string, Partial<Incident>, boolean]>([
    ['a new report', {}, true],
    ['a verified report', { status: 'verified' }, true],
    ['dispatched: it has work of its own', { status: 'dispatched' }, false],
    ['already linked', { duplicateOf: 'm' }, false],
    ['a master with reports of its own', { reporters: 3 }, false],
  ])('%s → %s', (_name, over, expected) => {
    expect(mayBeLinked(incident({ id: 'x', ...over }))).toBe(expected);
  });
});
