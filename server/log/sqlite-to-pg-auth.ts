/**
 * The side tables' part of the SQLite → PostgreSQL migration: users, tokens, sessions,
 * pairing codes, the Open311 connectors (with their cursors) and the notification
 * subscriptions and deliveries (webhook secrets, dead letters) copied row for row in plain
 * SQL (not through the stores), so password hashes, token hashes, secrets, ids and times
 * arrive exactly as stored. Columns keep their names;
 * SQLite's 0/1 integers become PostgreSQL booleans where the target column is boolean.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';

/** In foreign-key order: sessions point at users, pairing codes at tokens, deliveries at subscriptions. */
export const AUTH_TABLES = [
  'users',
  'tokens',
  'sessions',
  'pairing_codes',
  'connectors',
  'notify_subscriptions',
  'notify_deliveries',
  'briefing_schedules',
  'briefing_sends',
] as const;
export type AuthTable = (typeof AUTH_TABLES)[number];
export type AuthCounts = Record<AuthTable, number>;

export interface AuthTablePlan {
  table: AuthTable;
  columns: string[];
  /** Columns that are boolean in PostgreSQL (0/1 in SQLite). */
  booleans: Set<string>;
  /** Rows the target already holds: a migration refuses to run when any does. */
  targetRows: number;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for these tables' widths. */
const ROWS_PER_INSERT = 500;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export const sourceTableExists = (source: Database.Database, table: string) =>
  source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !==
  undefined;

export const sourceRows = (source: Database.Database, table: AuthTable) =>
  sourceTableExists(source, table)
    ? (source.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    : 0;

/**
 * What to copy, checked before anything is written: every source column has a home in the
 * target, and a source that has rows in a table the target lacks is refused (its users
 * would be lost), naming the migration that should have made it.
 */
export async function authCopyPlan(
  source: Database.Database,
  target: pg.Client,
  schema: string,
): Promise<AuthTablePlan[]> {
  const plans: AuthTablePlan[] = [];
  for (const table of AUTH_TABLES) {
    if (!sourceTableExists(source, table)) continue;
    const columns = (source.pragma(`table_info(${table})`) as { name: string }[]).map(
      (c) => c.name,
    );
    const { rows } = await target.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = $1 AND table_name = $2`,
      [schema, table],
    );
    if (rows.length === 0) {
      if (sourceRows(source, table) === 0) continue;
      throw new Error(
        `the target has no table ${table}: this Nakhoda's PostgreSQL migrations ` +
          '(server/log/migrations/) do not create it, so its rows would be lost',
      );
    }
    const types = new Map(rows.map((r) => [r.column_name, r.data_type]));
    const missing = columns.filter((c) => !types.has(c) || !IDENTIFIER.test(c));
    if (missing.length > 0) {
      throw new Error(`the target table ${table} has no column ${missing.join(', ')}`);
    }
    const count = await target.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    plans.push({
      table,
      columns,
      booleans: new Set(columns.filter((c) => types.get(c) === 'boolean')),
      targetRows: count.rows[0]?.n ?? 0,
    });
  }
  return plans;
}

/** Copies the planned tables in one transaction: all of them or none. */
export async function copyAuthTables(
  source: Database.Database,
  target: pg.Client,
  plans: AuthTablePlan[],
): Promise<AuthCounts> {
  const counts = Object.fromEntries(AUTH_TABLES.map((t) => [t, 0])) as AuthCounts;
  await target.query('BEGIN');
  try {
    for (const plan of plans) counts[plan.table] = await copyTable(source, target, plan);
    await target.query('COMMIT');
  } catch (error) {
    await target.query('ROLLBACK');
    throw error;
  }
  return counts;
}

async function copyTable(
  source: Database.Database,
  target: pg.Client,
  { table, columns, booleans }: AuthTablePlan,
): Promise<number> {
  const rows = source
    .prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY rowid`)
    .raw()
    .all() as unknown[][];
  const convert = columns.map((c) =>
    booleans.has(c) ? (v: unknown) => (v === null ? null : v !== 0) : (v: unknown) => v,
  );
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = row.map((v, j) => {
        values.push(convert[j]!(v));
        return `$${values.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await target.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
      values,
    );
  }
  return rows.length;
}
