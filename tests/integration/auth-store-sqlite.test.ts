/**
 * The SQLite auth store passes the AuthStore contract on a temp file; its tables are read
 * behind its back through a second connection, as another process would.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteAuthStore } from '../../server/auth/sqlite-auth.store.ts';
import { describeAuthStoreContract, CACHE_FOR_TESTS } from '../support/auth-store-contract.ts';
import { tempDbFile } from '../support/harness.ts';

describeAuthStoreContract('sqlite', async () => {
  const temp = tempDbFile();
  const auth = openSqliteAuthStore(temp.file, { cache: CACHE_FOR_TESTS });
  const db = new Database(temp.file);
  return {
    auth,
    raw: {
      table: async (name) => db.prepare(`SELECT * FROM ${name}`).all() as object[],
      async revokeDirectly(tokenId, at) {
        db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?').run(at, tokenId);
      },
    },
    async cleanup() {
      db.close();
      await auth.close();
      temp.cleanup();
    },
  };
});

describe('a file made before the field crew column', () => {
  it('gains the column on open, every user not crew, and keeps its users', async () => {
    const temp = tempDbFile();
    const old = new Database(temp.file);
    old.exec(`CREATE TABLE users (
      id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, name TEXT NOT NULL, password_hash TEXT NOT NULL,
      role TEXT NOT NULL, agency TEXT, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)`);
    old
      .prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, 0, ?)')
      .run('u1', 'sda', 'Op SDA', 'hash', 'agency', 'dsda', '2026-11-01T00:00:00.000Z');
    old.close();
    const auth = openSqliteAuthStore(temp.file, { cache: CACHE_FOR_TESTS });
    try {
      expect(await auth.getUser('u1')).toMatchObject({ username: 'sda', fieldCrew: false });
      expect(await auth.updateUser('u1', { fieldCrew: true })).toMatchObject({ fieldCrew: true });
    } finally {
      await auth.close();
      temp.cleanup();
    }
  });
});
