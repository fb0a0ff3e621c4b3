/**
 * What the server makes of an uploaded photo: its type from its bytes (never its name or
 * the browser's word), the EXIF facts a crew's camera wrote (capture time, GPS), and the
 * copies it serves — re-encoded JPEGs, turned upright per EXIF orientation, with no
 * metadata at all (sharp writes none unless asked), so nobody downloads a crew's tracks.
 */
import { createHash } from 'node:crypto';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { HOUR_MS, MINUTE_MS, zonedMidnight } from '../../shared/domain/time.ts';
import type { MediaVariant } from './media-store.ts';

export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMime = (typeof PHOTO_MIMES)[number];

/** The longest side of the served copy and of the thumbnail, in pixels. */
const FULL_PX = 2048;
const THUMB_PX = 320;
/** More pixels than any phone camera takes: a small file that decodes huge is refused. */
export const MAX_INPUT_PIXELS = 64_000_000;

export const photoIdOf = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/** The image type the bytes are, or null when they are none we take (a GIF, a PDF, text). */
export async function sniffPhoto(bytes: Uint8Array): Promise<PhotoMime | null> {
  const type = await fileTypeFromBuffer(bytes);
  const mime = type?.mime as string | undefined;
  return PHOTO_MIMES.find((m) => m === mime) ?? null;
}

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

/** The photo's EXIF capture time and GPS position; nulls for what it lacks or cannot be read. */
export async function readExif(bytes: Uint8Array, timeZone: string): Promise<ExifFacts> {
  let time: Record<string, unknown> | undefined;
  let gps: { latitude?: number; longitude?: number } | undefined;
  try {
    time = await exifr.parse(Buffer.from(bytes), {
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal'],
      reviveValues: false,
    });
    gps = await exifr.gps(Buffer.from(bytes));
  } catch {
    return NO_EXIF;
  }
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

export interface Rendered {
  copies: Record<MediaVariant, Buffer>;
  /** The upright image's size. */
  width: number;
  height: number;
}

/** The served copies: upright, within the size bounds, JPEG, no metadata. Throws on bad pixels. */
export async function renderCopies(bytes: Uint8Array): Promise<Rendered> {
  const upright = () =>
    sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS }).autoOrient();
  const meta = await upright().metadata();
  const full = await upright()
    .resize(FULL_PX, FULL_PX, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 85, mozjpeg: true })
    .toBuffer();
  const thumb = await upright()
    .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 75, mozjpeg: true })
    .toBuffer();
  const swapped = (meta.orientation ?? 1) >= 5;
  return {
    copies: { full, thumb },
    width: (swapped ? meta.height : meta.width) ?? 0,
    height: (swapped ? meta.width : meta.height) ?? 0,
  };
}
