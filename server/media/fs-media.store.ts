/**
 * Photos on the filesystem, content-addressed: `<dir>/ab/<id>.full.jpg` and
 * `<id>.thumb.jpg` for id `ab…`. Written to a temporary name and renamed into place, so a
 * reader never sees half a file and two uploads of one photo agree.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MEDIA_VARIANTS, PHOTO_ID, type MediaStore, type MediaVariant } from './media-store.ts';

export function openFsMediaStore(dir: string): MediaStore {
  const pathOf = (id: string, variant: MediaVariant) => {
    if (!PHOTO_ID.test(id)) throw new Error(`not a photo id: ${id}`);
    return join(dir, id.slice(0, 2), `${id}.${variant}.jpg`);
  };
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
