/**
 * The Store contract's reads in field time: iterateByOccurrence, countByOccurrence and
 * iterateAliveAt, the replay start. What iterateAliveAt yields, replayed with the shared
 * replay, must show what a replay of the whole log shows (shared/domain/replay.ts).
 * Registered by describeStoreContract (store-contract.ts) inside its suite.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/log/store.ts';
import { fieldTime, replayInPlace, visibleAt } from '../../shared/domain/replay.ts';
import { HOUR_MS } from '../../shared/domain/time.ts';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import type { CurrentStore } from './store-contract.ts';
import type { History } from './store-history.ts';
import {
  appendAll,
  byOccurrence,
  cityHistory,
  collect,
  crowdHistory,
  hour,
} from './store-history.ts';

const WINDOW_HOURS = 24;

const hoursBefore = (iso: string, hours: number) =>
  new Date(Date.parse(iso) - hours * HOUR_MS).toISOString();

const bySeq = (events: DomainEvent[]) => [...events].sort((a, b) => a.seq - b.seq);
const byId = (list: Incident[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

/** What a screen showed at `at`, replaying `events` with field time up to it in field-time order. */
function replayed(events: Iterable<DomainEvent>, at: string): Incident[] {
  const state = new Map<string, Incident>();
  replayInPlace(state, events);
  return byId(visibleAt(state.values(), new Date(at), WINDOW_HOURS));
}

/**
 * Reads iterateAliveAt(at, at − window) and checks it: field times up to `at`, each
 * incident's events together in field-time order then seq, and a replay of them equal to
 * a replay of the whole log. Returns what it read.
 */
export async function replayMatches(store: Store, history: History, at: string) {
  const read = await collect(store.iterateAliveAt(at, hoursBefore(at, WINDOW_HOURS)));
  const done = new Set<string>();
  read.forEach((e, n) => {
    expect(fieldTime(e) <= at, `event ${e.seq} is after ${at}`).toBe(true);
    const prev = read[n - 1];
    if (prev?.incidentId === e.incidentId) {
      expect(fieldTime(prev).localeCompare(fieldTime(e)) || prev.seq - e.seq).toBeLessThan(0);
    } else {
      expect(done.has(e.incidentId), `${e.incidentId}'s events come apart`).toBe(false);
      done.add(e.incidentId);
    }
  });
  const expected = replayed(byOccurrence(history.events, null, at), at);
  expect(replayed(read, at)).toEqual(expected);
  return read;
}

export function describeReplayContract(current: CurrentStore): void {
  describe('reads in field time', () => {
    it.each([
      { after: null, until: hour(100) },
      { after: null, until: hour(2) },
      { after: hour(2), until: hour(14) },
      { after: hour(2.25), until: hour(3) },
      { after: hour(70), until: hour(100) },
    ])(
      'iterateByOccurrence($after, $until): field times in (after, until], ties by seq',
      async ({ after, until }) => {
        const store = current();
        const history = cityHistory();
        await appendAll(store, history);
        expect(await collect(store.iterateByOccurrence(after, until))).toEqual(
          byOccurrence(history.events, after, until),
        );
      },
    );

    it('iterateByOccurrence follows field time, not the order of the log', async () => {
      const store = current();
      const history = cityHistory();
      await appendAll(store, history);
      const seqs = (await collect(store.iterateByOccurrence(null, hour(100)))).map((e) => e.seq);
      expect(seqs).toHaveLength(history.events.length);
      expect(seqs).not.toEqual([...seqs].sort((a, b) => a - b));
      // inc-h, reported at h1, was logged last: it comes before inc-a's resolution at h5.
      const resolvedA = history.events.find(
        (e) =>
          e.incidentId === 'inc-a' &&
          e.type === 'incident.status_changed' &&
          e.data.to === 'resolved',
      )!;
      expect(seqs.indexOf(history.events.length)).toBeLessThan(seqs.indexOf(resolvedA.seq));
    });

    it.each([
      { after: hour(-1), until: hour(100), cap: 1000 },
      { after: hour(2), until: hour(14), cap: 1000 },
      { after: hour(1), until: hour(2), cap: 1000 },
      { after: hour(-1), until: hour(100), cap: 5 },
      { after: hour(70), until: hour(100), cap: 10 },
    ])(
      'countByOccurrence($after, $until, $cap) counts field times in (after, until] up to cap',
      async ({ after, until, cap }) => {
        const store = current();
        const history = cityHistory();
        await appendAll(store, history);
        const expected = Math.min(cap, byOccurrence(history.events, after, until).length);
        expect(await store.countByOccurrence(after, until, cap)).toBe(expected);
      },
    );

    it.each([hour(0.5), hour(3), hour(13), hour(17), hour(41), hour(47), hour(70)])(
      'iterateAliveAt(%s) replays to what a replay of the whole log shows',
      async (at) => {
        const store = current();
        const history = cityHistory();
        await appendAll(store, history);
        await replayMatches(store, history, at);
      },
    );

    it.each([
      { at: hour(13), ids: ['inc-a', 'inc-b', 'inc-c', 'inc-d', 'inc-g', 'inc-h'] },
      { at: hour(41), ids: ['inc-b', 'inc-d', 'inc-e', 'inc-f', 'inc-g', 'inc-h'] },
      { at: hour(70), ids: ['inc-b', 'inc-d', 'inc-e', 'inc-f', 'inc-g', 'inc-h'] },
    ])(
      'iterateAliveAt($at) reads the incidents reported by then and not ended a window before, and inc-g',
      async ({ at, ids }) => {
        const store = current();
        const history = cityHistory();
        await appendAll(store, history);
        const read = await collect(store.iterateAliveAt(at, hoursBefore(at, WINDOW_HOURS)));
        const wanted = history.events.filter(
          (e) => ids.includes(e.incidentId) && fieldTime(e) <= at,
        );
        expect(bySeq(read)).toEqual(wanted);
      },
    );

    it('reads a crowd across pages: ties in field time, more incidents than a page', async () => {
      const store = current();
      const crowd = crowdHistory(1200, 300);
      await appendAll(store, crowd);
      expect(await collect(store.iterateByOccurrence(null, hour(10)))).toEqual(
        byOccurrence(crowd.events, null, hour(10)),
      );
      expect(await collect(store.iterateByOccurrence(hour(1), hour(3)))).toEqual(
        byOccurrence(crowd.events, hour(1), hour(3)),
      );
      expect(await store.countByOccurrence(hour(-1), hour(10), 1000)).toBe(1000);
      const read = await replayMatches(store, crowd, hour(10));
      expect(bySeq(read)).toEqual(crowd.events);
    });
  });
}
