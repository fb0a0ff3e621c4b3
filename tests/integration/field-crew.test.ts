/**
 * The field-crew user kind against the real server (SQLite): only an admin makes one, only
 * of the agency role; a crew member may date a claim or a change as far back as
 * FIELD_BACKDATE_HOURS (work done without signal, sent later), a desk agency operator only
 * minutes, whatever extra fields it sends; and no change predates the incident's previous event
 * (a crew's is placed at it, a desk user's refused).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, report, startServer, type TestServer } from '../support/harness.ts';
import { login } from '../support/principals.ts';
import { clientId, historyOf, uploadPhoto } from '../support/field.ts';
import { jpegWithExif } from '../support/photos.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

let server: TestServer;
let crewId: string;
const as: Record<'crew' | 'desk' | 'ingest', Record<string, string>> = {
  crew: {},
  desk: {},
  ingest: {},
};

const user = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  name: username,
  role: 'agency',
  agency: 'dsda',
  password: `${username}-password`,
  ...extra,
});

beforeAll(async () => {
  server = await startServer();
  const crew = await api(
    server.url,
    'POST',
    '/api/v1/admin/users',
    user('crew1', { fieldCrew: true }),
  );
  expect(crew.status).toBe(201);
  expect(crew.body.user).toMatchObject({ role: 'agency', agency: 'dsda', fieldCrew: true });
  crewId = crew.body.user.id as string;
  const desk = await api(server.url, 'POST', '/api/v1/admin/users', user('desk1'));
  expect(desk.status).toBe(201);
  expect(desk.body.user.fieldCrew).toBe(false);
  as.crew = { authorization: '', cookie: await login(server.url, 'crew1', 'crew1-password') };
  as.desk = { authorization: '', cookie: await login(server.url, 'desk1', 'desk1-password') };
  const key = await api(server.url, 'POST', '/api/v1/admin/tokens', {
    kind: 'ingest',
    label: 'Qlue feed',
    source: 'qlue',
  });
  expect(key.status).toBe(201);
  as.ingest = { authorization: `Bearer ${key.body.secret}` };
});
afterAll(async () => {
  await server?.dispose();
});

/** A flood for Dinas SDA, reported by an ingest key `hoursAgo` back (its bound is 24 h). */
async function flood(hoursAgo = 5): Promise<string> {
  const res = await api(
    server.url,
    'POST',
    '/api/v1/incidents',
    report({ source: 'qlue', category: 'flooding', reportedAt: ago(hoursAgo * HOUR) }),
    as.ingest,
  );
  expect(res.status).toBe(201);
  return res.body.incident.id as string;
}

describe('making a field crew', () => {
  it('the admin list shows who is crew', async () => {
    const res = await api(server.url, 'GET', '/api/v1/admin/users');
    const byName = new Map(
      (res.body.users as { username: string; fieldCrew: boolean }[]).map((u) => [u.username, u]),
    );
    expect(byName.get('crew1')?.fieldCrew).toBe(true);
    expect(byName.get('desk1')?.fieldCrew).toBe(false);
  });

  it('the crew member sees it on its own principal; a desk operator has none', async () => {
    const crew = await api(server.url, 'GET', '/api/v1/auth/me', undefined, as.crew);
    expect(crew.body.principal).toMatchObject({ role: 'agency', fieldCrew: true });
    const desk = await api(server.url, 'GET', '/api/v1/auth/me', undefined, as.desk);
    expect(desk.body.principal.fieldCrew).toBeUndefined();
  });

  it('refuses crew for any role but agency, naming fieldCrew, storing nothing', async () => {
    for (const role of ['supervisor', 'viewer', 'admin']) {
      const res = await api(server.url, 'POST', '/api/v1/admin/users', {
        ...user(`bad-${role}`, { fieldCrew: true }),
        role,
        agency: null,
      });
      expect(res.status, role).toBe(422);
      expect(res.body.error.fields).toHaveProperty('fieldCrew');
      expect(res.body.error.message).toContain('fieldCrew: only agency operators');
    }
    const users = (await api(server.url, 'GET', '/api/v1/admin/users')).body.users as {
      username: string;
    }[];
    expect(users.some((u) => u.username.startsWith('bad-'))).toBe(false);
    const notBool = await api(
      server.url,
      'POST',
      '/api/v1/admin/users',
      user('bad-flag', { fieldCrew: 'yes' }),
    );
    expect(notBool.status).toBe(400);
    expect(notBool.body.error.fields).toHaveProperty('fieldCrew');
  });

  it('only an admin makes or marks a crew member', async () => {
    const make = await api(
      server.url,
      'POST',
      '/api/v1/admin/users',
      user('self-made', { fieldCrew: true }),
      as.desk,
    );
    expect(make.status).toBe(403);
    const desk = (await api(server.url, 'GET', '/api/v1/admin/users')).body.users.find(
      (u: { username: string }) => u.username === 'desk1',
    );
    const mark = await api(
      server.url,
      'PATCH',
      `/api/v1/admin/users/${desk.id}`,
      { fieldCrew: true },
      as.desk,
    );
    expect(mark.status).toBe(403);
  });

  it('an update marks and unmarks; leaving the agency role leaves the crew; non-agency is refused', async () => {
    const made = await api(server.url, 'POST', '/api/v1/admin/users', user('crew2'));
    const id = made.body.user.id as string;
    const marked = await api(server.url, 'PATCH', `/api/v1/admin/users/${id}`, {
      fieldCrew: true,
    });
    expect(marked.status).toBe(200);
    expect(marked.body.user.fieldCrew).toBe(true);
    const promoted = await api(server.url, 'PATCH', `/api/v1/admin/users/${id}`, {
      role: 'supervisor',
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body.user).toMatchObject({ role: 'supervisor', fieldCrew: false });
    const refused = await api(server.url, 'PATCH', `/api/v1/admin/users/${id}`, {
      fieldCrew: true,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toHaveProperty('fieldCrew');
    const after = await api(server.url, 'GET', '/api/v1/admin/users');
    expect(after.body.users.find((u: { id: string }) => u.id === id).fieldCrew).toBe(false);
  });
});

describe("the crew's backdating bound (12 h by default)", () => {
  it('a crew member claims and starts work dated 3 h back', async () => {
    const id = await flood();
    const claimedAt = ago(3 * HOUR);
    const claim = await api(
      server.url,
      'POST',
      `/api/v1/incidents/${id}/claim`,
      { occurredAt: claimedAt, clientId: clientId() },
      as.crew,
    );
    expect(claim.status).toBe(200);
    const startedAt = ago(3 * HOUR - 5 * MIN);
    const patch = await api(
      server.url,
      'PATCH',
      `/api/v1/incidents/${id}`,
      { status: 'dispatched', occurredAt: startedAt, clientId: clientId() },
      as.crew,
    );
    expect(patch.status).toBe(200);
    const history = await historyOf(server.url, id);
    expect(history.find((e) => e.type === 'incident.claimed')?.data).toMatchObject({
      occurredAt: claimedAt,
    });
    expect(history.find((e) => e.type === 'incident.status_changed')?.data).toMatchObject({
      occurredAt: startedAt,
    });
  });

  it('a desk agency operator is refused 3 h back, naming occurredAt, even sending fieldCrew', async () => {
    const id = await flood();
    const before = (await historyOf(server.url, id)).length;
    const claim = await api(
      server.url,
      'POST',
      `/api/v1/incidents/${id}/claim`,
      { occurredAt: ago(3 * HOUR) },
      as.desk,
    );
    expect(claim.status).toBe(422);
    expect(claim.body.error.fields).toHaveProperty('occurredAt');
    expect(claim.body.error.message).toContain('desk users and API tokens may date at most 10 min');
    const patch = await api(
      server.url,
      'PATCH',
      `/api/v1/incidents/${id}`,
      { status: 'dispatched', occurredAt: ago(3 * HOUR) },
      as.desk,
    );
    expect(patch.status).toBe(422);
    expect(patch.body.error.fields).toHaveProperty('occurredAt');
    // A field that would make it crew is no part of any command: refused, not obeyed.
    for (const [method, path] of [
      ['PATCH', `/api/v1/incidents/${id}`],
      ['POST', `/api/v1/incidents/${id}/claim`],
    ] as const) {
      const sneaky = await api(
        server.url,
        method,
        path,
        { status: 'dispatched', occurredAt: ago(3 * HOUR), fieldCrew: true },
        as.desk,
      );
      expect(sneaky.status, path).toBeGreaterThanOrEqual(400);
      expect(sneaky.status, path).toBeLessThan(500);
    }
    expect(await historyOf(server.url, id)).toHaveLength(before);
  });

  it('a crew member is refused beyond the bound; a change dated before the previous event is placed at it', async () => {
    const id = await flood(20);
    const late = await api(
      server.url,
      'POST',
      `/api/v1/incidents/${id}/claim`,
      { occurredAt: ago(13 * HOUR) },
      as.crew,
    );
    expect(late.status).toBe(422);
    expect(late.body.error.fields).toHaveProperty('occurredAt');
    expect(late.body.error.message).toContain('field crews may date at most 12 h back');
    const recent = await flood(2);
    const early = await api(
      server.url,
      'POST',
      `/api/v1/incidents/${recent}/claim`,
      { occurredAt: ago(3 * HOUR) },
      as.crew,
    );
    // Work that waited on a phone comes after what happened meanwhile: placed there, not lost.
    expect(early.status).toBe(200);
    const history = await historyOf(server.url, recent);
    const reported = history.find((e) => e.type === 'incident.reported')!;
    const claimed = history.find((e) => e.type === 'incident.claimed')!;
    expect((claimed.data as { occurredAt: string }).occurredAt).toBe(
      (reported.data as { incident: { reportedAt: string } }).incident.reportedAt,
    );
  });

  it('unmarked by the admin, the same person is back to the desk bound', async () => {
    const unmark = await api(server.url, 'PATCH', `/api/v1/admin/users/${crewId}`, {
      fieldCrew: false,
    });
    expect(unmark.status).toBe(200);
    // A change of rights ends the sessions: the old cookie no longer works.
    const old = await api(server.url, 'GET', '/api/v1/auth/me', undefined, as.crew);
    expect(old.status).toBe(401);
    const cookie = await login(server.url, 'crew1', 'crew1-password');
    const id = await flood();
    const res = await api(
      server.url,
      'POST',
      `/api/v1/incidents/${id}/claim`,
      { occurredAt: ago(3 * HOUR) },
      { authorization: '', cookie },
    );
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toHaveProperty('occurredAt');
  });
});

describe("a photo's field time", () => {
  it('is when the phone added it, within the crew bound; past it, refused naming occurredAt; without it, the upload', async () => {
    const made = await api(
      server.url,
      'POST',
      '/api/v1/admin/users',
      user('crew-photo', { fieldCrew: true }),
    );
    expect(made.status).toBe(201);
    const crew = {
      authorization: '',
      cookie: await login(server.url, 'crew-photo', 'crew-photo-password'),
    };
    const id = await flood(10);
    const photo = await jpegWithExif({ takenAt: new Date(Date.now() - 2 * HOUR) });
    const addedAt = ago(2 * HOUR);
    const offline = await uploadPhoto(
      server.url,
      id,
      photo,
      { kind: 'before', clientId: clientId(), occurredAt: addedAt },
      crew,
    );
    expect(offline.status, JSON.stringify(offline.body)).toBe(201);
    const tooOld = await uploadPhoto(
      server.url,
      id,
      await jpegWithExif({ width: 80 }),
      { kind: 'after', clientId: clientId(), occurredAt: ago(13 * HOUR) },
      crew,
    );
    expect(tooOld.status).toBe(422);
    expect(tooOld.body.error.fields).toHaveProperty('occurredAt');
    const sentAt = Date.now();
    const now = await uploadPhoto(
      server.url,
      id,
      await jpegWithExif({ width: 96 }),
      { kind: 'after', clientId: clientId() },
      crew,
    );
    expect(now.status).toBe(201);

    const photos = (await historyOf(server.url, id)).filter(
      (e) => e.type === 'incident.photo_added',
    );
    expect(photos).toHaveLength(2);
    expect((photos[0]!.data as { occurredAt: string }).occurredAt).toBe(addedAt);
    const uploaded = Date.parse((photos[1]!.data as { occurredAt: string }).occurredAt);
    expect(uploaded).toBeGreaterThanOrEqual(sentAt - 1_000);
  });
});
