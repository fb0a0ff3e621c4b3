/**
 * One of every kind of principal on a test server, and two incidents with a reporter's
 * contact details: one for Dinas SDA (flooding), one for Bina Marga (road damage).
 * Users log in for real (session cookies); tokens are minted in the auth store, since
 * the admin API shows a wall display no secret (it pairs with a one-time code).
 */
import { expect } from 'vitest';
import { api, report, type TestServer } from './harness.ts';

export type Who = 'anonymous' | 'admin' | 'supervisor' | 'agency' | 'viewer' | 'display' | 'ingest';
export const EVERYONE: readonly Who[] = [
  'anonymous',
  'admin',
  'supervisor',
  'agency',
  'viewer',
  'display',
  'ingest',
];

export const REPORTER = { name: 'Siti', phone: '+62 812 0000 1111' };
/** A piece of the reporter's phone number: its presence in a body means personal data leaked. */
export const REPORTER_MARK = '0000 1111';

export interface Principals {
  /** Headers that present each principal's credentials (an empty authorization drops the admin default). */
  creds: Record<Who, Record<string, string>>;
  /** Raw secrets: the session cookie pair for users, the bearer secret for tokens. */
  secrets: {
    display: string;
    ingest: string;
    cookies: Record<'supervisor' | 'agency' | 'viewer', string>;
  };
  dsdaIncident: string;
  roadIncident: string;
  call(who: Who, method: string, path: string, body?: unknown): ReturnType<typeof api>;
}

export async function login(base: string, username: string, password: string): Promise<string> {
  const res = await api(
    base,
    'POST',
    '/api/v1/auth/login',
    { username, password },
    { authorization: '' },
  );
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

export const USERS = [
  { username: 'sup', name: 'Sup', role: 'supervisor', password: 'supervisor-pass' },
  { username: 'sda', name: 'Op SDA', role: 'agency', agency: 'dsda', password: 'agency-pass-1' },
  { username: 'view', name: 'Viewer', role: 'viewer', password: 'viewer-pass-1' },
] as const;

export async function seedPrincipals(server: TestServer): Promise<Principals> {
  for (const u of USERS)
    expect((await api(server.url, 'POST', '/api/v1/admin/users', u)).status).toBe(201);
  const cookies = {
    supervisor: await login(server.url, 'sup', 'supervisor-pass'),
    agency: await login(server.url, 'sda', 'agency-pass-1'),
    viewer: await login(server.url, 'view', 'viewer-pass-1'),
  };
  const now = new Date();
  const { secret: display } = await server.auth.createToken(
    { kind: 'display', role: 'display', label: 'Wall 1', createdBy: 'test' },
    now,
  );
  const { secret: ingest } = await server.auth.createToken(
    { kind: 'ingest', role: 'ingest', label: 'Qlue feed', source: 'qlue', createdBy: 'test' },
    now,
  );
  const creds: Record<Who, Record<string, string>> = {
    anonymous: { authorization: '' },
    admin: {},
    supervisor: { authorization: '', cookie: cookies.supervisor },
    agency: { authorization: '', cookie: cookies.agency },
    viewer: { authorization: '', cookie: cookies.viewer },
    display: { authorization: `Bearer ${display}` },
    ingest: { authorization: `Bearer ${ingest}` },
  };
  const post = async (r: Record<string, unknown>) => {
    const res = await api(server.url, 'POST', '/api/v1/incidents', r);
    expect(res.status).toBe(201);
    return res.body.incident.id as string;
  };
  return {
    creds,
    secrets: { display, ingest, cookies },
    dsdaIncident: await post(report({ category: 'flooding', reporter: REPORTER })),
    roadIncident: await post(report({ reporter: REPORTER })),
    call: (who, method, path, body) => api(server.url, method, path, body, creds[who]),
  };
}
