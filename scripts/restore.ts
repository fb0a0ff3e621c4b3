/**
 * `npm run restore -- --from backups/nakhoda-<time>.db [--db data/nakhoda.db] [--media DIR]`
 * Puts a verified backup in the database's place; the node must be stopped first (it
 * refuses while anything has the database open). The file it replaces is kept beside it
 * as `<db>.replaced-<UTC time>`. The backup's photos (`nakhoda-<time>.media/` beside it)
 * go back into the media store (`--media`, else MEDIA_DIR, else `media` beside the
 * database), adding what it lacks (server/media/media-backup.ts). Exit 1 when refused or
 * failed, 2 on bad arguments.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreSqlite } from '../server/log/sqlite-backup.ts';
import { defaultMediaDir } from '../server/media/fs-media.store.ts';
import { mediaBackupOf, restoreMedia } from '../server/media/media-backup.ts';

const USAGE =
  'usage: npm run restore -- --from backups/nakhoda-<time>.db [--db data/nakhoda.db] [--media data/media]';

async function main(): Promise<number> {
  let from: string;
  let db: string;
  let media: string;
  try {
    const { values } = parseArgs({
      options: { from: { type: 'string' }, db: { type: 'string' }, media: { type: 'string' } },
      strict: true,
    });
    if (!values.from) throw new Error('--from is required (the backup file)');
    from = values.from;
    db = values.db ?? 'data/nakhoda.db';
    media = values.media ?? process.env.MEDIA_DIR ?? defaultMediaDir(db);
  } catch (error) {
    console.error(`restore: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    // A restore onto a new machine: the database's folder may not exist yet.
    mkdirSync(dirname(db), { recursive: true });
    const r = restoreSqlite({ from, db });
    console.log(
      `restore: ${db} now holds ${r.restored.events} events (last seq ${r.restored.lastSeq})` +
        (r.replaced ? `; the file it replaced is ${r.replaced}` : ''),
    );
    const photos = mediaBackupOf(from);
    if (existsSync(photos)) {
      const m = await restoreMedia({ from: photos, dir: media });
      console.log(`restore: ${m.photos} photos in the backup, ${m.added} files added to ${media}`);
    } else {
      console.log(`restore: no photos beside the backup (${photos}); ${media} left as it was`);
    }
    return 0;
  } catch (error) {
    console.error(`restore: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
