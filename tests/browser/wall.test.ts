/**
 * The command-center wall end to end: the real server on a temp SQLite file seeded over
 * the API (about a hundred incidents in several statuses), the real build, Debian's
 * Chromium opening /wall with a display token, as a wall is set up in the room.
 * - pins and every number on the wall equal the API;
 * - a new critical incident interrupts with an alert card;
 * - screenshots at 1080p and 4K;
 * - server stopped: the wall turns STALE; restarted on the same port with new reports: the
 *   banner clears and the wall has caught up.
 * How fast each happens is measured by the benchmarks, not asserted here.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, report, startServer, tempDbFile, type TestServer } from '../support/harness.ts';
import { pairedDisplayToken } from '../support/pairing.ts';
import {
  browserAvailable,
  CLIENT_DIST,
  launchBrowser,
  openPage,
  screenshot,
} from '../support/browser/browser.ts';

const enabled = browserAvailable();
/**
 * Real kelurahan boundaries when the shared data folder is present (never committed), else
 * the made-up fixture: either way the wall draws boundaries and credits their source.
 */
const REAL_BOUNDARIES = resolve('../shared/data/jakarta/kelurahan.geojson');
const BOUNDARIES = existsSync(REAL_BOUNDARIES)
  ? REAL_BOUNDARIES
  : resolve('tests/fixtures/boundaries-mini.geojson');
const db = tempDbFile();
/** This file's own copy of the build (see privateDist). */
const dist = mkdtempSync(join(tmpdir(), 'nakhoda-wall-dist-'));
let server: TestServer;
let browser: Browser;
let displayToken: string;

const CATEGORIES = [
  'flooding',
  'road_damage',
  'garbage',
  'fallen_tree',
  'illegal_parking',
  'street_vendor',
  'street_light',
  'traffic_jam',
  'fire',
  'public_facility',
];

/** Deterministic spread over mainland Jakarta. */
function place(i: number): { lon: number; lat: number } {
  const a = (i * 0.6180339887) % 1;
  const b = (i * 0.7548776662 + 0.31) % 1;
  return { lon: 106.72 + a * 0.22, lat: -6.33 + b * 0.2 };
}

async function post(body: Record<string, unknown>): Promise<string> {
  const res = await api(server.url, 'POST', '/api/v1/incidents', body);
  if (res.status !== 201) throw new Error(`seed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.incident.id as string;
}

async function patch(id: string, body: Record<string, unknown>): Promise<void> {
  const res = await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, body);
  if (res.status !== 200) throw new Error(`seed: PATCH ${res.status} ${JSON.stringify(res.body)}`);
}

/** Moves through the lifecycle: i % 10 picks where it stops. */
const PATHS: string[][] = [
  [],
  [],
  ['verified'],
  ['verified', 'dispatched'],
  ['dispatched', 'in_progress'],
  ['dispatched', 'resolved'],
  ['dispatched', 'resolved', 'closed'],
  ['rejected'],
  ['verified', 'dispatched', 'in_progress'],
  [],
];

async function seed(count: number): Promise<void> {
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  for (let start = 0; start < count; start += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, count - start) }, async (_, k) => {
        const i = start + k;
        const id = await post(
          report({
            category: CATEGORIES[i % CATEGORIES.length],
            location: place(i),
            description: `Laporan uji dinding nomor ${i}`,
            ...(i % 13 === 0 ? { severity: 'critical' } : i % 5 === 0 ? { severity: 'high' } : {}),
            // Some are hours old, so SLA clocks have run out and the board shows overdue work.
            ...(i % 4 === 0 ? { reportedAt: hoursAgo(1 + (i % 5)) } : {}),
          }),
        );
        for (const status of PATHS[i % PATHS.length] ?? []) await patch(id, { status });
        if (i % 17 === 0) await patch(id, { agency: 'kelurahan' });
      }),
    );
  }
}

async function liveCount(): Promise<number> {
  const res = await api(server.url, 'GET', '/api/v1/incidents?limit=5000');
  return (res.body.items as unknown[]).length;
}

/** Pages still open; closed after each test, pass or fail, so none keeps rendering. */
const contexts: BrowserContext[] = [];

async function openWall(
  query: string,
  size: { width: number; height: number; deviceScaleFactor?: number },
) {
  const opened = await openPage(browser, `${server.url}/wall${query}`, {
    token: displayToken,
    ...size,
  });
  contexts.push(opened.page.context());
  await opened.page.waitForSelector('[data-testid="map"][data-map-state="idle"]', {
    timeout: 150_000,
  });
  return opened;
}

/** Waits until a camera flight has ended and the map has drawn what it shows. */
async function cameraAtRest(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = window.__nakhoda?.map;
      return map !== undefined && !map.isMoving() && map.loaded() && map.areTilesLoaded();
    },
    undefined,
    { timeout: 20_000, polling: 250 },
  );
}

const attr = (page: Page, testId: string, name: string) =>
  page.getByTestId(testId).getAttribute(name);

/**
 * Copies the freshly built client aside. Other test files on this machine rebuild the
 * shared folder while this one runs for minutes (and through a server restart), so the
 * pages here are served from a private copy, taken whole: every asset index.html names
 * must be in it.
 */
async function privateDist(): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    rmSync(dist, { recursive: true, force: true });
    try {
      cpSync(CLIENT_DIST, dist, { recursive: true });
      const html = readFileSync(join(dist, 'index.html'), 'utf8');
      const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map(
        (m) => m[1] as string,
      );
      if (assets.length > 0 && assets.every((a) => existsSync(join(dist, a)))) return;
    } catch {
      // caught mid-rebuild: try again
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
  throw new Error(`no complete client build in ${CLIENT_DIST}`);
}

function startOn(port: number | null): Promise<TestServer> {
  return startServer({
    dbFile: db.file,
    env: {
      STATIC_DIR: dist,
      // The seed's admin token dates some reports up to 5 h back.
      BACKDATE_DESK_MINUTES: String(6 * 60),
      ...(port === null ? {} : { PORT: String(port) }),
      BOUNDARIES,
    },
  });
}

beforeAll(async () => {
  if (!enabled) return;
  await privateDist();
  server = await startOn(null);
  await seed(100);
  displayToken = (await pairedDisplayToken(server.url, 'Wall test')).secret;
  browser = await launchBrowser();
}, 240_000);

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  db.cleanup();
  rmSync(dist, { recursive: true, force: true });
});

describe.runIf(enabled)('/wall', () => {
  it('shows as many pins as the API and the same numbers as GET /api/v1/stats', async () => {
    const { page, errors } = await openWall('?scenes=agencies&every=600&alert=40', {
      width: 1920,
      height: 1080,
    });
    const expected = await liveCount();
    expect(expected).toBe(100);
    await expect
      .poll(() => attr(page, 'wall-pin-count', 'data-value'), { timeout: 10_000 })
      .toBe(String(expected));
    expect(await attr(page, 'live-indicator', 'data-state')).toBe('live');

    // The API's numbers are the log at `seq`: compare the wall when it shows that seq.
    const { seq, stats } = (await api(server.url, 'GET', '/api/v1/stats')).body;
    await expect.poll(() => attr(page, 'live-indicator', 'data-seq')).toBe(String(seq));
    const kpis = {
      reportedToday: stats.totals.reportedToday,
      open: stats.totals.open,
      overdue: stats.totals.overdue,
      resolvedPct: stats.totals.resolvedPct,
      medianFirstResponseMin: stats.totals.medianFirstResponseMin,
    };
    for (const [name, value] of Object.entries(kpis)) {
      await expect
        .poll(() => attr(page, `kpi-${name}`, 'data-value'))
        .toBe(value === null ? '' : String(value));
    }
    expect(stats.totals.overdue).toBeGreaterThan(0);
    for (const [code, s] of Object.entries(stats.byAgency) as [
      string,
      Record<string, number | null>,
    ][]) {
      const row = page.getByTestId(`agency-row-${code}`);
      expect(await row.getAttribute('data-open'), code).toBe(String(s.open));
      expect(await row.getAttribute('data-in-progress'), code).toBe(String(s.inProgress));
      expect(await row.getAttribute('data-overdue'), code).toBe(String(s.overdue));
      expect(await row.getAttribute('data-median-first-response'), code).toBe(
        String(s.medianFirstResponseMin ?? ''),
      );
      expect(await row.getAttribute('data-sla-pct'), code).toBe(String(s.slaCompliancePct ?? ''));
    }
    await expect.poll(() => attr(page, 'map', 'data-boundaries')).toBe('on');
    expect(await page.getByTestId('boundaries-credit').textContent()).toContain('HDX / BPS');

    // A new critical report interrupts: the camera goes there and a card says what, where, when.
    const id = await post(
      report({ category: 'fire', severity: 'critical', address: 'Jl. Kebon Sirih 18' }),
    );
    const card = page.getByTestId('critical-alert');
    await card.waitFor({ timeout: 5_000 });
    const shotStart = Date.now();
    await screenshot(page, 'wall-1080p-alert');
    const shotMs = Date.now() - shotStart;
    // The card stays 40 s (alert=40); a screenshot slower than that would miss it.
    expect(await card.count(), `screenshot took ${shotMs} ms`).toBe(1);
    expect(await card.getAttribute('data-incident-id')).toBe(id);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Kebakaran');
    expect(text).toContain('Jl. Kebon Sirih 18');
    expect(text).toMatch(/\d{2}:\d{2}:\d{2} WIB/);
    await expect.poll(() => attr(page, 'wall-pin-count', 'data-value')).toBe(String(expected + 1));
    // Then the alert gives way and the scene resumes.
    await card.waitFor({ state: 'detached', timeout: 60_000 });
    expect(errors).toEqual([]);
  }, 180_000);

  it('looks like a command-center wall at 1080p and at 4K', async () => {
    for (const [name, size] of [
      ['wall-1080p', { width: 1920, height: 1080 }],
      ['wall-4k', { width: 3840, height: 2160 }],
    ] as const) {
      const { page, errors } = await openWall('?scenes=heatmap&every=600', size);
      await expect
        .poll(() => attr(page, 'wall-pin-count', 'data-value'))
        .toBe(String(await liveCount()));
      await screenshot(page, name);
      expect(errors).toEqual([]);
      // A 4K page left rendering would starve the next one of CPU.
      await page.context().close();
    }
    // The other scenes, for a person to look at. The cycle started when the page did, so
    // after a slow start it may be on any scene: wait for each as it comes round.
    const { page, errors } = await openWall('?scenes=hotspots,feed&every=30', {
      width: 1920,
      height: 1080,
    });
    await page.waitForSelector('[data-testid="hotspot-card"][data-h3]', { timeout: 90_000 });
    await cameraAtRest(page);
    await screenshot(page, 'wall-1080p-hotspots');
    await page.waitForSelector('[data-testid="critical-feed"]', { timeout: 90_000 });
    await cameraAtRest(page);
    await screenshot(page, 'wall-1080p-feed');
    expect(errors).toEqual([]);
  }, 480_000);

  it('turns STALE when the server stops and catches up when it is back', async () => {
    const { page, errors } = await openWall('?scenes=heatmap&every=600', {
      width: 1920,
      height: 1080,
    });
    await expect.poll(() => attr(page, 'live-indicator', 'data-state')).toBe('live');
    const port = server.port;

    await server.close();
    const banner = page.getByTestId('stale-banner');
    await banner.waitFor({ timeout: 60_000 });
    const text = (await banner.textContent()) ?? '';
    expect(text).toMatch(/DATA TIDAK LANGSUNG — terakhir diperbarui \d{2}:\d{2}:\d{2} WIB/);
    expect(text).toMatch(/STALE — last update \d{2}:\d{2}:\d{2}/);
    expect(await attr(page, 'live-indicator', 'data-state')).toBe('stale');
    expect(await attr(page, 'wall', 'data-stale')).toBe('true');
    await screenshot(page, 'wall-1080p-stale');

    server = await startOn(port);
    for (let i = 0; i < 5; i++)
      await post(report({ category: 'garbage', location: place(200 + i) }));
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await attr(page, 'live-indicator', 'data-state')).toBe('live');
    const expected = await liveCount();
    await expect
      .poll(() => attr(page, 'wall-pin-count', 'data-value'), { timeout: 10_000 })
      .toBe(String(expected));
    // Caught up: the wall shows the log up to the last new report, and its numbers.
    const { seq, stats } = (await api(server.url, 'GET', '/api/v1/stats')).body;
    await expect.poll(() => attr(page, 'live-indicator', 'data-seq')).toBe(String(seq));
    await expect.poll(() => attr(page, 'kpi-open', 'data-value')).toBe(String(stats.totals.open));
    // While the server was down the browser logs its failed reconnects: expected, not a fault.
    const unexpected = errors.filter((e) => !/ERR_CONNECTION_REFUSED|WebSocket connection/.test(e));
    expect(unexpected).toEqual([]);
  }, 180_000);
});
