/**
 * Authorization on the live stream: which credentials open a socket, what each may send,
 * and that revoking a token hangs its socket up. Revocation of sessions and expiry:
 * live-rights.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connectClient, nextEvent, startServer, type TestServer } from '../support/harness.ts';
import { seedPrincipals, type Principals, type Who } from '../support/principals.ts';
import { pairedDisplayToken } from '../support/pairing.ts';
import { incidentsOf } from '../support/snapshots.ts';

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

const call = (who: Who, method: string, path: string, body?: unknown) =>
  api(server.url, method, path, body, creds[who]);

describe('Socket.IO authorization', () => {
  const refused = (token: string | null) =>
    new Promise<string>((resolve) => {
      const s = connectClient(server.url, { token });
      s.on('connect_error', (err) => {
        s.disconnect();
        resolve(err.message);
      });
      s.on('connect', () => {
        s.disconnect();
        resolve('connected');
      });
    });

  it.each([
    ['no credentials', null, 'unauthenticated'],
    ['a made-up token', 'nkd_madeup', 'unauthenticated'],
    ['an ingest key', 'INGEST', 'forbidden'],
  ])('refuses a handshake with %s', async (_n, token, message) => {
    expect(await refused(token === 'INGEST' ? secrets.ingest! : token)).toBe(message);
  });

  it('gives a display token a redacted snapshot and refuses its commands', async () => {
    const s = connectClient(server.url, { token: secrets.display });
    const snap = await nextEvent(s, 'snapshot');
    expect(incidentsOf(snap).find((i) => i.id === dsdaIncident)?.reporter).toBeNull();
    const res = await s
      .timeout(5000)
      .emitWithAck('incident:update', { id: dsdaIncident, changes: { note: 'x' } });
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    s.disconnect();
  });

  it('authenticates a session cookie on the handshake and applies the agency rule to commands', async () => {
    const { io } = await import('socket.io-client');
    const s = io(server.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie: creds.agency.cookie! },
    });
    const snap = await nextEvent(s, 'snapshot');
    expect(incidentsOf(snap).find((i) => i.id === dsdaIncident)?.reporter).not.toBeNull();
    const own = await s
      .timeout(5000)
      .emitWithAck('incident:update', { id: dsdaIncident, changes: { note: 'otw' } });
    expect(own.ok).toBe(true);
    const other = await s
      .timeout(5000)
      .emitWithAck('incident:update', { id: roadIncident, changes: { note: 'x' } });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    s.disconnect();
  });

  it('revoking a display token refuses it on HTTP and hangs up its open socket', async () => {
    const made = await pairedDisplayToken(server.url, 'Wall 2');
    const s = connectClient(server.url, { token: made.secret });
    await nextEvent(s, 'snapshot');
    const gone = new Promise<string>((resolve) => s.on('disconnect', (reason) => resolve(reason)));
    expect((await call('admin', 'DELETE', `/api/v1/admin/tokens/${made.id}`)).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    const res = await api(server.url, 'GET', '/api/v1/stats', undefined, {
      authorization: `Bearer ${made.secret}`,
    });
    expect(res.status).toBe(401);
    expect(await refused(made.secret)).toBe('unauthenticated');
  });
});
