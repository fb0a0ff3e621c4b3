/**
 * The SQLite store passes the Store contract on a temp file, reopening included, and two
 * writers on one file (two connections, then two processes) share one gap-free log.
 */
import { fork } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/log/sqlite.store.ts';
import type { Store } from '../../server/log/store.ts';
import { tempDbFile } from '../support/harness.ts';
import type { WriterReport } from '../support/sqlite-append-worker.ts';
import { describeStoreContract } from '../support/store-contract.ts';
import { makeHistory, wholeLog } from '../support/store-history.ts';

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

describe('two writers on one SQLite file', () => {
  it('two connections appending in turn never reuse a seq and see each other', async () => {
    const temp = tempDbFile();
    const stores = [openSqliteStore(temp.file), openSqliteStore(temp.file)];
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
        const batch = [...history.report(id, i), ...history.update(id, i, { status: 'verified' })];
        const res = await stores[w]!.append(batch);
        if (res.status !== 'appended') throw new Error(res.status);
        appends.push(res.events.map((e) => e.seq));
      }
      for (const store of stores) await expectWholeLog(store, writers);
      // Each connection reads what the other wrote, as the reducer left it at its seq.
      const { history, appends } = writers[1]!;
      const lastSeq = appends.at(-1)![1];
      expect(await stores[0]!.getIncident('b-n19')).toEqual({
        ...history.incidents.get('b-n19'),
        lastSeq,
      });
    } finally {
      for (const store of stores) await store.close();
      temp.cleanup();
    }
  });

  it('two processes appending at once get unique, gap-free seqs and keep every append whole', async () => {
    const temp = tempDbFile();
    // The schema first, so the writers race on appends only.
    await openSqliteStore(temp.file).close();
    const children = ['p1-', 'p2-'].map((prefix) =>
      fork('tests/support/sqlite-append-worker.ts', [temp.file, prefix, '200', '20000'], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    try {
      const ready = children.map((c) => new Promise((resolve) => c.once('message', resolve)));
      await Promise.all(ready);
      const reports = children.map(
        (c) =>
          new Promise<WriterReport>((resolve, reject) => {
            c.once('message', (m) => resolve(m as WriterReport));
            c.once('exit', (code) => reject(new Error(`writer exited ${code} without a report`)));
          }),
      );
      for (const c of children) c.send('go');
      const [p1, p2] = await Promise.all(reports);
      expect([p1!.error, p2!.error]).toEqual([undefined, undefined]);
      expect(interleavings(p1!.appends), 'p2 never wrote between p1 appends').toBeGreaterThan(0);
      expect(interleavings(p2!.appends), 'p1 never wrote between p2 appends').toBeGreaterThan(0);
      const store = openSqliteStore(temp.file);
      try {
        await expectWholeLog(store, [
          { prefix: 'p1-', appends: p1!.appends },
          { prefix: 'p2-', appends: p2!.appends },
        ]);
      } finally {
        await store.close();
      }
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill();
      temp.cleanup();
    }
  }, 120_000);
});
