/**
 * Reporters' contact details reach only those who act on the incident (admins,
 * supervisors, the agency it is assigned to), on every read path: HTTP lists and
 * details, the log, replay, both exports, the snapshot, live batches and resume.
 * A wall display, which may not read the log, also gets no notes' text or actor names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/types.ts';
import {
  api,
  connectClient,
  connectWithCookie,
  nextEvent,
  report,
  startServer,
  type TestServer,
  type TestSocket,
  waitFor,
} from '../support/harness.ts';
import {
  REPORTER,
  REPORTER_MARK,
  seedPrincipals,
  type Principals,
  type Who,
} from '../support/principals.ts';
import { incidentsOf } from '../support/snapshots.ts';

let server: TestServer;
let p: Principals;
const NOTE = 'catatan internal: hubungi pelapor';

beforeAll(async () => {
  server = await startServer();
  p = await seedPrincipals(server);
  await api(server.url, 'PATCH', `/api/v1/incidents/${p.dsdaIncident}`, { note: NOTE });
});
afterAll(async () => {
  await server.dispose();
});

const readers = ['admin', 'supervisor', 'agency', 'viewer', 'display'] as const;
/** Whether each reader may see the reporter of the Dinas SDA incident, and of the Bina Marga one. */
const sees: Record<(typeof readers)[number], { dsda: boolean; road: boolean }> = {
  admin: { dsda: true, road: true },
  supervisor: { dsda: true, road: true },
  agency: { dsda: true, road: false },
  viewer: { dsda: false, road: false },
  display: { dsda: false, road: false },
};
const rows = readers.map((who) => [who, sees[who].dsda, sees[who].road] as const);

const window = () => {
  const now = Date.now();
  return `from=${new Date(now - 3_600_000).toISOString()}&to=${new Date(now + 60_000).toISOString()}`;
};

function reporterOf(events: DomainEvent[], id: string) {
  const e = events.find((x) => x.type === 'incident.reported' && x.incidentId === id);
  if (e?.type !== 'incident.reported') throw new Error(`no report of ${id}`);
  return e.data.incident.reporter;
}
const expected = (visible: boolean) =>
  visible ? { name: REPORTER.name, phone: REPORTER.phone, email: null } : null;

describe('HTTP read paths', () => {
  it.each(rows)(
    'incident list and detail for %s (SDA %s, Bina Marga %s)',
    async (who, dsda, road) => {
      const list = await p.call(who, 'GET', '/api/v1/incidents?limit=500');
      const find = (id: string) => list.body.items.find((i: { id: string }) => i.id === id);
      expect(find(p.dsdaIncident).reporter).toEqual(expected(dsda));
      expect(find(p.roadIncident).reporter).toEqual(expected(road));
      for (const [id, visible] of [
        [p.dsdaIncident, dsda],
        [p.roadIncident, road],
      ] as const) {
        const one = await p.call(who, 'GET', `/api/v1/incidents/${id}`);
        expect(one.body.incident.reporter).toEqual(expected(visible));
        expect(reporterOf(one.body.history, id)).toEqual(expected(visible));
      }
    },
  );

  it.each(rows.filter(([who]) => who !== 'display'))(
    'the event log for %s (SDA %s, Bina Marga %s)',
    async (who, dsda, road) => {
      const { body } = await p.call(who, 'GET', '/api/v1/events?after=0');
      expect(reporterOf(body.events, p.dsdaIncident)).toEqual(expected(dsda));
      expect(reporterOf(body.events, p.roadIncident)).toEqual(expected(road));
    },
  );

  it.each(rows)('replay for %s (SDA %s, Bina Marga %s)', async (who, dsda, road) => {
    const { status, body } = await p.call(who, 'GET', `/api/v1/replay?${window()}`);
    expect(status).toBe(200);
    expect(reporterOf(body.events, p.dsdaIncident)).toEqual(expected(dsda));
    expect(reporterOf(body.events, p.roadIncident)).toEqual(expected(road));
    const notes = JSON.stringify(body.events).includes(NOTE);
    expect(notes).toBe(who !== 'display');
  });

  it.each(rows)('the CSV export for %s (SDA %s, Bina Marga %s)', async (who, dsda, road) => {
    const { body } = await p.call(who, 'GET', '/api/v1/export.csv');
    const lines = String(body).split('\n');
    const line = (id: string) => lines.find((l) => l.includes(id)) ?? '';
    expect(line(p.dsdaIncident).includes(REPORTER_MARK)).toBe(dsda);
    expect(line(p.roadIncident).includes(REPORTER_MARK)).toBe(road);
  });

  it.each(rows)('the GeoJSON export for %s (SDA %s, Bina Marga %s)', async (who, dsda, road) => {
    const { body } = await p.call(who, 'GET', '/api/v1/export.geojson');
    const feature = (id: string) =>
      JSON.stringify(
        body.features.find((f: { properties: { id: string } }) => f.properties.id === id),
      );
    expect(feature(p.dsdaIncident).includes(REPORTER_MARK)).toBe(dsda);
    expect(feature(p.roadIncident).includes(REPORTER_MARK)).toBe(road);
  });

  it('answers a re-posted externalId with only its id and seq, whoever posts it', async () => {
    const first = await p.call('ingest', 'POST', '/api/v1/incidents', {
      ...report({ source: 'qlue', externalId: 'QLUE-77', reporter: REPORTER }),
    });
    expect(first.status).toBe(201);
    await api(server.url, 'PATCH', `/api/v1/incidents/${first.body.incident.id}`, { note: NOTE });
    const again = await p.call('ingest', 'POST', '/api/v1/incidents', {
      ...report({ source: 'qlue', externalId: 'QLUE-77' }),
    });
    expect(again.status).toBe(200);
    expect(again.body.incident).toEqual({ id: first.body.incident.id });
    expect(again.body.seq).toEqual(expect.any(Number));
    expect(JSON.stringify(again.body)).not.toContain(REPORTER_MARK);
    expect(JSON.stringify(again.body)).not.toContain(NOTE);
  });
});

describe('the live stream', () => {
  const open = (who: Who): TestSocket =>
    who === 'display'
      ? connectClient(server.url, { token: p.secrets.display })
      : who === 'admin'
        ? connectClient(server.url)
        : connectWithCookie(
            server.url,
            p.secrets.cookies[who as 'supervisor' | 'agency' | 'viewer'],
          );

  it.each(rows)('snapshot for %s (SDA %s, Bina Marga %s)', async (who, dsda, road) => {
    const s = open(who);
    const snap = await nextEvent(s, 'snapshot');
    const find = (id: string) => incidentsOf(snap).find((i) => i.id === id);
    expect(find(p.dsdaIncident)?.reporter).toEqual(expected(dsda));
    expect(find(p.roadIncident)?.reporter).toEqual(expected(road));
    s.disconnect();
  });

  it('batches carry each audience its own redaction', async () => {
    const sockets = Object.fromEntries(readers.map((who) => [who, open(who)])) as Record<
      (typeof readers)[number],
      TestSocket
    >;
    await Promise.all(readers.map((who) => nextEvent(sockets[who], 'snapshot')));
    const received = Object.fromEntries(readers.map((who) => [who, [] as DomainEvent[]]));
    for (const who of readers)
      sockets[who].on('events:batch', (b) => received[who]!.push(...b.events));
    const flood = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ category: 'flooding', reporter: REPORTER }),
    );
    const road = await api(server.url, 'POST', '/api/v1/incidents', report({ reporter: REPORTER }));
    const noted = await api(server.url, 'PATCH', `/api/v1/incidents/${road.body.incident.id}`, {
      note: NOTE,
    });
    // However the three writes fall into batches, every audience receives all of them.
    await waitFor(() =>
      readers.every((who) => received[who]!.some((e) => e.seq === noted.body.seq)),
    );
    for (const who of readers) {
      const events = received[who]!;
      expect(reporterOf(events, flood.body.incident.id), who).toEqual(expected(sees[who].dsda));
      expect(reporterOf(events, road.body.incident.id), who).toEqual(expected(sees[who].road));
      const note = events.find((e) => e.type === 'incident.noted');
      if (who === 'display') {
        expect(note?.actor.id).toBe('');
        expect(JSON.stringify(events)).not.toContain(NOTE);
      } else {
        expect(JSON.stringify(note)).toContain(NOTE);
      }
    }
    for (const s of Object.values(sockets)) s.disconnect();
  });

  it.each(rows)('stream:resume for %s (SDA %s, Bina Marga %s)', async (who, dsda, road) => {
    const s = open(who);
    await nextEvent(s, 'snapshot');
    const res = await s.timeout(5000).emitWithAck('stream:resume', { after: 0 });
    s.disconnect();
    if (!res.ok) throw new Error(res.error.message);
    if (who === 'display') {
      // A wall display may not read the log: it resumes from a picture, not from events.
      expect(res.data.kind).toBe('snapshot');
      expect(JSON.stringify(res.data)).not.toContain(NOTE);
      expect(JSON.stringify(res.data)).not.toContain(REPORTER_MARK);
      return;
    }
    if (res.data.kind !== 'events') throw new Error('expected events');
    expect(reporterOf(res.data.batch.events, p.dsdaIncident)).toEqual(expected(dsda));
    expect(reporterOf(res.data.batch.events, p.roadIncident)).toEqual(expected(road));
  });
});
