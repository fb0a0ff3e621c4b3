/**
 * Photos on the filesystem, content-addressed: `<dir>/ab/<id>.full.jpg` and
 * `<id>.thumb.jpg` for id `ab…`. Written to a temporary name and renamed into place, so a
 * reader never sees half a file and two uploads of one photo agree.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MEDIA_VARIANTS, PHOTO_ID, type MediaStore, type MediaVariant } from './media-store.ts';

/** MEDIA_DIR's default: `media` beside the SQLite database file (backup and migration read it). */
export const defaultMediaDir = (dbFile: string) =>
  dbFile === ':memory:'
    ? join(tmpdir(), `nakhoda-media-${process.pid}`)
    : join(dirname(dbFile), 'media');

const STORED_FILE = /^([0-9a-f]{64})\.(full|thumb)\.jpg$/;

/**
 * Every photo kept under `dir`, with the copies found of each (a photo whose writing was
 * cut short may lack one); half-written temporary files and anything else are skipped.
 * A missing `dir` holds none.
 */
export async function listStoredPhotos(dir: string): Promise<Map<string, Set<MediaVariant>>> {
  const photos = new Map<string, Set<MediaVariant>>();
  let shards: string[];
  try {
    shards = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return photos;
    throw err;
  }
  for (const shard of shards.filter((s) => /^[0-9a-f]{2}$/.test(s)).sort()) {
    for (const name of (await readdir(join(dir, shard))).sort()) {
      const m = STORED_FILE.exec(name);
      if (!m || !m[1]!.startsWith(shard)) continue;
      const variants = photos.get(m[1]!) ?? new Set<MediaVariant>();
      variants.add(m[2] as MediaVariant);
      photos.set(m[1]!, variants);
    }
  }
  return photos;
}

/** Where copy `variant` of photo `id` lives under `dir`. */
export function storedPhotoPath(dir: string, id: string, variant: MediaVariant): string {
  if (!PHOTO_ID.test(id)) throw new Error(`not a photo id: ${id}`);
  return join(dir, id.slice(0, 2), `${id}.${variant}.jpg`);
}

export function openFsMediaStore(dir: string): MediaStore {
  const pathOf = (id: string, variant: MediaVariant) => storedPhotoPath(dir, id, variant);
  return {
    kind: 'filesystem',
    async put(id, copies) {
      await mkdir(join(dir, id.slice(0, 2)), { recursive: true });
      for (const variant of MEDIA_VARIANTS) {
        const path = pathOf(id, variant);
        const temp = `${path}.${randomUUID()}.tmp`;
        await writeFile(temp, copies[variant]);
        await rename(temp, path);
      }
    },
    async get(id, variant) {
      if (!PHOTO_ID.test(id)) return null;
      try {
        return await readFile(pathOf(id, variant));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async close() {},
  };
}
