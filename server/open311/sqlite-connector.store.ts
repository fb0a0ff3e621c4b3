/**
 * Open311 connectors in SQLite (better-sqlite3), in the event log's file: the embedded
 * default. Synchronous inside, asynchronous outside, like every ConnectorStore.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConnectorRow, ConnectorStore } from './connector-store.ts';
import {
  CONFIG_COLUMNS,
  changedColumns,
  INITIAL_STATE,
  newConnectorValues,
  toConnector,
} from './connector-store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS connectors (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, endpoint TEXT NOT NULL, jurisdiction_id TEXT,
  api_key TEXT, service_map TEXT NOT NULL, default_category TEXT, enabled INTEGER NOT NULL,
  poll_seconds INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, state TEXT NOT NULL
);
`;

const bool = (b: boolean) => (b ? 1 : 0);

export function openSqliteConnectorStore(file: string): ConnectorStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const get = (id: string) => {
    const r = db.prepare('SELECT * FROM connectors WHERE id = ?').get(id) as
      ConnectorRow | undefined;
    return r && toConnector(r);
  };

  return {
    list: async () =>
      (db.prepare('SELECT * FROM connectors ORDER BY name').all() as ConnectorRow[]).map(
        toConnector,
      ),
    get: async (id) => get(id),
    async create(c, now) {
      const id = randomUUID();
      const at = now.toISOString();
      db.prepare(
        `INSERT INTO connectors (id, ${CONFIG_COLUMNS.join(', ')}, created_at, updated_at, state)
         VALUES (?, ${CONFIG_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?)`,
      ).run(id, ...newConnectorValues(c, bool), at, at, JSON.stringify(INITIAL_STATE));
      return get(id)!;
    },
    async update(id, changes, now) {
      const set = changedColumns(changes, bool);
      const assignments = [...set.map(([column]) => `${column} = ?`), 'updated_at = ?'];
      db.prepare(`UPDATE connectors SET ${assignments.join(', ')} WHERE id = ?`).run(
        ...set.map(([, v]) => v),
        now.toISOString(),
        id,
      );
      return get(id);
    },
    remove: async (id) => db.prepare('DELETE FROM connectors WHERE id = ?').run(id).changes > 0,
    async saveState(id, state) {
      db.prepare('UPDATE connectors SET state = ? WHERE id = ?').run(JSON.stringify(state), id);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
