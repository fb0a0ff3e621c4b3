/**
 * Briefing, replay and exports against the real server, on a day of simulated history
 * sent through the HTTP API (so events carry past field times).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeBriefing } from '../../shared/domain/briefing.ts';
import { fieldTime, replayInPlace, visibleAt } from '../../shared/domain/replay.ts';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import { createSimulator } from '../../server/ingest/simulator/runner.ts';
import { createHttpSink } from '../../server/ingest/simulator/sink.ts';
import { ADMIN_TOKEN, api, startServer, type TestServer } from '../support/harness.ts';

let server: TestServer;
let events: DomainEvent[];
beforeAll(async () => {
  // The admin token posts a day of history: this server lets desk principals date that far back.
  server = await startServer({ env: { BACKDATE_DESK_MINUTES: String(2 * 24 * 60) } });
  const sim = createSimulator({
    sink: createHttpSink({ baseUrl: server.url, token: ADMIN_TOKEN }),
    seed: 3,
    speed: 1,
    log: () => undefined,
  });
  await sim.backfill(1);
  await sim.stop();
  events = [];
  for (let after = 0; ;) {
    const page = (await api(server.url, 'GET', `/api/v1/events?after=${after}&limit=10000`)).body
      .events as DomainEvent[];
    if (page.length === 0) break;
    events.push(...page);
    after = page[page.length - 1]!.seq;
  }
}, 120_000);
afterAll(async () => {
  await server.dispose();
});

describe('replay', () => {
  it('the state at t equals the projection of every event that happened by t', async () => {
    const first = Date.parse(fieldTime(events[0]!));
    const span = Date.now() - first;
    for (const frac of [0.1, 0.35, 0.6, 0.9]) {
      const t = new Date(first + span * frac);
      const expected = new Map<string, Incident>();
      const upToT = events
        .filter((e) => Date.parse(fieldTime(e)) <= t.getTime())
        .sort((a, b) => fieldTime(a).localeCompare(fieldTime(b)) || a.seq - b.seq);
      replayInPlace(expected, upToT);
      const visible = visibleAt(expected.values(), t, 24);
      const res = await api(
        server.url,
        'GET',
        `/api/v1/replay?from=${t.toISOString()}&to=${new Date(t.getTime() + 3_600_000).toISOString()}`,
      );
      expect(res.status).toBe(200);
      const byId = (list: Incident[]) => new Map(list.map((i) => [i.id, i]));
      expect(byId(res.body.initial)).toEqual(byId(visible));
      const inWindow = events.filter((e) => {
        const ft = Date.parse(fieldTime(e));
        return ft > t.getTime() && ft <= t.getTime() + 3_600_000;
      });
      expect(res.body.events.map((e: DomainEvent) => e.seq).sort()).toEqual(
        inWindow.map((e) => e.seq).sort(),
      );
    }
  });

  it('replaying the whole history ends at the live state', async () => {
    const from = new Date(Date.parse(fieldTime(events[0]!)) - 1000);
    const to = new Date(Date.now() + 60_000);
    const res = await api(
      server.url,
      'GET',
      `/api/v1/replay?from=${from.toISOString()}&to=${to.toISOString()}`,
    );
    const state = new Map<string, Incident>();
    replayInPlace(state, res.body.events);
    const live = (await api(server.url, 'GET', '/api/v1/incidents?limit=5000')).body
      .items as Incident[];
    for (const inc of live) {
      const { updatedAt: _u, lastSeq: _l, ...rest } = inc;
      expect(state.get(inc.id)).toMatchObject(rest);
    }
  });

  it.each([
    ['to before from', 'from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z', 'to'],
    ['a window over 31 days', 'from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z', 'to'],
    ['no from', 'to=2026-11-19T00:00:00Z', 'from'],
  ])('refuses %s', async (_n, qs, field) => {
    const res = await api(server.url, 'GET', `/api/v1/replay?${qs}`);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toContain(field);
  });
});

describe('briefing', () => {
  it('answers with the same numbers the shared computation gives from the listed incidents', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 86_400_000);
    const res = await api(
      server.url,
      'GET',
      `/api/v1/briefing?from=${from.toISOString()}&to=${to.toISOString()}&minCount=3`,
    );
    expect(res.status).toBe(200);
    const all = (await api(server.url, 'GET', '/api/v1/incidents?limit=5000')).body
      .items as Incident[];
    const facts = all.map((i) => ({
      id: i.id,
      category: i.category,
      agency: i.agency,
      kelurahanCode: i.kelurahanCode,
      h3: i.h3,
      status: i.status,
      reportedAt: Date.parse(i.reportedAt),
      firstResponseAt: i.firstResponseAt ? Date.parse(i.firstResponseAt) : null,
      resolvedAt: i.resolvedAt ? Date.parse(i.resolvedAt) : null,
      endedAt: i.endedAt ? Date.parse(i.endedAt) : null,
      responseDueAt: Date.parse(i.responseDueAt),
      resolveDueAt: Date.parse(i.resolveDueAt),
      linked: (i.duplicateOf ?? null) !== null,
    }));
    const city = (await api(server.url, 'GET', '/api/v1/city')).body;
    const expected = computeBriefing(facts, {
      from,
      to,
      minCount: 3,
      categories: city.categories.map((c: { code: string }) => c.code),
    });
    expect(res.body.kpis).toEqual(expected.kpis);
    expect(res.body.agencies).toEqual(expected.agencies);
    expect(res.body.kpis.received).toBeGreaterThan(300);
  });

  it.each([
    ['an unknown area format', 'area=Jakarta', 'area'],
    ['a minimum count of zero', 'minCount=0', 'minCount'],
    ['an unknown parameter', 'sort=drop', '(body)'],
  ])('refuses %s', async (_n, extra, field) => {
    const res = await api(
      server.url,
      'GET',
      `/api/v1/briefing?from=2026-11-19T17:00:00Z&to=2026-11-20T17:00:00Z&${extra}`,
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toContain(field);
  });
});

describe('exports', () => {
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(cell);
        cell = '';
      } else if (c === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
      } else if (c !== '\r') cell += c;
    }
    return rows;
  }

  it('CSV parses back to the same rows as the API', async () => {
    await api(server.url, 'POST', '/api/v1/incidents', {
      source: 'jaki',
      category: 'garbage',
      description: '=HYPERLINK("x") "quoted", comma\nnewline',
      location: { lon: 106.8, lat: -6.2 },
    });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    const res = await fetch(`${server.url}/api/v1/export.csv`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'accept-encoding': 'gzip' },
    });
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="nakhoda-incidents-.*\.csv"/,
    );
    const [header, ...rows] = parseCsv(await res.text());
    process.off('warning', onWarning);
    // Writing through compression once leaked a 'drain' listener per row.
    expect(warnings).not.toContain('MaxListenersExceededWarning');
    const all = (await api(server.url, 'GET', '/api/v1/incidents?limit=5000')).body
      .items as Incident[];
    expect(rows).toHaveLength(all.length);
    const col = (name: string) => header!.indexOf(name);
    rows.forEach((r, i) => {
      expect(r[col('id')]).toBe(all[i]!.id);
      expect(r[col('status')]).toBe(all[i]!.status);
      expect(Number(r[col('lon')])).toBe(all[i]!.location.lon);
    });
    expect(rows[0]![col('description')]).toBe(`'=HYPERLINK("x") "quoted", comma\nnewline`);
  });

  it('filters exports and lists by area (kota, kecamatan or kelurahan code prefix)', async () => {
    const inPluit = await api(server.url, 'POST', '/api/v1/incidents', {
      source: 'jaki',
      category: 'flooding',
      kelurahanCode: '31.72.01.1005',
      location: { lon: 106.79, lat: -6.12 },
    });
    for (const area of ['31.72', '31.72.01', '31.72.01.1005']) {
      const geo = await api(server.url, 'GET', `/api/v1/export.geojson?area=${area}`);
      const ids = geo.body.features.map((f: { id: string }) => f.id);
      expect(ids).toContain(inPluit.body.incident.id);
      for (const f of geo.body.features)
        expect(f.properties.kelurahanCode.startsWith(area)).toBe(true);
      const list = await api(server.url, 'GET', `/api/v1/incidents?area=${area}`);
      expect(list.body.items.map((i: Incident) => i.id)).toEqual(ids);
    }
    const other = await api(server.url, 'GET', '/api/v1/export.geojson?area=31.75');
    expect(other.body.features.map((f: { id: string }) => f.id)).not.toContain(
      inPluit.body.incident.id,
    );
    expect((await api(server.url, 'GET', '/api/v1/incidents?area=Pluit')).status).toBe(400);
  });

  it('GeoJSON is a valid FeatureCollection of points, filterable', async () => {
    const res = await api(server.url, 'GET', '/api/v1/export.geojson?category=garbage');
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.features.length).toBeGreaterThan(0);
    for (const f of res.body.features) {
      expect(f).toMatchObject({
        type: 'Feature',
        geometry: { type: 'Point' },
        properties: { category: 'garbage' },
      });
      expect(f.geometry.coordinates).toHaveLength(2);
    }
  });
});
