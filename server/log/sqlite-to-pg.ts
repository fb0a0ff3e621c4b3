/**
 * Moves a city from its SQLite file to PostgreSQL (`npm run migrate:sqlite-to-pg`).
 *
 * The log is copied in seq order through the PostgreSQL Store's own append path, a page of
 * events per `appendBatch`, so the projections there (incidents, alerts, out-of-order marks)
 * are rebuilt by the shared reducers rather than copied: a projection that SQLite got wrong
 * would be caught by the checks, not carried over. The auth tables (users, sessions,
 * tokens, pairing codes) are copied row for row in plain SQL, so password and token hashes
 * arrive exactly as they were. The photos in the filesystem media store go into the
 * PostgreSQL one first (sqlite-to-pg-media.ts): they do not make the target "not empty",
 * and a run again after a failure copies only what is missing. Then sqlite-to-pg-checks.ts
 * compares the two databases.
 *
 * The source is opened read-only and read inside one transaction (one snapshot); the node
 * that writes it must be stopped first. A target whose log is not empty is refused before
 * anything is written, so a migration is never run twice into one log.
 */
import type Database from 'better-sqlite3';
import pg from 'pg';
import type { NewEvent } from '../../shared/domain/types.ts';
import { defaultMediaDir } from '../media/fs-media.store.ts';
import { openPgMediaStore } from '../media/pg-media.store.ts';
import { openPgStore } from './pg.store.ts';
import { authCopyPlan, copyAuthTables, type AuthCounts } from './sqlite-to-pg-auth.ts';
import { checkMigration, type MigrationCheck } from './sqlite-to-pg-checks.ts';
import { copyMedia, type MediaCopyReport } from './sqlite-to-pg-media.ts';
import { openSqliteSource } from './sqlite-source.ts';
import type { Store } from './store.ts';

/** Events per appendBatch: one transaction and a few round trips each on the target. */
export const MIGRATION_PAGE = 1000;

export interface MigrationProgress {
  copied: number;
  total: number;
  elapsedMs: number;
}

export interface MigrationOptions {
  /** The SQLite file (data/nakhoda.db). */
  from: string;
  /** postgres://user@host:port/database */
  to: string;
  schema?: string;
  /** The filesystem media store (MEDIA_DIR); `media` beside the SQLite file by default. */
  media?: string;
  pageSize?: number;
  /** Called at most every `progressEveryMs` while the log is copied, and once at its end. */
  onProgress?: (p: MigrationProgress) => void;
  progressEveryMs?: number;
}

export interface MigrationReport {
  events: number;
  lastSeq: number;
  auth: AuthCounts;
  media: MediaCopyReport;
  checks: MigrationCheck[];
  /** True only when every check passed. */
  ok: boolean;
  elapsedMs: number;
}

/** A target that already holds a log or users: nothing was written. */
export class TargetNotEmptyError extends Error {}

/** Connects to the target with the store's schema first on the search path. */
export async function connectTarget(url: string, schema: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  return client;
}

export async function migrateSqliteToPg(opts: MigrationOptions): Promise<MigrationReport> {
  const began = performance.now();
  const schema = opts.schema ?? 'public';
  const source = openSqliteSource(opts.from);
  try {
    // Opening the store validates the schema name and applies the migrations.
    const store = await openPgStore({ url: opts.to, schema, poolSize: 2 });
    try {
      const target = await connectTarget(opts.to, schema);
      try {
        await refuseNonEmptyLog(target, opts.to, schema);
        const plan = await authCopyPlan(source, target, schema);
        const taken = plan.filter((p) => p.targetRows > 0).map((p) => `${p.targetRows} ${p.table}`);
        if (taken.length > 0) {
          throw new TargetNotEmptyError(
            `the target is not empty: schema "${schema}" holds ${taken.join(', ')}. ` +
              'Migrate before any node starts on the target.',
          );
        }
        const media = await copyAllMedia(opts, schema);
        const lastSeq = await copyLog(source, store, opts, began);
        const auth = await copyAuthTables(source, target, plan);
        const checks = await checkMigration(source, target, store, mediaDirOf(opts));
        return {
          events: lastSeq,
          lastSeq,
          auth,
          media,
          checks,
          ok: checks.every((c) => c.ok),
          elapsedMs: performance.now() - began,
        };
      } finally {
        await target.end();
      }
    } finally {
      await store.close();
    }
  } finally {
    source.close();
  }
}

/** Re-runs the checks on a finished migration (`--check`), writing nothing. */
export async function verifySqliteToPg(opts: MigrationOptions): Promise<MigrationCheck[]> {
  const schema = opts.schema ?? 'public';
  const source = openSqliteSource(opts.from);
  try {
    const store = await openPgStore({ url: opts.to, schema, poolSize: 2 });
    try {
      const target = await connectTarget(opts.to, schema);
      try {
        return await checkMigration(source, target, store, mediaDirOf(opts));
      } finally {
        await target.end();
      }
    } finally {
      await store.close();
    }
  } finally {
    source.close();
  }
}

const mediaDirOf = (opts: MigrationOptions) => opts.media ?? defaultMediaDir(opts.from);

async function copyAllMedia(opts: MigrationOptions, schema: string): Promise<MediaCopyReport> {
  const media = await openPgMediaStore({ url: opts.to, schema });
  try {
    return await copyMedia(mediaDirOf(opts), media);
  } finally {
    await media.close();
  }
}

async function refuseNonEmptyLog(target: pg.Client, url: string, schema: string): Promise<void> {
  const { rows } = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
  const n = rows[0]?.n ?? 0;
  if (n > 0) {
    throw new TargetNotEmptyError(
      `the target log is not empty: schema "${schema}" of ${redactUrl(url)} holds ${n} events. ` +
        'Migrate into an empty database or schema; if an earlier migration stopped halfway, ' +
        'drop the target and run it again.',
    );
  }
}

interface SourceEventRow {
  seq: number;
  type: NewEvent['type'];
  incident_id: string;
  at: string;
  actor_kind: 'source' | 'user' | 'system';
  actor_id: string;
  data: string;
}

const toNewEvent = (r: SourceEventRow): NewEvent =>
  ({
    type: r.type,
    incidentId: r.incident_id,
    at: r.at,
    actor: { kind: r.actor_kind, id: r.actor_id },
    data: JSON.parse(r.data) as unknown,
  }) as NewEvent;

/** Copies every event in seq order; the target must number each as the source did. */
async function copyLog(
  source: Database.Database,
  store: Store,
  opts: MigrationOptions,
  began: number,
): Promise<number> {
  const pageSize = opts.pageSize ?? MIGRATION_PAGE;
  const total = (source.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const page = source.prepare<[number, number], SourceEventRow>(
    `SELECT seq, type, incident_id, at, actor_kind, actor_id, data FROM events
     WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  const every = opts.progressEveryMs ?? 3000;
  let reportedAt = performance.now();
  const report = (copied: number) =>
    opts.onProgress?.({ copied, total, elapsedMs: performance.now() - began });
  let last = 0;
  for (let rows = page.all(0, pageSize); rows.length > 0; rows = page.all(last, pageSize)) {
    const events = rows.map((r, i) => {
      // Seqs are kept only if the source has none missing: the target numbers from 1 on.
      if (r.seq !== last + i + 1) {
        throw new Error(`the source log has a gap: seq ${r.seq} follows ${last + i}`);
      }
      return toNewEvent(r);
    });
    // One item: the page's events go through the reducer in order, as one command's would.
    const [result] = await store.appendBatch([{ events }]);
    if (result?.status === 'failed') {
      throw new Error(`appending events ${last + 1}–${last + rows.length} failed`, {
        cause: result.error,
      });
    }
    const seqs = result?.status === 'appended' ? result.events.map((e) => e.seq) : [];
    if (seqs.length !== rows.length || seqs.some((s, i) => s !== rows[i]!.seq)) {
      throw new Error(
        `the target numbered events ${last + 1}–${last + rows.length} as ${seqs[0]}–${seqs.at(-1)}: ` +
          'was it written to meanwhile?',
      );
    }
    last += rows.length;
    if (performance.now() - reportedAt >= every) {
      reportedAt = performance.now();
      report(last);
    }
  }
  report(last);
  return last;
}

/** A database URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(the target URL)';
  }
}
