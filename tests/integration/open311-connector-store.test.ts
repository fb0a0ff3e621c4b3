/**
 * The connector store contract on SQLite (a temp file) and on PostgreSQL (a fresh schema
 * per test, migrated by opening the PostgreSQL Store first, as a node does). PostgreSQL
 * must be reachable at PG_URL: these tests fail, never skip, without it.
 */
import { afterAll, beforeAll } from 'vitest';
import { openPgStore } from '../../server/log/pg.store.ts';
import { openPgConnectorStore } from '../../server/open311/pg-connector.store.ts';
import { openSqliteConnectorStore } from '../../server/open311/sqlite-connector.store.ts';
import { describeConnectorStoreContract } from '../support/connector-store-contract.ts';
import { tempDbFile } from '../support/harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';

describeConnectorStoreContract('sqlite', async () => {
  const temp = tempDbFile();
  const connectors = openSqliteConnectorStore(temp.file);
  return {
    connectors,
    async cleanup() {
      await connectors.close();
      temp.cleanup();
    },
  };
});

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describeConnectorStoreContract('postgres', async () => {
  const schema = db.freshSchema();
  await (await openPgStore({ url: db.url, schema, poolSize: 1 })).close();
  const connectors = await openPgConnectorStore({ url: db.url, schema });
  return { connectors, cleanup: () => connectors.close() };
});
