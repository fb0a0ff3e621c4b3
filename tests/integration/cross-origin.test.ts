/**
 * A page of another origin on the same host (another port) must not ride a supervisor's
 * session cookie: not on the Socket.IO handshake, not on writes, not to log them out.
 * Bearer-token sockets (wall displays, integrations) keep working from anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  connectClient,
  connectWithCookie,
  handshake,
  report,
  startServer,
  type TestServer,
} from '../support/harness.ts';
import { seedPrincipals, type Principals } from '../support/principals.ts';

const ALLOWED = 'https://ops.example.go.id';
let server: TestServer;
let p: Principals;
let own: string;
let foreign: string;

beforeAll(async () => {
  server = await startServer({ allowedOrigins: [ALLOWED] });
  p = await seedPrincipals(server);
  own = server.url.replace('localhost', '127.0.0.1');
  // The same host, another port: same site, other origin.
  foreign = `http://127.0.0.1:${server.port + 1}`;
});
afterAll(async () => {
  await server.dispose();
});

describe('Socket.IO handshake with a session cookie', () => {
  it.each([
    ['another port of the same host', () => foreign, 'cross_origin'],
    ['a sibling subdomain', () => 'http://evil.127.0.0.1.nip.io', 'cross_origin'],
    ['an opaque origin (sandboxed frame)', () => 'null', 'cross_origin'],
    ['the server’s own origin', () => own, 'connected'],
    ['an origin in ALLOWED_ORIGINS', () => ALLOWED, 'connected'],
  ])('from %s: %s', async (_name, origin, outcome) => {
    const s = connectWithCookie(server.url, p.secrets.cookies.supervisor, { origin: origin() });
    expect(await handshake(s)).toBe(outcome);
    s.disconnect();
  });

  it('refuses a same-site page that sends no Origin but says it is cross-origin', async () => {
    const { io } = await import('socket.io-client');
    const s = io(server.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie: p.secrets.cookies.supervisor, 'sec-fetch-site': 'same-site' },
    });
    expect(await handshake(s)).toBe('cross_origin');
  });

  it('lets a bearer-token socket (a wall display) connect from any origin', async () => {
    const { io } = await import('socket.io-client');
    const s = io(server.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { token: p.secrets.display },
      extraHeaders: { origin: foreign },
    });
    expect(await handshake(s)).toBe('connected');
    s.disconnect();
    const plain = connectClient(server.url, { token: p.secrets.display });
    expect(await handshake(plain)).toBe('connected');
    plain.disconnect();
  });
});

describe('HTTP writes with a session cookie', () => {
  const asSupervisor = (origin: string | undefined) => ({
    authorization: '',
    cookie: p.secrets.cookies.supervisor,
    ...(origin ? { origin } : {}),
  });

  it('refuses a write from another origin and stores nothing', async () => {
    const before = (await api(server.url, 'GET', '/api/v1/events?after=0&limit=10000')).body
      .latestSeq;
    const res = await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ source: 'field' }),
      asSupervisor(foreign),
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('cross_origin');
    const note = await api(
      server.url,
      'PATCH',
      `/api/v1/incidents/${p.dsdaIncident}`,
      { note: 'dari halaman lain' },
      asSupervisor(foreign),
    );
    expect(note.status).toBe(403);
    const after = (await api(server.url, 'GET', '/api/v1/events?after=0&limit=10000')).body
      .latestSeq;
    expect(after).toBe(before);
  });

  it('accepts the same write from the server’s own origin', async () => {
    const res = await api(
      server.url,
      'PATCH',
      `/api/v1/incidents/${p.dsdaIncident}`,
      { note: 'dari konsol' },
      asSupervisor(own),
    );
    expect(res.status).toBe(200);
  });

  it('refuses a cookie write from another origin that carries a non-bearer Authorization header', async () => {
    const res = await api(
      server.url,
      'PATCH',
      `/api/v1/incidents/${p.dsdaIncident}`,
      { note: 'dengan header lain' },
      { ...asSupervisor(foreign), authorization: 'Basic dXNlcjpwYXNz' },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('cross_origin');
  });

  it('accepts a bearer-token write whatever its Origin says', async () => {
    const res = await api(server.url, 'POST', '/api/v1/incidents', report({ source: 'qlue' }), {
      authorization: `Bearer ${p.secrets.ingest}`,
      origin: foreign,
    });
    expect(res.status).toBe(201);
  });
});

describe('logout', () => {
  it('needs a JSON request: a cross-site form post cannot log a user out', async () => {
    const cookie = p.secrets.cookies.viewer;
    const form = await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x=1',
    });
    expect(form.status).toBe(415);
    const plain = await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(plain.status).toBe(415);
    const still = await api(server.url, 'GET', '/api/v1/stats', undefined, {
      authorization: '',
      cookie,
    });
    expect(still.status).toBe(200);
  });

  it('refuses a JSON logout from another origin', async () => {
    const cookie = p.secrets.cookies.viewer;
    const res = await api(
      server.url,
      'POST',
      '/api/v1/auth/logout',
      {},
      {
        authorization: '',
        cookie,
        origin: foreign,
      },
    );
    expect(res.status).toBe(403);
    const still = await api(server.url, 'GET', '/api/v1/stats', undefined, {
      authorization: '',
      cookie,
    });
    expect(still.status).toBe(200);
  });
});
