/** The incident lifecycle graph: allowed and refused moves. */
import { describe, expect, it } from 'vitest';
import { STATUSES, TERMINAL_STATUSES } from '../../../../shared/domain/types.ts';
import type { Status } from '../../../../shared/domain/types.ts';
import { TRANSITIONS, canTransition } from '../../../../shared/domain/transitions.ts';

describe('canTransition', () => {
  it.each<[Status, Status, boolean]>([
    ['received', 'verified', true],
    ['received', 'dispatched', true],
    ['received', 'rejected', true],
    ['received', 'duplicate', true],
    ['received', 'in_progress', false],
    ['received', 'resolved', false],
    ['received', 'received', false],
    ['verified', 'dispatched', true],
    ['verified', 'duplicate', true],
    ['verified', 'received', false],
    ['verified', 'in_progress', false],
    ['dispatched', 'in_progress', true],
    ['dispatched', 'resolved', true],
    ['dispatched', 'rejected', true],
    ['dispatched', 'duplicate', false],
    ['dispatched', 'verified', false],
    ['in_progress', 'resolved', true],
    ['in_progress', 'dispatched', true],
    ['in_progress', 'closed', false],
    ['in_progress', 'rejected', false],
    ['resolved', 'closed', true],
    ['resolved', 'in_progress', true],
    ['resolved', 'dispatched', false],
    ['closed', 'in_progress', false],
    ['closed', 'received', false],
    ['rejected', 'received', false],
    ['duplicate', 'received', false],
  ])('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('has an entry for every status and only names known statuses', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...STATUSES].sort());
    for (const targets of Object.values(TRANSITIONS)) {
      for (const t of targets) expect(STATUSES).toContain(t);
    }
  });

  it.each(['closed', 'rejected', 'duplicate'] as const)('%s is a dead end', (s) => {
    expect(TRANSITIONS[s]).toEqual([]);
  });

  it('lets every non-terminal status move on', () => {
    for (const s of STATUSES.filter((x) => !TERMINAL_STATUSES.includes(x))) {
      expect(TRANSITIONS[s].length, s).toBeGreaterThan(0);
    }
  });
});
