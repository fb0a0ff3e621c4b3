/**
 * The checks that end a SQLite → PostgreSQL migration: the two logs hold the same number
 * of events up to the same last seq, every incident and every alert the PostgreSQL reducers
 * rebuilt equals SQLite's document (read in pages, so a city of millions fits in memory),
 * the out-of-order marks agree, the auth tables hold as many rows, and the photos arrived
 * (sqlite-to-pg-media.ts). A migration succeeds only when all
 * pass; each says what it saw, so a failure tells where to look.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { isDeepStrictEqual } from 'node:util';
import { logSummary } from './sqlite-source.ts';
import { AUTH_TABLES, sourceRows } from './sqlite-to-pg-auth.ts';
import { compareMedia } from './sqlite-to-pg-media.ts';
import type { Store } from './store.ts';

export interface MigrationCheck {
  name: string;
  ok: boolean;
  /** What was seen on each side. */
  detail: string;
}

/** Documents compared per round trip. */
const PAGE = 1000;
/** Ids named in a failed check's detail. */
const SHOWN = 5;

export async function checkMigration(
  source: Database.Database,
  target: pg.Client,
  store: Store,
  /** The filesystem media store the photos came from. */
  mediaDir: string,
): Promise<MigrationCheck[]> {
  const src = logSummary(source);
  const { rows } = await target.query<{ n: number; last: number }>(
    'SELECT count(*)::int AS n, coalesce(max(seq), 0)::int AS last FROM events',
  );
  const dst = rows[0]!;
  const head = await store.latestSeq();
  const checks: MigrationCheck[] = [
    {
      name: 'event count',
      ok: src.events === dst.n,
      detail: `SQLite ${src.events}, PostgreSQL ${dst.n}`,
    },
    {
      name: 'last seq',
      ok: src.lastSeq === dst.last && head === dst.last,
      detail: `SQLite ${src.lastSeq}, PostgreSQL ${dst.last} (log head ${head})`,
    },
    await compareDocs(source, target, 'incidents'),
    await compareDocs(source, target, 'alerts'),
    await compareOutOfOrder(source, target),
  ];
  // One after another: one client runs one query at a time.
  for (const table of AUTH_TABLES) checks.push(await compareCount(source, target, table));
  checks.push(await compareMedia(source, mediaDir, target));
  return checks;
}

/** The projections whose documents must agree; each table has `id` and a JSON `doc`. */
type DocTable = 'incidents' | 'alerts';

async function compareDocs(
  source: Database.Database,
  target: pg.Client,
  table: DocTable,
): Promise<MigrationCheck> {
  const count = (source.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const theirCount = (await target.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))
    .rows[0]!.n;
  const page = source.prepare<[string, number], { id: string; doc: string }>(
    `SELECT id, doc FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`,
  );
  const differ: string[] = [];
  let after = '';
  for (let rows = page.all(after, PAGE); rows.length > 0; rows = page.all(after, PAGE)) {
    const { rows: theirs } = await target.query<{ id: string; doc: unknown }>(
      `SELECT id, doc FROM ${table} WHERE id = ANY($1::text[])`,
      [rows.map((r) => r.id)],
    );
    const docs = new Map(theirs.map((r) => [r.id, r.doc]));
    for (const row of rows) {
      const doc = docs.get(row.id);
      if (!doc || !isDeepStrictEqual(JSON.parse(row.doc), doc)) differ.push(row.id);
    }
    after = rows[rows.length - 1]!.id;
  }
  return {
    name: table,
    ok: count === theirCount && differ.length === 0,
    detail:
      `SQLite ${count}, PostgreSQL ${theirCount}, ${differ.length} missing or different` +
      (differ.length > 0 ? ` (${differ.slice(0, SHOWN).join(', ')})` : ''),
  };
}

async function compareOutOfOrder(
  source: Database.Database,
  target: pg.Client,
): Promise<MigrationCheck> {
  const sql = 'SELECT incident_id FROM status_out_of_order ORDER BY incident_id';
  const ours = source.prepare<[], string>(sql).pluck().all();
  const theirs = (await target.query<{ incident_id: string }>(sql)).rows.map((r) => r.incident_id);
  return {
    name: 'out-of-order marks',
    ok: isDeepStrictEqual(ours, theirs),
    detail: `SQLite ${ours.length}, PostgreSQL ${theirs.length}`,
  };
}

async function compareCount(
  source: Database.Database,
  target: pg.Client,
  table: (typeof AUTH_TABLES)[number],
): Promise<MigrationCheck> {
  const ours = sourceRows(source, table);
  const exists = await target.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
    table,
  ]);
  const theirs = exists.rows[0]?.t
    ? (await target.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n
    : 0;
  return { name: table, ok: ours === theirs, detail: `SQLite ${ours}, PostgreSQL ${theirs}` };
}
