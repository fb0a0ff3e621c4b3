/**
 * The authorization matrix for the routes beyond incidents (and the duplicate links between
 * them): briefing, replay, exports,
 * map configuration, boundaries, the basemap, and the admin routes that change or revoke
 * (PATCH users, DELETE tokens, re-pairing), for every kind of principal. 404 means the
 * principal got past authorization to a resource this server does not have configured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/harness.ts';
import { EVERYONE, seedPrincipals, type Principals, type Who } from '../support/principals.ts';

let server: TestServer;
let p: Principals;
let viewerId: string;
let displayTokenId: string;

beforeAll(async () => {
  server = await startServer();
  p = await seedPrincipals(server);
  viewerId = (await p.call('viewer', 'GET', '/api/v1/auth/me')).body.principal.id;
  displayTokenId = (await p.call('display', 'GET', '/api/v1/auth/me')).body.principal.id;
});
afterAll(async () => {
  await server.dispose();
});

const period = () => {
  const to = new Date();
  const from = new Date(to.getTime() - 86_400_000);
  return `from=${from.toISOString()}&to=${to.toISOString()}`;
};

type Row = [string, string, () => string, unknown, Record<Who, number>];
const readers = (ok: number, display = ok): Record<Who, number> => ({
  anonymous: 401,
  admin: ok,
  supervisor: ok,
  agency: ok,
  viewer: ok,
  display,
  ingest: 403,
});
const adminOnly = (ok: number): Record<Who, number> => ({
  anonymous: 401,
  admin: ok,
  supervisor: 403,
  agency: 403,
  viewer: 403,
  display: 403,
  ingest: 403,
});

/** Which reports are one incident is the command center's call: supervisors and admins. */
const supervisors = (ok: number): Record<Who, number> => ({ ...adminOnly(ok), supervisor: ok });

const matrix: Row[] = [
  // Past authorization, each is refused on its merits (an unknown master; not linked), so
  // every principal meets the same incident as it was.
  [
    'link a report to a master (unknown master)',
    'POST',
    () => `/api/v1/incidents/${p.roadIncident}/link`,
    { masterId: 'no-such-incident' },
    supervisors(422),
  ],
  [
    'split a report (not linked)',
    'POST',
    () => `/api/v1/incidents/${p.roadIncident}/split`,
    {},
    supervisors(409),
  ],
  ['briefing', 'GET', () => `/api/v1/briefing?${period()}`, undefined, readers(200)],
  ['replay', 'GET', () => `/api/v1/replay?${period()}`, undefined, readers(200)],
  ['CSV export', 'GET', () => '/api/v1/export.csv', undefined, readers(200)],
  ['GeoJSON export', 'GET', () => '/api/v1/export.geojson', undefined, readers(200)],
  ['map configuration', 'GET', () => '/api/v1/config', undefined, { ...readers(200), ingest: 200 }],
  ['boundaries (none configured)', 'GET', () => '/api/v1/boundaries', undefined, readers(404)],
  [
    'street basemap (none configured)',
    'GET',
    () => '/api/v1/basemap.pmtiles',
    undefined,
    readers(404),
  ],
  [
    'change a user (a no-op: the role it has)',
    'PATCH',
    () => `/api/v1/admin/users/${viewerId}`,
    { role: 'viewer' },
    adminOnly(200),
  ],
  [
    'revoke an unknown token',
    'DELETE',
    () => '/api/v1/admin/tokens/no-such-token',
    undefined,
    adminOnly(404),
  ],
  [
    'pair a wall again (unknown token)',
    'POST',
    () => '/api/v1/admin/tokens/no-such-token/pairing',
    {},
    adminOnly(404),
  ],
];

describe('HTTP authorization, beyond incidents', () => {
  const rows = matrix.flatMap(([name, method, path, body, expected]) =>
    EVERYONE.map((who) => [name, who, method, path, body, expected[who]] as const),
  );
  it.each(rows)('%s by %s', async (_name, who, method, path, body, status) => {
    const res = await p.call(who, method, path(), body);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
    if (status === 401 || status === 403)
      expect(res.body.error.code).toMatch(/unauthenticated|forbidden/);
  });

  it('a supervisor cannot revoke a wall display’s token, and the wall stays connected to it', async () => {
    const res = await p.call('supervisor', 'DELETE', `/api/v1/admin/tokens/${displayTokenId}`);
    expect(res.status).toBe(403);
    expect((await p.call('display', 'GET', '/api/v1/stats')).status).toBe(200);
  });

  it('an agency operator cannot promote themselves', async () => {
    const me = (await p.call('agency', 'GET', '/api/v1/auth/me')).body.principal;
    const res = await p.call('agency', 'PATCH', `/api/v1/admin/users/${me.id}`, { role: 'admin' });
    expect(res.status).toBe(403);
    const again = (await p.call('agency', 'GET', '/api/v1/auth/me')).body.principal;
    expect(again.role).toBe('agency');
  });
});
