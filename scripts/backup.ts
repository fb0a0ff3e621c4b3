/**
 * `npm run backup -- [--db data/nakhoda.db] [--out backups/] [--media DIR]`
 * An online backup of the SQLite database, safe while the node runs: writes
 * `<out>/nakhoda-<UTC time>.db`, verifies it (server/log/sqlite-backup.ts), then copies the
 * photos of the filesystem media store (`--media`, else MEDIA_DIR, else `media` beside the
 * database) to `<out>/nakhoda-<UTC time>.media/` (server/media/media-backup.ts), and prints
 * the database backup's path last. Exit 1 when the backup or its verification fails, or
 * when a photo its log names is missing from the media store; 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { backupSqlite } from '../server/log/sqlite-backup.ts';
import { openReadOnly, photosInLog } from '../server/log/sqlite-source.ts';
import { defaultMediaDir } from '../server/media/fs-media.store.ts';
import { backupMedia } from '../server/media/media-backup.ts';

const USAGE =
  'usage: npm run backup -- [--db data/nakhoda.db] [--out backups/] [--media data/media]';

function namedPhotos(file: string): string[] {
  const db = openReadOnly(file);
  try {
    return photosInLog(db);
  } finally {
    db.close();
  }
}

async function main(): Promise<number> {
  let db: string;
  let out: string;
  let media: string;
  try {
    const { values } = parseArgs({
      options: { db: { type: 'string' }, out: { type: 'string' }, media: { type: 'string' } },
      strict: true,
    });
    db = values.db ?? 'data/nakhoda.db';
    out = values.out ?? 'backups';
    media = values.media ?? process.env.MEDIA_DIR ?? defaultMediaDir(db);
  } catch (error) {
    console.error(`backup: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const r = await backupSqlite({ db, outDir: out });
    console.log(
      `backup: ${r.copied.events} events (last seq ${r.copied.lastSeq}; ${r.atStart.lastSeq} ` +
        `when it began), integrity ok, in ${(r.elapsedMs / 1000).toFixed(1)} s`,
    );
    const m = await backupMedia({ dir: media, dbBackup: r.path, named: namedPhotos(r.path) });
    console.log(`backup: ${m.photos} photos (${m.files} files) from ${media} in ${m.path}`);
    if (m.missing.length > 0) {
      console.error(
        `backup: the log names ${m.missing.length} photos that ${media} does not hold: ` +
          m.missing.slice(0, 5).join(', '),
      );
    }
    console.log(r.path);
    return m.missing.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(`backup: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
