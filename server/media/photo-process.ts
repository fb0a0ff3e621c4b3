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
import { exifFactsOf, EXIF_PICK, NO_EXIF, type ExifFacts } from '../../shared/domain/photo-exif.ts';
import { PHOTO_MIMES, type PhotoMime } from '../../shared/domain/types.ts';
import type { MediaVariant } from './media-store.ts';

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

/** The photo's EXIF capture time and GPS position; nulls for what it lacks or cannot be read. */
export async function readExif(bytes: Uint8Array, timeZone: string): Promise<ExifFacts> {
  let time: Record<string, unknown> | undefined;
  let gps: { latitude?: number; longitude?: number } | undefined;
  try {
    time = await exifr.parse(Buffer.from(bytes), {
      pick: [...EXIF_PICK],
      reviveValues: false,
    });
    gps = await exifr.gps(Buffer.from(bytes));
  } catch {
    return NO_EXIF;
  }
  return exifFactsOf(time, gps, timeZone);
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
