/**
 * A photo's checks as the drawer shows them beside it: its distance from the incident
 * against the proof radius, whether it was taken after dispatch, when it was taken (in the
 * city's zone) and whether that time and place came from the photo's EXIF or the phone.
 * The facts and the checks are the event's, made by the server with the shared rules
 * (field-proof.ts) when the photo was added; this only puts them into words. Pure.
 */
import { photoTakenAt } from '../../../shared/domain/field-proof.ts';
import type { IncidentPhotoAdded } from '../../../shared/domain/types.ts';
import { formatNumber, type Locale } from '../../i18n/locale.tsx';
import { formatZoned } from './ops-format.ts';
import type { ProofMessageKey } from './proof.messages.ts';

type PhotoData = IncidentPhotoAdded['data'];
export type Translate = (key: ProofMessageKey, vars?: Record<string, string | number>) => string;

/** `unchecked`: a distance is known but not the radius to hold it against (yet). */
export type CheckState = 'pass' | 'fail' | 'unchecked';
export type FactSource = 'exif' | 'device' | null;

export interface PhotoCheck {
  state: CheckState;
  text: string;
}

export interface PhotoCheckView {
  distance: PhotoCheck;
  time: PhotoCheck;
  /** When it was taken, in the city's zone; "unknown" without a time. */
  taken: string;
  /** Where its time and place came from, e.g. "time: EXIF · place: phone". */
  sources: string;
}

/** Where the time the checks used came from: its EXIF first, the phone second. */
export function timeSource(data: Pick<PhotoData, 'exif' | 'device'>): FactSource {
  if (data.exif.takenAt !== null) return 'exif';
  return data.device.takenAt !== null ? 'device' : null;
}

/** Where the position the checks used came from: its EXIF GPS first, the phone second. */
export function placeSource(data: Pick<PhotoData, 'exif' | 'device'>): FactSource {
  if (data.exif.lon !== null && data.exif.lat !== null) return 'exif';
  return data.device.position ? 'device' : null;
}

export function distanceCheck(
  distanceM: number | null,
  radiusM: number | null,
  t: Translate,
  locale: Locale,
): PhotoCheck {
  if (distanceM === null) return { state: 'fail', text: t('distance.none') };
  const distance = formatNumber(distanceM, locale);
  if (radiusM === null) return { state: 'unchecked', text: t('distance.unchecked', { distance }) };
  const radius = formatNumber(radiusM, locale);
  return distanceM <= radiusM
    ? { state: 'pass', text: t('distance.pass', { distance, radius }) }
    : { state: 'fail', text: t('distance.fail', { distance, radius }) };
}

export function dispatchCheck(
  data: Pick<PhotoData, 'exif' | 'device' | 'checks'>,
  t: Translate,
): PhotoCheck {
  if (photoTakenAt(data) === null) return { state: 'fail', text: t('time.none') };
  return data.checks.afterDispatch
    ? { state: 'pass', text: t('time.pass') }
    : { state: 'fail', text: t('time.fail') };
}

export function photoCheckView(
  data: PhotoData,
  radiusM: number | null,
  ctx: { t: Translate; locale: Locale; timeZone: string },
): PhotoCheckView {
  const { t, locale, timeZone } = ctx;
  const takenAt = photoTakenAt(data);
  const from = (s: FactSource) => t(s === null ? 'source.none' : `from.${s}`);
  return {
    distance: distanceCheck(data.checks.distanceM, radiusM, t, locale),
    time: dispatchCheck(data, t),
    taken: takenAt === null ? t('taken.none') : formatZoned(takenAt, timeZone, locale),
    sources: t('sources', { time: from(timeSource(data)), place: from(placeSource(data)) }),
  };
}
