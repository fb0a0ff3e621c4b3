/**
 * What a photo's EXIF says, read the same way on the server (photo-process.ts, what the
 * log keeps) and on the crew's phone (the page's own proof check before a photo is sent):
 * the capture time as UTC and the GPS position, or nulls for what is missing or nonsense.
 * Pure: each side reads the raw tags with exifr and hands them here.
 */
import { HOUR_MS, MINUTE_MS, zonedMidnight } from './time.ts';

/** The EXIF tags of the capture time that are read (`exifr.parse`'s `pick`). */
export const EXIF_PICK = ['DateTimeOriginal', 'OffsetTimeOriginal'] as const;

export interface ExifFacts {
  /** Capture time (UTC ISO), or null when the camera wrote none (or nonsense). */
  takenAt: string | null;
  lon: number | null;
  lat: number | null;
}

export const NO_EXIF: ExifFacts = { takenAt: null, lon: null, lat: null };

const EXIF_TIME = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/**
 * An EXIF wall-clock time as UTC: with the camera's own offset (OffsetTimeOriginal) when
 * it wrote one, else in the city's zone, where the crew took it. Pure.
 */
export function exifTimeToIso(raw: unknown, offset: unknown, timeZone: string): string | null {
  const m = typeof raw === 'string' ? EXIF_TIME.exec(raw.trim()) : null;
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const sinceMidnight = h * HOUR_MS + mi * MINUTE_MS + s * 1000;
  const o = typeof offset === 'string' ? OFFSET.exec(offset.trim()) : null;
  const ms = o
    ? Date.UTC(y, mo - 1, d) +
      sinceMidnight -
      (o[1] === '-' ? -1 : 1) * (Number(o[2]) * HOUR_MS + Number(o[3]) * MINUTE_MS)
    : zonedMidnight(y, mo, d, timeZone).getTime() + sinceMidnight;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** The facts from exifr's raw time tags (revived off) and its GPS answer. */
export function exifFactsOf(
  time: Record<string, unknown> | undefined,
  gps: { latitude?: number; longitude?: number } | undefined,
  timeZone: string,
): ExifFacts {
  const lat = gps?.latitude;
  const lon = gps?.longitude;
  const placed =
    typeof lat === 'number' &&
    typeof lon === 'number' &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180 &&
    !(lat === 0 && lon === 0);
  return {
    takenAt: exifTimeToIso(time?.DateTimeOriginal, time?.OffsetTimeOriginal, timeZone),
    lon: placed ? lon : null,
    lat: placed ? lat : null,
  };
}
