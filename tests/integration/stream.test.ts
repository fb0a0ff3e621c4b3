/**
 * The live stream against the real server and real socket.io-client: snapshot first,
 * then ordered gap-free batches; a burst arrives once, in order, batched; a client that
 * was away resumes and ends with exactly the server's state. No timing thresholds: how
 * fast is the benchmarks' business (BENCHMARKS.md), these check order and completeness.
 */
import type { Alert } from '../../shared/domain/alerts.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, EventsBatch, ResumeResult, Snapshot } from '../../shared/contract.ts';
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import { applyInPlace } from '../../shared/domain/reducer.ts';
import { statsFor } from '../../shared/domain/stats.ts';
import type { Incident } from '../../shared/domain/types.ts';
import {
  api,
  connectClient,
  nextEvent,
  report,
  startServer,
  waitFor,
  type TestServer,
  type TestSocket,
} from '../support/harness.ts';
import { incidentsOf } from '../support/snapshots.ts';

let server: TestServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startServer({ heartbeatMs: 300, maxResumeEvents: 500 });
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(async () => {
  await server.dispose();
});

function open(): TestSocket {
  const s = connectClient(server.url);
  sockets.push(s);
  return s;
}

/** A client-side mirror: snapshot + batches through the shared reducer, checking order. */
function mirror(socket: TestSocket) {
  const state = {
    seq: -1,
    incidents: new Map<string, Incident>(),
    alerts: new Map<string, Alert>(),
  };
  const batches: EventsBatch[] = [];
  const problems: string[] = [];
  socket.on('snapshot', (s: Snapshot) => {
    state.seq = s.seq;
    state.incidents = new Map(incidentsOf(s).map((i) => [i.id, i]));
  });
  socket.on('events:batch', (b) => {
    if (state.seq === -1) problems.push(`batch ${b.from}-${b.to} before the snapshot`);
    batches.push(b);
    b.events.forEach((e, i) => {
      if (e.seq !== b.from + i)
        problems.push(`batch ${b.from}-${b.to} not consecutive at ${e.seq}`);
    });
    if (b.to !== b.events[b.events.length - 1]?.seq)
      problems.push(`batch 'to' ${b.to} is not its last seq`);
    const fresh = b.events.filter((e) => e.seq > state.seq);
    if (fresh.length && fresh[0]!.seq !== state.seq + 1) problems.push(`gap after ${state.seq}`);
    applyInPlace(state, fresh);
  });
  return { state, batches, problems };
}

async function serverIncidents(): Promise<Map<string, Incident>> {
  const { body } = await api(server.url, 'GET', '/api/v1/incidents?limit=5000');
  return new Map((body.items as Incident[]).map((i) => [i.id, i]));
}

describe('live stream', () => {
  it('sends a snapshot on connect, then the next report in a batch', async () => {
    const socket = open();
    const snapshot = await nextEvent(socket, 'snapshot');
    expect(snapshot.protocol).toBe(1);
    const { body } = await api(server.url, 'GET', '/api/v1/stats');
    expect(body.seq).toBe(snapshot.seq);
    expect(
      statsFor(incidentsOf(snapshot), JAKARTA, new Date(body.stats.generatedAt)).totals,
    ).toEqual(body.stats.totals);
    const batch = nextEvent(socket, 'events:batch');
    const posted = await api(server.url, 'POST', '/api/v1/incidents', report());
    const b = await batch;
    expect(b.from).toBe(snapshot.seq + 1);
    expect(b.events[0]).toMatchObject({
      type: 'incident.reported',
      incidentId: posted.body.incident.id,
    });
  });

  it('delivers 1,000 rapid reports exactly once each, in order, without a gap, batched', async () => {
    const socket = open();
    const view = mirror(socket);
    await nextEvent(socket, 'snapshot');
    const start = view.state.seq;
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        api(server.url, 'POST', '/api/v1/incidents', report({ externalId: `burst-${i}` })),
      ),
    );
    await waitFor(() => view.state.seq >= start + 1000, { timeout: 30_000 });
    expect(view.problems).toEqual([]);
    expect(view.state.seq).toBe(start + 1000);
    const delivered = view.batches.flatMap((b) => b.events);
    expect(delivered.map((e) => e.seq)).toEqual(
      Array.from({ length: 1000 }, (_, i) => start + 1 + i),
    );
    const external = delivered.map((e) =>
      e.type === 'incident.reported' ? e.data.incident.externalId : null,
    );
    expect(new Set(external)).toEqual(
      new Set(Array.from({ length: 1000 }, (_, i) => `burst-${i}`)),
    );
    // Batching, not one message per event (how few is the benchmarks' business).
    expect(view.batches.length).toBeLessThan(delivered.length);
  });

  it('a screen joining while reports stream in gets its snapshot first, then follows on to exactly the server state', async () => {
    const stop = { now: false };
    const posting = (async () => {
      for (let i = 0; !stop.now; i++)
        await Promise.all(
          Array.from({ length: 5 }, (_, j) =>
            api(server.url, 'POST', '/api/v1/incidents', report({ externalId: `join-${i}-${j}` })),
          ),
        );
    })();
    let snapshot: Snapshot;
    let view: ReturnType<typeof mirror>;
    try {
      await new Promise((r) => setTimeout(r, 300));
      const socket = open();
      view = mirror(socket);
      snapshot = await nextEvent(socket, 'snapshot', { timeout: 20_000 });
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      stop.now = true;
      await posting;
    }
    const head = (await api(server.url, 'GET', '/healthz')).body.seq as number;
    await waitFor(() => view.state.seq === head);
    expect(view.problems).toEqual([]);
    expect(snapshot.seq).toBe(snapshot.pictureSeq + snapshot.tail.length);
    // Only open or recently ended incidents are in a snapshot: all of these are.
    expect(view.state.incidents).toEqual(await serverIncidents());
  });

  it('heartbeats carry the latest seq and the server clock’s time', async () => {
    const at = new Date('2026-11-27T05:00:00.000Z');
    const own = await startServer({ heartbeatMs: 100, clock: () => at });
    const socket = connectClient(own.url);
    sockets.push(socket);
    try {
      await nextEvent(socket, 'snapshot');
      const batch = nextEvent(socket, 'events:batch');
      const posted = await api(own.url, 'POST', '/api/v1/incidents', report());
      expect((await batch).to).toBe(posted.body.seq);
      // Sent after that batch on the same connection, so after the report was logged.
      const beat = await nextEvent(socket, 'heartbeat');
      expect(beat).toMatchObject({ seq: posted.body.seq, serverTime: at.toISOString() });
    } finally {
      socket.disconnect();
      await own.dispose();
    }
  });

  it('a client away while 100 events happen resumes and ends with exactly the server state', async () => {
    const socket = open();
    const view = mirror(socket);
    await nextEvent(socket, 'snapshot');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await api(server.url, 'POST', '/api/v1/incidents', report())).body.incident.id);
    }
    await waitFor(
      () => view.state.incidents.size > 0 && ids.every((id) => view.state.incidents.has(id)),
    );
    socket.disconnect();
    const missedFrom = view.state.seq;

    for (let i = 0; i < 60; i++) await api(server.url, 'POST', '/api/v1/incidents', report());
    for (const id of ids) {
      for (const status of ['verified', 'dispatched', 'in_progress', 'resolved']) {
        await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, { status });
      }
    }
    for (let i = 0; i < 20; i++) await api(server.url, 'POST', '/api/v1/incidents', report());

    const back = connectClient(server.url, { autoConnect: false });
    sockets.push(back);
    back.connect();
    await nextEvent(back, 'snapshot');
    const res = await back.timeout(5000).emitWithAck('stream:resume', { after: missedFrom });
    expect(res.ok).toBe(true);
    if (!res.ok || res.data.kind !== 'events') throw new Error('expected events');
    expect(res.data.batch.events).toHaveLength(100);
    expect(res.data.batch.from).toBe(missedFrom + 1);
    applyInPlace(view.state, res.data.batch.events);

    const truth = await serverIncidents();
    expect(view.state.seq).toBe((await api(server.url, 'GET', '/healthz')).body.seq);
    // Both ways: nothing the server has is missing from the client, nothing extra, all equal.
    expect([...view.state.incidents.keys()].sort()).toEqual([...truth.keys()].sort());
    expect(view.state.incidents).toEqual(truth);
    for (const id of ids) expect(view.state.incidents.get(id)?.status).toBe('resolved');
  });

  it('answers a resume from too far behind with a fresh snapshot, and from near with events', async () => {
    // Its own server, so "too far" is reached here and not by what other tests posted.
    const own = await startServer({ maxResumeEvents: 3 });
    const socket = connectClient(own.url);
    sockets.push(socket);
    try {
      await nextEvent(socket, 'snapshot');
      for (let i = 0; i < 4; i++) await api(own.url, 'POST', '/api/v1/incidents', report());
      const far: Ack<ResumeResult> = await socket
        .timeout(5000)
        .emitWithAck('stream:resume', { after: 0 });
      if (!far.ok || far.data.kind !== 'snapshot') throw new Error(`expected a snapshot`);
      expect(far.data.snapshot.seq).toBe(4);
      expect(incidentsOf(far.data.snapshot)).toHaveLength(4);
      const near: Ack<ResumeResult> = await socket
        .timeout(5000)
        .emitWithAck('stream:resume', { after: 1 });
      if (!near.ok || near.data.kind !== 'events') throw new Error('expected events');
      expect(near.data.batch.events.map((e) => e.seq)).toEqual([2, 3, 4]);
    } finally {
      socket.disconnect();
      await own.dispose();
    }
  });

  it.each([
    ['a negative seq', { after: -1 }],
    ['a string', { after: 'x' }],
    ['no payload', null],
  ])('refuses a resume with %s by ack error, and stays up', async (_name, payload) => {
    const socket = open();
    await nextEvent(socket, 'snapshot');
    const res = await socket.timeout(5000).emitWithAck('stream:resume', payload as never);
    expect(res.ok).toBe(false);
    expect(socket.connected).toBe(true);
  });

  it('applies incident:update from a socket and broadcasts it to the others', async () => {
    const actor = open();
    const watcher = open();
    await Promise.all([nextEvent(actor, 'snapshot'), nextEvent(watcher, 'snapshot')]);
    const id = (await api(server.url, 'POST', '/api/v1/incidents', report())).body.incident
      .id as string;
    const seen = new Promise<void>((resolve) => {
      watcher.on('events:batch', (b) => {
        if (b.events.some((e) => e.type === 'incident.status_changed' && e.incidentId === id))
          resolve();
      });
    });
    const ok = await actor
      .timeout(5000)
      .emitWithAck('incident:update', { id, changes: { status: 'verified' } });
    expect(ok.ok && ok.data.incident.status).toBe('verified');
    await seen;
    const bad = await actor
      .timeout(5000)
      .emitWithAck('incident:update', { id, changes: { status: 'closed' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'illegal_transition' } });
    const junk = await actor.timeout(5000).emitWithAck('incident:update', { id: 5 } as never);
    expect(junk).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
