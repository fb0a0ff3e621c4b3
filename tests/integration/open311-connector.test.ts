/**
 * The Open311 connector, round trip: Nakhoda B's connector pulls from Nakhoda A's Open311
 * server (a viewer key minted on A). Requests filed on A appear on B once however often B
 * pulls, A's status changes reach B (recent ones through `requests`, older ones through
 * `servicerequestupdates`), a restart continues from the saved cursor and page, a remote
 * that fails is backed off and shown in health, and the remote key never leaves B. A stub
 * stands in for servers in the wild (outside the product): paging ignored, numeric ids,
 * requests without id or location, services B does not map.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import { createConnectorRunner } from '../../server/open311/connector-runner.ts';
import { openSqliteConnectorStore } from '../../server/open311/sqlite-connector.store.ts';
import { api, report, startServer, tempDbFile, type TestServer } from '../support/harness.ts';
import { fileRequest, floodRequest, mintKeys, OPEN311 } from '../support/open311.ts';

const HOUR = 3_600_000;

let a: TestServer;
let keys: { ingest: string; viewer: string };
beforeAll(async () => {
  a = await startServer();
  keys = await mintKeys(a);
});
afterAll(() => a.dispose());

/** Nakhoda B, logging into `lines`, on its own file (kept for a restart when given). */
async function startB(lines: string[] = [], dbFile?: string): Promise<TestServer> {
  return startServer({ log: (msg: string) => void lines.push(msg), ...(dbFile ? { dbFile } : {}) });
}

const connectorBody = (extra: Record<string, unknown> = {}) => ({
  name: 'Kota A',
  endpoint: `${a.url}${OPEN311}`,
  jurisdictionId: JAKARTA.code,
  apiKey: keys.viewer,
  // Pulled by the tests themselves; the background loop waits an hour after a round.
  pollSeconds: 3600,
  ...extra,
});

async function addConnector(b: TestServer, extra: Record<string, unknown> = {}) {
  const res = await api(b.url, 'POST', '/api/v1/admin/connectors', connectorBody(extra));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.connector as { id: string };
}

const pull = (b: TestServer, id: string) => b.connectors.runner()!.pull(id);

async function connectorOn(b: TestServer, id: string) {
  const res = await api(b.url, 'GET', '/api/v1/admin/connectors');
  expect(res.status).toBe(200);
  return res.body.connectors.find((c: { id: string }) => c.id === id);
}

/** B's incidents pulled by connector `id`, by remote id. */
async function pulledOn(b: TestServer, id: string) {
  const res = await api(b.url, 'GET', '/api/v1/incidents?source=open311&limit=5000');
  expect(res.status).toBe(200);
  const mine = (res.body.items as { externalId: string; status: string; id: string }[]).filter(
    (i) => i.externalId.startsWith(`${id}:`),
  );
  return new Map(mine.map((i) => [i.externalId.slice(id.length + 1), i]));
}

const fileOnA = async (r: Record<string, unknown> = {}, authorization?: string) => {
  const res = await api(
    a.url,
    'POST',
    '/api/v1/incidents',
    report(r),
    authorization ? { authorization } : {},
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.incident.id as string;
};

const changeOnA = async (id: string, ...statuses: string[]) => {
  for (const status of statuses) {
    const res = await api(a.url, 'PATCH', `/api/v1/incidents/${id}`, { status });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
};

describe('Open311 connector: Nakhoda B pulls from Nakhoda A', () => {
  it('files each request of A on B once, and follows status changes, recent and old', async () => {
    const b = await startB();
    try {
      const viaOpen311 = await fileRequest(a, floodRequest(keys.ingest));
      const viaApi = await fileOnA({ source: 'qlue' });
      // Dated 5 h back by an ingest key: outside the window of B's later rounds.
      const old = await fileOnA(
        { reportedAt: new Date(Date.now() - 5 * HOUR).toISOString() },
        `Bearer ${keys.ingest}`,
      );
      const c = await addConnector(b);
      await pull(b, c.id);
      await pull(b, c.id);
      const pulled = await pulledOn(b, c.id);
      expect([...pulled.keys()]).toEqual(expect.arrayContaining([viaOpen311, viaApi, old]));
      // Nothing else was filed on A since its start but by this file's tests: all of them, once.
      const external = [...pulled.keys()];
      expect(new Set(external).size).toBe(external.length);
      const health = (await connectorOn(b, c.id)).health;
      expect(health).toMatchObject({ status: 'ok', consecutiveFailures: 0, lastError: null });
      expect(health.counts.created).toBe(pulled.size);
      expect(health.cursor.updatedAt).not.toBeNull();
      expect(health.lagSeconds).toBeGreaterThanOrEqual(0);

      await changeOnA(viaApi, 'dispatched', 'resolved');
      await changeOnA(old, 'verified', 'dispatched', 'in_progress');
      await pull(b, c.id);
      const after = await pulledOn(b, c.id);
      expect(after.get(viaApi)!.status).toBe('resolved');
      expect(after.get(old)!.status).toBe('in_progress');
      expect(after.get(viaOpen311)!.status).toBe('received');
      expect(after.size).toBe(pulled.size);
      const detail = await api(b.url, 'GET', `/api/v1/incidents/${after.get(viaApi)!.id}`);
      const changes = detail.body.history.filter(
        (e: { type: string }) => e.type === 'incident.status_changed',
      );
      expect(changes.map((e: { data: { to: string } }) => e.data.to)).toEqual([
        'dispatched',
        'resolved',
      ]);
      expect(changes.at(-1).data.note).toMatch(/^Open311 Kota A/);

      // Closed on A: B walks the lifecycle to closed as well.
      await changeOnA(viaApi, 'closed');
      await pull(b, c.id);
      expect((await pulledOn(b, c.id)).get(viaApi)!.status).toBe('closed');
    } finally {
      await b.dispose();
    }
  });

  it("continues from the saved cursor after a restart of B's runner", async () => {
    const temp = tempDbFile();
    let b = await startB([], temp.file);
    try {
      await fileOnA();
      const c = await addConnector(b);
      await pull(b, c.id);
      const before = (await connectorOn(b, c.id)).health;
      await b.dispose();
      b = await startB([], temp.file);
      expect((await connectorOn(b, c.id)).health.cursor).toEqual(before.cursor);
      const fresh = await fileOnA({ description: 'after the restart' });
      await pull(b, c.id);
      const pulled = await pulledOn(b, c.id);
      expect(pulled.has(fresh)).toBe(true);
      const health = (await connectorOn(b, c.id)).health;
      expect(health.counts.created).toBe(before.counts.created + 1);
      expect(pulled.size).toBe(health.counts.created);
    } finally {
      await b.dispose();
      temp.cleanup();
    }
  });

  it('continues a round at its saved page when a new runner takes over', async () => {
    for (let i = 0; i < 3; i++) await fileOnA({ description: `paged ${i}` });
    const b = await startB();
    try {
      // Disabled: only the runners made here pull it.
      const c = await addConnector(b, { enabled: false });
      const runner = (limits = { pageSize: 2, maxPages: 1 }) =>
        createConnectorRunner({
          connectors: store,
          service: b.app.service,
          store: b.store,
          pack: JAKARTA,
          clock: () => new Date(),
          log: () => undefined,
          tickMs: 0,
          limits,
        });
      const store = openSqliteConnectorStore(b.dbFile);
      try {
        const first = runner();
        const state = (await first.pull(c.id))!;
        await first.stop();
        expect(state.round).toMatchObject({ page: 2 });
        expect(state.counts.created).toBe(2);
        // A new runner (as after a restart) reads on from page 2 until the round ends.
        const second = runner({ pageSize: 2, maxPages: 1000 });
        const done = (await second.pull(c.id))!;
        await second.stop();
        expect(done.round).toBeNull();
        const pulled = await pulledOn(b, c.id);
        expect(done.counts.created).toBe(pulled.size);
        expect(pulled.size).toBeGreaterThanOrEqual(3);
      } finally {
        await store.close();
      }
    } finally {
      await b.dispose();
    }
  });

  it('pulls by itself once a connector is enabled', async () => {
    const filed = await fileOnA({ description: 'for the loop' });
    const b = await startB();
    try {
      const c = await addConnector(b);
      await expect
        .poll(async () => (await pulledOn(b, c.id)).has(filed), { timeout: 15_000 })
        .toBe(true);
    } finally {
      await b.dispose();
    }
  });
});

/** A GeoReport v2 server as some in the wild are; the key it takes is `good-key-…`. */
const WILD_KEY = 'good-key-0123456789abcdef';
function startWild(requests: () => unknown[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://wild');
    const key = url.searchParams.get('api_key');
    res.setHeader('content-type', 'application/json');
    if (key !== WILD_KEY) {
      res.statusCode = 403;
      return res.end(JSON.stringify([{ code: 403, description: `api_key '${key}' is not valid` }]));
    }
    if (url.pathname === '/v2/requests.json') return res.end(JSON.stringify(requests()));
    res.statusCode = 404;
    res.end(JSON.stringify([{ code: 404, description: 'not found' }]));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`, server }),
    ),
  );
}
const close = (s: Server) => new Promise((r) => s.close(r));

describe('Open311 connector: servers in the wild and failures', () => {
  const at = new Date(Date.now() - HOUR).toISOString();
  const wildRequests = () => [
    {
      service_request_id: 101,
      status: 'open',
      service_code: 'pothole',
      requested_datetime: at,
      updated_datetime: at,
      lat: '-6.2',
      long: '106.8',
    },
    { status: 'open', service_code: 'pothole', updated_datetime: at, lat: -6.2, long: 106.8 },
    { service_request_id: 'no-where', status: 'open', service_code: 'pothole', lat: '' },
    { service_request_id: 'null-island', service_code: 'pothole', lat: 0, long: 0 },
    {
      service_request_id: 'graffiti-1',
      status: 'open',
      service_code: 'graffiti',
      updated_datetime: at,
      lat: -6.21,
      long: 106.81,
    },
  ];

  it('skips and counts requests without id or location or an unmapped service, once', async () => {
    const wild = await startWild(wildRequests);
    const b = await startB();
    try {
      const c = await addConnector(b, {
        name: 'Wild',
        endpoint: wild.url,
        jurisdictionId: null,
        apiKey: WILD_KEY,
        serviceMap: { pothole: 'road_damage' },
      });
      await pull(b, c.id);
      await pull(b, c.id);
      const health = (await connectorOn(b, c.id)).health;
      expect(health.counts).toEqual({
        seen: 5,
        created: 1,
        updated: 0,
        skippedNoId: 1,
        skippedNoLocation: 2,
        skippedUnmapped: 1,
        refused: 0,
      });
      expect([...(await pulledOn(b, c.id)).keys()]).toEqual(['101']);
      // A default category takes in what no mapping names, at the next read.
      const patched = await api(b.url, 'PATCH', `/api/v1/admin/connectors/${c.id}`, {
        defaultCategory: 'garbage',
      });
      expect(patched.status).toBe(200);
      await pull(b, c.id);
      const pulled = await pulledOn(b, c.id);
      expect([...pulled.keys()].sort()).toEqual(['101', 'graffiti-1']);
    } finally {
      await b.dispose();
      await close(wild.server);
    }
  });

  it('backs off a remote that fails, says why in health, and recovers', async () => {
    const nothing = await startWild(() => []);
    await close(nothing.server);
    const b = await startB();
    try {
      // Disabled, so that only this test's pulls count as tries.
      const c = await addConnector(b, { endpoint: nothing.url, enabled: false, pollSeconds: 60 });
      const gaps = [];
      for (let i = 0; i < 3; i++) {
        const s = (await pull(b, c.id))!;
        gaps.push(Date.parse(s.nextAttemptAt!) - Date.parse(s.lastErrorAt!));
      }
      expect(gaps).toEqual([120_000, 240_000, 480_000]);
      await api(b.url, 'PATCH', `/api/v1/admin/connectors/${c.id}`, { enabled: true });
      const failing = (await connectorOn(b, c.id)).health;
      expect(failing).toMatchObject({ status: 'failing', consecutiveFailures: 3 });
      expect(failing.lastError).toMatch(/ECONNREFUSED/);
      expect(failing.lastSuccessAt).toBeNull();
      // The people on call see it too (/metrics answers loopback without a token).
      const metrics = await (await fetch(`${b.url}/metrics`)).text();
      expect(metrics).toContain('nakhoda_connector_failures{connector="Kota A"} 3');
      expect(metrics).toMatch(/nakhoda_connector_lag_seconds\{connector="Kota A"\} nan\n/i);
      // Pointed at A, it starts afresh and succeeds.
      const moved = await api(b.url, 'PATCH', `/api/v1/admin/connectors/${c.id}`, {
        endpoint: `${a.url}${OPEN311}`,
      });
      expect(moved.body.connector.health.consecutiveFailures).toBe(0);
      await pull(b, c.id);
      expect((await connectorOn(b, c.id)).health).toMatchObject({
        status: 'ok',
        consecutiveFailures: 0,
      });
      const recovered = await (await fetch(`${b.url}/metrics`)).text();
      expect(recovered).toContain('nakhoda_connector_failures{connector="Kota A"} 0');
      expect(recovered).toMatch(/nakhoda_connector_lag_seconds\{connector="Kota A"\} \d+\n/);
    } finally {
      await b.dispose();
    }
  });

  it('never shows or logs the remote key, even when the remote echoes it', async () => {
    const wild = await startWild(wildRequests);
    const lines: string[] = [];
    const b = await startB(lines);
    const secret = 'wrong-key-that-must-never-leak-42';
    try {
      const c = await addConnector(b, {
        name: 'Wild',
        endpoint: wild.url,
        apiKey: secret,
        enabled: false,
      });
      const created = await api(b.url, 'GET', '/api/v1/admin/connectors');
      expect(created.body.connectors[0].apiKey).toEqual({ set: true, hint: '…k-42' });
      const state = (await pull(b, c.id))!;
      expect(state.lastError).toMatch(/answered 403/);
      expect(state.lastError).toContain('***');
      const listed = await api(b.url, 'GET', '/api/v1/admin/connectors');
      const patched = await api(b.url, 'PATCH', `/api/v1/admin/connectors/${c.id}`, {
        pollSeconds: 30,
      });
      const deleted = await api(b.url, 'DELETE', `/api/v1/admin/connectors/${c.id}`);
      expect(deleted.status).toBe(200);
      for (const body of [created.body, listed.body, patched.body, deleted.body])
        expect(JSON.stringify(body)).not.toContain(secret);
      expect(lines.some((l) => l.includes('pull failed'))).toBe(true);
      expect(lines.filter((l) => l.includes(secret))).toEqual([]);
    } finally {
      await b.dispose();
      await close(wild.server);
    }
  });
});

describe('Open311 connector admin API', () => {
  let b: TestServer;
  beforeAll(async () => {
    b = await startB();
  });
  afterAll(() => b.dispose());

  it('refuses bad input naming the field, and stores nothing', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ endpoint: 'ftp://city.example/v2' }, 400, 'endpoint'],
      [{ endpoint: 'https://user:pw@city.example/v2' }, 400, 'endpoint'],
      [{ pollSeconds: 1 }, 400, 'pollSeconds'],
      [{ colour: 'red' }, 400, '(body)'],
      [{ serviceMap: { pothole: 'no_such_category' } }, 422, 'serviceMap.pothole'],
      [{ defaultCategory: 'nope' }, 422, 'defaultCategory'],
    ];
    for (const [extra, status, field] of cases) {
      const res = await api(b.url, 'POST', '/api/v1/admin/connectors', connectorBody(extra));
      expect(res.status, JSON.stringify(extra)).toBe(status);
      expect(Object.keys(res.body.error.fields ?? {}).join(), JSON.stringify(res.body)).toContain(
        field === '(body)' ? '' : field,
      );
    }
    expect((await api(b.url, 'GET', '/api/v1/admin/connectors')).body.connectors).toEqual([]);
  });

  it('answers 409 for a name taken and 404 for an unknown connector', async () => {
    const c = await addConnector(b, { name: 'Dup', enabled: false });
    const again = await api(
      b.url,
      'POST',
      '/api/v1/admin/connectors',
      connectorBody({ name: 'Dup' }),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.fields).toEqual({ name: 'is taken' });
    expect(
      (await api(b.url, 'PATCH', '/api/v1/admin/connectors/nope', { enabled: true })).status,
    ).toBe(404);
    expect((await api(b.url, 'DELETE', '/api/v1/admin/connectors/nope')).status).toBe(404);
    expect((await api(b.url, 'DELETE', `/api/v1/admin/connectors/${c.id}`)).status).toBe(200);
  });

  it('is for admins only', async () => {
    const { secret } = await b.auth.createToken(
      { kind: 'api', role: 'supervisor', label: 'Sup', createdBy: 'test' },
      new Date(),
    );
    const res = await api(b.url, 'GET', '/api/v1/admin/connectors', undefined, {
      authorization: `Bearer ${secret}`,
    });
    expect(res.status).toBe(403);
    const anonymous = await api(b.url, 'GET', '/api/v1/admin/connectors', undefined, {
      authorization: '',
    });
    expect(anonymous.status).toBe(401);
  });
});
