/**
 * Slow and heavy readers against the real server, over a month of history: a display
 * that stalls an export must not stop reports being written and is cut off; replays,
 * briefings and exports are limited per principal; heartbeats flow while replays run.
 */
import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import { cellFor } from '../../shared/domain/h3-bins.ts';
import { slaDeadlines } from '../../shared/domain/sla.ts';
import type { NewEvent } from '../../shared/domain/types.ts';
import type { HeavyReadLimits } from '../../server/http/read-limits.ts';
import {
  api,
  connectClient,
  nextEvent,
  report,
  startServer,
  type TestServer,
} from '../support/harness.ts';

const DAY = 86_400_000;
const INCIDENTS = 12_000;
const CONCURRENT = 2;
const PER_MINUTE = 12;

let server: TestServer;
const now = Date.now();

/** A month of reports, each dispatched; every other one resolved after two hours. */
function history(count: number): NewEvent[][] {
  const road = JAKARTA.categories.find((c) => c.code === 'road_damage')!;
  const actor = { kind: 'system', id: 'seed' } as const;
  const batches: NewEvent[][] = [];
  let batch: NewEvent[] = [];
  for (let i = 0; i < count; i++) {
    const t = now - 30 * DAY + Math.floor((i * 29 * DAY) / count);
    const reportedAt = new Date(t).toISOString();
    const at = (ms: number) => new Date(t + ms).toISOString();
    const id = `seed-${i}`;
    const lon = 106.75 + (i % 100) * 0.002;
    const lat = -6.25 + Math.floor(i / 100) * 0.0008;
    batch.push({
      type: 'incident.reported',
      incidentId: id,
      at: reportedAt,
      actor,
      data: {
        incident: {
          id,
          source: 'jaki',
          externalId: null,
          category: road.code,
          severity: road.defaultSeverity,
          description: `Jalan berlubang cukup dalam di depan halte nomor ${i}. `.repeat(8),
          reporter: { name: 'Warga', phone: '+62 812 0000 1111', email: null },
          location: { lon, lat },
          address: `Jl. Contoh No. ${i}`,
          kelurahanCode: null,
          h3: cellFor(lon, lat, JAKARTA.h3Resolution),
          reportedAt,
          status: 'received',
          agency: road.agency,
          ...slaDeadlines(road, reportedAt),
          firstResponseAt: null,
          resolvedAt: null,
          endedAt: null,
          notes: 0,
        },
      },
    });
    const change = (from: string, to: string, ms: number) =>
      ({
        type: 'incident.status_changed',
        incidentId: id,
        at: at(ms),
        actor,
        data: { from, to, occurredAt: at(ms), note: null },
      }) as NewEvent;
    batch.push(change('received', 'dispatched', 600_000));
    if (i % 2 === 0) batch.push(change('dispatched', 'resolved', 7_200_000));
    if (batch.length >= 3000) {
      batches.push(batch);
      batch = [];
    }
  }
  if (batch.length) batches.push(batch);
  return batches;
}

async function seededServer(heavyReads: Partial<HeavyReadLimits>): Promise<TestServer> {
  const started = await startServer({ heartbeatMs: 50, heavyReads });
  for (const events of history(INCIDENTS)) await started.store.append(events);
  return started;
}

beforeAll(async () => {
  server = await seededServer({
    concurrentPerPrincipal: CONCURRENT,
    perMinute: PER_MINUTE,
    sendStallMs: 1500,
    sendDeadlineMs: 120_000,
  });
}, 120_000);
afterAll(async () => {
  await server?.dispose();
});

let tokens = 0;
/** A fresh wall display's bearer header: each test reads as principals of its own. */
async function display(): Promise<Record<string, string>> {
  const { secret } = await server.auth.createToken(
    { kind: 'display', role: 'display', label: `Wall ${++tokens}`, createdBy: 'test' },
    new Date(),
  );
  return { authorization: `Bearer ${secret}` };
}

interface Download {
  res: IncomingMessage;
  /** Reads the rest; resolves with whether the whole body arrived. */
  drain(): Promise<{ complete: boolean }>;
  abort(): void;
}

/** GET `path` and take nothing past the headers: the socket is paused until `drain`. */
function stalled(
  path: string,
  headers: Record<string, string>,
  on: TestServer = server,
  onHeaders: () => void = () => undefined,
): Promise<Download> {
  return new Promise((resolve, reject) => {
    const req = request(`${on.url}${path}`, { headers });
    req.once('error', reject);
    req.once('response', (res) => {
      onHeaders();
      res.pause();
      res.socket.pause();
      resolve({
        res,
        abort: () => req.destroy(),
        drain: () =>
          new Promise((done) => {
            res.on('error', () => undefined);
            res.once('close', () => done({ complete: res.complete }));
            res.resume();
            res.socket.resume();
          }),
      });
    });
    req.end();
  });
}

const lastDay = () => `from=${new Date(now - DAY).toISOString()}&to=${new Date(now).toISOString()}`;

describe('a stalled export', () => {
  it('does not stop reports from being written while it is held open', async () => {
    const wall = await display();
    const download = await stalled('/api/v1/export.csv', wall);
    expect(download.res.statusCode).toBe(200);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++)
        statuses.push((await api(server.url, 'POST', '/api/v1/incidents', report())).status);
      expect(statuses).toEqual(Array(20).fill(201));
      expect(download.res.complete).toBe(false);
    } finally {
      download.abort();
    }
  });

  it('is cut by the server after the stall timeout, which frees its slots', async () => {
    const wall = await display();
    const downloads = await Promise.all([
      stalled('/api/v1/export.csv', wall),
      stalled('/api/v1/export.geojson', wall),
    ]);
    try {
      const briefing = () =>
        api(server.url, 'GET', `/api/v1/briefing?${lastDay()}`, undefined, wall);
      expect((await briefing()).status).toBe(429);
      // Once the server has cut both, the principal may read again.
      let status = 429;
      for (let tries = 0; tries < 40 && status === 429; tries++) {
        await new Promise((r) => setTimeout(r, 500));
        status = (await briefing()).status;
      }
      expect(status).toBe(200);
      for (const d of downloads) expect(await d.drain()).toMatchObject({ complete: false });
    } finally {
      for (const d of downloads) d.abort();
    }
  }, 60_000);
});

describe('a slow download', () => {
  let strict: TestServer;
  beforeAll(async () => {
    strict = await seededServer({ sendDeadlineMs: 1000, sendStallMs: 60_000 });
  }, 120_000);
  afterAll(async () => {
    await strict?.dispose();
  });

  it('is cut at the send deadline, long before its stall timeout', async () => {
    const { secret } = await strict.auth.createToken(
      { kind: 'display', role: 'display', label: 'Slow wall', createdBy: 'test' },
      new Date(),
    );
    const download = await stalled(
      '/api/v1/export.geojson',
      { authorization: `Bearer ${secret}` },
      strict,
    );
    try {
      expect(download.res.statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 3000));
      expect(await download.drain()).toEqual({ complete: false });
    } finally {
      download.abort();
    }
  }, 60_000);
});

describe('per-principal limits', () => {
  it(`runs at most ${CONCURRENT} heavy reads of one principal at once; another principal is served`, async () => {
    const wall = await display();
    const replays = await Promise.all(
      Array.from({ length: CONCURRENT + 1 }, () => stalled(`/api/v1/replay?${lastDay()}`, wall)),
    );
    try {
      const statuses = replays.map((d) => d.res.statusCode).sort();
      expect(statuses).toEqual([...Array<number>(CONCURRENT).fill(200), 429]);
      const refused = replays.find((d) => d.res.statusCode === 429)!;
      const body = await new Promise<string>((resolve) => {
        let text = '';
        refused.res.on('data', (c: Buffer) => (text += c.toString()));
        refused.res.once('end', () => resolve(text));
        refused.res.resume();
        refused.res.socket.resume();
      });
      expect(JSON.parse(body).error.code).toBe('busy');
      const other = await api(
        server.url,
        'GET',
        `/api/v1/replay?${lastDay()}`,
        undefined,
        await display(),
      );
      expect(other.status).toBe(200);
      expect(other.body.initial.length).toBeGreaterThan(0);
    } finally {
      for (const d of replays) d.abort();
    }
  }, 60_000);

  it(`refuses a principal's heavy reads past ${PER_MINUTE} a minute`, async () => {
    const wall = await display();
    const statuses: number[] = [];
    for (let i = 0; i <= PER_MINUTE; i++)
      statuses.push(
        (await api(server.url, 'GET', `/api/v1/briefing?${lastDay()}`, undefined, wall)).status,
      );
    expect(statuses).toEqual([...Array<number>(PER_MINUTE).fill(200), 429]);
    const refused = await api(server.url, 'GET', `/api/v1/export.csv`, undefined, wall);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    // Another principal's budget is its own.
    expect(
      (await api(server.url, 'GET', `/api/v1/export.geojson`, undefined, await display())).status,
    ).toBe(200);
  }, 60_000);
});

describe('heartbeats', () => {
  /** GET `path`, reading all of it; `onHeaders` runs as soon as the status line arrives. */
  const read = (path: string, headers: Record<string, string>, onHeaders: () => void) =>
    new Promise<{ status: number; complete: boolean }>((resolve, reject) => {
      const req = request(`${server.url}${path}`, { headers }, (res) => {
        onHeaders();
        res.resume();
        res.once('close', () => resolve({ status: res.statusCode ?? 0, complete: res.complete }));
      });
      req.once('error', reject);
      req.end();
    });

  it('keep arriving on a connected socket while big replays run', async () => {
    const socket = connectClient(server.url);
    const walls = [await display(), await display(), await display()];
    try {
      await nextEvent(socket, 'heartbeat');
      let answered = false;
      let beatsDuring = 0;
      socket.on('heartbeat', () => {
        if (!answered) beatsDuring++;
      });
      // Counted until the first replay starts to answer: the old replay held the loop until then.
      const replays = await Promise.all(
        walls.flatMap((wall) =>
          Array.from({ length: CONCURRENT }, () =>
            read(`/api/v1/replay?${lastDay()}`, wall, () => (answered = true)),
          ),
        ),
      );
      expect(beatsDuring).toBeGreaterThan(0);
      expect(replays).toEqual(Array(replays.length).fill({ status: 200, complete: true }));
    } finally {
      socket.disconnect();
    }
  }, 120_000);
});
