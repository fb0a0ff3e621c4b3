/**
 * The loop of one writer process for the concurrent-append contract
 * (store-contract-writers.ts); sqlite-append-worker.ts and pg-append-worker.ts are its
 * entry points, each opening its own store. Argv: <prefix> <min> <max> then the store's own
 * arguments. Says 'ready', and on 'go' appends batches (a report and a status change)
 * until it has appended `min` of them and seen the other writer's events land between its
 * own a few times, or `max`. Sends back the seqs each append got.
 */
import type { Store } from '../../server/log/store.ts';
import { makeHistory } from './store-history.ts';

export interface WriterReport {
  /** The seqs each append got, in the order appended. */
  appends: number[][];
  error?: string;
}

/** Times the other writer must get in between before this one may stop early. */
const INTERLEAVINGS = 3;

/** Runs the writer; `open` gets the arguments after <prefix> <min> <max>. */
export function serveAppends(open: (args: string[]) => Promise<Store>): void {
  const [prefix, min, max, ...args] = process.argv.slice(2);
  if (!prefix || !min || !max || !process.send)
    throw new Error('usage: fork with <prefix> <min> <max> <store args…>');
  const send = process.send.bind(process);

  async function write(store: Store): Promise<WriterReport> {
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

  void open(args).then((store) => {
    process.once('message', () => {
      write(store)
        .catch((err: unknown) => ({ appends: [], error: String(err) }))
        .then(async (report) => {
          await store.close();
          send(report, () => process.exit(0));
        });
    });
    send('ready');
  });
}
