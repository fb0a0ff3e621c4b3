/**
 * Versioned migrations of the PostgreSQL store, applied when a store opens.
 *
 * node-pg-migrate runs the plain SQL files of server/log/migrations/ in name order and
 * records each in a `pgmigrations` table beside the schema. It was chosen over a
 * hand-kept version table because several nodes start at once against one database: it
 * holds an advisory lock while it migrates (the others wait, then find nothing to do),
 * runs all pending files in one transaction, refuses files out of order, and is kept up
 * (postgres-migrations, the other candidate, has had no release since 2021). The files
 * stay plain SQL, readable by an operator and runnable by psql in an emergency.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { runner } from 'node-pg-migrate';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies every pending migration to `schema` (created if missing) on this client, and
 * refuses a schema that a newer Nakhoda has migrated further (the runner itself lets one
 * through): old code must not write to tables whose meaning it does not know.
 */
export async function migrate(client: pg.ClientBase, schema: string): Promise<void> {
  await runner({
    dbClient: client,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    schema,
    createSchema: true,
    migrationsTable: 'pgmigrations',
    migrationsSchema: schema,
    singleTransaction: true,
    // A second node starting meanwhile waits for the first to finish, rather than failing.
    advisoryLockMode: 'wait',
    checkOrder: true,
    // Quiet: a store that opens is not news; errors still reach the caller as a rejection.
    log: () => undefined,
  });
  const known = new Set(
    (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4)),
  );
  const { rows } = await client.query<{ name: string }>(
    `SELECT name FROM "${schema}".pgmigrations ORDER BY id`,
  );
  const unknown = rows.map((r) => r.name).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(
      `PostgreSQL schema ${schema} has migrations newer than this Nakhoda: ${unknown.join(', ')}`,
    );
  }
}
