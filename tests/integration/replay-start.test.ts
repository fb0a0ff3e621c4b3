/**
 * Replay starts from the incidents that can be on screen at `from`, not from the whole
 * log before it: on simulated history, and on a log from before changes had to come in
 * field-time order, the picture must equal a replay of every event.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL } from '../../shared/domain/access.ts';
import { fieldTime, replayInPlace, visibleAt } from '../../shared/domain/replay.ts';
import type { DomainEvent, Incident, NewEvent } from '../../shared/domain/types.ts';
import { createServiceSink } from '../../server/ingest/simulator-source.ts';
import { createSimulator } from '../../server/ingest/simulator/runner.ts';
import { openSqliteStore } from '../../server/log/sqlite.store.ts';
import type { Store } from '../../server/log/store.ts';
import { api, report, startServer, tempDbFile, type TestServer } from '../support/harness.ts';

const HOUR = 3_600_000;
const WINDOW_HOURS = 24;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  const sim = createSimulator({
    sink: createServiceSink(server.app.service),
    seed: 11,
    speed: 1,
    log: () => undefined,
  });
  await sim.backfill(3);
  await sim.stop();
}, 120_000);
afterAll(async () => {
  await server.dispose();
});

async function wholeLog(store: Store): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (let page = await store.eventsAfter(0, 5000); page.length > 0;) {
    events.push(...page);
    page = await store.eventsAfter(page[page.length - 1]!.seq, 5000);
  }
  return events;
}

/** What a replay of every event with field time up to `at`, in field-time order, shows. */
function fullReplay(events: DomainEvent[], at: Date): Incident[] {
  const state = new Map<string, Incident>();
  replayInPlace(
    state,
    events
      .filter((e) => Date.parse(fieldTime(e)) <= at.getTime())
      .sort((a, b) => fieldTime(a).localeCompare(fieldTime(b)) || a.seq - b.seq),
  );
  return visibleAt(state.values(), at, WINDOW_HOURS);
}

const byId = (list: Incident[]) =>
  new Map(list.map((i) => [i.id, JSON.parse(JSON.stringify(i)) as Incident]));

async function replayedFromAlive(store: Store, at: Date) {
  const state = new Map<string, Incident>();
  let read = 0;
  const since = new Date(at.getTime() - WINDOW_HOURS * HOUR).toISOString();
  for await (const e of store.iterateAliveAt(at.toISOString(), since)) {
    replayInPlace(state, [e]);
    read++;
  }
  return { visible: visibleAt(state.values(), at, WINDOW_HOURS), read };
}

/**
 * A change logged after one of later field time, as crews syncing late could once do:
 * resolved, reopened, then a resolution dated before the reopening. The projection keeps
 * the late resolution's time; in field time the incident was open again.
 */
async function outOfOrder(reportedAt: number): Promise<{ id: string; open: Date }> {
  const made = await server.app.service.report(
    report({ reportedAt: new Date(reportedAt).toISOString() }),
    SYSTEM_PRINCIPAL,
  );
  if (!made.ok) throw new Error(made.error.message);
  const id = made.data.incident.id;
  const actor = { kind: 'system', id: 'crew-sync' } as const;
  const change = (from: string, to: string, afterHours: number): NewEvent =>
    ({
      type: 'incident.status_changed',
      incidentId: id,
      at: new Date().toISOString(),
      actor,
      data: {
        from,
        to,
        occurredAt: new Date(reportedAt + afterHours * HOUR).toISOString(),
        note: null,
      },
    }) as NewEvent;
  await server.store.append([
    change('received', 'dispatched', 1),
    change('dispatched', 'resolved', 2),
    change('resolved', 'in_progress', 6),
    change('in_progress', 'resolved', 4),
  ]);
  return { id, open: new Date(reportedAt + (6 + WINDOW_HOURS + 1) * HOUR) };
}

describe('replay from the incidents alive at from', () => {
  it('shows what a replay of the whole log shows, at several moments of simulated history', async () => {
    const events = await wholeLog(server.store);
    const first = Date.parse(fieldTime(events[0]!));
    const span = Date.now() - first;
    for (const frac of [0.05, 0.3, 0.55, 0.8, 0.97]) {
      const at = new Date(first + span * frac);
      const expected = fullReplay(events, at);
      const res = await api(
        server.url,
        'GET',
        `/api/v1/replay?from=${at.toISOString()}&to=${new Date(at.getTime() + HOUR).toISOString()}`,
      );
      expect(res.status).toBe(200);
      expect(byId(res.body.initial)).toEqual(byId(expected));
      const direct = await replayedFromAlive(server.store, at);
      expect(byId(direct.visible)).toEqual(byId(expected));
    }
  });

  it('reads only the incidents that can be alive, not the whole log before from', async () => {
    const events = await wholeLog(server.store);
    const at = new Date(Date.now() - HOUR);
    const before = events.filter((e) => Date.parse(fieldTime(e)) <= at.getTime()).length;
    const { read, visible } = await replayedFromAlive(server.store, at);
    expect(visible.length).toBeGreaterThan(0);
    expect(read).toBeLessThan(before);
  });

  it('keeps an incident whose status changes were logged out of field-time order', async () => {
    const { id, open } = await outOfOrder(Date.now() - 2.5 * 24 * HOUR);
    expect((await server.store.getIncident(id))?.endedAt).not.toBeNull();
    const expected = fullReplay(await wholeLog(server.store), open);
    expect(expected.map((i) => i.id)).toContain(id);
    const res = await api(
      server.url,
      'GET',
      `/api/v1/replay?from=${open.toISOString()}&to=${new Date(open.getTime() + HOUR).toISOString()}`,
    );
    expect(byId(res.body.initial)).toEqual(byId(expected));
  });

  it('finds such incidents in a database written before they were tracked', async () => {
    const { id, open } = await outOfOrder(Date.now() - 2.5 * 24 * HOUR);
    const log = await server.store.eventsForIncident(id);
    const temp = tempDbFile();
    const written = openSqliteStore(temp.file);
    await written.append(log.map(({ seq: _seq, ...e }) => e as NewEvent));
    await written.close();
    // As version 2 left it: the same log, nothing marked.
    const db = new Database(temp.file);
    db.exec('DELETE FROM status_out_of_order; PRAGMA user_version = 2;');
    db.close();
    const store = openSqliteStore(temp.file);
    try {
      const expected = fullReplay(await wholeLog(store), open);
      expect(expected.map((i) => i.id)).toEqual([id]);
      const { visible } = await replayedFromAlive(store, open);
      expect(byId(visible)).toEqual(byId(expected));
    } finally {
      await store.close();
      temp.cleanup();
    }
  });
});
