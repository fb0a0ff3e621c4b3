/**
 * The PDF pack's photos, loaded through a function the caller gives (the browser fetches
 * the thumbnail with its credentials, the server reads it from its media store): a few at
 * a time, each checked to be a JPEG the pack can embed as it is (jsPDF writes JPEG bytes
 * straight into the PDF). A photo that fails, is missing or is not such a JPEG is `null`,
 * and the pack draws a placeholder: one bad photo never breaks the pack.
 */

/** Thumbnail bytes of a photo, or null when there is none. */
export type LoadPhoto = (photoId: string) => Promise<Uint8Array | null>;

/** A loaded photo: its JPEG bytes and size in pixels. */
export interface PackPhoto {
  data: Uint8Array;
  width: number;
  height: number;
}

/** How many photos load at once. */
export const PHOTO_LOAD_CONCURRENCY = 4;
/** Thumbnails are 320 px (about 20 KB); anything far larger is not one. */
export const MAX_PHOTO_BYTES = 1024 * 1024;

const SOF_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

/**
 * A JPEG's size, read from its first frame header; null when the bytes are not a JPEG
 * with one before its scan, or its colours are not grey or RGB (the pack writes them as
 * DeviceGray or DeviceRGB).
 */
export function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    // Start of scan or end of image before any frame header: not a picture we can size.
    if (marker === 0xda || marker === 0xd9) return null;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2;
      continue;
    }
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    if (length < 2) return null;
    if (SOF_MARKERS.has(marker)) {
      if (i + 10 > b.length) return null;
      const height = (b[i + 5]! << 8) | b[i + 6]!;
      const width = (b[i + 7]! << 8) | b[i + 8]!;
      const components = b[i + 9]!;
      if (!width || !height || (components !== 1 && components !== 3)) return null;
      return { width, height };
    }
    i += 2 + length;
  }
  return null;
}

async function loadOne(load: LoadPhoto, id: string): Promise<PackPhoto | null> {
  try {
    const data = await load(id);
    if (!data || data.byteLength > MAX_PHOTO_BYTES) return null;
    const size = jpegSize(data);
    return size ? { data, ...size } : null;
  } catch {
    // A photo that cannot be had is drawn as a placeholder; the pack goes on.
    return null;
  }
}

/** Every id's photo (or null), loading at most `concurrency` at a time. */
export async function loadPackPhotos(
  ids: readonly string[],
  load: LoadPhoto,
  concurrency = PHOTO_LOAD_CONCURRENCY,
): Promise<Map<string, PackPhoto | null>> {
  const out = new Map<string, PackPhoto | null>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      out.set(id, await loadOne(load, id));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return out;
}
