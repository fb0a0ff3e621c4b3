/**
 * The photos' part of a SQLite deployment's backup and restore (`npm run backup` /
 * `npm run restore`): the filesystem media store (MEDIA_DIR, fs-media.store.ts) is copied
 * beside the database's backup, `nakhoda-<time>.db` → `nakhoda-<time>.media/`, in the same
 * content-addressed layout. It is copied after the database, so it holds at least every
 * photo the backed-up log names; the backup says which it named but could not find.
 * A restore puts the photos back into MEDIA_DIR, adding what is missing: a photo's name is
 * its content's hash, so one already there is the same photo, and nothing is overwritten.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { listStoredPhotos, storedPhotoPath } from './fs-media.store.ts';
import { MEDIA_VARIANTS, type MediaVariant } from './media-store.ts';

export interface MediaBackupResult {
  /** The folder written beside the database's backup. */
  path: string;
  photos: number;
  files: number;
  /** Photos the backed-up log names that the media store did not hold. */
  missing: string[];
}

/** Where the photos of the database backup `dbBackup` are kept. */
export const mediaBackupOf = (dbBackup: string) => dbBackup.replace(/\.db$/, '') + '.media';

async function copyInto(from: string, to: string, id: string, variant: MediaVariant) {
  const target = storedPhotoPath(to, id, variant);
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${randomUUID()}.tmp`;
  await copyFile(storedPhotoPath(from, id, variant), temp);
  await rename(temp, target);
}

/**
 * Copies every photo under `dir` to the media folder of the backup `dbBackup`, written
 * under a `.partial` name until complete. `named`: the photos the backed-up log names.
 */
export async function backupMedia(opts: {
  dir: string;
  dbBackup: string;
  named: readonly string[];
}): Promise<MediaBackupResult> {
  const path = mediaBackupOf(opts.dbBackup);
  if (existsSync(path)) throw new Error(`${path} already exists`);
  const partial = `${path}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    const photos = await listStoredPhotos(opts.dir);
    let files = 0;
    for (const [id, variants] of photos) {
      for (const v of variants) {
        await copyInto(opts.dir, partial, id, v);
        files += 1;
      }
    }
    await rename(partial, path);
    const missing = opts.named.filter((id) => photos.get(id)?.size !== MEDIA_VARIANTS.length);
    return { path, photos: photos.size, files, missing };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Puts the photos of the media backup `from` into `dir`, adding those it lacks. */
export async function restoreMedia(opts: {
  from: string;
  dir: string;
}): Promise<{ photos: number; added: number }> {
  const have = await listStoredPhotos(opts.dir);
  const backed = await listStoredPhotos(opts.from);
  let added = 0;
  for (const [id, variants] of backed) {
    for (const v of variants) {
      if (have.get(id)?.has(v)) continue;
      await copyInto(opts.from, opts.dir, id, v);
      added += 1;
    }
  }
  return { photos: backed.size, added };
}
