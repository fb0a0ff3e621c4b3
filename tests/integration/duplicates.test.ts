/**
 * Duplicate reports against the real server, on SQLite and on PostgreSQL: reports of one
 * flooded street link to its first report at ingest (one at a time and in one bulk
 * request), the KPIs count one incident and every reporter, a supervisor splits or
 * confirms, only supervisors may, bad input is refused naming the field, and the links
 * survive a restart with the lookup rebuilt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/types.ts';
import { api, report, startServer, tempDbFile, type TestServer } from '../support/harness.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.ts';
import { login, USERS } from '../support/principals.ts';

const HERE = { lon: 106.8272, lat: -6.1754 };
const north = (m: number) => ({ lon: HERE.lon, lat: HERE.lat + m / 111_195 });
const flood = (over: Record<string, unknown> = {}) =>
  report({ category: 'flooding', location: HERE, description: 'Banjir 40 cm', ...over });

let servers: TestServer[] = [];
let database: TestDatabase | null = null;

async function start(
  kind: 'sqlite' | 'postgres',
  dbFile?: string,
): Promise<{ url: string; server: TestServer }> {
  if (kind === 'postgres' && !database) database = await createTestDatabase();
  const server = await startServer({
    dbFile,
    env: {
      DUPLICATE_LINKS: 'on',
      ...(database ? { DATABASE_URL: database.url } : {}),
    },
  });
  servers.push(server);
  return { url: server.url, server };
}

/** The headers of a fresh user of `role` (supervisor, agency for Dinas SDA, viewer), logged in. */
async function as(url: string, role: 'supervisor' | 'agency' | 'viewer') {
  const user = USERS.find((u) => u.role === role)!;
  expect((await api(url, 'POST', '/api/v1/admin/users', user)).status).toBe(201);
  return { authorization: '', cookie: await login(url, user.username, user.password) };
}

afterEach(async () => {
  for (const s of servers) await s.dispose();
  servers = [];
  await database?.drop();
  database = null;
});

const get = async (url: string, id: string): Promise<Incident> =>
  (await api(url, 'GET', `/api/v1/incidents/${id}`)).body.incident as Incident;
const post = async (url: string, body: Record<string, unknown>): Promise<Incident> => {
  const res = await api(url, 'POST', '/api/v1/incidents', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.incident as Incident;
};

describe.each(['sqlite', 'postgres'] as const)('duplicates on %s', (kind) => {
  it('reports of one flooded street link to the first; the KPIs count one incident and three reporters', async () => {
    const { url } = await start(kind);
    const master = await post(url, flood());
    const second = await post(url, flood({ location: north(80) }));
    const third = await post(url, flood({ location: north(120), source: 'qlue' }));
    const elsewhere = await post(url, flood({ location: north(900) }));
    const road = await post(url, report({ category: 'road_damage', location: HERE }));

    expect(master.duplicateOf ?? null).toBeNull();
    expect(second.duplicateOf).toBe(master.id);
    expect(third.duplicateOf).toBe(master.id);
    expect(elsewhere.duplicateOf ?? null).toBeNull();
    expect(road.duplicateOf ?? null).toBeNull();
    expect((await get(url, master.id)).reporters).toBe(3);

    const history = (await api(url, 'GET', `/api/v1/incidents/${second.id}`)).body.history;
    expect(history.map((e: { type: string }) => e.type)).toEqual([
      'incident.reported',
      'incident.linked',
    ]);
    expect(history[1]).toMatchObject({
      actor: { kind: 'system', id: 'duplicates' },
      data: { masterId: master.id, auto: true, distanceM: 80 },
    });

    const stats = (await api(url, 'GET', '/api/v1/stats')).body.stats;
    expect(stats.byCategory.flooding).toMatchObject({
      open: 2,
      reportedToday: 2,
      reportersToday: 4,
    });
  });

  it('a bulk request links its reports to the first of them, in the same commit', async () => {
    const { url } = await start(kind);
    const items = [0, 30, 60, 90].map((m, i) =>
      flood({ location: north(m), externalId: `b-${i}` }),
    );
    const res = await api(url, 'POST', '/api/v1/incidents/batch', items);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const results = res.body.results as { status: string; id: string }[];
    expect(results.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created']);
    const ids = results.map((r) => r.id);
    const all = await Promise.all(ids.map((id) => get(url, id)));
    expect(all.map((i) => i.duplicateOf ?? null)).toEqual([null, ids[0], ids[0], ids[0]]);
    expect(all[0]!.reporters).toBe(4);
  });

  it('a supervisor splits one report and confirms another; a confirmed duplicate is final', async () => {
    const { url } = await start(kind);
    const master = await post(url, flood());
    const a = await post(url, flood({ location: north(50) }));
    const b = await post(url, flood({ location: north(60) }));
    const sup = await as(url, 'supervisor');

    const split = await api(
      url,
      'POST',
      `/api/v1/incidents/${a.id}/split`,
      { note: 'jalan lain' },
      sup,
    );
    expect(split.status, JSON.stringify(split.body)).toBe(200);
    expect(split.body.incident.duplicateOf).toBeNull();
    expect(split.body.master.reporters).toBe(2);
    expect((await get(url, a.id)).endedAt).toBeNull();

    const confirm = await api(
      url,
      'PATCH',
      `/api/v1/incidents/${b.id}`,
      { status: 'duplicate' },
      sup,
    );
    expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
    expect(await get(url, b.id)).toMatchObject({ status: 'duplicate', duplicateOf: master.id });
    const again = await api(url, 'POST', `/api/v1/incidents/${b.id}/split`, {}, sup);
    expect([again.status, again.body.error.code]).toEqual([409, 'confirmed']);

    // Linked by hand again: the split report back to its master.
    const link = await api(
      url,
      'POST',
      `/api/v1/incidents/${a.id}/link`,
      { masterId: master.id },
      sup,
    );
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(link.body.master.reporters).toBe(3);
  });

  it('links survive a restart, and the rebuilt lookup links the next report', async () => {
    if (kind === 'postgres') database = await createTestDatabase();
    const temp = kind === 'sqlite' ? tempDbFile() : null;
    try {
      const first = await start(kind, temp?.file);
      const master = await post(first.url, flood());
      await post(first.url, flood({ location: north(40) }));
      await first.server.dispose();
      servers = [];
      const second = await start(kind, temp?.file);
      expect((await get(second.url, master.id)).reporters).toBe(2);
      const next = await post(second.url, flood({ location: north(70) }));
      expect(next.duplicateOf).toBe(master.id);
      expect((await get(second.url, master.id)).reporters).toBe(3);
    } finally {
      temp?.cleanup();
    }
  });
});

describe('who may link and split, and bad input', () => {
  it('agency operators, viewers and displays are refused; bad bodies name the field', async () => {
    const { url, server } = await start('sqlite');
    const master = await post(url, flood());
    const other = await post(url, flood({ location: north(2_000) }));
    const linked = await post(url, flood({ location: north(20) }));
    const { secret } = await server.auth.createToken(
      { kind: 'display', role: 'display', label: 'Layar 1', createdBy: 'test' },
      new Date(),
    );
    const who = {
      agency: await as(url, 'agency'),
      viewer: await as(url, 'viewer'),
      display: { authorization: `Bearer ${secret}` },
    };
    for (const [name, headers] of Object.entries(who)) {
      const res = await api(url, 'POST', `/api/v1/incidents/${linked.id}/split`, {}, headers);
      expect([name, res.status]).toEqual([name, 403]);
      const link = await api(
        url,
        'POST',
        `/api/v1/incidents/${other.id}/link`,
        { masterId: master.id },
        headers,
      );
      expect([name, link.status]).toEqual([name, 403]);
    }
    expect((await get(url, linked.id)).duplicateOf).toBe(master.id);

    const missing = await api(url, 'POST', `/api/v1/incidents/${other.id}/link`, {});
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.error.fields)).toEqual(['masterId']);
    const unknown = await api(url, 'POST', `/api/v1/incidents/${other.id}/link`, {
      masterId: 'nope',
    });
    expect([unknown.status, unknown.body.error.fields]).toEqual([
      422,
      { masterId: "no incident 'nope'" },
    ]);
    const self = await api(url, 'POST', `/api/v1/incidents/${other.id}/link`, {
      masterId: other.id,
    });
    expect(self.status).toBe(422);
    const form = await api(url, 'POST', `/api/v1/incidents/${linked.id}/split`, 'note=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const notLinked = await api(url, 'POST', `/api/v1/incidents/${other.id}/split`, {});
    expect([notLinked.status, notLinked.body.error.code]).toEqual([409, 'not_linked']);
    expect((await get(url, other.id)).duplicateOf ?? null).toBeNull();
    expect((await get(url, master.id)).reporters).toBe(2);
  });
});
