/** Which drawer actions each role may take, asked of the shared policy, and the lifecycle. */
import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import type { Principal, Role } from '../../../../../shared/domain/access.ts';
import type { Status } from '../../../../../shared/domain/types.ts';
import { actionModel } from '../../../../../client/views/ops/ops-actions.ts';
import { incident } from '../../../../support/ops-fixtures.ts';

const who = (role: Role, agency: string | null = null): Principal => ({
  kind: 'user',
  id: `u-${role}`,
  name: role,
  role,
  agency,
  source: null,
});

describe('actionModel', () => {
  const received = incident({ id: 'x', agency: 'dsda', category: 'flooding', severity: 'high' });

  it.each<[string, Principal | null, boolean, string | null]>([
    ['admin', who('admin'), true, null],
    ['supervisor', who('supervisor'), true, null],
    ['agency on its own incident', who('agency', 'dsda'), true, null],
    ['agency on another agency’s incident', who('agency', 'dlh'), false, 'role'],
    ['viewer', who('viewer'), false, 'role'],
    ['wall display', who('display'), false, 'role'],
    ['not known yet', null, false, 'pending'],
  ])('%s', (_name, principal, allowed, blocker) => {
    const m = actionModel(received, principal, JAKARTA);
    expect(m.update.allowed).toBe(allowed);
    expect(m.verify.allowed).toBe(allowed);
    expect(m.escalate.allowed).toBe(allowed);
    expect(m.note.allowed).toBe(allowed);
    if (!m.update.allowed) expect(m.update.blocker).toBe(blocker);
    expect(m.statuses.every((s) => s.gate.allowed === allowed)).toBe(true);
  });

  it.each<[Status, Status[], boolean]>([
    ['received', ['dispatched', 'rejected', 'duplicate'], true],
    ['verified', ['dispatched', 'rejected', 'duplicate'], false],
    ['in_progress', ['resolved', 'dispatched'], false],
    ['closed', [], false],
  ])('from %s offers %j, verify %s', (status, next, canVerify) => {
    const m = actionModel({ ...received, status }, who('supervisor'), JAKARTA);
    expect(m.statuses.map((s) => s.status)).toEqual(next);
    expect(m.verify.allowed).toBe(canVerify);
    if (!canVerify && !m.verify.allowed) expect(m.verify.blocker).toBe('state');
  });

  it('offers a linked report no status step: its duplicates section confirms or splits it', () => {
    const m = actionModel({ ...received, duplicateOf: 'm' }, who('supervisor'), JAKARTA);
    expect(m.linked).toBe(true);
    expect(m.statuses).toEqual([]);
    expect(m.verify.allowed).toBe(false);
    expect(m.note.allowed).toBe(true);
    expect(actionModel(received, who('supervisor'), JAKARTA).linked).toBe(false);
  });

  it('escalates one step and stops at critical', () => {
    expect(actionModel(received, who('admin'), JAKARTA).escalate).toMatchObject({
      allowed: true,
      to: 'critical',
    });
    const top = actionModel({ ...received, severity: 'critical' }, who('admin'), JAKARTA).escalate;
    expect(top).toMatchObject({ allowed: false, blocker: 'state', to: null });
  });

  it('lets an agency operator hand back only to the command center', () => {
    const m = actionModel(received, who('agency', 'dsda'), JAKARTA);
    const allowed = m.assign.filter((a) => a.gate.allowed).map((a) => a.agency);
    expect(allowed).toEqual(['command_center']);
    expect(m.assign.map((a) => a.agency)).not.toContain('dsda');
  });

  it('lets a supervisor assign to every other agency', () => {
    const m = actionModel(received, who('supervisor'), JAKARTA);
    expect(m.assign.filter((a) => a.gate.allowed)).toHaveLength(JAKARTA.agencies.length - 1);
  });
});
