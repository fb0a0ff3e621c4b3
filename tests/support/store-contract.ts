/**
 * The Store contract: what every store (SQLite embedded, PostgreSQL for clusters) must do,
 * as one vitest suite a store's test file registers with its own open function. Each test
 * opens a fresh, empty store and appends small hand-made histories (store-history.ts);
 * expectations come from the shared reducer and replay, the code every screen runs.
 * This file holds the write path, the log reads and the store's life; group commit, queries,
 * replay reads, alerts and duplicates are in store-contract-batch.ts, -queries.ts,
 * -replay.ts, -alerts.ts and -duplicates.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/log/store.ts';
import { externalKey } from '../../server/log/store.ts';
import { reduceIncident } from '../../shared/domain/reducer.ts';
import type {
  DomainEvent,
  Incident,
  IncidentEvent,
  NewEvent,
  Source,
} from '../../shared/domain/types.ts';
import { describeAlertContract } from './store-contract-alerts.ts';
import { describeBatchContract } from './store-contract-batch.ts';
import { describeDuplicateContract } from './store-contract-duplicates.ts';
import { describeQueryContract } from './store-contract-queries.ts';
import { describeReplayContract, replayMatches } from './store-contract-replay.ts';
import { appendAll, cityHistory, hour, makeHistory, wholeLog } from './store-history.ts';

export interface OpenedStore {
  /** A store on a new, empty database. */
  store: Store;
  /** Opens another store on the same database, for stores that survive a restart. */
  reopen?(): Promise<Store>;
  /** Closes `store` (if the test has not) and removes the database. */
  cleanup(): Promise<void>;
}

/** The running test's store: each test gets a fresh one. */
export type CurrentStore = () => Store;

const ACTOR = { kind: 'system', id: 'store-contract' } as const;

const noted = (incidentId: string, h: number): NewEvent => ({
  type: 'incident.noted',
  incidentId,
  at: hour(h),
  actor: ACTOR,
  data: { note: 'catatan', occurredAt: hour(h) },
});

const byId = (list: Incident[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

export function describeStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`Store contract: ${name}`, () => {
    let opened: OpenedStore;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.cleanup();
    });
    const current: CurrentStore = () => opened.store;

    describe('append', () => {
      it('numbers each batch consecutively from 1, after the last seq, and returns it', async () => {
        const store = current();
        expect(await store.latestSeq()).toBe(0);
        const history = cityHistory();
        let last = 0;
        for (const batch of history.batches) {
          const res = await store.append(batch);
          expect(res).toMatchObject({ status: 'appended' });
          if (res.status !== 'appended') return;
          expect(res.events).toEqual(batch.map((e, i) => ({ ...e, seq: last + i + 1 })));
          last += batch.length;
          expect(await store.latestSeq()).toBe(last);
        }
        expect(await wholeLog(store)).toEqual(history.events);
      });

      it('writes each touched incident as the shared reducer leaves it, in the same call', async () => {
        const store = current();
        const history = cityHistory();
        const model = new Map<string, Incident>();
        for (const batch of history.batches) {
          const res = await store.append(batch);
          if (res.status !== 'appended') throw new Error(`not appended: ${res.status}`);
          for (const e of res.events)
            model.set(e.incidentId, reduceIncident(model.get(e.incidentId), e as IncidentEvent));
          const touched = [...new Set(batch.map((e) => e.incidentId))];
          expect(byId(res.incidents)).toEqual(byId(touched.map((id) => model.get(id)!)));
          for (const id of touched) expect(await store.getIncident(id)).toEqual(model.get(id));
        }
        for (const [id, incident] of history.incidents) {
          expect(await store.getIncident(id)).toEqual(incident);
        }
      });

      const FAILING: { name: string; batch: () => NewEvent[] }[] = [
        {
          name: 'an unknown incident after valid events (a new report, a note on inc-a)',
          batch: () => [
            ...makeHistory('new-').report('inc-x', 70, { externalId: 'x-1' }),
            noted('inc-a', 70),
            noted('ghost', 70),
          ],
        },
        {
          name: 'an unknown incident before valid events',
          batch: () => [
            noted('ghost', 70),
            noted('inc-a', 70),
            ...makeHistory('new-').report('inc-x', 70, { externalId: 'x-1' }),
          ],
        },
      ];
      it.each(FAILING)('stores nothing of a batch that fails: $name', async ({ batch }) => {
        const store = current();
        const history = cityHistory();
        await appendAll(store, history);
        const before = history.events.length;
        await expect(store.append(batch())).rejects.toThrow();
        expect(await store.latestSeq()).toBe(before);
        expect(await store.eventsAfter(before, 100)).toEqual([]);
        expect(await store.getIncident('new-inc-x')).toBeUndefined();
        expect(await store.incidentIdFor('jaki', 'x-1')).toBeUndefined();
        expect(await store.getIncident('inc-a')).toEqual(history.incidents.get('inc-a'));
        expect(await store.eventsForIncident('inc-a')).toEqual(
          history.events.filter((e) => e.incidentId === 'inc-a'),
        );
        const next = await store.append([noted('inc-b', 70)]);
        expect(next.status === 'appended' && next.events.map((e) => e.seq)).toEqual([before + 1]);
      });

      const DUPLICATES: { source: Source; externalId: string; incidentId: string }[] = [
        { source: 'jaki', externalId: 'a-1', incidentId: 'inc-a' },
        { source: 'lapor', externalId: 'a-1', incidentId: 'inc-h' },
        { source: 'qlue', externalId: 'b-1', incidentId: 'inc-b' },
      ];
      it.each(DUPLICATES)(
        'answers duplicate for ($source, $externalId) and appends nothing',
        async ({ source, externalId, incidentId }) => {
          const store = current();
          const history = cityHistory();
          await appendAll(store, history);
          const again = makeHistory('again-').report('inc', 70, { source, externalId });
          const res = await store.append(again, { unique: { source, externalId } });
          expect(res).toEqual({ status: 'duplicate', incidentId });
          expect(await store.latestSeq()).toBe(history.events.length);
          expect(await store.getIncident('again-inc')).toBeUndefined();
          expect(await store.incidentIdFor(source, externalId)).toBe(incidentId);
        },
      );

      it('appends a known external id under another source, then finds it', async () => {
        const store = current();
        await appendAll(store, cityHistory());
        const unique = { source: 'call112', externalId: 'a-1' } as const;
        const other = makeHistory('other-').report('inc', 70, unique);
        const res = await store.append(other, { unique });
        expect(res).toMatchObject({ status: 'appended', events: [{ incidentId: 'other-inc' }] });
        expect(await store.incidentIdFor('call112', 'a-1')).toBe('other-inc');
        expect(await store.append(other, { unique })).toEqual({
          status: 'duplicate',
          incidentId: 'other-inc',
        });
      });
    });

    describe('log reads', () => {
      it.each([1, 3, 7, 1000])(
        'eventsAfter pages through the whole log, %i at a time',
        async (limit) => {
          const store = current();
          const history = cityHistory();
          await appendAll(store, history);
          const pages: DomainEvent[][] = [];
          for (let page = await store.eventsAfter(0, limit); page.length > 0;) {
            expect(page.length).toBeLessThanOrEqual(limit);
            expect(pages.length, 'eventsAfter pages do not end').toBeLessThan(
              history.events.length,
            );
            pages.push(page);
            page = await store.eventsAfter(page[page.length - 1]!.seq, limit);
          }
          expect(pages.flat()).toEqual(history.events);
          expect(pages).toHaveLength(Math.ceil(history.events.length / limit));
        },
      );

      it('eventsAfter starts after the given seq and is empty at the end', async () => {
        const store = current();
        const history = cityHistory();
        await appendAll(store, history);
        expect(await store.eventsAfter(5, 4)).toEqual(history.events.slice(5, 9));
        expect(await store.eventsAfter(history.events.length, 10)).toEqual([]);
      });

      it('eventsForIncident gives one incident its events in seq order', async () => {
        const store = current();
        const history = cityHistory();
        await appendAll(store, history);
        for (const id of history.incidents.keys()) {
          const own = history.events.filter((e) => e.incidentId === id);
          expect(own.length).toBeGreaterThan(0);
          expect(await store.eventsForIncident(id)).toEqual(own);
        }
        expect(await store.eventsForIncident('ghost')).toEqual([]);
      });

      it('getIncident knows every incident and no other', async () => {
        const store = current();
        const history = cityHistory();
        await appendAll(store, history);
        for (const [id, incident] of history.incidents) {
          expect(await store.getIncident(id)).toEqual(incident);
        }
        expect(await store.getIncident('ghost')).toBeUndefined();
      });

      it('incidentIdFor matches source and external id together', async () => {
        const store = current();
        await appendAll(store, cityHistory());
        expect(await store.incidentIdFor('jaki', 'a-1')).toBe('inc-a');
        expect(await store.incidentIdFor('lapor', 'a-1')).toBe('inc-h');
        expect(await store.incidentIdFor('qlue', 'a-1')).toBeUndefined();
        expect(await store.incidentIdFor('jaki', 'b-1')).toBeUndefined();
        expect(await store.incidentIdFor('jaki', 'zz')).toBeUndefined();
      });

      it('incidentIdsFor finds many keys at once, each by source and external id together', async () => {
        const store = current();
        await appendAll(store, cityHistory());
        const found = await store.incidentIdsFor([
          { source: 'jaki', externalId: 'a-1' },
          { source: 'lapor', externalId: 'a-1' },
          { source: 'qlue', externalId: 'a-1' },
          { source: 'qlue', externalId: 'b-1' },
          { source: 'jaki', externalId: 'b-1' },
          { source: 'jaki', externalId: 'a-1' },
        ]);
        expect(found).toEqual(
          new Map([
            [externalKey('jaki', 'a-1'), 'inc-a'],
            [externalKey('lapor', 'a-1'), 'inc-h'],
            [externalKey('qlue', 'b-1'), 'inc-b'],
          ]),
        );
        expect(await store.incidentIdsFor([])).toEqual(new Map());
      });
    });

    describeBatchContract(current);
    describeQueryContract(current);
    describeReplayContract(current);
    describeAlertContract(current, () => opened.reopen);
    describeDuplicateContract(current);

    describe('life', () => {
      it('keeps everything when the same database is opened again', async (ctx) => {
        ctx.skip(!opened.reopen, `${name} has no reopen hook`);
        const history = cityHistory();
        await appendAll(opened.store, history);
        await opened.store.close();
        const again = await opened.reopen!();
        try {
          expect(await again.latestSeq()).toBe(history.events.length);
          expect(await wholeLog(again, 7)).toEqual(history.events);
          for (const [id, incident] of history.incidents) {
            expect(await again.getIncident(id)).toEqual(incident);
          }
          expect(await again.incidentIdFor('jaki', 'a-1')).toBe('inc-a');
          const dup = makeHistory('dup-').report('inc', 70, { externalId: 'a-1' });
          expect(
            await again.append(dup, { unique: { source: 'jaki', externalId: 'a-1' } }),
          ).toEqual({ status: 'duplicate', incidentId: 'inc-a' });
          // inc-g's changes came out of field-time order: the store must still know it.
          await replayMatches(again, history, hour(41));
          const next = await again.append([noted('inc-b', 70)]);
          expect(next.status === 'appended' && next.events[0]!.seq).toBe(history.events.length + 1);
        } finally {
          await again.close();
        }
      });

      it('close resolves, may be called again, and the store refuses work after it', async () => {
        const store = current();
        await appendAll(store, cityHistory());
        await expect(store.close()).resolves.toBeUndefined();
        await expect(store.close()).resolves.toBeUndefined();
        await expect(store.latestSeq()).rejects.toThrow();
        await expect(store.append([noted('inc-a', 70)])).rejects.toThrow();
      });
    });
  });
}
