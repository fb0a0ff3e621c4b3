/**
 * The browser store's stream logic: snapshot, ordered batches, gap → resume, reconnect,
 * stale detection and cleanup. The transport is a small in-memory fake socket; the events
 * come from the real command rules and reducer (fixtures.ts), so they have the real shape.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createLiveStore,
  type LiveSocket,
  type LiveStore,
} from '../../../../client/live/live-store.ts';
import {
  PROTOCOL_VERSION,
  type Ack,
  type EventsBatch,
  type ResumeResult,
  type Snapshot,
} from '../../../../shared/contract.ts';
import { applyEvents, EMPTY_STATE } from '../../../../shared/domain/reducer.ts';
import { HOUR_MS } from '../../../../shared/domain/time.ts';
import type { DomainEvent } from '../../../../shared/domain/types.ts';
import { makeLog } from '../../../support/fixtures.ts';
import { encodedSnapshot } from '../../../support/snapshots.ts';

const T0 = '2026-11-27T01:00:00.000Z';
const at = (min: number) => new Date(Date.parse(T0) + min * 60_000).toISOString();

type Handler = (...args: unknown[]) => void;
type ResumeAck = (err: Error | null, res?: Ack<ResumeResult>) => void;

/** Just enough of a socket.io-client Socket: on/off/emit/timeout and `connected`. */
class FakeSocket {
  connected = true;
  readonly handlers = new Map<string, Set<Handler>>();
  readonly resumes: { after: number; ack: ResumeAck }[] = [];

  on(event: string, handler: Handler) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)?.add(handler);
    return this;
  }
  off(event: string, handler: Handler) {
    this.handlers.get(event)?.delete(handler);
    return this;
  }
  timeout(_ms: number) {
    return this;
  }
  emit(event: string, payload: { after: number }, ack: ResumeAck) {
    if (event === 'stream:resume') this.resumes.push({ after: payload.after, ack });
    return this;
  }
  /** Plays the server: hands an event to the store's listeners. */
  deliver(event: string, ...args: unknown[]) {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler(...args);
  }
  listenerCount(): number {
    return [...this.handlers.values()].reduce((n, set) => n + set.size, 0);
  }
}

/** Incidents a, b, c reported and some moved on: 6 events, seqs 1..6. */
function sampleLog(): DomainEvent[] {
  const log = makeLog();
  log.report('a', at(0));
  log.report('b', at(1));
  log.update('a', at(2), { status: 'verified' });
  log.report('c', at(3));
  log.update('b', at(4), { status: 'verified' });
  log.update('a', at(5), { status: 'dispatched' });
  return log.events;
}

const EVENTS = sampleLog();
const slice = (from: number, to: number) => EVENTS.filter((e) => e.seq >= from && e.seq <= to);

const incidentsAt = (seq: number) => [
  ...applyEvents(EMPTY_STATE, slice(1, seq)).incidents.values(),
];

function snapshotAt(seq: number, serverTime = at(10)): Snapshot {
  return encodedSnapshot({ seq, serverTime, incidents: incidentsAt(seq) });
}

function batch(from: number, to: number): EventsBatch {
  return { protocol: PROTOCOL_VERSION, from, to, events: slice(from, to) };
}

let socket: FakeSocket;
let store: LiveStore;

function start(options: { staleAfterMs?: number } = {}) {
  socket = new FakeSocket();
  store = createLiveStore({ socket: socket as unknown as LiveSocket, ...options });
}

afterEach(() => {
  store.dispose();
  vi.useRealTimers();
});

describe('live store: snapshot and batches', () => {
  beforeEach(() => start());

  it('starts connecting, with nothing', () => {
    expect(store.getState()).toMatchObject({
      connection: 'connecting',
      hasSnapshot: false,
      seq: 0,
    });
    expect(store.getState().incidents.size).toBe(0);
  });

  it('replaces everything on a snapshot', () => {
    socket.deliver('snapshot', snapshotAt(6));
    expect(store.getState().incidents.size).toBe(3);
    socket.deliver(
      'snapshot',
      encodedSnapshot({ seq: 7, serverTime: at(10), incidents: incidentsAt(2) }),
    );
    const state = store.getState();
    expect(state).toMatchObject({ seq: 7, hasSnapshot: true, connection: 'live' });
    expect([...state.incidents.keys()].sort()).toEqual(['a', 'b']);
    expect(state.incidentList.map((i) => i.id).sort()).toEqual(['a', 'b']);
    expect(state.recentIds).toEqual(['b', 'a']);
  });

  it('applies a batch of consecutive events, keeping the same Map and array', () => {
    socket.deliver('snapshot', snapshotAt(2));
    const before = store.getState();
    socket.deliver('events:batch', batch(3, 6));
    const after = store.getState();
    expect(after.seq).toBe(6);
    expect(after.incidents).toBe(before.incidents);
    expect(after.incidentList).toBe(before.incidentList);
    expect(after.dataVersion).toBe(before.dataVersion + 1);
    expect(after.incidents.get('a')?.status).toBe('dispatched');
    expect(after.incidentList.find((i) => i.id === 'a')?.status).toBe('dispatched');
    expect(after.recentIds).toEqual(['c', 'b', 'a']);
    expect(socket.resumes).toHaveLength(0);
  });

  it('skips the events a snapshot already holds', () => {
    socket.deliver('snapshot', snapshotAt(4));
    const versionBefore = store.getState().dataVersion;
    socket.deliver('events:batch', batch(1, 4));
    expect(store.getState()).toMatchObject({ seq: 4, dataVersion: versionBefore });
    socket.deliver('events:batch', batch(3, 6));
    expect(store.getState().seq).toBe(6);
    expect(store.getState().incidents.get('b')?.status).toBe('verified');
    expect(socket.resumes).toHaveLength(0);
  });

  it('never goes back to an older snapshot', () => {
    socket.deliver('snapshot', snapshotAt(6));
    socket.deliver('snapshot', snapshotAt(3));
    expect(store.getState().seq).toBe(6);
    expect(store.getState().incidents.get('a')?.status).toBe('dispatched');
  });

  it('counts the seq of an event about an incident outside the snapshot, without failing', () => {
    socket.deliver(
      'snapshot',
      encodedSnapshot({
        seq: 4,
        serverTime: at(10),
        incidents: incidentsAt(4).filter((i) => i.id !== 'b'),
      }),
    );
    socket.deliver('events:batch', batch(5, 6));
    expect(store.getState().seq).toBe(6);
    expect(store.getState().incidents.has('b')).toBe(false);
  });
});

describe('live store: gaps and resume', () => {
  beforeEach(() => {
    start();
    socket.deliver('snapshot', snapshotAt(2));
  });

  it('asks once to resume after a gap, buffers meanwhile, then catches up', () => {
    socket.deliver('events:batch', batch(4, 4));
    socket.deliver('events:batch', batch(5, 5));
    expect(socket.resumes.map((r) => r.after)).toEqual([2]);
    expect(store.getState().seq).toBe(2);

    socket.resumes[0]?.ack(null, { ok: true, data: { kind: 'events', batch: batch(3, 4) } });
    expect(store.getState().seq).toBe(5);
    expect(socket.resumes).toHaveLength(1);
    socket.deliver('events:batch', batch(6, 6));
    expect(store.getState().seq).toBe(6);
  });

  it('takes a fresh snapshot as the answer to a resume', () => {
    socket.deliver('events:batch', batch(5, 6));
    socket.resumes[0]?.ack(null, { ok: true, data: { kind: 'snapshot', snapshot: snapshotAt(6) } });
    expect(store.getState().seq).toBe(6);
    expect(store.getState().incidents.size).toBe(3);
  });

  it('asks again after a failed resume, once the retry delay has passed', () => {
    vi.useFakeTimers();
    start();
    socket.deliver('snapshot', snapshotAt(2));
    socket.deliver('events:batch', batch(4, 6));
    socket.resumes[0]?.ack(new Error('operation has timed out'));
    expect(socket.resumes).toHaveLength(1);
    vi.advanceTimersByTime(2_000);
    expect(socket.resumes.map((r) => r.after)).toEqual([2, 2]);
    socket.resumes[1]?.ack(null, { ok: true, data: { kind: 'events', batch: batch(3, 6) } });
    expect(store.getState().seq).toBe(6);
  });

  it('resumes from its seq on reconnect and accepts whichever answer comes', () => {
    socket.connected = false;
    socket.deliver('disconnect', 'transport close');
    expect(store.getState().connection).toBe('offline');
    socket.connected = true;
    socket.deliver('connect');
    expect(socket.resumes.map((r) => r.after)).toEqual([2]);
    socket.deliver('snapshot', snapshotAt(5));
    socket.resumes[0]?.ack(null, { ok: true, data: { kind: 'events', batch: batch(3, 6) } });
    expect(store.getState()).toMatchObject({ seq: 6, connection: 'live' });
  });
});

describe('live store: liveness and cleanup', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(at(10)));
    start({ staleAfterMs: 10_000 });
  });

  it('turns stale without messages and live again on a heartbeat', () => {
    socket.deliver('snapshot', snapshotAt(6));
    expect(store.getState().connection).toBe('live');
    vi.advanceTimersByTime(9_000);
    expect(store.getState().connection).toBe('live');
    vi.advanceTimersByTime(3_000);
    expect(store.getState()).toMatchObject({ connection: 'stale', staleSince: Date.parse(at(10)) });
    socket.deliver('heartbeat', {
      protocol: PROTOCOL_VERSION,
      seq: 6,
      serverTime: new Date(Date.now() + 1_500).toISOString(),
    });
    expect(store.getState().connection).toBe('live');
    expect(store.getState().serverTimeOffsetMs).toBe(1_500);
  });

  it('turns stale when stuck behind a gap, even while heartbeats arrive', () => {
    socket.deliver('snapshot', snapshotAt(2));
    socket.deliver('events:batch', batch(4, 6));
    expect(socket.resumes).toHaveLength(1);
    const beat = () =>
      socket.deliver('heartbeat', {
        protocol: PROTOCOL_VERSION,
        seq: 6,
        serverTime: new Date().toISOString(),
      });
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(5_000);
      beat();
    }
    expect(store.getState()).toMatchObject({ connection: 'stale', staleSince: Date.parse(at(10)) });
    socket.resumes[0]?.ack(null, { ok: true, data: { kind: 'events', batch: batch(3, 6) } });
    expect(store.getState()).toMatchObject({ connection: 'live', staleSince: null, seq: 6 });
  });

  it('is offline from a disconnect, since the last message', () => {
    socket.deliver('snapshot', snapshotAt(6));
    vi.advanceTimersByTime(2_000);
    socket.connected = false;
    socket.deliver('disconnect', 'transport close');
    expect(store.getState()).toMatchObject({
      connection: 'offline',
      staleSince: Date.parse(at(10)),
    });
  });

  it('drops incidents once they leave the live window, and keeps open ones', () => {
    const log = makeLog();
    log.report('done', at(0));
    log.update('done', at(5), { status: 'rejected' });
    log.report('open', at(1));
    const incidents = [...log.state.incidents.values()];
    socket.deliver(
      'snapshot',
      encodedSnapshot({ seq: log.state.seq, serverTime: at(10), incidents }),
    );
    const ids = () => [...store.getState().incidents.keys()].sort();
    // 'done' ended at(5), so it stays until 24 h later; the clock jumps, the check runs.
    const jumpTo = (t: number) => {
      vi.setSystemTime(t);
      vi.advanceTimersByTime(1_000);
    };
    jumpTo(Date.parse(at(5 - 1)) + 24 * HOUR_MS);
    expect(ids()).toEqual(['done', 'open']);
    jumpTo(Date.parse(at(5 + 1)) + 24 * HOUR_MS);
    expect(ids()).toEqual(['open']);
    expect(store.getState().incidentList.map((i) => i.id)).toEqual(['open']);
    expect(store.getState().recentIds).toEqual(['open']);
  });

  it('notifies subscribers and stops after dispose, with no listener left on the socket', () => {
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    socket.deliver('snapshot', snapshotAt(2));
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    socket.deliver('events:batch', batch(3, 3));
    expect(listener).toHaveBeenCalledTimes(1);

    store.subscribe(listener);
    store.dispose();
    expect(socket.listenerCount()).toBe(0);
    socket.deliver('events:batch', batch(4, 4));
    vi.advanceTimersByTime(60_000);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getState().seq).toBe(3);
  });
});
