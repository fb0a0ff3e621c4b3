import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../shared/city/jakarta/index.ts';
import { distanceM } from '../../../../shared/domain/duplicates.ts';
import { createDuplicateIndex } from '../../../../server/ingest/duplicate-index.ts';
import { linkIfDuplicate } from '../../../../server/ingest/link-duplicates.ts';
import { makeLog } from '../../../support/fixtures.ts';

const T0 = '2026-11-30T01:00:00.000Z';
const HERE = { lon: 106.8272, lat: -6.1754 };
const offset = (m: number, bearingDeg: number) => {
  const b = (bearingDeg * Math.PI) / 180;
  return {
    lon: HERE.lon + (m * Math.sin(b)) / (111_195 * Math.cos((HERE.lat * Math.PI) / 180)),
    lat: HERE.lat + (m * Math.cos(b)) / 111_195,
  };
};

describe('createDuplicateIndex', () => {
  it('finds every possible master within the radius, whichever cell it fell in', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_500 }),
        fc.integer({ min: 0, max: 359 }),
        fc.integer({ min: 0, max: 359 }),
        fc.integer({ min: 0, max: 500 }),
        (radius, bearing, shiftBearing, shift) => {
          const log = makeLog();
          // The report anywhere near HERE; the master up to `radius` from it.
          const at = offset(shift, shiftBearing);
          const masterAt = {
            lon: at.lon + (offset(radius, bearing).lon - HERE.lon),
            lat: at.lat + (offset(radius, bearing).lat - HERE.lat),
          };
          log.report('m', T0, { category: 'flooding', location: masterAt });
          const index = createDuplicateIndex(JAKARTA, log.state);
          const d = distanceM(at, masterAt);
          const found = index.near('flooding', at, Math.ceil(d)).map((c) => c.incident.id);
          expect(found).toContain('m');
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('offers only masters of the category asked for', () => {
    const log = makeLog();
    const index = createDuplicateIndex(JAKARTA, log.state);
    index.applied(log.report('flood', T0, { category: 'flooding', location: HERE }));
    index.applied(log.report('road', T0, { category: 'road_damage', location: HERE }));
    expect(index.near('flooding', HERE, 100).map((c) => c.incident.id)).toEqual(['flood']);
    expect(index.near('garbage', HERE, 100)).toEqual([]);
  });

  it('keeps only open incidents of a category with a rule, that are not linked themselves', () => {
    const log = makeLog();
    const index = createDuplicateIndex(JAKARTA, log.state);
    const follow = (events: ReturnType<typeof log.report>) => index.applied(events);
    follow(log.report('flood', T0, { category: 'flooding', location: HERE }));
    follow(log.report('other', T0, { category: 'other', location: HERE }));
    follow(log.report('road', T0, { category: 'road_damage', location: HERE }));
    const near = () =>
      ['flooding', 'other', 'road_damage'].flatMap((c) =>
        index.near(c, HERE, 100).map((m) => m.incident.id),
      );
    // 'other' has no rule: never a master by rule.
    expect(near()).toEqual(['flood', 'road']);
    follow(log.update('road', '2026-11-30T02:00:00.000Z', { status: 'rejected' }));
    expect(near()).toEqual(['flood']);
  });

  it('dates a master by its latest linked report, and never offers the linked report', () => {
    const log = makeLog();
    const index = createDuplicateIndex(JAKARTA, log.state);
    index.applied(log.report('m', T0, { category: 'flooding', location: HERE }));
    const later = '2026-11-30T09:00:00.000Z';
    const reported = log.report('r', later, { category: 'flooding', location: offset(30, 0) });
    const ctx = { pack: JAKARTA, index, groupMasters: new Map() };
    const linked = log.append(linkIfDuplicate(reported, ctx).slice(1));
    index.applied([...reported, ...linked]);
    expect(log.state.incidents.get('r')!.duplicateOf).toBe('m');
    const candidates = index.near('flooding', HERE, 100);
    expect(candidates.map((c) => c.incident.id)).toEqual(['m']);
    expect(candidates[0]!.latestReportMs).toBe(Date.parse(later));
  });
});
