/**
 * HTTP ingest against the real server: reports, idempotency, and every kind of bad
 * input refused with a 4xx naming the field and nothing appended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, report, startServer, type TestServer } from '../support/harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.dispose();
});

const latestSeq = async () => (await api(server.url, 'GET', '/healthz')).body.seq as number;

describe('POST /api/v1/incidents', () => {
  it('stores a report and derives agency, SLA, H3 cell and status', async () => {
    const res = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ category: 'fire', externalId: 'f-1' }),
    );
    expect(res.status).toBe(201);
    const { incident, seq } = res.body;
    expect(seq).toBeGreaterThan(0);
    expect(incident).toMatchObject({
      source: 'jaki',
      externalId: 'f-1',
      category: 'fire',
      agency: 'gulkarmat',
      severity: 'critical',
      status: 'received',
    });
    expect(incident.h3).toMatch(/^88/);
    expect(Date.parse(incident.responseDueAt) - Date.parse(incident.reportedAt)).toBe(15 * 60_000);
  });

  it('is idempotent on (source, externalId): the same report again appends nothing', async () => {
    const first = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ externalId: 'dup-1' }),
    );
    const before = await latestSeq();
    const again = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ externalId: 'dup-1', description: 'x' }),
    );
    expect(again.status).toBe(200);
    expect(again.body.incident.id).toBe(first.body.incident.id);
    expect(await latestSeq()).toBe(before);
    const otherSource = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ externalId: 'dup-1', source: 'qlue' }),
    );
    expect(otherSource.status).toBe(201);
  });

  const bad: [string, unknown, number, string][] = [
    ['malformed JSON', '{"source": "jaki",', 400, '(body)'],
    ['a JSON array', '[1,2]', 400, '(body)'],
    ['source missing', report({ source: undefined }), 400, 'source'],
    ['unknown source', report({ source: 'myspace' }), 400, 'source'],
    ['category of wrong type', report({ category: 42 }), 400, 'category'],
    ['unknown category', report({ category: 'alien_landing' }), 422, 'category'],
    ['lon out of range', report({ location: { lon: 200, lat: -6.2 } }), 400, 'location.lon'],
    ['lat out of range', report({ location: { lon: 106.8, lat: -95 } }), 400, 'location.lat'],
    ['lat as string', report({ location: { lon: 106.8, lat: '-6.2' } }), 400, 'location.lat'],
    ['location outside the city', report({ location: { lon: 110.4, lat: -7.0 } }), 422, 'location'],
    ['location missing', report({ location: undefined }), 400, 'location'],
    ['unknown field', report({ admin: true }), 400, '(body)'],
    ['severity not in the list', report({ severity: 'apocalyptic' }), 400, 'severity'],
    ['reportedAt not a time', report({ reportedAt: 'yesterday' }), 400, 'reportedAt'],
    ['reportedAt in the future', report({ reportedAt: '2099-01-01T00:00:00Z' }), 422, 'reportedAt'],
    ['malformed kelurahan code', report({ kelurahanCode: '3173' }), 400, 'kelurahanCode'],
    ['unknown kelurahan code', report({ kelurahanCode: '31.99.99.9999' }), 422, 'kelurahanCode'],
    ['description too long', report({ description: 'a'.repeat(4001) }), 400, 'description'],
    ['externalId empty', report({ externalId: '' }), 400, 'externalId'],
  ];

  it.each(bad)(
    'refuses %s with %i naming %s, and stores nothing',
    async (_name, body, status, field) => {
      const before = await latestSeq();
      const res = await api(server.url, 'POST', '/api/v1/incidents', body);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toEqual(expect.any(String));
      expect(res.body.error.message).toEqual(expect.any(String));
      expect(Object.keys(res.body.error.fields ?? {})).toContain(field);
      expect(await latestSeq()).toBe(before);
    },
  );

  it('refuses an oversized body with 413', async () => {
    const before = await latestSeq();
    const res = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ description: 'a'.repeat(40_000) }),
    );
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await latestSeq()).toBe(before);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await api(server.url, 'POST', '/api/v1/incidents', 'source=jaki', {
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(415);
  });

  it('strips control characters from citizen text but keeps markup as literal text', async () => {
    const res = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ description: 'banjir\u0007 <b>setinggi</b>\u0000 lutut' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.incident.description).toBe('banjir <b>setinggi</b> lutut');
  });
});

describe('PATCH /api/v1/incidents/:id', () => {
  let id: string;
  beforeAll(async () => {
    id = (await api(server.url, 'POST', '/api/v1/incidents', report())).body.incident.id;
  });

  it('walks the lifecycle and records first response and resolution', async () => {
    for (const status of ['verified', 'dispatched', 'in_progress', 'resolved']) {
      const res = await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, { status });
      expect(res.status).toBe(200);
      expect(res.body.incident.status).toBe(status);
    }
    const { body } = await api(server.url, 'GET', `/api/v1/incidents/${id}`);
    expect(body.incident.firstResponseAt).not.toBeNull();
    expect(body.incident.resolvedAt).not.toBeNull();
    expect(body.history.map((e: { type: string }) => e.type)).toEqual([
      'incident.reported',
      'incident.status_changed',
      'incident.status_changed',
      'incident.status_changed',
      'incident.status_changed',
    ]);
  });

  it('reassigns, escalates and notes in one request as separate events', async () => {
    const fresh = (await api(server.url, 'POST', '/api/v1/incidents', report())).body.incident.id;
    const before = await latestSeq();
    const res = await api(server.url, 'PATCH', `/api/v1/incidents/${fresh}`, {
      agency: 'kelurahan',
      severity: 'high',
      note: 'Warga melapor ulang',
    });
    expect(res.status).toBe(200);
    expect(res.body.incident).toMatchObject({ agency: 'kelurahan', severity: 'high', notes: 1 });
    expect(await latestSeq()).toBe(before + 2);
  });

  const refusals: [string, () => string, unknown, number, string | null][] = [
    ['an illegal transition', () => id, { status: 'received' }, 409, 'status'],
    ['an unknown status', () => id, { status: 'vanished' }, 400, 'status'],
    ['an unknown agency', () => id, { agency: 'nasa' }, 422, 'agency'],
    ['an empty change', () => id, {}, 400, '(body)'],
    ['an unknown field', () => id, { status: 'closed', extra: 1 }, 400, '(body)'],
    [
      'occurredAt in the future',
      () => id,
      { status: 'closed', occurredAt: '2099-01-01T00:00:00Z' },
      422,
      'occurredAt',
    ],
    ['an unknown incident', () => 'no-such-id', { status: 'verified' }, 404, null],
  ];
  it.each(refusals)('refuses %s', async (_name, target, body, status, field) => {
    const before = await latestSeq();
    const res = await api(server.url, 'PATCH', `/api/v1/incidents/${target()}`, body);
    expect(res.status).toBe(status);
    if (field) expect(Object.keys(res.body.error.fields ?? {})).toContain(field);
    expect(await latestSeq()).toBe(before);
  });
});
