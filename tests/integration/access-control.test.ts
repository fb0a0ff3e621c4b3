/**
 * Authorization of the incident routes, allowed and refused, for every role, against the
 * real server; plus login sessions and personal data. Sockets: socket-authorization.test.ts;
 * the other routes: authorization-routes.test.ts.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, report, startServer, type TestServer } from '../support/harness.ts';
import { seedPrincipals, USERS, type Principals, type Who } from '../support/principals.ts';

let server: TestServer;
let principals: Principals;
let creds: Principals['creds'];
let secrets: { display: string; ingest: string };
let dsdaIncident: string;
let roadIncident: string;

beforeAll(async () => {
  server = await startServer();
  principals = await seedPrincipals(server);
  ({ creds, secrets, dsdaIncident, roadIncident } = principals);
});
afterAll(async () => {
  await server.dispose();
});

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** The admin password startServer() seeds (NAKHODA_ADMIN_PASSWORD). */
const ADMIN_PASSWORD = 'admin-password-for-tests';

const call = (who: Who, method: string, path: string, body?: unknown) =>
  api(server.url, method, path, body, creds[who]);

describe('HTTP authorization', () => {
  const matrix: [string, string, () => string, unknown, Record<Who, number>][] = [
    [
      'report as jaki',
      'POST',
      () => '/api/v1/incidents',
      report(),
      {
        anonymous: 401,
        admin: 201,
        supervisor: 201,
        agency: 403,
        viewer: 403,
        display: 403,
        ingest: 403,
      },
    ],
    [
      'report as qlue',
      'POST',
      () => '/api/v1/incidents',
      report({ source: 'qlue' }),
      {
        anonymous: 401,
        admin: 201,
        supervisor: 201,
        agency: 403,
        viewer: 403,
        display: 403,
        ingest: 201,
      },
    ],
    [
      'report as field',
      'POST',
      () => '/api/v1/incidents',
      report({ source: 'field' }),
      {
        anonymous: 401,
        admin: 201,
        supervisor: 201,
        agency: 201,
        viewer: 403,
        display: 403,
        ingest: 403,
      },
    ],
    [
      'note on a Dinas SDA incident',
      'PATCH',
      () => `/api/v1/incidents/${dsdaIncident}`,
      { note: 'cek' },
      {
        anonymous: 401,
        admin: 200,
        supervisor: 200,
        agency: 200,
        viewer: 403,
        display: 403,
        ingest: 403,
      },
    ],
    [
      'note on a Bina Marga incident',
      'PATCH',
      () => `/api/v1/incidents/${roadIncident}`,
      { note: 'cek' },
      {
        anonymous: 401,
        admin: 200,
        supervisor: 200,
        agency: 403,
        viewer: 403,
        display: 403,
        ingest: 403,
      },
    ],
    [
      'list incidents',
      'GET',
      () => '/api/v1/incidents',
      undefined,
      {
        anonymous: 401,
        admin: 200,
        supervisor: 200,
        agency: 200,
        viewer: 200,
        display: 200,
        ingest: 403,
      },
    ],
    [
      'one incident',
      'GET',
      () => `/api/v1/incidents/${dsdaIncident}`,
      undefined,
      {
        anonymous: 401,
        admin: 200,
        supervisor: 200,
        agency: 200,
        viewer: 200,
        display: 200,
        ingest: 403,
      },
    ],
    [
      'the event log',
      'GET',
      () => '/api/v1/events',
      undefined,
      {
        anonymous: 401,
        admin: 200,
        supervisor: 200,
        agency: 200,
        viewer: 200,
        display: 403,
        ingest: 403,
      },
    ],
    [
      'stats',
      'GET',
      () => '/api/v1/stats',
      undefined,
      {
        anonymous: 401,
        admin: 200,
        supervisor: 200,
        agency: 200,
        viewer: 200,
        display: 200,
        ingest: 403,
      },
    ],
    [
      'city pack',
      'GET',
      () => '/api/v1/city',
      undefined,
      {
        anonymous: 401,
        admin: 200,
        supervisor: 200,
        agency: 200,
        viewer: 200,
        display: 200,
        ingest: 200,
      },
    ],
    [
      'list users',
      'GET',
      () => '/api/v1/admin/users',
      undefined,
      {
        anonymous: 401,
        admin: 200,
        supervisor: 403,
        agency: 403,
        viewer: 403,
        display: 403,
        ingest: 403,
      },
    ],
    [
      'list tokens',
      'GET',
      () => '/api/v1/admin/tokens',
      undefined,
      {
        anonymous: 401,
        admin: 200,
        supervisor: 403,
        agency: 403,
        viewer: 403,
        display: 403,
        ingest: 403,
      },
    ],
    [
      'create a token',
      'POST',
      () => '/api/v1/admin/tokens',
      { kind: 'display', label: 'x' },
      {
        anonymous: 401,
        admin: 201,
        supervisor: 403,
        agency: 403,
        viewer: 403,
        display: 403,
        ingest: 403,
      },
    ],
    [
      'create a user',
      'POST',
      () => '/api/v1/admin/users',
      { username: `u${Date.now()}`, name: 'U', role: 'viewer', password: 'long-enough-pw' },
      {
        anonymous: 401,
        admin: 201,
        supervisor: 403,
        agency: 403,
        viewer: 403,
        display: 403,
        ingest: 403,
      },
    ],
    [
      'who am I',
      'GET',
      () => '/api/v1/auth/me',
      undefined,
      {
        anonymous: 401,
        admin: 200,
        supervisor: 200,
        agency: 200,
        viewer: 200,
        display: 200,
        ingest: 200,
      },
    ],
  ];
  const rows = matrix.flatMap(([name, method, path, body, expected]) =>
    (Object.keys(expected) as Who[]).map(
      (who) => [name, who, method, path, body, expected[who]] as const,
    ),
  );
  it.each(rows)('%s by %s', async (_name, who, method, path, body, status) => {
    const b =
      body && typeof body === 'object' && 'username' in body
        ? { ...body, username: `${(body as { username: string }).username}${who}` }
        : body;
    const res = await call(who, method, path(), b);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status === 403 || status === 401)
      expect(res.body.error.message).toEqual(expect.any(String));
  });

  it('lets an agency operator hand its incident back to the command center, but not to another agency', async () => {
    const id = (
      await api(server.url, 'POST', '/api/v1/incidents', report({ category: 'flooding' }))
    ).body.incident.id;
    expect(
      (await call('agency', 'PATCH', `/api/v1/incidents/${id}`, { agency: 'bina_marga' })).status,
    ).toBe(403);
    const back = await call('agency', 'PATCH', `/api/v1/incidents/${id}`, {
      agency: 'command_center',
    });
    expect(back.status).toBe(200);
    expect(
      (await call('agency', 'PATCH', `/api/v1/incidents/${id}`, { status: 'verified' })).status,
    ).toBe(403);
  });

  it('records the actor of every write in the history', async () => {
    await call('supervisor', 'PATCH', `/api/v1/incidents/${dsdaIncident}`, { status: 'verified' });
    const { body } = await call('admin', 'GET', `/api/v1/incidents/${dsdaIncident}`);
    const actors = body.history.map((e: { actor: { id: string } }) => e.actor.id);
    expect(actors).toContain('sup');
    expect(actors).toContain('sda');
  });
});

describe('personal data', () => {
  it.each([
    ['admin', true],
    ['supervisor', true],
    ['agency', true],
    ['viewer', false],
    ['display', false],
  ] as const)('reporter contact reaches %s: %s', async (who, sees) => {
    const one = await call(who, 'GET', `/api/v1/incidents/${dsdaIncident}`);
    const list = await call(who, 'GET', '/api/v1/incidents?limit=500');
    const inList = list.body.items.find((i: { id: string }) => i.id === dsdaIncident);
    const expected = sees ? { name: 'Siti', phone: '+62 812 0000 1111', email: null } : null;
    expect(one.body.incident.reporter).toEqual(expected);
    expect(inList.reporter).toEqual(expected);
    expect(JSON.stringify(one.body).includes('0000 1111')).toBe(sees);
  });
});

describe('caching of authenticated data', () => {
  it('marks the city pack private and revalidated, so no cache serves it after logout', async () => {
    const res = await call('viewer', 'GET', '/api/v1/city');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
  });
});

describe('sessions', () => {
  it('sets an httpOnly SameSite=Strict cookie, and logout ends it', async () => {
    const res = await api(
      server.url,
      'POST',
      '/api/v1/auth/login',
      { username: 'view', password: 'viewer-pass-1' },
      { authorization: '' },
    );
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0]!;
    expect(
      (await api(server.url, 'GET', '/api/v1/stats', undefined, { authorization: '', cookie }))
        .status,
    ).toBe(200);
    await api(server.url, 'POST', '/api/v1/auth/logout', {}, { authorization: '', cookie });
    expect(
      (await api(server.url, 'GET', '/api/v1/stats', undefined, { authorization: '', cookie }))
        .status,
    ).toBe(401);
  });

  it.each([
    ['a wrong password', { username: 'view', password: 'nope-nope' }, 401],
    ['an unknown user', { username: 'ghost', password: 'whatever1' }, 401],
    ['a missing password', { username: 'view' }, 400],
  ])('refuses %s', async (_n, body, status) => {
    const res = await api(server.url, 'POST', '/api/v1/auth/login', body, { authorization: '' });
    expect(res.status).toBe(status);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('shows no secret in the admin token list', async () => {
    const { body } = await call('admin', 'GET', '/api/v1/admin/tokens');
    expect(JSON.stringify(body)).not.toContain(secrets.display);
    expect(JSON.stringify(body)).not.toContain(ADMIN_TOKEN);
  });

  it('stores no secret in clear: every table of the database holds only their hashes', async () => {
    const apiToken = await call('admin', 'POST', '/api/v1/admin/tokens', {
      kind: 'api',
      role: 'supervisor',
      label: 'Dashboard',
    });
    const wall = await call('admin', 'POST', '/api/v1/admin/tokens', {
      kind: 'display',
      label: 'Wall unpaired',
    });
    expect([apiToken.status, wall.status]).toEqual([201, 201]);
    const pairing: string = wall.body.pairing.code;
    const sessionIds = Object.values(principals.secrets.cookies).map((c) => c.split('=')[1]!);
    const secretsInPlay: Record<string, string> = {
      'admin token': ADMIN_TOKEN,
      'admin password': ADMIN_PASSWORD,
      'display token': secrets.display,
      'ingest key': secrets.ingest,
      'api token': apiToken.body.secret,
      'pairing code': pairing,
      'pairing code, bare': pairing.replace('-', ''),
      ...Object.fromEntries(USERS.map((u) => [`password of ${u.username}`, u.password])),
      ...Object.fromEntries(sessionIds.map((id, i) => [`session id ${i}`, id])),
    };
    for (const [what, secret] of Object.entries(secretsInPlay))
      expect(secret.length, what).toBeGreaterThanOrEqual(8);

    const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
    let dump: string;
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all() as string[];
      expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'tokens', 'events']));
      dump = tables
        .map((t) => `${t}: ${JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).raw().all())}`)
        .join('\n');
    } finally {
      db.close();
    }
    // The dump is the real thing: the rows are there, with the hashes the server checks.
    expect(dump).toContain('Wall unpaired');
    expect(dump).toContain(sha256(secrets.display));
    expect(dump).toContain(sha256(sessionIds[0]!));
    expect(dump).toMatch(/\$argon2id\$/);
    for (const [what, secret] of Object.entries(secretsInPlay))
      expect(dump.includes(secret), `${what} stored in clear`).toBe(false);
  });
});
