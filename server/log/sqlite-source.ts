/**
 * A Nakhoda SQLite file opened by a tool beside (or instead of) its node, for reading only:
 * the migration to PostgreSQL and the backup read it this way, so neither can change it.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { SCHEMA_VERSION } from './sqlite-schema.ts';

/**
 * The schema a migration reads is the store's own (sqlite-schema.ts). An older file is upgraded by
 * opening it once with the current Nakhoda; the tool never writes it.
 */
const MIGRATABLE_SCHEMA = SCHEMA_VERSION;

export interface LogSummary {
  events: number;
  lastSeq: number;
}

/** Opens `file` read-only; refuses a file that is missing or holds no Nakhoda log. */
export function openReadOnly(file: string): Database.Database {
  if (!existsSync(file)) throw new Error(`no database at ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // A running node may be committing: wait for its lock rather than fail at once.
  db.pragma('busy_timeout = 5000');
  const hasLog = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'")
    .get();
  if (!hasLog) {
    db.close();
    throw new Error(`${file} holds no Nakhoda event log`);
  }
  return db;
}

/**
 * Opens the SQLite file a migration copies, read-only, inside one read transaction: every
 * read sees the same snapshot however long the copy takes. `close()` ends it.
 */
export function openSqliteSource(file: string): Database.Database {
  const db = openReadOnly(file);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== MIGRATABLE_SCHEMA) {
    db.close();
    throw new Error(
      `${file} has schema ${version}; this migration reads schema ${MIGRATABLE_SCHEMA}: ` +
        'start this Nakhoda on it once (npm start) to upgrade it, stop it, then migrate',
    );
  }
  db.exec('BEGIN');
  logSummary(db); // the first read takes the snapshot
  return db;
}

export function logSummary(db: Database.Database): LogSummary {
  const row = db.prepare('SELECT count(*) AS n, max(seq) AS last FROM events').get() as {
    n: number;
    last: number | null;
  };
  return { events: row.n, lastSeq: row.last ?? 0 };
}

/** The photos the log names, from the events that added them (migration and backup check them). */
export function photosInLog(db: Database.Database): string[] {
  return db
    .prepare<[], string>(
      `SELECT DISTINCT json_extract(data, '$.photoId') FROM events
       WHERE type = 'incident.photo_added' ORDER BY 1`,
    )
    .pluck()
    .all();
}
