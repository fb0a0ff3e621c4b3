/**
 * The drawer's proof line and who is offered the waiver: the shared closure rule against
 * the deployment's radius, the shared policy for who may waive, open incidents only.
 */
import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../../../../../shared/domain/access.ts';
import type { FieldSettings } from '../../../../../shared/domain/field-proof.ts';
import type { Incident, PhotoSummary } from '../../../../../shared/domain/types.ts';
import { proofStatus } from '../../../../../client/views/ops/proof-status.ts';
import { incident, iso, MIN, T0 } from '../../../../support/ops-fixtures.ts';

const who = (role: Role): Principal => ({
  kind: 'user',
  id: role,
  name: role,
  role,
  agency: role === 'agency' ? 'bina_marga' : null,
  source: null,
});
const SETTINGS: FieldSettings = { proofRequired: true, proofRadiusM: 150, maxPhotoBytes: 1 };
const dispatched = { status: 'dispatched' as const, dispatchedAt: iso(T0) };
const after = (distanceM: number | null, takenAt = iso(T0 + MIN)): PhotoSummary => ({
  photoId: 'c'.repeat(64),
  kind: 'after',
  takenAt,
  distanceM,
});
const waived = { proofWaived: { by: 'sup', note: 'Kamera rusak' } };

describe('proofStatus', () => {
  it.each<[string, Partial<Incident>, FieldSettings | null, Role | null, string, boolean]>([
    ['no photo yet, supervisor', dispatched, SETTINGS, 'supervisor', 'missing', true],
    ['no photo yet, admin', dispatched, SETTINGS, 'admin', 'missing', true],
    ['no photo yet, agency operator', dispatched, SETTINGS, 'agency', 'missing', false],
    ['no photo yet, viewer', dispatched, SETTINGS, 'viewer', 'missing', false],
    ['role not known yet', dispatched, SETTINGS, null, 'missing', false],
    [
      'an after photo 420 m away',
      { ...dispatched, photos: [after(420)] },
      SETTINGS,
      'supervisor',
      'missing',
      true,
    ],
    [
      'an after photo 42 m away',
      { ...dispatched, photos: [after(42)] },
      SETTINGS,
      'supervisor',
      'photo',
      false,
    ],
    [
      'an after photo before dispatch',
      { ...dispatched, photos: [after(42, iso(T0 - MIN))] },
      SETTINGS,
      'supervisor',
      'missing',
      true,
    ],
    [
      'a before photo near',
      { ...dispatched, photos: [{ ...after(10), kind: 'before' }] },
      SETTINGS,
      'supervisor',
      'missing',
      true,
    ],
    [
      'a wider radius',
      { ...dispatched, photos: [after(420)] },
      { ...SETTINGS, proofRadiusM: 500 },
      'supervisor',
      'photo',
      false,
    ],
    ['waived', { ...dispatched, ...waived }, SETTINGS, 'supervisor', 'waiver', false],
    [
      'waived, settings not known',
      { ...dispatched, ...waived },
      null,
      'supervisor',
      'waiver',
      false,
    ],
    ['settings not known', dispatched, null, 'supervisor', 'loading', true],
    ['resolved without proof', { status: 'resolved' }, SETTINGS, 'supervisor', 'none', false],
    ['closed without proof', { status: 'closed' }, SETTINGS, 'admin', 'none', false],
  ])('%s → %s, waiver offered: %s', (_name, o, settings, role, line, mayWaive) => {
    const got = proofStatus(incident({ id: 'p-1', ...o }), settings, role ? who(role) : null);
    expect(got.line.kind).toBe(line);
    expect(got.mayWaive).toBe(mayWaive);
  });

  it('names who waived and why', () => {
    expect(proofStatus(incident({ id: 'p-1', ...waived }), SETTINGS, null).line).toEqual({
      kind: 'waiver',
      by: 'sup',
      note: 'Kamera rusak',
    });
  });
});
