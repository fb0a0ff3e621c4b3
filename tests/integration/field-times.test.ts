/**
 * Field times against the real server: how far back each kind of principal may date a
 * report or a change (desk users a few minutes, ingest keys a day or their source's own
 * bound), that a change never predates the incident's previous event, over HTTP and the
 * socket alike; and the log time kept and exported beside a backdated report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import {
  api,
  connectClient,
  nextEvent,
  report,
  startServer,
  type TestServer,
} from '../support/harness.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

let server: TestServer;
/** Request headers of each principal. */
const as: Record<'agencyUser' | 'jaki' | 'simulator' | 'call112', Record<string, string>> = {
  agencyUser: {},
  jaki: {},
  simulator: {},
  call112: {},
};
let agencyToken: string;

async function ingestKey(source: string): Promise<Record<string, string>> {
  const res = await api(server.url, 'POST', '/api/v1/admin/tokens', {
    kind: 'ingest',
    label: `${source} feed`,
    source,
  });
  expect(res.status).toBe(201);
  return { authorization: `Bearer ${res.body.secret}` };
}

beforeAll(async () => {
  // The product's desk and ingest defaults, with one longer and one shorter source bound.
  server = await startServer({ env: { BACKDATE_SOURCE_HOURS: 'simulator=2400, call112=1' } });
  const user = { username: 'sda', name: 'Op SDA', role: 'agency', agency: 'dsda' };
  const password = 'agency-pass-1';
  expect((await api(server.url, 'POST', '/api/v1/admin/users', { ...user, password })).status).toBe(
    201,
  );
  const login = await api(
    server.url,
    'POST',
    '/api/v1/auth/login',
    { username: user.username, password },
    { authorization: '' },
  );
  expect(login.status).toBe(200);
  as.agencyUser = {
    authorization: '',
    cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!,
  };
  as.jaki = await ingestKey('jaki');
  as.simulator = await ingestKey('simulator');
  as.call112 = await ingestKey('call112');
  const token = await api(server.url, 'POST', '/api/v1/admin/tokens', {
    kind: 'api',
    label: 'SDA console',
    role: 'agency',
    agency: 'dsda',
  });
  expect(token.status).toBe(201);
  agencyToken = token.body.secret;
});
afterAll(async () => {
  await server?.dispose();
});

/** A flood (the dsda agency's) that the jaki channel says a citizen reported `ageMs` ago. */
async function floodReportedAgo(ageMs: number): Promise<Incident> {
  const res = await api(
    server.url,
    'POST',
    '/api/v1/incidents',
    report({ category: 'flooding', reportedAt: ago(ageMs) }),
    as.jaki,
  );
  expect(res.status).toBe(201);
  return res.body.incident;
}

async function detail(id: string): Promise<{ incident: Incident; history: DomainEvent[] }> {
  const res = await api(server.url, 'GET', `/api/v1/incidents/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

const seq = async () => (await api(server.url, 'GET', '/healthz')).body.seq as number;

describe('desk users date field times a few minutes back at most', () => {
  it("refuses an agency operator's response dated a minute after a report made 2 h ago", async () => {
    const flood = await floodReportedAgo(2 * HOUR);
    const flattering = new Date(Date.parse(flood.reportedAt) + MIN).toISOString();
    const res = await api(
      server.url,
      'PATCH',
      `/api/v1/incidents/${flood.id}`,
      { status: 'verified', occurredAt: flattering },
      as.agencyUser,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_field');
    expect(res.body.error.fields.occurredAt).toContain('at most 10 min back');
    const after = await detail(flood.id);
    expect(after.incident.status).toBe('received');
    expect(after.incident.firstResponseAt).toBeNull();
    expect(after.history).toHaveLength(1);
  });

  it("accepts an agency operator's time within the bound, and ranks the response on it", async () => {
    const flood = await floodReportedAgo(2 * HOUR);
    const occurredAt = ago(5 * MIN);
    const res = await api(
      server.url,
      'PATCH',
      `/api/v1/incidents/${flood.id}`,
      { status: 'verified', occurredAt },
      as.agencyUser,
    );
    expect(res.status).toBe(200);
    expect(res.body.incident.firstResponseAt).toBe(occurredAt);
  });

  it("refuses a change dated before the incident's previous event", async () => {
    const flood = await floodReportedAgo(8 * MIN);
    const verified = await api(
      server.url,
      'PATCH',
      `/api/v1/incidents/${flood.id}`,
      { status: 'verified', occurredAt: ago(3 * MIN) },
      as.agencyUser,
    );
    expect(verified.status).toBe(200);
    const before = await seq();
    const res = await api(
      server.url,
      'PATCH',
      `/api/v1/incidents/${flood.id}`,
      // After the report and inside the desk bound, but before the verification.
      { status: 'dispatched', occurredAt: ago(5 * MIN) },
      as.agencyUser,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.fields.occurredAt).toContain("before the incident's previous event");
    expect(await seq()).toBe(before);
    expect((await detail(flood.id)).incident.status).toBe('verified');
  });

  it('gives the same refusal in the ack of a socket incident:update', async () => {
    const flood = await floodReportedAgo(2 * HOUR);
    const socket = connectClient(server.url, { token: agencyToken });
    try {
      await nextEvent(socket, 'snapshot');
      const ack = await socket.timeout(5000).emitWithAck('incident:update', {
        id: flood.id,
        changes: {
          status: 'verified',
          occurredAt: new Date(Date.parse(flood.reportedAt) + MIN).toISOString(),
        },
      });
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_field' } });
      expect(!ack.ok && ack.error.fields?.occurredAt).toContain('at most 10 min back');
      expect((await detail(flood.id)).incident.status).toBe('received');
    } finally {
      socket.disconnect();
    }
  });
});

describe('ingest keys date reports a day back, or their source’s own bound', () => {
  it('refuses a report dated 1970, naming reportedAt, and stores nothing', async () => {
    const before = await seq();
    const res = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ externalId: 'jaki-1970', reportedAt: '1970-01-01T00:00:00Z' }),
      as.jaki,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_field');
    expect(Object.keys(res.body.error.fields)).toEqual(['reportedAt']);
    expect(res.body.error.fields.reportedAt).toContain("ingest keys for 'jaki'");
    expect(res.body.error.fields.reportedAt).toContain('at most 24 h back');
    expect(await seq()).toBe(before);
    const listed = (await api(server.url, 'GET', '/api/v1/incidents?source=jaki&limit=5000')).body
      .items as Incident[];
    expect(listed.map((i) => i.externalId)).not.toContain('jaki-1970');
  });

  it.each([
    ['jaki, 23 h back (the default day): accepted', 'jaki', 23 * HOUR, 201],
    ['jaki, 25 h back: refused', 'jaki', 25 * HOUR, 422],
    ['simulator, 50 days back (its 2400 h): accepted', 'simulator', 50 * 24 * HOUR, 201],
    ['call112, 30 min back (its 1 h): accepted', 'call112', 30 * MIN, 201],
    ['call112, 2 h back: refused', 'call112', 2 * HOUR, 422],
  ] as const)('%s', async (_name, source, ageMs, status) => {
    const res = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ source, reportedAt: ago(ageMs) }),
      as[source],
    );
    expect(res.status).toBe(status);
    if (status === 422) expect(Object.keys(res.body.error.fields)).toEqual(['reportedAt']);
  });
});

describe('the log time beside a backdated report', () => {
  it('is kept on the incident and exported beside reportedAt in CSV and GeoJSON', async () => {
    const started = Date.now();
    const flood = await floodReportedAgo(3 * HOUR);
    expect(Date.parse(flood.reportedAt)).toBeLessThan(started - 2 * HOUR);
    expect(Date.parse(flood.loggedAt!)).toBeGreaterThanOrEqual(started - 1000);

    // This test's own row has no comma or line break inside a cell, so a plain split reads it.
    const text = (await api(server.url, 'GET', '/api/v1/export.csv?category=flooding')).body;
    const [header, ...rows] = (text as string).trim().split('\r\n');
    const columns = header!.split(',');
    expect(columns.indexOf('loggedAt')).toBe(columns.indexOf('reportedAt') + 1);
    const row = rows.find((r) => r.startsWith(`"${flood.id}"`))!.split(',');
    expect(row[columns.indexOf('reportedAt')]).toBe(`"${flood.reportedAt}"`);
    expect(row[columns.indexOf('loggedAt')]).toBe(`"${flood.loggedAt}"`);

    const geo = await api(server.url, 'GET', '/api/v1/export.geojson?category=flooding');
    const feature = geo.body.features.find((f: { id: string }) => f.id === flood.id);
    expect(feature.properties).toMatchObject({
      reportedAt: flood.reportedAt,
      loggedAt: flood.loggedAt,
    });
    const keys = Object.keys(feature.properties);
    expect(keys.indexOf('loggedAt')).toBe(keys.indexOf('reportedAt') + 1);
  });
});

describe('idempotency comes before the bound', () => {
  it('a source re-sending a report it sent within the bound gets 200 with the same id, not 422', async () => {
    const first = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ source: 'jaki', externalId: 'JAKI-RETRY-1', reportedAt: ago(23 * HOUR) }),
      as.jaki,
    );
    expect(first.status).toBe(201);
    // Hours later the same report is sent again: its time is now past the 24 h bound.
    const again = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ source: 'jaki', externalId: 'JAKI-RETRY-1', reportedAt: ago(26 * HOUR) }),
      as.jaki,
    );
    expect(again.status).toBe(200);
    expect(again.body.incident.id).toBe(first.body.incident.id);
  });
});
