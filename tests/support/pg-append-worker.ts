/**
 * One PostgreSQL writer process for the concurrent-append contract
 * (store-contract-writers.ts): argv <prefix> <min> <max> <url> <schema>. Run with
 * `node --import tsx`, forked with an IPC channel.
 */
import { openPgStore } from '../../server/log/pg.store.ts';
import { serveAppends } from './store-contract-worker.ts';

serveAppends(async ([url, schema]) => {
  if (!url || !schema) throw new Error('usage: <prefix> <min> <max> <url> <schema>');
  return openPgStore({ url, schema, poolSize: 2 });
});
