/**
 * The SQLite auth store passes the AuthStore contract on a temp file; its tables are read
 * behind its back through a second connection, as another process would.
 */
import Database from 'better-sqlite3';
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
