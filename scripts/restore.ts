/**
 * `npm run restore -- --from backups/nakhoda-<time>.db [--db data/nakhoda.db]`
 * Puts a verified backup in the database's place; the node must be stopped first (it
 * refuses while anything has the database open). The file it replaces is kept beside it
 * as `<db>.replaced-<UTC time>`. Exit 1 when refused or failed, 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { restoreSqlite } from '../server/log/sqlite-backup.ts';

const USAGE = 'usage: npm run restore -- --from backups/nakhoda-<time>.db [--db data/nakhoda.db]';

function main(): number {
  let from: string;
  let db: string;
  try {
    const { values } = parseArgs({
      options: { from: { type: 'string' }, db: { type: 'string' } },
      strict: true,
    });
    if (!values.from) throw new Error('--from is required (the backup file)');
    from = values.from;
    db = values.db ?? 'data/nakhoda.db';
  } catch (error) {
    console.error(`restore: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const r = restoreSqlite({ from, db });
    console.log(
      `restore: ${db} now holds ${r.restored.events} events (last seq ${r.restored.lastSeq})` +
        (r.replaced ? `; the file it replaced is ${r.replaced}` : ''),
    );
    return 0;
  } catch (error) {
    console.error(`restore: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = main();
