/**
 * The Store contract for duplicate reports (shared/domain/duplicates.ts): a link writes the
 * report's master into the store's row, a split clears it, and the reads that use it agree
 * with the reducer: `linkedReports` (a master's reports, oldest first, confirmed ones
 * included) and the briefing's `linked` fact. Registered by describeStoreContract
 * (store-contract.ts) inside its suite.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/log/store.ts';
import type { Incident } from '../../shared/domain/types.ts';
import type { CurrentStore } from './store-contract.ts';
import { hour, makeHistory, type History } from './store-history.ts';

const near = (dLon: number) => ({ location: { lon: 106.82 + dLon, lat: -6.17 } });

/**
 * Two masters: `m` takes r3, r1 and r2 (linked in that order, reported h3, h1, h2), `n`
 * takes r4; r5 stays on its own. `steps` names each point of the story by the batches
 * appended so far.
 */
export function duplicateHistory(): { history: History; steps: Record<string, number> } {
  const h = makeHistory('dup-');
  h.report('m', 0, { category: 'flooding', ...near(0) });
  h.report('r1', 1, { category: 'flooding', ...near(0.0005) });
  h.report('r2', 2, { category: 'flooding', ...near(0.0006) });
  h.report('r3', 3, { category: 'flooding', ...near(0.0007) });
  h.report('n', 4, { category: 'garbage', ...near(0.05) });
  h.report('r4', 5, { category: 'garbage', ...near(0.0501) });
  h.report('r5', 6, { category: 'flooding', ...near(-0.1) });
  const reported = h.batches.length;
  h.link('r3', 'm');
  h.link('r1', 'm');
  h.link('r2', 'm');
  h.link('r4', 'n');
  const linked = h.batches.length;
  h.split('r2');
  // Dated between its link and its logging: the history logs each command a minute after
  // the last, from 30 days on (the links are dated when logged, minutes 8 to 11).
  h.update('r1', 30 * 24 + 0.2, { status: 'duplicate', note: 'Laporan yang sama' });
  return { history: h, steps: { reported, linked, end: h.batches.length } };
}

/** Appends batches [from, to) of `history`. */
async function appendRange(store: Store, history: History, from: number, to: number) {
  for (const batch of history.batches.slice(from, to)) await store.append(batch);
}

const docs = (history: History, ids: string[]): Incident[] =>
  ids.map((id) => history.incidents.get(`dup-${id}`)!);

export function describeDuplicateContract(current: CurrentStore): void {
  describe('duplicates', () => {
    it('linkedReports lists a master’s linked reports, oldest report first', async () => {
      const store = current();
      const { history, steps } = duplicateHistory();
      await appendRange(store, history, 0, steps.reported!);
      expect(await store.linkedReports('dup-m')).toEqual([]);
      await appendRange(store, history, steps.reported!, steps.linked!);
      const m = await store.linkedReports('dup-m');
      expect(m.map((i) => i.id)).toEqual(['dup-r1', 'dup-r2', 'dup-r3']);
      expect(m.every((i) => i.duplicateOf === 'dup-m')).toBe(true);
      expect((await store.linkedReports('dup-n')).map((i) => i.id)).toEqual(['dup-r4']);
      expect(await store.linkedReports('dup-r5')).toEqual([]);
      expect(await store.linkedReports('dup-ghost')).toEqual([]);
    });

    it('a split clears the link; a confirmed duplicate keeps it; each as the reducer has it', async () => {
      const store = current();
      const { history, steps } = duplicateHistory();
      await appendRange(store, history, 0, steps.end!);
      expect(await store.linkedReports('dup-m')).toEqual(docs(history, ['r1', 'r3']));
      expect(await store.linkedReports('dup-n')).toEqual(docs(history, ['r4']));
      expect(await store.getIncident('dup-r1')).toMatchObject({
        status: 'duplicate',
        duplicateOf: 'dup-m',
      });
      expect(await store.getIncident('dup-r2')).toEqual(history.incidents.get('dup-r2'));
      expect(history.incidents.get('dup-r2')!.duplicateOf).toBeNull();
      expect(await store.getIncident('dup-m')).toEqual(history.incidents.get('dup-m'));
      expect(history.incidents.get('dup-m')!.reporters).toBe(3);
    });

    it('appended as one batch, the links land the same', async () => {
      const store = current();
      const { history } = duplicateHistory();
      const results = await store.appendBatch(history.batches.map((events) => ({ events })));
      expect(results.every((r) => r.status === 'appended')).toBe(true);
      expect(await store.linkedReports('dup-m')).toEqual(docs(history, ['r1', 'r3']));
      expect(await store.linkedReports('dup-n')).toEqual(docs(history, ['r4']));
    });

    it('briefingFacts says which rows are linked reports, as they stand', async () => {
      const store = current();
      const { history, steps } = duplicateHistory();
      const linkedIds = async () =>
        (await store.briefingFacts(hour(0), hour(24)))
          .filter((f) => f.linked)
          .map((f) => f.id)
          .sort();
      await appendRange(store, history, 0, steps.linked!);
      expect(await linkedIds()).toEqual(['dup-r1', 'dup-r2', 'dup-r3', 'dup-r4']);
      await appendRange(store, history, steps.linked!, steps.end!);
      expect(await linkedIds()).toEqual(['dup-r1', 'dup-r3', 'dup-r4']);
      const facts = await store.briefingFacts(hour(0), hour(24));
      expect(facts).toHaveLength(history.incidents.size);
    });
  });
}
