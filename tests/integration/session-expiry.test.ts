/**
 * Login sessions end SESSION_HOURS after login, by the server's clock (injected here and
 * moved by hand): the cookie works until that instant and not from it, on HTTP, on a new
 * socket handshake and on a socket already open; logging in again starts a fresh session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  api,
  connectWithCookie,
  disconnected,
  handshake,
  nextEvent,
  startServer,
  type TestServer,
  type TestSocket,
} from '../support/harness.ts';
import { login } from '../support/principals.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T02:00:00.000Z');
let server: TestServer | undefined;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.dispose();
  server = undefined;
});

/** A server whose clock the test moves, with sessions of `hours`. */
async function serverWithClock(hours: number, principalRecheckMs = 3_600_000) {
  let now = T0;
  server = await startServer({
    clock: () => new Date(now),
    principalRecheckMs,
    env: { SESSION_HOURS: String(hours) },
  });
  const made = await api(server.url, 'POST', '/api/v1/admin/users', {
    username: 'sari',
    name: 'Sari',
    role: 'supervisor',
    password: 'supervisor-pass',
  });
  expect(made.status).toBe(201);
  return { server, setNow: (ms: number) => (now = ms) };
}

const me = (s: TestServer, cookie: string) =>
  api(s.url, 'GET', '/api/v1/auth/me', undefined, { authorization: '', cookie });

describe('session expiry', () => {
  it('says when the session ends: SESSION_HOURS after login, in the body and the cookie', async () => {
    const { server } = await serverWithClock(2);
    const res = await api(
      server.url,
      'POST',
      '/api/v1/auth/login',
      { username: 'sari', password: 'supervisor-pass' },
      { authorization: '' },
    );
    expect(res.status).toBe(200);
    expect(res.body.expiresAt).toBe(new Date(T0 + 2 * HOUR).toISOString());
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^nakhoda_session=/);
    expect(cookie).toContain(`Expires=${new Date(T0 + 2 * HOUR).toUTCString()}`);
  });

  it('the cookie works until the end, and neither HTTP nor a new socket takes it from then', async () => {
    const { server, setNow } = await serverWithClock(2);
    const cookie = await login(server.url, 'sari', 'supervisor-pass');
    setNow(T0 + 2 * HOUR - 1);
    const before = await me(server, cookie);
    expect(before.status).toBe(200);
    expect(before.body.principal).toMatchObject({ role: 'supervisor' });
    expect(await handshake(connectWithCookie(server.url, cookie))).toBe('connected');

    setNow(T0 + 2 * HOUR);
    const after = await me(server, cookie);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
    expect(
      (await api(server.url, 'GET', '/api/v1/stats', undefined, { authorization: '', cookie }))
        .status,
    ).toBe(401);
    expect(await handshake(connectWithCookie(server.url, cookie))).toBe('unauthenticated');
  });

  it('a socket opened with the session is hung up once it has expired', async () => {
    const { server, setNow } = await serverWithClock(1, 50);
    const cookie = await login(server.url, 'sari', 'supervisor-pass');
    const s = connectWithCookie(server.url, cookie);
    sockets.push(s);
    await nextEvent(s, 'snapshot');
    const gone = disconnected(s);
    setNow(T0 + HOUR);
    expect(await gone).toBe('io server disconnect');
  });

  it('logging in again after expiry starts a fresh session; the old cookie stays dead', async () => {
    const { server, setNow } = await serverWithClock(12);
    const old = await login(server.url, 'sari', 'supervisor-pass');
    setNow(T0 + 13 * HOUR);
    expect((await me(server, old)).status).toBe(401);
    const fresh = await login(server.url, 'sari', 'supervisor-pass');
    expect(fresh).not.toBe(old);
    expect((await me(server, fresh)).status).toBe(200);
    expect((await me(server, old)).status).toBe(401);
    setNow(T0 + 25 * HOUR - 1);
    expect((await me(server, fresh)).status).toBe(200);
  });
});
