/**
 * The Store contract for `appendBatch` (group commit): many commands in one call, each
 * kept or refused as `append` would in that order, seqs consecutive across the batch,
 * idempotency inside the batch too, and an item that fails undone alone.
 */
import { describe, expect, it } from 'vitest';
import { reduceIncident } from '../../shared/domain/reducer.ts';
import type { DomainEvent, Incident, IncidentEvent, NewEvent } from '../../shared/domain/types.ts';
import type { CurrentStore } from './store-contract.ts';
import { replayMatches } from './store-contract-replay.ts';
import { appendAll, cityHistory, hour, makeHistory, wholeLog } from './store-history.ts';

const ACTOR = { kind: 'system', id: 'store-contract' } as const;
const noted = (incidentId: string, h: number): NewEvent => ({
  type: 'incident.noted',
  incidentId,
  at: hour(h),
  actor: ACTOR,
  data: { note: 'catatan', occurredAt: hour(h) },
});

export function describeBatchContract(current: CurrentStore): void {
  describe('appendBatch', () => {
    it('appends every item in order with consecutive seqs, as one append each would', async () => {
      const store = current();
      const history = cityHistory();
      await appendAll(store, history);
      const before = history.events.length;
      const fresh = makeHistory('b-');
      const items = [
        { events: fresh.report('one', 70, { externalId: 'b-1' }) },
        { events: [noted('inc-a', 71), noted('inc-a', 72)] },
        { events: fresh.report('two', 73) },
      ];
      const res = await store.appendBatch(items);
      expect(res.map((r) => r.status)).toEqual(['appended', 'appended', 'appended']);
      const seqs = res.map((r) => (r.status === 'appended' ? r.events.map((e) => e.seq) : []));
      expect(seqs).toEqual([[before + 1], [before + 2, before + 3], [before + 4]]);
      const expected: DomainEvent[] = items
        .flatMap((i) => i.events)
        .map((e, k) => ({ ...e, seq: before + k + 1 }) as DomainEvent);
      expect((await wholeLog(store)).slice(before)).toEqual(expected);
      let incA: Incident | undefined = history.incidents.get('inc-a');
      for (const e of expected.filter((x) => x.incidentId === 'inc-a'))
        incA = reduceIncident(incA, e as IncidentEvent);
      expect(await store.getIncident('inc-a')).toEqual(incA);
      expect(await store.incidentIdFor('jaki', 'b-1')).toBe('b-one');
    });

    it('answers duplicate for an external id already stored or appended earlier in the batch', async () => {
      const store = current();
      const history = cityHistory();
      await appendAll(store, history);
      const before = history.events.length;
      const unique = { source: 'jaki', externalId: 'new-1' } as const;
      const res = await store.appendBatch([
        { events: makeHistory('first-').report('inc', 70, unique), unique },
        { events: makeHistory('second-').report('inc', 70, unique), unique },
        {
          events: makeHistory('old-').report('inc', 70, { externalId: 'a-1' }),
          unique: { source: 'jaki', externalId: 'a-1' },
        },
      ]);
      expect(res[0]).toMatchObject({ status: 'appended', events: [{ seq: before + 1 }] });
      expect(res.slice(1)).toEqual([
        { status: 'duplicate', incidentId: 'first-inc' },
        { status: 'duplicate', incidentId: 'inc-a' },
      ]);
      expect(await store.latestSeq()).toBe(before + 1);
      expect(await store.getIncident('second-inc')).toBeUndefined();
      expect(await store.getIncident('old-inc')).toBeUndefined();
    });

    it('undoes a failing item alone: its neighbours are kept, the log stays gap-free', async () => {
      const store = current();
      const history = cityHistory();
      await appendAll(store, history);
      const before = history.events.length;
      const res = await store.appendBatch([
        { events: makeHistory('ok1-').report('inc', 70, { externalId: 'k-1' }) },
        // Valid first, then an event for an unknown incident: the whole item goes.
        {
          events: [
            ...makeHistory('bad-').report('inc', 70, { externalId: 'k-2' }),
            noted('ghost', 71),
          ],
        },
        { events: [noted('inc-a', 72)] },
      ]);
      expect(res.map((r) => r.status)).toEqual(['appended', 'failed', 'appended']);
      expect(res[2]).toMatchObject({ events: [{ seq: before + 2, incidentId: 'inc-a' }] });
      expect((await wholeLog(store)).slice(before).map((e) => e.seq)).toEqual([
        before + 1,
        before + 2,
      ]);
      expect(await store.getIncident('bad-inc')).toBeUndefined();
      expect(await store.incidentIdFor('jaki', 'k-2')).toBeUndefined();
      expect(await store.incidentIdFor('jaki', 'k-1')).toBe('ok1-inc');
    });

    it('undoes alone an item the database refuses: an external id stored, sent without unique', async () => {
      const store = current();
      const history = cityHistory();
      await appendAll(store, history);
      const before = history.events.length;
      // No `unique` asked, so only the store's own (source, externalId) index stops it, after
      // the item's events were written: the store must undo them, not just skip the item.
      const res = await store.appendBatch([
        { events: makeHistory('again-').report('inc', 70, { externalId: 'a-1' }) },
        { events: [noted('inc-a', 71)] },
      ]);
      expect(res.map((r) => r.status)).toEqual(['failed', 'appended']);
      expect(res[1]).toMatchObject({ events: [{ seq: before + 1, incidentId: 'inc-a' }] });
      expect((await wholeLog(store)).slice(before).map((e) => e.incidentId)).toEqual(['inc-a']);
      expect(await store.getIncident('again-inc')).toBeUndefined();
      expect(await store.incidentIdFor('jaki', 'a-1')).toBe('inc-a');
    });

    it('appends a whole history as one batch exactly as one append per command', async () => {
      const store = current();
      const history = cityHistory();
      // Status changes logged out of field-time order across items, not inside one.
      history.report('inc-late', 10, { source: 'simulator', category: 'traffic_jam' });
      history.raw('inc-late', [['received', 'dispatched', 11]]);
      history.raw('inc-late', [['dispatched', 'resolved', 12]]);
      history.raw('inc-late', [['resolved', 'in_progress', 16]]);
      history.raw('inc-late', [['in_progress', 'resolved', 14]]);
      const res = await store.appendBatch(history.batches.map((events) => ({ events })));
      expect(res.every((r) => r.status === 'appended')).toBe(true);
      expect(await wholeLog(store)).toEqual(history.events);
      for (const [id, incident] of history.incidents) {
        expect(await store.getIncident(id)).toEqual(incident);
      }
      // Each item answers the incidents as it left them, later items' changes not yet in.
      const statusesOfLate = res
        .filter((r) => r.status === 'appended' && r.events[0]?.incidentId === 'inc-late')
        .map((r) => (r.status === 'appended' ? r.incidents[0]?.status : undefined));
      expect(statusesOfLate).toEqual([
        'received',
        'dispatched',
        'resolved',
        'in_progress',
        'resolved',
      ]);
      for (const at of [hour(13), hour(41), hour(70)]) await replayMatches(store, history, at);
    });

    it('leaves nothing of a failed item for the items after it to see', async () => {
      const store = current();
      const history = cityHistory();
      await appendAll(store, history);
      const before = history.events.length;
      const fresh = makeHistory('f-');
      const unique = { source: 'jaki', externalId: 'fresh-1' } as const;
      const reported = fresh.report('inc', 70, unique);
      const res = await store.appendBatch([
        { events: reported, unique },
        // Verifies the new incident, then names an unknown one: the whole item goes.
        { events: [...fresh.update('inc', 71, { status: 'verified' }), noted('ghost', 71)] },
        { events: makeHistory('g-').report('inc', 72, unique), unique },
        { events: [noted('f-inc', 73)] },
      ]);
      expect(res.map((r) => r.status)).toEqual(['appended', 'failed', 'duplicate', 'appended']);
      expect(res[2]).toEqual({ status: 'duplicate', incidentId: 'f-inc' });
      const kept = [
        { ...reported[0]!, seq: before + 1 },
        { ...noted('f-inc', 73), seq: before + 2 },
      ] as DomainEvent[];
      expect((await wholeLog(store)).slice(before)).toEqual(kept);
      const expected = kept.reduce<Incident | undefined>(
        (i, e) => reduceIncident(i, e as IncidentEvent),
        undefined,
      );
      expect(expected?.status).toBe('received');
      expect(await store.getIncident('f-inc')).toEqual(expected);
      expect(res[3]).toEqual({
        status: 'appended',
        events: [kept[1]],
        incidents: [expected],
        alerts: [],
      });
    });

    it('undoes alone an item whose event the database refuses: a time missing', async () => {
      const store = current();
      const history = cityHistory();
      await appendAll(store, history);
      const before = history.events.length;
      // Nothing above the database checks this: the table's NOT NULL refuses it.
      const untimed = { ...noted('inc-b', 71), at: null } as unknown as NewEvent;
      const res = await store.appendBatch([
        { events: [noted('inc-a', 70)] },
        { events: [noted('inc-b', 70.5), untimed] },
        { events: [noted('inc-b', 72)] },
      ]);
      expect(res.map((r) => r.status)).toEqual(['appended', 'failed', 'appended']);
      expect((await wholeLog(store)).slice(before)).toEqual([
        { ...noted('inc-a', 70), seq: before + 1 },
        { ...noted('inc-b', 72), seq: before + 2 },
      ]);
      expect((await store.getIncident('inc-b'))?.notes).toBe(
        history.incidents.get('inc-b')!.notes + 1,
      );
    });

    it('answers an empty batch with no results and appends nothing', async () => {
      const store = current();
      expect(await store.appendBatch([])).toEqual([]);
      expect(await store.latestSeq()).toBe(0);
    });
  });
}
