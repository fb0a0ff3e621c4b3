/**
 * PostgreSQL for tests: a uniquely named database per test file, made through the
 * maintenance database at PG_URL (default: the local server, user postgres, trust auth)
 * and dropped at the end, and a fresh schema in it per test. When the server cannot be
 * reached the tests fail with that message: they are never skipped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** URL of the new, empty database. */
  url: string;
  /** A new schema name, unique in this database. */
  freshSchema(): string;
  /** Drops the database, closing whatever connections are left on it. */
  drop(): Promise<void>;
}

async function onMaintenance(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is unreachable at ${PG_URL} (set PG_URL): ${String(error)}`, {
      cause: error,
    });
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  // Names are made here from hex only, so they are safe to put in SQL text.
  const name = `nakhoda_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onMaintenance(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  let schemas = 0;
  return {
    url: url.toString(),
    freshSchema: () => `t${++schemas}`,
    drop: () => onMaintenance(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
