/**
 * Which items the PDF pack shows photo proof for, in which order, and which photos it
 * loads (each once, capped): the pure selection, as tables.
 */
import { describe, expect, it } from 'vitest';
import {
  closedWithProof,
  latestPhoto,
  MAX_PACK_PHOTOS,
  OVERDUE_WITH_PHOTOS,
  photosToLoad,
  proofSelection,
} from '../../../../shared/briefing-pdf/photo-proof.ts';
import type { PhotoKind, PhotoSummary } from '../../../../shared/domain/types.ts';
import { incident, iso, MIN, T0 } from '../../../support/ops-fixtures.ts';

const period = { from: new Date(T0 - 24 * 60 * MIN), to: new Date(T0) };
const photo = (id: string, kind: PhotoKind): PhotoSummary => ({
  photoId: id,
  kind,
  takenAt: iso(T0 - 60 * MIN),
  distanceM: 12,
});
const resolved = (
  id: string,
  minutesBeforeEnd: number,
  photos: PhotoSummary[],
  status = 'resolved',
) =>
  incident({
    id,
    status: status as 'resolved',
    resolvedAt: iso(T0 - minutesBeforeEnd * MIN),
    photos,
  });

describe('closedWithProof', () => {
  const cases: {
    name: string;
    items: ReturnType<typeof incident>[];
    max?: number;
    want: string[];
  }[] = [
    {
      name: 'most recently resolved first, ties by id',
      items: [
        resolved('a', 300, [photo('pa', 'after')]),
        resolved('c', 10, [photo('pc', 'after')]),
        resolved('b', 10, [photo('pb', 'after')]),
      ],
      want: ['b', 'c', 'a'],
    },
    {
      name: 'closed counts as resolved; only an after photo is proof',
      items: [
        resolved('closed', 20, [photo('p1', 'after')], 'closed'),
        resolved('before-only', 5, [photo('p2', 'before')]),
        resolved('none', 5, []),
      ],
      want: ['closed'],
    },
    {
      name: 'resolved outside the period, or reopened since, is left out',
      items: [
        resolved('in', 60, [photo('p1', 'after')]),
        resolved('after-end', -1, [photo('p2', 'after')]),
        resolved('before-start', 25 * 60, [photo('p3', 'after')]),
        incident({
          id: 'reopened',
          status: 'in_progress',
          resolvedAt: null,
          photos: [photo('p4', 'after')],
        }),
      ],
      want: ['in'],
    },
    {
      name: 'at most the cap',
      items: Array.from({ length: 9 }, (_, n) =>
        resolved(`i${n}`, n + 1, [photo(`p${n}`, 'after')]),
      ),
      max: 3,
      want: ['i0', 'i1', 'i2'],
    },
    {
      name: 'six by default',
      items: Array.from({ length: 9 }, (_, n) =>
        resolved(`i${n}`, n + 1, [photo(`p${n}`, 'after')]),
      ),
      want: ['i0', 'i1', 'i2', 'i3', 'i4', 'i5'],
    },
  ];
  it.each(cases)('$name', ({ items, max, want }) => {
    expect(closedWithProof(items, period, max).map((i) => i.id)).toEqual(want);
  });
});

describe('latestPhoto', () => {
  const photos = [
    photo('b1', 'before'),
    photo('a1', 'after'),
    photo('b2', 'before'),
    photo('a2', 'after'),
  ];
  it.each([
    { kind: 'before' as const, photos, want: 'b2' },
    { kind: 'after' as const, photos, want: 'a2' },
    { kind: 'after' as const, photos: [photo('b1', 'before')], want: null },
    { kind: 'before' as const, photos: undefined, want: null },
  ])('$kind of $want', ({ kind, photos: list, want }) => {
    expect(latestPhoto(incident({ id: 'x', photos: list }), kind)?.photoId ?? null).toBe(want);
  });
});

describe('proofSelection and photosToLoad', () => {
  const overdue = Array.from({ length: 8 }, (_, n) =>
    incident({
      id: `o${n}`,
      photos: n % 2 === 0 ? [photo(`ob${n}`, 'before'), photo(`oa${n}`, 'after')] : [],
    }),
  );
  const closed = [
    resolved('c1', 5, [photo('cb1', 'before'), photo('ca1', 'after')]),
    // The same photo as an overdue item's (a resend): loaded once.
    resolved('c2', 9, [photo('oa0', 'after')]),
  ];

  it('takes the top overdue items in the order given, and the closed with proof', () => {
    const s = proofSelection(overdue, closed, period);
    expect(s.overdue.map((i) => i.incident.id)).toEqual(
      overdue.slice(0, OVERDUE_WITH_PHOTOS).map((i) => i.id),
    );
    expect(s.overdue[0]!.photos).toEqual({
      before: photo('ob0', 'before'),
      after: photo('oa0', 'after'),
    });
    expect(s.overdue[1]!.photos).toEqual({ before: null, after: null });
    expect(s.closed.map((i) => i.incident.id)).toEqual(['c1', 'c2']);
  });

  const selection = proofSelection(overdue, closed, period);
  it.each([
    {
      cap: MAX_PACK_PHOTOS,
      want: ['ob0', 'oa0', 'ob2', 'oa2', 'ob4', 'oa4', 'cb1', 'ca1'],
    },
    { cap: 3, want: ['ob0', 'oa0', 'ob2'] },
    { cap: 0, want: [] },
  ])('loads overdue then closed, before then after, each once, at most $cap', ({ cap, want }) => {
    expect(photosToLoad(selection, cap)).toEqual(want);
  });

  it('never loads more than MAX_PACK_PHOTOS for a full pack', () => {
    const many = Array.from({ length: 20 }, (_, n) =>
      resolved(`r${n}`, n + 1, [photo(`rb${n}`, 'before'), photo(`ra${n}`, 'after')]),
    );
    const full = proofSelection(
      many.map((i) => ({
        ...i,
        id: `o-${i.id}`,
        photos: i.photos!.map((p) => ({ ...p, photoId: `o${p.photoId}` })),
      })),
      many,
      period,
    );
    expect(full.overdue).toHaveLength(6);
    expect(full.closed).toHaveLength(6);
    expect(photosToLoad(full)).toHaveLength(MAX_PACK_PHOTOS);
    expect(photosToLoad(full, 10)).toHaveLength(10);
  });
});
