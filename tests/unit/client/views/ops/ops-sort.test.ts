/** Orders of the ops list and the severity ladder. */
import { describe, expect, it } from 'vitest';
import {
  nextSeverity,
  sortAndCountOverdue,
  sortIncidents,
} from '../../../../../client/views/ops/ops-sort.ts';
import { isOverdue } from '../../../../../shared/domain/sla.ts';
import type { SortKey } from '../../../../../client/views/ops/ops-filters.ts';
import { incident, iso, MIN, T0 } from '../../../../support/ops-fixtures.ts';

const now = new Date(T0);
const list = [
  // 50 min to its response deadline
  incident({ id: 'soon', responseDueAt: iso(T0 + 50 * MIN), reportedAt: iso(T0 - 10 * MIN) }),
  // overdue by 20 min on response
  incident({
    id: 'late',
    responseDueAt: iso(T0 - 20 * MIN),
    severity: 'low',
    reportedAt: iso(T0 - 90 * MIN),
  }),
  // responded: only resolution counts, 5 h left
  incident({
    id: 'responded',
    status: 'dispatched',
    firstResponseAt: iso(T0 - 5 * MIN),
    responseDueAt: iso(T0 + 1 * MIN),
    resolveDueAt: iso(T0 + 5 * 60 * MIN),
    severity: 'critical',
    reportedAt: iso(T0 - 5 * MIN),
  }),
  // overdue by 2 h on resolution
  incident({
    id: 'very-late',
    status: 'in_progress',
    firstResponseAt: iso(T0 - 20 * 60 * MIN),
    resolveDueAt: iso(T0 - 120 * MIN),
    severity: 'high',
    reportedAt: iso(T0 - 26 * 60 * MIN),
  }),
  // ended ones follow open work, latest ended first
  incident({
    id: 'ended-old',
    status: 'resolved',
    endedAt: iso(T0 - 60 * MIN),
    severity: 'critical',
  }),
  incident({ id: 'ended-new', status: 'rejected', endedAt: iso(T0 - 10 * MIN) }),
  // a tie with 'soon' on every key but the id
  incident({ id: 'soon-b', responseDueAt: iso(T0 + 50 * MIN), reportedAt: iso(T0 - 10 * MIN) }),
];

describe('sortIncidents', () => {
  it.each<[SortKey, string[]]>([
    ['sla', ['very-late', 'late', 'soon', 'soon-b', 'responded', 'ended-new', 'ended-old']],
    ['severity', ['responded', 'very-late', 'soon', 'soon-b', 'late', 'ended-old', 'ended-new']],
    ['newest', ['responded', 'soon', 'soon-b', 'ended-new', 'ended-old', 'late', 'very-late']],
  ])('%s', (sort, expected) => {
    expect(sortIncidents(list, sort, now).map((i) => i.id)).toEqual(expected);
  });

  it('counts as overdue exactly what the shared isOverdue says, at any instant', () => {
    for (const t of [T0, T0 + 45 * MIN, T0 + 3 * 60 * MIN]) {
      const at = new Date(t);
      expect(sortAndCountOverdue(list, 'newest', at).overdue).toBe(
        list.filter((i) => isOverdue(i, at)).length,
      );
    }
    expect(sortAndCountOverdue(list, 'sla', now).overdue).toBeGreaterThan(0);
  });

  it('does not depend on the clock for open work, and leaves the input alone', () => {
    const before = list.map((i) => i.id);
    const later = new Date(T0 + 3 * 60 * MIN);
    expect(sortIncidents(list, 'sla', later).map((i) => i.id)).toEqual(
      sortIncidents(list, 'sla', now).map((i) => i.id),
    );
    expect(list.map((i) => i.id)).toEqual(before);
  });
});

describe('nextSeverity', () => {
  it.each([
    ['low', 'medium'],
    ['medium', 'high'],
    ['high', 'critical'],
    ['critical', null],
  ] as const)('%s → %s', (from, to) => expect(nextSeverity(from)).toBe(to));
});
