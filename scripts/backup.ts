/**
 * `npm run backup -- [--db data/nakhoda.db] [--out backups/]`
 * An online backup of the SQLite database, safe while the node runs: writes
 * `<out>/nakhoda-<UTC time>.db`, verifies it (server/log/sqlite-backup.ts) and prints its
 * path. Exit 1 when the backup or its verification fails, 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { backupSqlite } from '../server/log/sqlite-backup.ts';

const USAGE = 'usage: npm run backup -- [--db data/nakhoda.db] [--out backups/]';

async function main(): Promise<number> {
  let db: string;
  let out: string;
  try {
    const { values } = parseArgs({
      options: { db: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    });
    db = values.db ?? 'data/nakhoda.db';
    out = values.out ?? 'backups';
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
    console.log(r.path);
    return 0;
  } catch (error) {
    console.error(`backup: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
