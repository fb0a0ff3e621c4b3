/**
 * A live socket keeps only the rights its credential still has: logout, token expiry,
 * an agency move, a password reset and disabling each hang it up at once (or on the
 * next command or re-check), and the credential it was born with stops working.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  api,
  connectClient,
  connectWithCookie,
  disconnected,
  handshake,
  nextEvent,
  report,
  startServer,
  waitFor,
  type TestServer,
  type TestSocket,
} from '../support/harness.ts';
import { login, seedPrincipals } from '../support/principals.ts';
import { followServerHangups } from '../../client/live/server-hangup.ts';

let server: TestServer | undefined;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.dispose();
  server = undefined;
});

/** A clock the test moves by hand. */
function manualClock(start = new Date()) {
  let now = start.getTime();
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

async function liveSocket(make: () => TestSocket): Promise<TestSocket> {
  const s = make();
  sockets.push(s);
  await nextEvent(s, 'snapshot');
  return s;
}

const stats = (cookieOrBearer: Record<string, string>) =>
  api(server!.url, 'GET', '/api/v1/stats', undefined, { authorization: '', ...cookieOrBearer });

describe('revocation hangs up live sockets', () => {
  it('logout disconnects the session’s sockets; the cookie opens no new one', async () => {
    server = await startServer();
    const p = await seedPrincipals(server);
    const cookie = p.secrets.cookies.supervisor;
    const s = await liveSocket(() => connectWithCookie(server!.url, cookie));
    const gone = disconnected(s);
    const out = await api(
      server.url,
      'POST',
      '/api/v1/auth/logout',
      {},
      { authorization: '', cookie },
    );
    expect(out.status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    let batches = 0;
    s.on('events:batch', () => batches++);
    await api(server.url, 'POST', '/api/v1/incidents', report());
    server.app.broadcaster.flush();
    expect(batches).toBe(0);
    expect(await handshake(connectWithCookie(server.url, cookie))).toBe('unauthenticated');
    expect((await stats({ cookie })).status).toBe(401);
  });

  it('logout ends only that session: the same user’s other session stays live', async () => {
    server = await startServer();
    await seedPrincipals(server);
    const first = await login(server.url, 'sup', 'supervisor-pass');
    const second = await login(server.url, 'sup', 'supervisor-pass');
    const a = await liveSocket(() => connectWithCookie(server!.url, first));
    const b = await liveSocket(() => connectWithCookie(server!.url, second));
    const gone = disconnected(a);
    await api(server.url, 'POST', '/api/v1/auth/logout', {}, { authorization: '', cookie: first });
    expect(await gone).toBe('io server disconnect');
    expect(b.connected).toBe(true);
    const batch = nextEvent(b, 'events:batch');
    await api(server.url, 'POST', '/api/v1/incidents', report());
    expect((await batch).events[0]?.type).toBe('incident.reported');
  });

  it('an expired API token’s socket cannot write: the next command is refused and hangs up', async () => {
    const t = manualClock();
    // No timer re-check during the test: only the command itself can notice the expiry.
    server = await startServer({ clock: t.clock, principalRecheckMs: 3_600_000 });
    const p = await seedPrincipals(server);
    const { secret } = await server.auth.createToken(
      {
        kind: 'api',
        role: 'supervisor',
        label: 'integration',
        createdBy: 'test',
        expiresAt: new Date(t.clock().getTime() + 3_600_000).toISOString(),
      },
      t.clock(),
    );
    const s = await liveSocket(() => connectClient(server!.url, { token: secret }));
    const before = await s.timeout(5000).emitWithAck('incident:update', {
      id: p.dsdaIncident,
      changes: { note: 'masih berlaku' },
    });
    expect(before.ok).toBe(true);
    t.advance(2 * 3_600_000);
    const gone = disconnected(s);
    const after = await s.timeout(5000).emitWithAck('incident:update', {
      id: p.dsdaIncident,
      changes: { note: 'sudah kedaluwarsa' },
    });
    expect(after).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await gone).toBe('io server disconnect');
    const { body } = await api(server.url, 'GET', `/api/v1/incidents/${p.dsdaIncident}`);
    const notes = body.history.map((e: { data: { note?: string } }) => e.data.note);
    expect(notes).toContain('masih berlaku');
    expect(notes).not.toContain('sudah kedaluwarsa');
  });

  it('an expired token’s idle socket is hung up by the periodic re-check', async () => {
    const t = manualClock();
    server = await startServer({ clock: t.clock, principalRecheckMs: 50 });
    const { secret } = await server.auth.createToken(
      {
        kind: 'display',
        role: 'display',
        label: 'Wall until noon',
        createdBy: 'test',
        expiresAt: new Date(t.clock().getTime() + 60_000).toISOString(),
      },
      t.clock(),
    );
    const s = await liveSocket(() => connectClient(server!.url, { token: secret }));
    const gone = disconnected(s);
    t.advance(120_000);
    expect(await gone).toBe('io server disconnect');
  });

  it('moving an operator to another agency ends their sessions and hangs up their socket', async () => {
    server = await startServer();
    const p = await seedPrincipals(server);
    const cookie = p.secrets.cookies.agency;
    const s = await liveSocket(() => connectWithCookie(server!.url, cookie));
    const userId = (await p.call('agency', 'GET', '/api/v1/auth/me')).body.principal.id;
    const gone = disconnected(s);
    const moved = await api(server.url, 'PATCH', `/api/v1/admin/users/${userId}`, {
      agency: 'bina_marga',
    });
    expect(moved.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    // The old session cannot act for either agency, over HTTP or a new socket.
    expect((await stats({ cookie })).status).toBe(401);
    expect(await handshake(connectWithCookie(server.url, cookie))).toBe('unauthenticated');
    // A fresh login acts for the new agency only.
    const fresh = await login(server.url, 'sda', 'agency-pass-1');
    const s2 = await liveSocket(() => connectWithCookie(server!.url, fresh));
    const road = await s2.timeout(5000).emitWithAck('incident:update', {
      id: p.roadIncident,
      changes: { note: 'Bina Marga menangani' },
    });
    expect(road.ok).toBe(true);
    const flood = await s2.timeout(5000).emitWithAck('incident:update', {
      id: p.dsdaIncident,
      changes: { note: 'bukan lagi urusan saya' },
    });
    expect(flood).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a password reset ends every session of the user, over HTTP and on sockets', async () => {
    server = await startServer();
    const p = await seedPrincipals(server);
    const cookie = p.secrets.cookies.viewer;
    const s = await liveSocket(() => connectWithCookie(server!.url, cookie));
    const userId = (await p.call('viewer', 'GET', '/api/v1/auth/me')).body.principal.id;
    const gone = disconnected(s);
    const reset = await api(server.url, 'PATCH', `/api/v1/admin/users/${userId}`, {
      password: 'a-brand-new-password',
    });
    expect(reset.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect((await stats({ cookie })).status).toBe(401);
    expect(await handshake(connectWithCookie(server.url, cookie))).toBe('unauthenticated');
    await login(server.url, 'view', 'a-brand-new-password');
  });

  it('disabling a user hangs up their socket and refuses their session', async () => {
    server = await startServer();
    const p = await seedPrincipals(server);
    const cookie = p.secrets.cookies.supervisor;
    const s = await liveSocket(() => connectWithCookie(server!.url, cookie));
    const userId = (await p.call('supervisor', 'GET', '/api/v1/auth/me')).body.principal.id;
    const gone = disconnected(s);
    await api(server.url, 'PATCH', `/api/v1/admin/users/${userId}`, { disabled: true });
    expect(await gone).toBe('io server disconnect');
    expect((await stats({ cookie })).status).toBe(401);
  });

  it('a re-check keeps a socket whose rights have not changed', async () => {
    server = await startServer({ principalRecheckMs: 20 });
    const p = await seedPrincipals(server);
    const s = await liveSocket(() => connectWithCookie(server!.url, p.secrets.cookies.agency));
    await new Promise((r) => setTimeout(r, 200));
    expect(s.connected).toBe(true);
    const ack = await s.timeout(5000).emitWithAck('incident:update', {
      id: p.dsdaIncident,
      changes: { note: 'masih di sini' },
    });
    expect(ack.ok).toBe(true);
  });

  it('a page whose session ended is sent to log in; one whose rights changed comes back with them', async () => {
    server = await startServer();
    const p = await seedPrincipals(server);
    const ended = await liveSocket(() => connectWithCookie(server!.url, p.secrets.cookies.viewer));
    let sentToLogin = 0;
    followServerHangups(ended, { usesSession: true, toLogin: () => sentToLogin++, retryMs: 10 });
    await api(
      server.url,
      'POST',
      '/api/v1/auth/logout',
      {},
      {
        authorization: '',
        cookie: p.secrets.cookies.viewer,
      },
    );
    await waitFor(() => sentToLogin === 1);

    // A wall hung up while its token is still good (say, the server cut every socket of
    // that principal) asks again and comes back with a fresh snapshot.
    const wall = await liveSocket(() => connectClient(server!.url, { token: p.secrets.display }));
    followServerHangups(wall, { usesSession: false, toLogin: () => sentToLogin++, retryMs: 10 });
    const again = nextEvent(wall, 'snapshot');
    server.app.io
      .in(`principal:${(await p.call('display', 'GET', '/api/v1/auth/me')).body.principal.id}`)
      .disconnectSockets(true);
    await again;
    expect(wall.connected).toBe(true);
    expect(sentToLogin).toBe(1);
  });
});
