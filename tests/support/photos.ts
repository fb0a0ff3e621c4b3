/**
 * Photos for tests, made with sharp: a small JPEG whose EXIF says when (DateTimeOriginal,
 * with its offset) and where (GPS) it was taken, as a phone camera writes them.
 */
import sharp from 'sharp';

const rational = (deg: number) => {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 10_000);
  return `${d}/1 ${m}/1 ${s}/10000`;
};

/** `at` in the given offset (default UTC) as EXIF writes it: "2026:12:01 09:30:00". */
export function exifTime(at: Date, offsetMinutes = 0): string {
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString();
  return `${local.slice(0, 10).replaceAll('-', ':')} ${local.slice(11, 19)}`;
}

export async function jpegWithExif(
  opts: {
    takenAt?: Date;
    /** Written as OffsetTimeOriginal; without it the camera wrote a bare wall-clock time. */
    offset?: string;
    at?: { lon: number; lat: number };
    width?: number;
    height?: number;
    orientation?: number;
  } = {},
): Promise<Buffer> {
  const exif: Record<string, Record<string, string>> = { IFD0: { Make: 'NakhodaTest' } };
  if (opts.takenAt) {
    const minutes = opts.offset ? offsetMinutes(opts.offset) : 0;
    exif.IFD2 = {
      DateTimeOriginal: exifTime(opts.takenAt, minutes),
      ...(opts.offset ? { OffsetTimeOriginal: opts.offset } : {}),
    };
  }
  if (opts.at) {
    exif.IFD3 = {
      GPSLatitudeRef: opts.at.lat < 0 ? 'S' : 'N',
      GPSLatitude: rational(opts.at.lat),
      GPSLongitudeRef: opts.at.lon < 0 ? 'W' : 'E',
      GPSLongitude: rational(opts.at.lon),
    };
  }
  let img = sharp({
    create: {
      width: opts.width ?? 64,
      height: opts.height ?? 48,
      channels: 3,
      background: '#2a7',
    },
  })
    .jpeg()
    .withExif(exif);
  if (opts.orientation) img = img.withMetadata({ orientation: opts.orientation });
  return img.toBuffer();
}

function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) throw new Error(`bad offset ${offset}`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}
