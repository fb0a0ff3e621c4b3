/**
 * GET /api/v1/incidents: every filter picks exactly the incidents that match it, newest
 * first, and cursor paging walks the whole set with no duplicate and no gap, also when
 * several incidents share a report time. The server's clock is injected, so report times
 * are known; each expectation is computed from the full list, and each filter must keep
 * some incidents and drop others, so one that is ignored fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/types.ts';
import { api, report, startServer, type TestServer } from '../support/harness.ts';

const T0 = Date.parse('2026-11-20T01:00:00.000Z');
const MIN = 60_000;
let now = T0;
let server: TestServer;
let all: Incident[];

const CATEGORIES = ['flooding', 'road_damage', 'garbage', 'fire', 'traffic_jam'];
const SOURCES = ['jaki', 'qlue', 'call112', 'field'];
const LONS = [106.7, 106.75, 106.8, 106.85, 106.9, 106.95];
const LATS = [-6.3, -6.25, -6.2, -6.15];
const KELURAHAN = ['31.71.01.1001', '31.71.01.1002', '31.71.08.1004', '31.72.01.1005'];
const WORDS = ['Genangan air setinggi lutut', 'Lubang besar di lajur kiri', 'Sampah menumpuk'];
/** Where each incident stops in its lifecycle, by i % 6. */
const PATHS = [
  [],
  ['verified'],
  ['verified', 'dispatched'],
  ['dispatched', 'in_progress'],
  ['dispatched', 'resolved'],
  ['rejected'],
];
const COUNT = 24;

async function seed(): Promise<void> {
  for (let i = 0; i < COUNT; i++) {
    // 10, 11 and 12 share one report time: paging must order ties by id.
    if (i !== 11 && i !== 12) now += 10 * MIN;
    const body = report({
      source: SOURCES[i % SOURCES.length],
      category: CATEGORIES[i % CATEGORIES.length],
      location: { lon: LONS[i % LONS.length], lat: LATS[Math.floor(i / LONS.length)] },
      description:
        i === 5 ? 'Air naik 100%_penuh di kolong' : `Laporan ${i}: ${WORDS[i % WORDS.length]}`,
      ...(i % 5 === 2 ? { address: 'Jl. Kebon Sirih No. 18' } : {}),
      ...(i % 7 === 0 ? {} : { kelurahanCode: KELURAHAN[i % KELURAHAN.length] }),
    });
    const res = await api(server.url, 'POST', '/api/v1/incidents', body);
    expect(res.status).toBe(201);
    const id = res.body.incident.id as string;
    const changes = [
      ...(i % 9 === 4 ? [{ agency: 'kelurahan' }] : []),
      ...PATHS[i % PATHS.length]!.map((status) => ({ status })),
    ];
    for (const change of changes) {
      const step = await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, change);
      expect(step.status, JSON.stringify(change)).toBe(200);
    }
  }
}

/** The API's order: newest report first, ties by id, descending (byte order, as SQLite). */
const newestFirst = (a: Incident, b: Incident) =>
  a.reportedAt !== b.reportedAt
    ? a.reportedAt < b.reportedAt
      ? 1
      : -1
    : a.id < b.id
      ? 1
      : a.id > b.id
        ? -1
        : 0;

async function list(query: string): Promise<{ items: Incident[]; nextCursor: string | null }> {
  const res = await api(server.url, 'GET', `/api/v1/incidents?${query}`);
  expect(res.status, query).toBe(200);
  return res.body;
}

const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  server = await startServer({ clock: () => new Date(now) });
  await seed();
  all = (await list('limit=5000')).items;
}, 60_000);
afterAll(async () => {
  await server.dispose();
});

describe('GET /api/v1/incidents filters', () => {
  it('lists every incident, newest first', () => {
    expect(all).toHaveLength(COUNT);
    expect(all.map((i) => i.id)).toEqual([...all].sort(newestFirst).map((i) => i.id));
    expect(new Set(all.map((i) => i.reportedAt)).size).toBe(COUNT - 2);
  });

  const since = iso(T0 + 60 * MIN);
  const until = iso(T0 + 150 * MIN);
  const cases: [string, string, (i: Incident) => boolean][] = [
    ['status (one)', 'status=received', (i) => i.status === 'received'],
    [
      'status (several)',
      'status=dispatched,in_progress',
      (i) => ['dispatched', 'in_progress'].includes(i.status),
    ],
    ['category', 'category=flooding,fire', (i) => ['flooding', 'fire'].includes(i.category)],
    // The current agency: reassigned incidents follow their new agency.
    ['agency', 'agency=kelurahan', (i) => i.agency === 'kelurahan'],
    ['agency (several)', 'agency=dsda,dlh', (i) => ['dsda', 'dlh'].includes(i.agency)],
    ['source', 'source=qlue,call112', (i) => ['qlue', 'call112'].includes(i.source)],
    [
      'bbox, edges included',
      'bbox=106.75,-6.25,106.85,-6.2',
      (i) =>
        i.location.lon >= 106.75 &&
        i.location.lon <= 106.85 &&
        i.location.lat >= -6.25 &&
        i.location.lat <= -6.2,
    ],
    ['since (inclusive)', `since=${since}`, (i) => i.reportedAt >= since],
    ['until (exclusive)', `until=${until}`, (i) => i.reportedAt < until],
    [
      'since and until',
      `since=${since}&until=${until}`,
      (i) => i.reportedAt >= since && i.reportedAt < until,
    ],
    [
      'since with an offset, read as the same instant',
      `since=${encodeURIComponent('2026-11-20T09:00:00+07:00')}`,
      (i) => i.reportedAt >= since,
    ],
    ['area: a kota', 'area=31.71', (i) => i.kelurahanCode?.startsWith('31.71.') ?? false],
    [
      'area: a kecamatan',
      'area=31.71.01',
      (i) => i.kelurahanCode?.startsWith('31.71.01.') ?? false,
    ],
    ['area: a kelurahan', 'area=31.71.08.1004', (i) => i.kelurahanCode === '31.71.08.1004'],
    [
      'q, case-insensitive, in the description',
      'q=GENANGAN',
      (i) => i.description.toLowerCase().includes('genangan'),
    ],
    ['q in the address', 'q=kebon%20sirih', (i) => (i.address ?? '').includes('Kebon Sirih')],
    // % and _ are text, not wildcards: "0%_p" matches one description only.
    ['q with LIKE wildcards', 'q=0%25_p', (i) => i.description.includes('0%_p')],
    [
      'several filters together',
      'category=flooding,road_damage,garbage&status=received,verified,dispatched&area=31.71',
      (i) =>
        ['flooding', 'road_damage', 'garbage'].includes(i.category) &&
        ['received', 'verified', 'dispatched'].includes(i.status) &&
        (i.kelurahanCode?.startsWith('31.71.') ?? false),
    ],
  ];

  it.each(cases)('%s: exactly the matching incidents (%s)', async (_name, query, matches) => {
    const expected = all.filter(matches).map((i) => i.id);
    // A filter that keeps all or nothing could be ignored or broken without this test noticing.
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    const { items, nextCursor } = await list(`${query}&limit=5000`);
    expect(items.map((i) => i.id)).toEqual(expected);
    expect(nextCursor).toBeNull();
  });

  it('an empty result is an empty list, not an error', async () => {
    expect(await list('q=tidak-ada-yang-begini')).toEqual({ items: [], nextCursor: null });
  });

  it('limit returns the newest that many, with a cursor to the rest', async () => {
    const { items, nextCursor } = await list('limit=5');
    expect(items.map((i) => i.id)).toEqual(all.slice(0, 5).map((i) => i.id));
    expect(nextCursor).toEqual(expect.any(String));
  });

  it.each([
    ['status', 'status=lost'],
    ['source', 'source=pigeon'],
    ['bbox', 'bbox=106.9,-6.2,106.8,-6.1'],
    ['since', 'since=yesterday'],
    ['until', 'until=2026-11-20'],
    ['area', 'area=Jakarta'],
    ['limit', 'limit=0'],
    ['limit', 'limit=5001'],
    ['cursor', 'cursor=bm90LWEtY3Vyc29y'],
  ])('refuses a bad %s (%s) with 400 naming it', async (field, query) => {
    const res = await api(server.url, 'GET', `/api/v1/incidents?${query}`);
    expect(res.status).toBe(400);
    // A list's bad item is named by its place in the list: `status.0`.
    const named = Object.keys(res.body.error.fields ?? {}).map((k) => k.split('.')[0]);
    expect(named).toContain(field);
  });
});

describe('GET /api/v1/incidents cursor paging', () => {
  async function walk(query: string, limit: number) {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Incident[]; nextCursor: string | null } = await list(
        `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      pages.push(page.items.map((i) => i.id));
      cursor = page.nextCursor;
      expect(pages.length, 'paging ends').toBeLessThanOrEqual(COUNT + 1);
    } while (cursor);
    return pages;
  }

  it.each([1, 3, 5, 7])(
    'pages of %i walk the whole list: no duplicate, no gap, in order',
    async (limit) => {
      const pages = await walk('', limit);
      expect(pages.length).toBe(Math.ceil(COUNT / limit));
      for (const page of pages.slice(0, -1)) expect(page).toHaveLength(limit);
      expect(pages.flat()).toEqual(all.map((i) => i.id));
    },
  );

  it('pages through a filter: exactly the filtered list', async () => {
    const expected = all.filter((i) => i.status !== 'rejected').map((i) => i.id);
    const pages = await walk('status=received,verified,dispatched,in_progress,resolved', 4);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.flat()).toEqual(expected);
  });

  it('a page boundary inside a run of equal report times loses nothing', async () => {
    const tied = all.filter((i) => i.reportedAt === all.find((x) => x.id === ids(10))?.reportedAt);
    expect(tied).toHaveLength(3);
    // Cut between the tied incidents: the first page ends on the first of them.
    const before = all.indexOf(tied[0]!);
    const first = await list(`limit=${before + 1}`);
    expect(first.items.at(-1)?.id).toBe(tied[0]!.id);
    const rest = await list(`limit=5000&cursor=${first.nextCursor}`);
    expect([...first.items, ...rest.items].map((i) => i.id)).toEqual(all.map((i) => i.id));
  });
});

/** The id of the incident seeded i-th (descriptions name their index). */
function ids(i: number): string {
  const found = all.find((x) => x.description.startsWith(`Laporan ${i}:`));
  if (!found) throw new Error(`no incident ${i}`);
  return found.id;
}
