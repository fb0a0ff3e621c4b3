/**
 * One writer process for the SQLite concurrency test (tests/integration/store-sqlite.test.ts):
 * opens the store on the file it is given, says 'ready', and on 'go' appends batches (a
 * report and a status change) until it has appended `min` of them and seen the other
 * writer's events land between its own a few times, or `max`. Sends back the seqs each
 * append got. Run with `node --import tsx`, forked with an IPC channel.
 */
import { openSqliteStore } from '../../server/log/sqlite.store.ts';
import { makeHistory } from './store-history.ts';

export interface WriterReport {
  /** The seqs each append got, in the order appended. */
  appends: number[][];
  error?: string;
}

/** Times the other writer must get in between before this one may stop early. */
const INTERLEAVINGS = 3;

const [file, prefix, min, max] = process.argv.slice(2);
if (!file || !prefix || !process.send)
  throw new Error('usage: fork with <file> <prefix> <min> <max>');
const send = process.send.bind(process);
const store = openSqliteStore(file);

async function write(): Promise<WriterReport> {
  const history = makeHistory(prefix);
  const appends: number[][] = [];
  let between = 0;
  for (let i = 0; i < Number(max) && (i < Number(min) || between < INTERLEAVINGS); i++) {
    const id = `n${i}`;
    const batch = [
      ...history.report(id, i / 60),
      ...history.update(id, i / 60, { status: 'verified' }),
    ];
    const res = await store.append(batch);
    if (res.status !== 'appended') throw new Error(`append ${i}: ${res.status}`);
    const seqs = res.events.map((e) => e.seq);
    const last = appends[appends.length - 1];
    if (last && seqs[0] !== last[last.length - 1]! + 1) between++;
    appends.push(seqs);
  }
  return { appends };
}

process.once('message', () => {
  write()
    .catch((err: unknown) => ({ appends: [], error: String(err) }))
    .then(async (report) => {
      await store.close();
      send(report, () => process.exit(0));
    });
});
send('ready');
