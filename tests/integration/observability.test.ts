/**
 * What the people on call see, on the real server: /metrics counting reports by source,
 * append timings and live sockets, and refused to anyone not on this host without the
 * token; /readyz naming the check that fails; request ids; log lines free of secrets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/observability/logger.ts';
import {
  ADMIN_TOKEN,
  api,
  connectClient,
  handshake,
  report,
  startServer,
  type TestServer,
  type TestSocket,
} from '../support/harness.ts';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

const servers: TestServer[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const s of servers.splice(0)) await s.dispose();
});

async function start(opts: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const server = await startServer(opts);
  servers.push(server);
  return server;
}

async function scrape(server: TestServer, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/metrics`, { headers });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** The value of one sample in Prometheus text, or undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}) {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/** Scrapes until `check` holds on the text (a gauge follows a connection a moment later). */
async function scrapeUntil(server: TestServer, check: (text: string) => boolean) {
  for (let i = 0; i < 250; i++) {
    const { text } = await scrape(server);
    if (check(text)) return text;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('metrics never showed the expected value');
}

describe('/metrics', () => {
  it('counts reports by source and times their appends', async () => {
    const server = await start();
    for (const source of ['qlue', 'qlue', 'call112']) {
      expect((await api(server.url, 'POST', '/api/v1/incidents', report({ source }))).status).toBe(
        201,
      );
    }
    const { status, text, type } = await scrape(server);
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(sample(text, 'nakhoda_reports_ingested_total', { source: 'qlue' })).toBe(2);
    expect(sample(text, 'nakhoda_reports_ingested_total', { source: 'call112' })).toBe(1);
    expect(sample(text, 'nakhoda_reports_ingested_total', { source: 'jaki' })).toBeUndefined();
    expect(sample(text, 'nakhoda_append_seconds_count', { op: 'batch' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'nakhoda_append_group_size_sum')).toBe(3);
    expect(sample(text, 'nakhoda_seq_lag')).toBe(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(
      sample(text, 'nakhoda_http_requests_total', {
        method: 'POST',
        route: '/api/v1/incidents',
        status: '201',
      }),
    ).toBe(3);
  });

  it('follows live sockets as they connect and leave', async () => {
    const server = await start();
    expect(sample((await scrape(server)).text, 'nakhoda_sockets')).toBe(0);
    const socket = connectClient(server.url);
    sockets.push(socket);
    expect(await handshake(socket)).toBe('connected');
    await scrapeUntil(server, (t) => sample(t, 'nakhoda_sockets') === 1);
    socket.disconnect();
    await scrapeUntil(server, (t) => sample(t, 'nakhoda_sockets') === 0);
  });

  it('counts rate-limit refusals by route', async () => {
    const server = await start({ env: { RATE_INGEST_IP_PER_MIN: '1' } });
    expect((await api(server.url, 'POST', '/api/v1/incidents', report())).status).toBe(201);
    expect((await api(server.url, 'POST', '/api/v1/incidents', report())).status).toBe(429);
    const { text } = await scrape(server);
    expect(sample(text, 'nakhoda_rate_limited_total', { route: '/api/v1/incidents' })).toBe(1);
  });

  it('is refused to a forwarded request without the token, served with it', async () => {
    const server = await start({ trustProxy: ['loopback'], metricsToken: METRICS_TOKEN });
    const forwarded = { 'x-forwarded-for': '203.0.113.7' };
    const refused = await scrape(server, forwarded);
    expect(refused.status).toBe(401);
    expect(refused.text).not.toContain('nakhoda_');
    const wrong = await scrape(server, { ...forwarded, authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(wrong.status).toBe(401);
    const allowed = await scrape(server, {
      ...forwarded,
      authorization: `Bearer ${METRICS_TOKEN}`,
    });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('nakhoda_sockets');
  });

  it('is refused to a forwarded request even when the proxy is not trusted and no token is set', async () => {
    const server = await start();
    expect((await scrape(server, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(401);
    expect((await scrape(server, { authorization: 'Bearer anything' })).status).toBe(200);
  });
});

describe('/healthz and /readyz', () => {
  it('says alive with the seq and store, and ready when the store answers', async () => {
    const server = await start();
    await api(server.url, 'POST', '/api/v1/incidents', report());
    const health = await api(server.url, 'GET', '/healthz');
    expect(health).toMatchObject({ status: 200, body: { ok: true, seq: 1, store: 'sqlite' } });
    const ready = await api(server.url, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ok: true, checks: { store: 'ok', caughtUp: 'ok' } });
  });

  it('answers 503 naming the check that fails', async () => {
    let caughtUp = false;
    const server = await start({
      ready: { store: async () => true, redis: () => true, caughtUp: () => caughtUp },
    });
    const notReady = await api(server.url, 'GET', '/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toEqual({
      ok: false,
      checks: { store: 'ok', redis: 'ok', caughtUp: 'failing' },
    });
    caughtUp = true;
    expect((await api(server.url, 'GET', '/readyz')).status).toBe(200);
  });
});

describe('request ids and logs', () => {
  it("echoes a caller's request id and makes one otherwise", async () => {
    const server = await start();
    const given = await api(server.url, 'GET', '/healthz', undefined, {
      'x-request-id': 'lb-1234',
    });
    expect(given.headers.get('x-request-id')).toBe('lb-1234');
    const made = await api(server.url, 'GET', '/api/v1/incidents');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a request without its token, query secret or authorization header', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (l) => lines.push(l) } });
    const server = await start({ logger });
    const res = await api(server.url, 'GET', '/api/v1/incidents?token=secret-in-query&limit=5');
    // The list refuses an unknown parameter: refusals are logged too, and as carefully.
    expect(res.status).toBe(400);
    const wall = await fetch(`${server.url}/wall?token=secret-wall-token`);
    await wall.text();
    const id = res.headers.get('x-request-id');
    const line = lines.find((l) => JSON.parse(l).req?.id === id);
    expect(line).toBeDefined();
    expect(JSON.parse(line!).req.url).toBe('/api/v1/incidents?token=[redacted]&limit=5');
    const all = lines.join('\n');
    expect(all).toContain(wall.headers.get('x-request-id')!);
    expect(all).not.toContain('secret-in-query');
    expect(all).not.toContain('secret-wall-token');
    expect(all).not.toContain(ADMIN_TOKEN);
  });
});
