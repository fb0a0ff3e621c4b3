import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../shared/city/jakarta/index.ts';
import { systemPrincipal, type Principal } from '../../../../shared/domain/access.ts';
import { DEFAULT_BACKDATE_POLICY } from '../../../../shared/domain/field-time.ts';
import {
  dispatchTime,
  photoChecks,
  proofOfClosure,
  proofRequiredFor,
  type PhotoFacts,
} from '../../../../shared/domain/field-proof.ts';
import { decideUpdate } from '../../../../shared/domain/update-incident.ts';
import type { Incident, PhotoSummary } from '../../../../shared/domain/types.ts';
import { ACTOR, makeLog } from '../../../support/fixtures.ts';

const T0 = '2026-11-30T01:00:00.000Z';
const HERE = { lon: 106.8272, lat: -6.1754 };
const north = (m: number) => ({ lon: HERE.lon, lat: HERE.lat + m / 111_195 });
const at = (min: number) => new Date(Date.parse(T0) + min * 60_000).toISOString();
const policy = { radiusM: 150 };

/** A flood reported at T0 and dispatched at T0 + 10 min. */
function dispatched(): Incident {
  const log = makeLog();
  log.report('f', T0, { category: 'flooding', location: HERE });
  log.update('f', at(10), { status: 'dispatched' });
  return log.state.incidents.get('f')!;
}

const photo = (over: Partial<PhotoSummary>): PhotoSummary => ({
  photoId: 'a'.repeat(64),
  kind: 'after',
  takenAt: at(30),
  distanceM: 20,
  ...over,
});

describe('proofOfClosure', () => {
  it.each<[string, PhotoSummary[], boolean, RegExp | null]>([
    ['no photo at all', [], false, /there is no after photo/],
    ['only a before photo', [photo({ kind: 'before' })], false, /there is no after photo/],
    ['an after photo, near, after dispatch', [photo({})], true, null],
    ['at exactly the radius', [photo({ distanceM: 150 })], true, null],
    ['just past the radius', [photo({ distanceM: 151 })], false, /one is 151 m away/],
    ['taken before dispatch', [photo({ takenAt: at(5) })], false, /taken before dispatch/],
    ['taken at dispatch', [photo({ takenAt: at(10) })], true, null],
    ['no capture time', [photo({ takenAt: null })], false, /no capture time/],
    ['no position', [photo({ distanceM: null })], false, /no position/],
    ['one bad, one good', [photo({ distanceM: 900 }), photo({ photoId: 'b' })], true, null],
  ])('%s', (_name, photos, ok, missing) => {
    const verdict = proofOfClosure({ ...dispatched(), photos }, policy);
    expect(verdict.ok).toBe(ok);
    if (!verdict.ok) {
      expect(verdict.missing).toMatch(/^an after photo taken after dispatch within 150 m/);
      expect(verdict.missing).toMatch(missing!);
    }
  });

  it('is met by a waiver whatever the photos', () => {
    const verdict = proofOfClosure(
      { ...dispatched(), proofWaived: { by: 'sup', note: 'x' } },
      policy,
    );
    expect(verdict).toEqual({ ok: true, by: 'waiver' });
  });
});

describe('dispatchTime', () => {
  it.each<[string, Partial<Incident>, string]>([
    ['the latest dispatch', { dispatchedAt: at(10), firstResponseAt: at(2) }, at(10)],
    ['else the first response', { dispatchedAt: null, firstResponseAt: at(2) }, at(2)],
    ['else the report', { firstResponseAt: null }, T0],
  ])('%s', (_name, over, want) => {
    expect(dispatchTime({ reportedAt: T0, firstResponseAt: null, ...over })).toBe(want);
  });
});

describe('photoChecks', () => {
  const facts = (
    over: Partial<PhotoFacts['exif']>,
    device: Partial<PhotoFacts['device']> = {},
  ) => ({
    exif: { takenAt: null, lon: null, lat: null, ...over },
    device: { takenAt: null, position: null, ...device },
  });
  it.each<[string, PhotoFacts, number | null, boolean]>([
    ['EXIF time and GPS', facts({ takenAt: at(30), ...north(100) }), 100, true],
    [
      'EXIF GPS before the device position',
      facts(north(100), { position: north(500), takenAt: at(30) }),
      100,
      true,
    ],
    [
      'the device when EXIF has none',
      facts({}, { position: north(500), takenAt: at(30) }),
      500,
      true,
    ],
    [
      'EXIF time before the device time',
      facts({ takenAt: at(0) }, { takenAt: at(30) }),
      null,
      false,
    ],
    ['nothing known', facts({}), null, false],
  ])('%s', (_name, f, distance, after) => {
    const checks = photoChecks(f, dispatched());
    expect(checks.afterDispatch).toBe(after);
    if (distance === null) expect(checks.distanceM).toBeNull();
    else expect(Math.abs(checks.distanceM! - distance)).toBeLessThanOrEqual(1);
  });
});

describe('proofRequiredFor', () => {
  const p = (role: Principal['role']): Principal => ({
    kind: 'user',
    id: role,
    name: role,
    role,
    agency: role === 'agency' ? 'dsda' : null,
    source: null,
  });
  it.each<[Principal, boolean]>([
    [p('agency'), true],
    [p('supervisor'), false],
    [p('admin'), false],
    [systemPrincipal('simulator-test'), false],
  ])('%o → %s', (who, want) => expect(proofRequiredFor(who)).toBe(want));
});

describe('decideUpdate with the proof', () => {
  const ctx = (proof?: { radiusM: number }) => ({
    pack: JAKARTA,
    now: new Date(at(40)),
    actor: ACTOR,
    id: 'f',
    backdate: { author: 'system' as const, policy: DEFAULT_BACKDATE_POLICY },
    proof,
  });
  it('refuses to resolve without it, naming what is missing', () => {
    const d = decideUpdate(dispatched(), { status: 'resolved' }, ctx(policy));
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.error).toMatchObject({ status: 409, code: 'proof_required' });
    expect(d.error.message).toContain('an after photo taken after dispatch within 150 m');
    expect(d.error.fields?.status).toBeDefined();
  });
  it('resolves with it, and without it when the author is not asked', () => {
    expect(
      decideUpdate({ ...dispatched(), photos: [photo({})] }, { status: 'resolved' }, ctx(policy))
        .ok,
    ).toBe(true);
    expect(decideUpdate(dispatched(), { status: 'resolved' }, ctx()).ok).toBe(true);
  });
  it('asks nothing of other changes', () => {
    expect(decideUpdate(dispatched(), { status: 'in_progress' }, ctx(policy)).ok).toBe(true);
  });
});
