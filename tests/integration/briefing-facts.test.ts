/**
 * GET /api/v1/briefing answers from the in-memory columnar facts; here it must give the
 * same briefing the store path gives (the store's fact list, filtered, through the shared
 * computation) on the same history. The history is written through the API by one server,
 * then a second server on the same file loads it at start, and incidents are changed
 * after that load (resolved, reopened, reassigned, rejected, new ones reported), so both
 * the start-up load and the feed from appends are compared. The clock is injected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import { inArea } from '../../shared/city/lookup.ts';
import { computeBriefing } from '../../shared/domain/briefing.ts';
import { mulberry32 } from '../../server/ingest/simulator/prng.ts';
import { api, report, startServer, tempDbFile, type TestServer } from '../support/harness.ts';

const T0 = Date.parse('2026-11-01T00:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let now = T0;
const temp = tempDbFile();
let server: TestServer;

const CATEGORIES = ['flooding', 'road_damage', 'garbage', 'fallen_tree', 'street_light'];
const KELURAHAN = [
  '31.75.03.1001',
  '31.71.01.1001',
  '31.72.01.1005',
  '31.71.01.1002',
  '31.71.08.1004',
  undefined,
];
const AGENCIES = ['dsda', 'bina_marga', 'dlh', 'kelurahan'];
/** The lifecycle's forward path; each incident walks part of it. */
const PATH = ['verified', 'dispatched', 'in_progress', 'resolved', 'closed'];

async function post(rnd: () => number): Promise<string> {
  const kelurahanCode = KELURAHAN[Math.floor(rnd() * KELURAHAN.length)];
  const res = await api(
    server.url,
    'POST',
    '/api/v1/incidents',
    report({
      category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)],
      location: { lon: 106.75 + rnd() * 0.15, lat: -6.25 + rnd() * 0.12 },
      ...(kelurahanCode ? { kelurahanCode } : {}),
    }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  agencyOf.set(res.body.incident.id, res.body.incident.agency);
  return res.body.incident.id;
}

async function patch(id: string, change: Record<string, unknown>): Promise<void> {
  const res = await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, change);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const startOnFile = () => startServer({ dbFile: temp.file, clock: () => new Date(now) });

/** Where each incident stands on the forward path (−1: received), to pick valid moves. */
const progress = new Map<string, number>();
const agencyOf = new Map<string, string>();

beforeAll(async () => {
  const rnd = mulberry32(11);
  // Three days of history, written by a first server.
  server = await startOnFile();
  for (let i = 0; i < 60; i++) {
    now = T0 + i * 72 * 60_000;
    const id = await post(rnd);
    progress.set(id, -1);
    if (rnd() < 0.1) {
      now += 20 * 60_000;
      await patch(id, { status: 'rejected' });
      progress.set(id, 99);
      continue;
    }
    const steps = Math.floor(rnd() * 6);
    for (let s = 0; s < steps; s++) {
      now += rnd() * 10 * HOUR;
      await patch(id, { status: PATH[s] });
      progress.set(id, s);
    }
  }
  await server.close();
  // A second server loads that history at start; then incidents change under it.
  now = T0 + 3 * DAY;
  server = await startOnFile();
  const rnd2 = mulberry32(12);
  for (const [id, step] of progress) {
    now += 20 * 60_000;
    const roll = rnd2();
    if (step === 3 && roll < 0.5) {
      await patch(id, { status: 'in_progress' }); // reopened: its resolution is undone
      progress.set(id, 2);
    } else if (step >= -1 && step < 3 && roll < 0.6) {
      await patch(id, { status: PATH[step + 1] });
      progress.set(id, step + 1);
    } else if (step < 4 && roll < 0.8) {
      const others = AGENCIES.filter((a) => a !== agencyOf.get(id));
      const agency = others[Math.floor(rnd2() * others.length)]!;
      await patch(id, { agency });
      agencyOf.set(id, agency);
    }
  }
  for (let i = 0; i < 15; i++) {
    now += 30 * 60_000;
    await post(rnd2);
  }
  now += HOUR;
}, 120_000);

afterAll(async () => {
  await server?.dispose();
  temp.cleanup();
});

const PERIODS = [
  { name: 'the whole history', from: T0 - DAY, to: T0 + 5 * DAY },
  { name: 'the day of the changes', from: T0 + 3 * DAY, to: T0 + 4 * DAY },
  { name: 'two days before the second start', from: T0 + DAY, to: T0 + 3 * DAY },
  {
    name: 'six hours across the restart',
    from: T0 + 3 * DAY - 3 * HOUR,
    to: T0 + 3 * DAY + 3 * HOUR,
  },
];

const FILTERS: Record<string, string>[] = [
  {},
  { category: 'flooding' },
  { agency: 'dsda' },
  { area: '31.71' },
  { area: '31.71.01' },
  { minCount: '2', hotspotResolution: '6' },
];

describe('briefing from the in-memory facts', () => {
  it('was given incidents changed after the second server loaded them', () => {
    // Otherwise the comparison below would not reach the feed from appends.
    expect(progress.size).toBe(60);
    expect([...progress.values()].filter((s) => s >= 0 && s < 99).length).toBeGreaterThan(20);
  });

  for (const period of PERIODS) {
    for (const filter of FILTERS) {
      it(`answers as the store path does: ${period.name}, ${JSON.stringify(filter)}`, async () => {
        const from = new Date(period.from);
        const to = new Date(period.to);
        const qs = new URLSearchParams({
          from: from.toISOString(),
          to: to.toISOString(),
          ...filter,
        });
        const res = await api(server.url, 'GET', `/api/v1/briefing?${qs}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);

        const since = new Date(from.getTime() - (to.getTime() - from.getTime())).toISOString();
        const listed = (await server.store.briefingFacts(since, to.toISOString())).filter(
          (f) =>
            (!filter.category || f.category === filter.category) &&
            (!filter.agency || f.agency === filter.agency) &&
            (!filter.area || inArea(f.kelurahanCode, filter.area)),
        );
        const expected = computeBriefing(listed, {
          from,
          to,
          minCount: filter.minCount ? Number(filter.minCount) : 5,
          hotspotResolution: filter.hotspotResolution ? Number(filter.hotspotResolution) : 8,
          categories: JAKARTA.categories.map((c) => c.code),
        });
        expect(res.body).toEqual(JSON.parse(JSON.stringify(expected)));
        expect(listed.length).toBeGreaterThan(0);
      });
    }
  }
});
