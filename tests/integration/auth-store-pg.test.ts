/**
 * The PostgreSQL auth store passes the AuthStore contract on a database made for this file
 * (each test in a fresh schema, migrated by opening the PostgreSQL Store first, as a node
 * does). Then what only several nodes have: two auth stores on one database, where a write
 * through one empties the other's cache through NOTIFY, and a store whose LISTEN
 * connection is lost stops trusting its cache. PostgreSQL must be reachable at PG_URL:
 * these tests fail, never skip, without it.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuthStore } from '../../server/auth/auth.store.ts';
import { AUTH_LISTEN_APPLICATION, openPgAuthStore } from '../../server/auth/pg-auth.store.ts';
import { openPgStore } from '../../server/log/pg.store.ts';
import {
  apiToken,
  CACHE_FOR_TESTS,
  describeAuthStoreContract,
  T0,
} from '../support/auth-store-contract.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** A fresh schema with the log's and the auth tables, migrated as a node's start does. */
async function migratedSchema(): Promise<string> {
  const schema = db.freshSchema();
  await (await openPgStore({ url: db.url, schema, poolSize: 1 })).close();
  return schema;
}

/** A plain connection to the test database, for reading and writing behind the stores. */
async function direct<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const revokeDirectly = (schema: string, tokenId: string, at: string) =>
  direct((c) =>
    c.query(`UPDATE ${schema}.tokens SET revoked_at = $2 WHERE id = $1`, [tokenId, at]),
  ).then(() => undefined);

describeAuthStoreContract('postgres', async () => {
  const schema = await migratedSchema();
  const auth = await openPgAuthStore({ url: db.url, schema, cache: CACHE_FOR_TESTS });
  return {
    auth,
    raw: {
      table: (name) => direct(async (c) => (await c.query(`SELECT * FROM ${schema}.${name}`)).rows),
      revokeDirectly: (tokenId, at) => revokeDirectly(schema, tokenId, at),
    },
    cleanup: () => auth.close(),
  };
});

describe('PostgreSQL auth stores on several nodes', () => {
  const opened: AuthStore[] = [];
  afterEach(async () => {
    for (const auth of opened.splice(0)) await auth.close();
  });
  const node = async (schema: string) => {
    const auth = await openPgAuthStore({ url: db.url, schema, cache: CACHE_FOR_TESTS });
    opened.push(auth);
    return auth;
  };
  // A notification arrives a moment after the write's commit: waited for, never timed. No
  // cache entry runs out during a test, so only the notification can make B refuse.
  const soon = { timeout: 10_000, interval: 20 };

  it('a token revoked through node A is refused by node B, which had cached it', async () => {
    const schema = await migratedSchema();
    const [a, b] = [await node(schema), await node(schema)];
    // Made through B: a store skips its own notifications, so none is still on its way to B.
    const revoked = await b.createToken(apiToken, T0);
    const witness = await b.createToken({ ...apiToken, label: 'Witness' }, T0);
    expect(await b.tokenFor(revoked.secret, T0)).toEqual(revoked.token);
    expect(await b.tokenFor(witness.secret, T0)).toEqual(witness.token);
    // B answers from its cache: a change made behind both stores' backs goes unseen...
    await revokeDirectly(schema, witness.token.id, T0.toISOString());
    expect(await b.tokenFor(witness.secret, T0)).toEqual(witness.token);
    // ...until A writes: A's NOTIFY empties B's cache, so B reads both revocations.
    await a.revokeToken(revoked.token.id, T0);
    await vi.waitFor(async () => {
      expect(await b.tokenFor(witness.secret, T0)).toBeUndefined();
    }, soon);
    expect(await b.tokenFor(revoked.secret, T0)).toBeUndefined();
    expect(await a.tokenFor(revoked.secret, T0)).toBeUndefined();
  });

  it('a node whose LISTEN connection is lost drops its cached look-ups, then listens again', async () => {
    const schema = await migratedSchema();
    const b = await node(schema);
    const { secret, token } = await b.createToken(apiToken, T0);
    expect(await b.tokenFor(secret, T0)).toEqual(token);
    await revokeDirectly(schema, token.id, T0.toISOString());
    expect(await b.tokenFor(secret, T0)).toEqual(token);
    const listeners = () =>
      direct(
        async (c) =>
          (
            await c.query<{ pid: number }>(
              `SELECT pid FROM pg_stat_activity WHERE datname = current_database()
               AND application_name = $1 AND query LIKE 'LISTEN%'`,
              [AUTH_LISTEN_APPLICATION],
            )
          ).rows,
      );
    const [listener] = await listeners();
    expect(listener).toBeDefined();
    await direct((c) => c.query('SELECT pg_terminate_backend($1)', [listener!.pid]));
    await vi.waitFor(async () => {
      expect(await b.tokenFor(secret, T0)).toBeUndefined();
    }, soon);
    await vi.waitFor(async () => {
      expect((await listeners()).map((l) => l.pid)).not.toContain(listener!.pid);
      expect(await listeners()).toHaveLength(1);
    }, soon);
  });

  it('refuses to open on a schema the PostgreSQL Store has not migrated', async () => {
    await expect(openPgAuthStore({ url: db.url, schema: db.freshSchema() })).rejects.toThrow(
      /open the PostgreSQL Store first/,
    );
  });
});
