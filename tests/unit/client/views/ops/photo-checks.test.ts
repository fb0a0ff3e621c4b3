/**
 * A photo's checks in words, as the /ops drawer shows them beside its thumbnail: distance
 * against the proof radius, taken after dispatch, the capture time in WIB, and whether
 * time and place came from EXIF or the phone. Each verdict carries ✓ or ✗ in its text.
 */
import { describe, expect, it } from 'vitest';
import { format, type Locale } from '../../../../../shared/i18n/format.ts';
import type { IncidentPhotoAdded } from '../../../../../shared/domain/types.ts';
import {
  dispatchCheck,
  distanceCheck,
  photoCheckView,
  placeSource,
  timeSource,
  type Translate,
} from '../../../../../client/views/ops/photo-checks.ts';
import { PROOF_MESSAGES } from '../../../../../client/views/ops/proof.messages.ts';

const tr =
  (locale: Locale): Translate =>
  (key, vars) =>
    format(PROOF_MESSAGES[locale][key], vars);
const JAKARTA = 'Asia/Jakarta';

type Data = IncidentPhotoAdded['data'];
const TAKEN = '2026-12-01T02:30:00.000Z';
const PHONE_TIME = '2026-12-01T02:31:00.000Z';
function data(o: {
  exifTime?: string | null;
  exifAt?: boolean;
  deviceTime?: string | null;
  deviceAt?: boolean;
  distanceM?: number | null;
  afterDispatch?: boolean;
}): Data {
  return {
    photoId: 'b'.repeat(64),
    kind: 'after',
    mime: 'image/jpeg',
    bytes: 1000,
    width: 64,
    height: 48,
    exif: {
      takenAt: o.exifTime ?? null,
      lon: o.exifAt ? 106.8 : null,
      lat: o.exifAt ? -6.2 : null,
    },
    device: {
      takenAt: o.deviceTime ?? null,
      position: o.deviceAt ? { lon: 106.8, lat: -6.2, accuracyM: 10 } : null,
    },
    checks: { distanceM: o.distanceM ?? null, afterDispatch: o.afterDispatch ?? false },
    occurredAt: PHONE_TIME,
    note: null,
  };
}

describe('distance against the proof radius', () => {
  it.each<[Locale, number | null, number | null, string, string]>([
    ['en', 42, 150, 'pass', '42 m ✓ ≤150 m'],
    ['en', 150, 150, 'pass', '150 m ✓ ≤150 m'],
    ['en', 151, 150, 'fail', '151 m ✗ >150 m'],
    ['en', 420, 150, 'fail', '420 m ✗ >150 m'],
    ['en', 1234, 150, 'fail', '1,234 m ✗ >150 m'],
    ['id', 1234, 150, 'fail', '1.234 m ✗ >150 m'],
    ['en', null, 150, 'fail', '✗ no position'],
    ['id', null, 150, 'fail', '✗ tanpa posisi'],
    ['en', 42, null, 'unchecked', '42 m'],
    ['en', null, null, 'fail', '✗ no position'],
  ])('%s: %s m within %s m → %s "%s"', (locale, metres, radius, state, text) => {
    expect(distanceCheck(metres, radius, tr(locale), locale)).toEqual({ state, text });
  });
});

describe('taken after dispatch', () => {
  it.each<[Locale, Partial<Parameters<typeof data>[0]>, string, string]>([
    ['en', { exifTime: TAKEN, afterDispatch: true }, 'pass', '✓ after dispatch'],
    ['id', { exifTime: TAKEN, afterDispatch: true }, 'pass', '✓ setelah penugasan'],
    ['en', { deviceTime: PHONE_TIME, afterDispatch: false }, 'fail', '✗ before dispatch'],
    ['id', { exifTime: TAKEN, afterDispatch: false }, 'fail', '✗ sebelum penugasan'],
    ['en', {}, 'fail', '✗ no capture time'],
    ['id', {}, 'fail', '✗ tanpa waktu pengambilan'],
  ])('%s %j → %s "%s"', (locale, o, state, text) => {
    expect(dispatchCheck(data(o), tr(locale))).toEqual({ state, text });
  });
});

describe('where the time and the place came from', () => {
  it.each<[Partial<Parameters<typeof data>[0]>, string | null, string | null]>([
    [{ exifTime: TAKEN, exifAt: true, deviceTime: PHONE_TIME, deviceAt: true }, 'exif', 'exif'],
    [{ deviceTime: PHONE_TIME, deviceAt: true }, 'device', 'device'],
    [{ exifTime: TAKEN, deviceAt: true }, 'exif', 'device'],
    [{ deviceTime: PHONE_TIME, exifAt: true }, 'device', 'exif'],
    [{}, null, null],
  ])('%j → time %s, place %s', (o, time, place) => {
    expect(timeSource(data(o))).toBe(time);
    expect(placeSource(data(o))).toBe(place);
  });
});

describe('the whole view', () => {
  it.each<[Locale, Partial<Parameters<typeof data>[0]>, number | null, object]>([
    [
      'en',
      { exifTime: TAKEN, exifAt: true, distanceM: 42, afterDispatch: true },
      150,
      {
        distance: { state: 'pass', text: '42 m ✓ ≤150 m' },
        time: { state: 'pass', text: '✓ after dispatch' },
        taken: expect.stringMatching(/^1 Dec,? 09:30:00 WIB$/),
        sources: 'time: EXIF · place: EXIF',
      },
    ],
    [
      'id',
      { deviceTime: PHONE_TIME, deviceAt: true, distanceM: 420, afterDispatch: false },
      150,
      {
        distance: { state: 'fail', text: '420 m ✗ >150 m' },
        time: { state: 'fail', text: '✗ sebelum penugasan' },
        // ICU versions differ on the comma after the date.
        taken: expect.stringMatching(/^1 Des,? 09\.31\.00 WIB$/),
        sources: 'waktu: ponsel · posisi: ponsel',
      },
    ],
    [
      'en',
      {},
      null,
      {
        distance: { state: 'fail', text: '✗ no position' },
        time: { state: 'fail', text: '✗ no capture time' },
        taken: 'unknown',
        sources: 'time: – · place: –',
      },
    ],
  ])('%s %j within %s m', (locale, o, radius, want) => {
    const view = photoCheckView(data(o), radius, { t: tr(locale), locale, timeZone: JAKARTA });
    expect(view).toEqual(want);
  });
});
