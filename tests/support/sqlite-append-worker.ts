/**
 * One SQLite writer process for the concurrent-append contract (store-contract-writers.ts):
 * argv <prefix> <min> <max> <file>. Run with `node --import tsx`, forked with an IPC channel.
 */
import { openSqliteStore } from '../../server/log/sqlite.store.ts';
import { serveAppends } from './store-contract-worker.ts';

serveAppends(async ([file]) => {
  if (!file) throw new Error('usage: <prefix> <min> <max> <file>');
  return openSqliteStore(file);
});
