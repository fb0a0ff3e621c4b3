/**
 * The Store contract for several writers on one database: two stores appending in turn, then
 * two processes appending at once while a third reader tails the log. Seqs must come out
 * unique and gap-free, every append whole, and the reader, following `eventsAfter(last)` as
 * a node's projection does, must only ever see a prefix of the log: seq 11 never before 10.
 * A store's test file registers it with a way to share one database between processes.
 */
import { fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/log/store.ts';
import type { WriterReport } from './store-contract-worker.ts';
import { makeHistory, wholeLog } from './store-history.ts';

export interface SharedDatabase {
  /** Opens one more store on the shared database. */
  open(): Promise<Store>;
  /** The writer entry point (a *-append-worker.ts) and the store arguments it takes. */
  worker: string;
  workerArgs: string[];
  /** Removes the database (every store on it is closed by then). */
  cleanup(): Promise<void>;
}

/** Seqs 1..n, each once, is what a log of n events must hold. */
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** How often another writer's events landed between two appends of one writer. */
function interleavings(appends: number[][]): number {
  let n = 0;
  for (let i = 1; i < appends.length; i++) {
    if (appends[i]![0] !== appends[i - 1]!.at(-1)! + 1) n++;
  }
  return n;
}

/** Checks the log on `store` holds exactly these appends, each whole and in seq order. */
async function expectWholeLog(store: Store, writers: { prefix: string; appends: number[][] }[]) {
  const log = await wholeLog(store);
  const total = writers.reduce((n, w) => n + w.appends.flat().length, 0);
  expect(log.map((e) => e.seq)).toEqual(oneToN(total));
  for (const { prefix, appends } of writers) {
    appends.forEach((seqs, i) => {
      expect(seqs, `${prefix} append ${i}`).toEqual([seqs[0], seqs[0]! + 1]);
      const [reported, verified] = [log[seqs[0]! - 1]!, log[seqs[1]! - 1]!];
      expect([reported.type, reported.incidentId]).toEqual(['incident.reported', `${prefix}n${i}`]);
      expect([verified.type, verified.incidentId]).toEqual([
        'incident.status_changed',
        `${prefix}n${i}`,
      ]);
    });
  }
}

/**
 * Follows the log as a node does, page after page from the last seq it saw, until `done()`
 * and nothing is left. Any page that does not start right after the last seq is a skip:
 * the reader saw a later seq commit before an earlier one and has lost the earlier.
 */
async function tailLog(store: Store, done: () => boolean) {
  const seen: number[] = [];
  const skips: string[] = [];
  let pagesWhileWriting = 0;
  for (let last = 0; ;) {
    const finished = done();
    const page = await store.eventsAfter(last, 50);
    if (page.length > 0 && !finished) pagesWhileWriting++;
    for (const e of page) {
      if (e.seq !== last + 1) skips.push(`after ${last} came ${e.seq}`);
      last = e.seq;
      seen.push(e.seq);
    }
    if (page.length === 0) {
      if (finished) return { seen, skips, pagesWhileWriting };
      await sleep(1);
    }
  }
}

export function describeConcurrentWriters(
  name: string,
  shared: () => Promise<SharedDatabase>,
): void {
  describe(`Store contract, several writers: ${name}`, () => {
    it('two stores appending in turn never reuse a seq and see each other', async () => {
      const db = await shared();
      const stores = [await db.open(), await db.open()];
      const writers = ['a-', 'b-'].map((prefix) => ({
        prefix,
        history: makeHistory(prefix),
        appends: [] as number[][],
      }));
      try {
        for (let i = 0; i < 40; i++) {
          const w = i % 2;
          const { history, appends } = writers[w]!;
          const id = `n${appends.length}`;
          const batch = [
            ...history.report(id, i),
            ...history.update(id, i, { status: 'verified' }),
          ];
          const res = await stores[w]!.append(batch);
          if (res.status !== 'appended') throw new Error(res.status);
          appends.push(res.events.map((e) => e.seq));
        }
        for (const store of stores) await expectWholeLog(store, writers);
        // Each store reads what the other wrote, as the reducer left it at its seq.
        const { history, appends } = writers[1]!;
        const lastSeq = appends.at(-1)![1];
        expect(await stores[0]!.getIncident('b-n19')).toEqual({
          ...history.incidents.get('b-n19'),
          lastSeq,
        });
      } finally {
        for (const store of stores) await store.close();
        await db.cleanup();
      }
    });

    it('two processes appending at once get unique, gap-free seqs, and a reader sees only prefixes', async () => {
      const db = await shared();
      // The schema first, so the writers race on appends only.
      const reader = await db.open();
      const children = ['p1-', 'p2-'].map((prefix) =>
        fork(db.worker, [prefix, '200', '20000', ...db.workerArgs], {
          execArgv: ['--import', 'tsx'],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      );
      try {
        const ready = children.map((c) => new Promise((resolve) => c.once('message', resolve)));
        await Promise.all(ready);
        let reported = 0;
        const reports = children.map(
          (c) =>
            new Promise<WriterReport>((resolve, reject) => {
              c.once('message', (m) => {
                reported++;
                resolve(m as WriterReport);
              });
              c.once('exit', (code) => reject(new Error(`writer exited ${code} without a report`)));
            }),
        );
        for (const c of children) c.send('go');
        const [tail, [p1, p2]] = await Promise.all([
          tailLog(reader, () => reported === children.length),
          Promise.all(reports),
        ]);
        expect([p1!.error, p2!.error]).toEqual([undefined, undefined]);
        expect(interleavings(p1!.appends), 'p2 never wrote between p1 appends').toBeGreaterThan(0);
        expect(interleavings(p2!.appends), 'p1 never wrote between p2 appends').toBeGreaterThan(0);
        const writers = [
          { prefix: 'p1-', appends: p1!.appends },
          { prefix: 'p2-', appends: p2!.appends },
        ];
        await expectWholeLog(reader, writers);
        const total = writers.reduce((n, w) => n + w.appends.flat().length, 0);
        expect(tail.skips, 'the reader saw a seq before an earlier one had committed').toEqual([]);
        expect(tail.seen).toEqual(oneToN(total));
        expect(tail.pagesWhileWriting, 'the reader read while the writers wrote').toBeGreaterThan(
          1,
        );
      } finally {
        for (const c of children) if (c.exitCode === null) c.kill();
        await reader.close();
        await db.cleanup();
      }
    }, 120_000);
  });
}
