/**
 * Open311 connectors in PostgreSQL (node-postgres), shared by every node on one database:
 * the same table and columns as SQLite's (server/log/migrations/003_connectors.sql). Open it
 * after the PostgreSQL Store of the same URL and schema: that one applies the migrations.
 * Only the node that leads the puller writes a connector's state; admins write its config
 * through any node, and the puller reads it afresh at each tick, so no cache is kept here.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ConnectorRow, ConnectorStore } from './connector-store.ts';
import {
  CONFIG_COLUMNS,
  changedColumns,
  INITIAL_STATE,
  newConnectorValues,
  toConnector,
} from './connector-store.ts';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPgConnectorStore(opts: {
  url: string;
  schema?: string | undefined;
  poolSize?: number | undefined;
}): Promise<ConnectorStore> {
  const schema = opts.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 2,
    application_name: 'nakhoda-connectors',
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  });
  // An idle connection that dies (a server restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1 FROM connectors LIMIT 1');
  } catch (error) {
    await pool.end();
    throw new Error(
      `PostgreSQL connectors table unreadable in schema ${schema} (open the PostgreSQL Store first: it migrates): ${String(error)}`,
      { cause: error },
    );
  }
  const rows = async (text: string, values?: unknown[]) =>
    (await pool.query<ConnectorRow>(text, values)).rows;
  const bool = (b: boolean) => b;
  let closing: Promise<void> | null = null;

  return {
    list: async () => (await rows('SELECT * FROM connectors ORDER BY name')).map(toConnector),
    async get(id) {
      const [r] = await rows('SELECT * FROM connectors WHERE id = $1', [id]);
      return r && toConnector(r);
    },
    async create(c, now) {
      const at = now.toISOString();
      const values = [randomUUID(), ...newConnectorValues(c, bool), at, at];
      const [r] = await rows(
        `INSERT INTO connectors (id, ${CONFIG_COLUMNS.join(', ')}, created_at, updated_at, state)
         VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}, $${values.length + 1})
         RETURNING *`,
        [...values, JSON.stringify(INITIAL_STATE)],
      );
      return toConnector(r!);
    },
    async update(id, changes, now) {
      const set = changedColumns(changes, bool);
      const assignments = [
        ...set.map(([column], i) => `${column} = $${i + 3}`),
        'updated_at = $2',
      ].join(', ');
      const [r] = await rows(`UPDATE connectors SET ${assignments} WHERE id = $1 RETURNING *`, [
        id,
        now.toISOString(),
        ...set.map(([, v]) => v),
      ]);
      return r && toConnector(r);
    },
    remove: async (id) =>
      ((await pool.query('DELETE FROM connectors WHERE id = $1', [id])).rowCount ?? 0) > 0,
    async saveState(id, state) {
      await pool.query('UPDATE connectors SET state = $2 WHERE id = $1', [
        id,
        JSON.stringify(state),
      ]);
    },
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}
