/**
 * The SQLite store passes the Store contract on a temp file, reopening included, and two
 * writers on one file (two connections, then two processes) share one gap-free log.
 */
import { openSqliteStore } from '../../server/log/sqlite.store.ts';
import { tempDbFile } from '../support/harness.ts';
import { describeStoreContract } from '../support/store-contract.ts';
import { describeConcurrentWriters } from '../support/store-contract-writers.ts';

describeStoreContract('sqlite', async () => {
  const temp = tempDbFile();
  const store = openSqliteStore(temp.file);
  return {
    store,
    reopen: async () => openSqliteStore(temp.file),
    async cleanup() {
      await store.close();
      temp.cleanup();
    },
  };
});

describeConcurrentWriters('sqlite', async () => {
  const temp = tempDbFile();
  return {
    open: async () => openSqliteStore(temp.file),
    worker: 'tests/support/sqlite-append-worker.ts',
    workerArgs: [temp.file],
    cleanup: async () => temp.cleanup(),
  };
});
