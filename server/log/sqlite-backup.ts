/**
 * Backups of the SQLite database (`npm run backup`) while its node runs, and restores of
 * one (`npm run restore`) while it does not.
 *
 * A backup is SQLite's online backup API (better-sqlite3's `db.backup`) from a read-only
 * connection of its own, to `nakhoda-<UTC time>.db`, written under a `.partial` name and
 * given its real name only once verified: integrity_check passes and it holds, gap-free,
 * every event the source held when the backup began. One file holds the log and the auth
 * tables, so both are in it.
 *
 * A restore puts a verified backup in the database's place, keeping the file it replaces
 * beside it. It refuses while anything has the database open: a node keeps its
 * connections for its whole life, and SQLite lets a connection leave WAL mode only when
 * it is the only one, so `PRAGMA journal_mode = DELETE` failing busy means a node is up.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { logSummary, openReadOnly, type LogSummary } from './sqlite-source.ts';

export interface BackupResult {
  path: string;
  /** The source's log when the backup began. */
  atStart: LogSummary;
  /** The backup's log: at least `atStart`, and whatever was committed before the copy. */
  copied: LogSummary;
  elapsedMs: number;
}

/**
 * Every remaining page in one step, as one read of one snapshot: the API starts over when
 * another connection writes between two steps, and a busy node writes several times a
 * second, so small steps might never finish. In WAL mode the read does not block the node.
 */
const ALL_PAGES = 0x7fffffff;

/** `2026-12-01T10:30:00.000Z` → `20261201T103000Z`: sorts by time, legal in any file name. */
export const backupStamp = (now: Date) =>
  now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');

export async function backupSqlite(opts: {
  db: string;
  outDir: string;
  now?: Date;
}): Promise<BackupResult> {
  const began = performance.now();
  mkdirSync(opts.outDir, { recursive: true });
  const path = join(opts.outDir, `nakhoda-${backupStamp(opts.now ?? new Date())}.db`);
  if (existsSync(path)) throw new Error(`${path} already exists`);
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const source = openReadOnly(opts.db);
  let atStart: LogSummary;
  try {
    atStart = logSummary(source);
    await source.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  try {
    selfContained(partial);
    const copied = verifyBackup(partial, atStart);
    renameSync(partial, path);
    return { path, atStart, copied, elapsedMs: performance.now() - began };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * The copy keeps the source's WAL mode, in which even a reader leaves -wal and -shm files
 * beside it; in rollback-journal mode it is one file to move around. A node that opens it
 * turns WAL back on.
 */
function selfContained(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * Checks that `file` is a sound Nakhoda database whose log is gap-free and reaches at
 * least `atLeast`; returns its log summary, or throws saying what is wrong.
 */
export function verifyBackup(file: string, atLeast: LogSummary = { events: 0, lastSeq: 0 }) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    let problems: { integrity_check: string }[];
    try {
      problems = db.pragma('integrity_check', { simple: false }) as typeof problems;
    } catch (error) {
      // A page too broken to check (SQLITE_CORRUPT, SQLITE_NOTADB) throws rather than reports.
      throw new Error(`${file} fails integrity_check: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (problems.length !== 1 || problems[0]?.integrity_check !== 'ok') {
      throw new Error(
        `${file} fails integrity_check: ${problems.map((p) => p.integrity_check).join('; ')}`,
      );
    }
    const hasLog = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'")
      .get();
    if (!hasLog) throw new Error(`${file} holds no Nakhoda event log`);
    const copied = logSummary(db);
    if (copied.events !== copied.lastSeq) {
      throw new Error(`${file} has ${copied.events} events up to seq ${copied.lastSeq}: a gap`);
    }
    if (copied.lastSeq < atLeast.lastSeq) {
      throw new Error(
        `${file} ends at seq ${copied.lastSeq}, before the source's ${atLeast.lastSeq} at start`,
      );
    }
    return copied;
  } finally {
    db.close();
  }
}

/** Something has the database open: a restore under it would be lost or corrupt it. */
export class DatabaseInUseError extends Error {}

/**
 * Puts the backup `from` in place of the database `db` (whose node is stopped). The file
 * replaced, if any, is kept as `<db>.replaced-<UTC time>`; returns that name.
 */
export function restoreSqlite(opts: { from: string; db: string; now?: Date }): {
  restored: LogSummary;
  replaced: string | null;
} {
  const restored = verifyBackup(opts.from);
  let replaced: string | null = null;
  if (existsSync(opts.db)) {
    refuseIfOpen(opts.db);
    replaced = `${opts.db}.replaced-${backupStamp(opts.now ?? new Date())}`;
    renameSync(opts.db, replaced);
  }
  // Left by a crashed node, these belong to the replaced file: SQLite would replay them.
  for (const extra of ['-wal', '-shm']) rmSync(opts.db + extra, { force: true });
  const incoming = `${opts.db}.restoring`;
  copyFileSync(opts.from, incoming);
  renameSync(incoming, opts.db);
  return { restored, replaced };
}

function refuseIfOpen(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    const mode = db.pragma('journal_mode = DELETE', { simple: true }) as string;
    if (mode !== 'delete') throw new DatabaseInUseError(`${file} stayed in ${mode} mode`);
    // Not reached with a node up; stops a writer that uses rollback-journal mode.
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
  } catch (error) {
    const busy = (error as { code?: string }).code?.startsWith('SQLITE_BUSY');
    if (busy || error instanceof DatabaseInUseError) {
      throw new DatabaseInUseError(
        `${file} is open in another process (a running Nakhoda?): stop the node, then restore`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    db.close();
  }
}
