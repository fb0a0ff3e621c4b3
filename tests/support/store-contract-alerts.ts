/**
 * The Store contract for the analyst's alerts: alert events share the log with incident
 * events (in one batch, one item even), each alert is projected by `reduceAlert` in the
 * same transaction, an event `reduceAlert` refuses fails its item alone, and the reads
 * (getAlert, queryAlerts, loadLive's window, an alert's events) agree with a replay of
 * the log. Registered by describeStoreContract (store-contract.ts) inside its suite.
 */
import { describe, expect, it } from 'vitest';
import type { AlertQuery, Store } from '../../server/log/store.ts';
import { type Alert, isAlertId } from '../../shared/domain/alerts.ts';
import { applyInPlace, ownedProjection } from '../../shared/domain/reducer.ts';
import type { DomainEvent, NewEvent } from '../../shared/domain/types.ts';
import {
  alertEvents,
  alertHistory,
  type AlertHistory,
  reduceAlerts,
} from './store-contract-alert-history.ts';
import type { CurrentStore } from './store-contract.ts';
import { replayMatches } from './store-contract-replay.ts';
import { appendAll, hour, makeHistory, wholeLog } from './store-history.ts';

const { raise, acknowledge, clear } = alertEvents;

const noted = (incidentId: string, h: number): NewEvent => ({
  type: 'incident.noted',
  incidentId,
  at: hour(h),
  actor: { kind: 'system', id: 'store-contract' },
  data: { note: 'catatan', occurredAt: hour(h) },
});

/** Appends the city, then each alert batch; returns what each alert batch's append answered. */
async function appendHistory(store: Store, history: AlertHistory) {
  await appendAll(store, history.city);
  const results = [];
  for (const batch of history.batches) results.push(await store.append(batch));
  return results;
}

const byId = (list: Alert[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

/** Events `reduceAlert` refuses, or naming a subject of the other kind. */
const REFUSED: { name: string; event: () => NewEvent }[] = [
  { name: 'an event for an unknown alert', event: () => acknowledge('alert-ghost', 70) },
  { name: 'raising an alert that is active', event: () => raise('alert-surge-2', 70) },
  // Both reducers would take these: only the store's subject rule refuses them.
  { name: 'raising an alert under an incident id', event: () => raise('inc-z', 70) },
  {
    name: 'reporting an incident under an alert id',
    event: () => makeHistory('alert-').report('z', 70)[0]!,
  },
];

const QUERIES: { name: string; q: Omit<AlertQuery, 'limit'>; limit?: number; ids: string[] }[] = [
  {
    name: 'no filter: newest raised first, ties by id descending',
    q: {},
    ids: [
      'alert-sla-f',
      'alert-surge-2',
      'alert-surge-1',
      'alert-sla-e',
      'alert-sla-d',
      'alert-sla-b',
    ],
  },
  {
    name: 'status open',
    q: { status: ['open'] },
    ids: ['alert-sla-f', 'alert-surge-2', 'alert-sla-b'],
  },
  {
    name: 'status open or acknowledged',
    q: { status: ['open', 'acknowledged'] },
    ids: ['alert-sla-f', 'alert-surge-2', 'alert-sla-e', 'alert-sla-b'],
  },
  { name: 'status cleared', q: { status: ['cleared'] }, ids: ['alert-surge-1', 'alert-sla-d'] },
  { name: 'kind surge', q: { kind: ['surge'] }, ids: ['alert-surge-2', 'alert-surge-1'] },
  {
    name: 'kind as updated (a warning became a breach)',
    q: { kind: ['sla_breached'] },
    ids: ['alert-sla-f', 'alert-sla-d', 'alert-sla-b'],
  },
  { name: 'kind sla_will_breach', q: { kind: ['sla_will_breach'] }, ids: ['alert-sla-e'] },
  {
    name: 'status and kind together',
    q: { status: ['open'], kind: ['surge'] },
    ids: ['alert-surge-2'],
  },
  { name: 'limit', q: {}, limit: 2, ids: ['alert-sla-f', 'alert-surge-2'] },
];

export function describeAlertContract(
  current: CurrentStore,
  reopen: () => (() => Promise<Store>) | undefined,
): void {
  describe('alerts', () => {
    it('appends alert events to the log and writes each alert as reduceAlert leaves it', async () => {
      const store = current();
      const history = alertHistory();
      const results = await appendHistory(store, history);
      expect(await wholeLog(store)).toEqual(history.events);
      const model = new Map<string, Alert>();
      let seq = history.city.events.length;
      results.forEach((res, n) => {
        const batch = history.batches[n]!;
        const events = reduceAlerts(model, batch, seq);
        seq += batch.length;
        const touched = [...new Set(batch.map((e) => e.incidentId))].map((id) => model.get(id)!);
        expect(res).toEqual({ status: 'appended', events, incidents: [], alerts: touched });
      });
      for (const [id, alert] of history.alerts) expect(await store.getAlert(id)).toEqual(alert);
      expect(await store.getAlert('alert-ghost')).toBeUndefined();
      // The incidents table is the incidents' alone.
      for (const [id, incident] of history.city.incidents)
        expect(await store.getIncident(id)).toEqual(incident);
      expect(await store.getIncident('alert-sla-b')).toBeUndefined();
      const listed = await store.queryIncidents({ limit: 500 });
      expect(listed.items).toHaveLength(history.city.incidents.size);
    });

    it('eventsForIncident gives an alert its events in seq order', async () => {
      const store = current();
      const history = alertHistory();
      await appendHistory(store, history);
      for (const id of history.alerts.keys()) {
        const own = history.events.filter((e) => e.incidentId === id);
        expect(own.length).toBeGreaterThan(0);
        expect(await store.eventsForIncident(id)).toEqual(own);
      }
      expect(await store.eventsForIncident('inc-b')).toEqual(
        history.city.events.filter((e) => e.incidentId === 'inc-b'),
      );
    });

    it('raises a cleared alert afresh: open again, at desk, not cleared', async () => {
      const store = current();
      const history = alertHistory();
      await appendHistory(store, history);
      expect(await store.getAlert('alert-sla-f')).toMatchObject({
        status: 'open',
        level: 'desk',
        raisedAt: hour(46),
        clearedAt: null,
        clearReason: null,
      });
      expect(await store.getAlert('alert-sla-b')).toMatchObject({
        status: 'open',
        level: 'head',
        acknowledgedBy: { kind: 'user', id: 'u-desk' },
      });
    });

    it('appends a batch mixing incident and alert events, in one item and across items', async () => {
      const store = current();
      const history = alertHistory();
      await appendHistory(store, history);
      const before = history.events.length;
      const fresh = makeHistory('m-');
      const items = [
        { events: [noted('inc-a', 70), raise('alert-new', 70, { incidentIds: ['inc-a'] })] },
        { events: fresh.report('inc', 71, { externalId: 'm-1' }) },
        {
          events: [
            acknowledge('alert-new', 72),
            noted('inc-b', 72),
            clear('alert-sla-b', 72, 'resolved'),
          ],
        },
      ];
      const res = await store.appendBatch(items);
      // Each item answers its incidents and alerts as it left them, in the order first touched.
      const state = ownedProjection();
      applyInPlace(state, history.events);
      let seq = before;
      const answers = items.map(({ events: batch }) => {
        const events = batch.map((e) => ({ ...e, seq: ++seq }) as DomainEvent);
        applyInPlace(state, events);
        const ids = [...new Set(batch.map((e) => e.incidentId))];
        return {
          status: 'appended',
          events,
          incidents: ids.filter((id) => !isAlertId(id)).map((id) => state.incidents.get(id)),
          alerts: ids.filter(isAlertId).map((id) => state.alerts.get(id)),
        };
      });
      expect(res).toEqual(answers);
      expect((await wholeLog(store)).slice(before)).toEqual(answers.flatMap((a) => a.events));
      expect(answers[0]!.alerts).toMatchObject([{ status: 'open' }]);
      const alert = (id: string) => state.alerts.get(id)!;
      const incident = (id: string) => state.incidents.get(id)!;
      expect(await store.getAlert('alert-new')).toEqual(alert('alert-new'));
      expect(alert('alert-new').status).toBe('acknowledged');
      expect(await store.getAlert('alert-sla-b')).toMatchObject({
        status: 'cleared',
        clearedAt: hour(72),
      });
      expect(await store.getIncident('inc-a')).toEqual(incident('inc-a'));
      expect(await store.getIncident('inc-b')).toEqual(incident('inc-b'));
      expect(await store.incidentIdFor('jaki', 'm-1')).toBe('m-inc');
    });

    it.each(REFUSED)('append refuses $name and stores nothing of its call', async ({ event }) => {
      const store = current();
      const history = alertHistory();
      await appendHistory(store, history);
      const before = history.events.length;
      await expect(store.append([acknowledge('alert-sla-b', 70), event()])).rejects.toThrow();
      expect(await store.latestSeq()).toBe(before);
      expect(await store.getAlert('alert-sla-b')).toEqual(history.alerts.get('alert-sla-b'));
      expect(await store.getAlert('alert-ghost')).toBeUndefined();
      expect(await store.getAlert('inc-z')).toBeUndefined();
      expect(await store.getIncident('alert-z')).toBeUndefined();
      expect(await store.getIncident('inc-a')).toEqual(history.city.incidents.get('inc-a'));
    });

    it.each(REFUSED)(
      'appendBatch fails alone an item with $name; its neighbours are kept',
      async ({ event }) => {
        const store = current();
        const history = alertHistory();
        await appendHistory(store, history);
        const before = history.events.length;
        const res = await store.appendBatch([
          { events: [noted('inc-a', 70)] },
          // Valid first, then the refused event: the whole item goes.
          { events: [acknowledge('alert-sla-b', 71), event()] },
          { events: [clear('alert-surge-2', 72, 'subsided')] },
        ]);
        expect(res.map((r) => r.status)).toEqual(['appended', 'failed', 'appended']);
        expect((await wholeLog(store)).slice(before)).toEqual([
          { ...noted('inc-a', 70), seq: before + 1 },
          { ...clear('alert-surge-2', 72, 'subsided'), seq: before + 2 },
        ]);
        expect(await store.getAlert('alert-sla-b')).toEqual(history.alerts.get('alert-sla-b'));
        expect(await store.getAlert('alert-surge-2')).toMatchObject({
          status: 'cleared',
          lastSeq: before + 2,
        });
        expect(await store.getAlert('alert-ghost')).toBeUndefined();
        expect(await store.eventsForIncident('alert-ghost')).toEqual([]);
        expect(await store.getAlert('inc-z')).toBeUndefined();
        expect(await store.getIncident('alert-z')).toBeUndefined();
      },
    );

    it.each([
      {
        since: hour(0),
        ids: [
          'alert-sla-b',
          'alert-sla-d',
          'alert-sla-e',
          'alert-sla-f',
          'alert-surge-1',
          'alert-surge-2',
        ],
      },
      {
        since: hour(30),
        ids: [
          'alert-sla-b',
          'alert-sla-d',
          'alert-sla-e',
          'alert-sla-f',
          'alert-surge-1',
          'alert-surge-2',
        ],
      },
      {
        since: hour(30.5),
        ids: ['alert-sla-b', 'alert-sla-e', 'alert-sla-f', 'alert-surge-1', 'alert-surge-2'],
      },
      {
        since: hour(44),
        ids: ['alert-sla-b', 'alert-sla-e', 'alert-sla-f', 'alert-surge-1', 'alert-surge-2'],
      },
      { since: hour(44.5), ids: ['alert-sla-b', 'alert-sla-e', 'alert-sla-f', 'alert-surge-2'] },
    ])(
      'loadLive($since) gives the active alerts and those cleared since, with the incidents and seq',
      async ({ since, ids }) => {
        const store = current();
        const history = alertHistory();
        await appendHistory(store, history);
        const live = await store.loadLive(since);
        expect(live.seq).toBe(history.events.length);
        expect(byId(live.alerts)).toEqual(ids.map((id) => history.alerts.get(id)));
        expect(live.incidents.every((i) => history.city.incidents.get(i.id) !== undefined)).toBe(
          true,
        );
      },
    );

    it.each(QUERIES)('queryAlerts filters by $name', async ({ q, limit, ids }) => {
      const store = current();
      const history = alertHistory();
      await appendHistory(store, history);
      const expected = ids.map((id) => history.alerts.get(id));
      expect(await store.queryAlerts({ ...q, limit: limit ?? 100 })).toEqual(expected);
    });

    it('queryAlerts filters by agency, exactly, alone and with a status', async () => {
      const store = current();
      const history = alertHistory();
      await appendHistory(store, history);
      const agencyE = history.alerts.get('alert-sla-e')!.agency!;
      const ofE = [...history.alerts.values()].filter((a) => a.agency === agencyE);
      expect(ofE.length).toBeLessThan(history.alerts.size);
      const newest = (list: Alert[]) =>
        [...list].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt) || b.id.localeCompare(a.id));
      expect(await store.queryAlerts({ agency: agencyE, limit: 100 })).toEqual(newest(ofE));
      expect(
        await store.queryAlerts({ agency: agencyE, status: ['acknowledged'], limit: 100 }),
      ).toEqual([history.alerts.get('alert-sla-e')]);
      expect(await store.queryAlerts({ agency: agencyE.slice(0, 3), limit: 100 })).toEqual([]);
    });

    it('a replay of the log gives the alerts and incidents tables', async () => {
      const store = current();
      const history = alertHistory();
      await appendHistory(store, history);
      // A batch too, so both write paths are replayed.
      await store.appendBatch([
        { events: [raise('alert-late', 80), noted('inc-c', 80)] },
        { events: [acknowledge('alert-late', 81)] },
      ]);
      const replayed = ownedProjection();
      applyInPlace(replayed, await wholeLog(store));
      const stored = await store.queryAlerts({ limit: 1000 });
      expect(new Map(stored.map((a) => [a.id, a]))).toEqual(replayed.alerts);
      for (const [id, incident] of replayed.incidents)
        expect(await store.getIncident(id)).toEqual(incident);
      expect((await store.queryIncidents({ limit: 1000 })).items).toHaveLength(
        replayed.incidents.size,
      );
    });

    it('leaves replay of the incidents as it was: alert events are not in their picture', async () => {
      const store = current();
      const history = alertHistory();
      await appendHistory(store, history);
      const withAlerts = { ...history.city, events: history.events };
      for (const at of [hour(13), hour(41), hour(70)]) {
        const read = await replayMatches(store, withAlerts, at);
        expect(read.some((e) => e.type.startsWith('alert.'))).toBe(false);
      }
    });

    it('keeps the alerts when the same database is opened again', async (ctx) => {
      const open = reopen();
      ctx.skip(!open, 'this store has no reopen hook');
      const history = alertHistory();
      await appendHistory(current(), history);
      await current().close();
      const again = await open!();
      try {
        for (const [id, alert] of history.alerts) expect(await again.getAlert(id)).toEqual(alert);
        expect(byId((await again.loadLive(hour(44.5))).alerts)).toHaveLength(4);
        await expect(again.append([raise('alert-surge-2', 90)])).rejects.toThrow();
        const res = await again.append([clear('alert-surge-2', 90, 'subsided')]);
        expect(res).toMatchObject({ status: 'appended', alerts: [{ status: 'cleared' }] });
      } finally {
        await again.close();
      }
    });
  });
}
