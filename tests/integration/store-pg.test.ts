/**
 * The PostgreSQL store passes the Store contract, reopening included, on a database made
 * for this file (each test in a fresh schema of it), and several writers, in one process
 * and in two, share one gap-free log in commit order. PostgreSQL must be reachable at
 * PG_URL: these tests fail, never skip, without it. Migrations: nodes that start together
 * migrate once, and a database migrated by a newer Nakhoda is refused.
 */
import { readdir } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../server/log/pg-migrate.ts';
import { openPgStore } from '../../server/log/pg.store.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';
import { describeStoreContract } from '../support/store-contract.ts';
import { describeConcurrentWriters } from '../support/store-contract-writers.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describeStoreContract('postgres', async () => {
  const schema = db.freshSchema();
  const store = await openPgStore({ url: db.url, schema, poolSize: 3 });
  return {
    store,
    reopen: () => openPgStore({ url: db.url, schema, poolSize: 3 }),
    async cleanup() {
      await store.close();
    },
  };
});

describeConcurrentWriters('postgres', async () => {
  const schema = db.freshSchema();
  return {
    open: () => openPgStore({ url: db.url, schema, poolSize: 2 }),
    worker: 'tests/support/pg-append-worker.ts',
    workerArgs: [db.url, schema],
    cleanup: async () => undefined,
  };
});

describe('PostgreSQL migrations', () => {
  const migrationsIn = async (schema: string) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        `SELECT name FROM ${schema}.pgmigrations ORDER BY id`,
      );
      return rows.map((r) => r.name);
    } finally {
      await client.end();
    }
  };

  it('two nodes opening an empty schema at once both start, and it is migrated once', async () => {
    const schema = db.freshSchema();
    const stores = await Promise.all(
      [1, 2].map(() => openPgStore({ url: db.url, schema, poolSize: 1 })),
    );
    try {
      // Every file of the migrations folder, once each, in name order.
      const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
      expect(files.slice(0, 2)).toEqual(['001_event-log.sql', '002_auth.sql']);
      expect(await migrationsIn(schema)).toEqual(files.map((f) => f.slice(0, -'.sql'.length)));
      const res = await stores[0]!.append([]);
      expect(res).toMatchObject({ status: 'appended', events: [] });
      expect(await stores[1]!.latestSeq()).toBe(0);
    } finally {
      for (const store of stores) await store.close();
    }
  });

  it('refuses a database migrated by a newer Nakhoda', async () => {
    const schema = db.freshSchema();
    await (await openPgStore({ url: db.url, schema })).close();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO ${schema}.pgmigrations (name, run_on) VALUES ('999_from-the-future', now())`,
      );
    } finally {
      await client.end();
    }
    await expect(openPgStore({ url: db.url, schema })).rejects.toThrow(/999_from-the-future/);
  });
});
