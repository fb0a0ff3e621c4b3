/**
 * The photos' part of the SQLite → PostgreSQL migration: every photo the filesystem media
 * store keeps (fs-media.store.ts: the served copy and its thumbnail, already without EXIF)
 * is put into the PostgreSQL media store (pg-media.store.ts) as they are, byte for byte.
 * A put of a photo already there changes nothing, so a migration run again after it
 * stopped halfway copies only what is missing. The check compares both sides, and also
 * that every photo the log names (`incident.photo_added`) arrived.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { listStoredPhotos, openFsMediaStore } from '../media/fs-media.store.ts';
import { MEDIA_VARIANTS, type MediaStore, type MediaVariant } from '../media/media-store.ts';
import { photosInLog } from './sqlite-source.ts';
import type { MigrationCheck } from './sqlite-to-pg-checks.ts';

export interface MediaCopyReport {
  /** Photos put into PostgreSQL (both copies each). */
  photos: number;
  /**
   * Photos on disk lacking a copy: a write cut short, whose event was then never logged.
   * Not copied; the check fails only if the log names one.
   */
  incomplete: string[];
}

const SHOWN = 5;

const complete = (variants: Set<MediaVariant>) => MEDIA_VARIANTS.every((v) => variants.has(v));

export async function copyMedia(dir: string, target: MediaStore): Promise<MediaCopyReport> {
  const fs = openFsMediaStore(dir);
  const report: MediaCopyReport = { photos: 0, incomplete: [] };
  for (const [id, variants] of await listStoredPhotos(dir)) {
    if (!complete(variants)) {
      report.incomplete.push(id);
      continue;
    }
    const full = await fs.get(id, 'full');
    const thumb = await fs.get(id, 'thumb');
    if (!full || !thumb) throw new Error(`photo ${id} vanished from ${dir} while it was copied`);
    await target.put(id, { full, thumb });
    report.photos += 1;
  }
  return report;
}

/**
 * Every complete photo on disk is in PostgreSQL with both copies of the same size, and
 * every photo the log names is there too (an incomplete one it names fails the check).
 */
export async function compareMedia(
  source: Database.Database,
  dir: string,
  target: pg.Client,
): Promise<MigrationCheck> {
  const onDisk = await listStoredPhotos(dir);
  const fs = openFsMediaStore(dir);
  const { rows } = await target.query<{ id: string; variant: MediaVariant; size: number }>(
    'SELECT id, variant, octet_length(bytes)::int AS size FROM media',
  );
  const sizes = new Map(rows.map((r) => [`${r.id}.${r.variant}`, r.size]));
  const theirs = new Set(rows.map((r) => r.id));
  const missing = new Set<string>();
  let ours = 0;
  let incomplete = 0;
  for (const [id, variants] of onDisk) {
    if (!complete(variants)) {
      incomplete += 1;
      continue;
    }
    ours += 1;
    for (const v of MEDIA_VARIANTS) {
      if (sizes.get(`${id}.${v}`) !== (await fs.get(id, v))?.length) missing.add(id);
    }
  }
  const named = photosInLog(source);
  for (const id of named) {
    if (!MEDIA_VARIANTS.every((v) => sizes.has(`${id}.${v}`))) missing.add(id);
  }
  const list = [...missing];
  return {
    name: 'photos',
    ok: list.length === 0,
    detail:
      `filesystem ${ours} (${dir}${incomplete > 0 ? `; ${incomplete} incomplete, not copied` : ''}), ` +
      `PostgreSQL ${theirs.size}, the log names ${named.length}, ${list.length} missing or different` +
      (list.length > 0 ? ` (${list.slice(0, SHOWN).join(', ')})` : ''),
  };
}
