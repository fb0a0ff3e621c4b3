/**
 * The leadership briefing end to end: a real server seeded with 8 days of simulated
 * history through the HTTP API, the real build, Debian's Chromium. Last week's numbers on
 * the page equal GET /api/v1/briefing's; the replay slider moves the map; the exports
 * produce a PDF (rendered to PNG pages to look at), a PNG, a CSV that parses and a
 * GeoJSON FeatureCollection; and the page's address reopens the same briefing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReplayCursor, type ReplayData } from '../../client/views/briefing/replay-cursor.ts';
import { overdueItems } from '../../client/views/briefing/overdue.ts';
import { createSimulator } from '../../server/ingest/simulator/runner.ts';
import { createHttpSink } from '../../server/ingest/simulator/sink.ts';
import type { Briefing } from '../../shared/domain/briefing.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { ADMIN_TOKEN, api, startServer, type TestServer } from '../support/harness.ts';
import {
  browserAvailable,
  CLIENT_DIST,
  launchBrowser,
  openPage,
  screenshot,
} from '../support/browser/browser.ts';

const enabled = browserAvailable();
const OUT = join(process.cwd(), 'test-output', 'briefing');
let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
let briefing: Briefing;

beforeAll(async () => {
  if (!enabled) return;
  // The admin token posts eight days of history: this server lets desk principals date that far back.
  server = await startServer({
    env: { STATIC_DIR: CLIENT_DIST, BACKDATE_DESK_MINUTES: String(9 * 24 * 60) },
  });
  const sim = createSimulator({
    sink: createHttpSink({ baseUrl: server.url, token: ADMIN_TOKEN }),
    seed: 3,
    speed: 1,
    log: () => undefined,
  });
  await sim.backfill(8);
  await sim.stop();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

/** Renders each page of `pdf` to PNG with poppler's pdftoppm: proof the PDF opens, pages to look at. */
function renderPdfPages(pdf: string, prefix: string): void {
  try {
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, prefix]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('pdftoppm not found: install poppler-utils (apt-get install poppler-utils)', {
        cause: error,
      });
    throw error;
  }
}

const attr = (p: Page, testId: string, name = 'data-value') =>
  p.getByTestId(testId).getAttribute(name);

async function ready(p: Page): Promise<void> {
  await p.waitForSelector('[data-testid="briefing"][data-state="ready"]', { timeout: 60_000 });
  await p.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });
}

async function download(p: Page, testId: string, name: string): Promise<string> {
  const [file] = await Promise.all([
    p.waitForEvent('download', { timeout: 60_000 }),
    p.getByTestId(testId).click(),
  ]);
  const path = join(OUT, name);
  await file.saveAs(path);
  expect(statSync(path).size).toBeGreaterThan(0);
  return path;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) {
      cell += c;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    }
  }
  return rows;
}

describe.runIf(enabled)('leadership briefing', () => {
  it('shows last week with the same numbers as the API', async () => {
    ({ page, errors } = await openPage(browser, `${server.url}/briefing?period=7d`, {
      token: ADMIN_TOKEN,
    }));
    await ready(page);
    const from = (await attr(page, 'briefing', 'data-from'))!;
    const to = (await attr(page, 'briefing', 'data-to'))!;
    // Seven whole days, midnight to midnight in WIB (17:00Z).
    expect(Date.parse(to) - Date.parse(from)).toBe(7 * 86_400_000);
    expect(from.slice(11)).toBe('17:00:00.000Z');

    const res = await api(server.url, 'GET', `/api/v1/briefing?from=${from}&to=${to}&minCount=5`);
    expect(res.status).toBe(200);
    briefing = res.body as Briefing;
    expect(briefing.kpis.received).toBeGreaterThan(1000);
    for (const [name, value] of Object.entries(briefing.kpis)) {
      expect(await attr(page, `briefing-kpi-${name}`), name).toBe(String(value ?? ''));
      const previous = briefing.previousKpis[name as keyof Briefing['kpis']];
      expect(await attr(page, `briefing-kpi-${name}`, 'data-previous'), name).toBe(
        String(previous ?? ''),
      );
    }
    const agencyKeys = await page
      .getByTestId('briefing-league-agencies')
      .getByTestId('briefing-league-row')
      .evaluateAll((rows) =>
        rows.map((r) => `${r.getAttribute('data-key')}:${r.getAttribute('data-rank')}`),
      );
    expect(agencyKeys).toEqual(
      briefing.agencies.slice(0, 12).map((r) => `${r.key}:${r.rank ?? ''}`),
    );
    expect(await page.getByTestId('briefing-hotspot').count()).toBe(briefing.hotspots.length);
    // The URL carries the whole state and no token.
    const url = new URL(page.url());
    expect(url.searchParams.get('period')).toBe('7d');
    expect(url.searchParams.has('token')).toBe(false);
    await screenshot(page, 'briefing');
    expect(errors).toEqual([]);
  });

  it('lists a league row’s overdue incidents when it is clicked', async () => {
    const row = briefing.agencies.find((r) => r.overdueAtEnd > 0) ?? briefing.agencies[0]!;
    await page.getByTestId('briefing-league-agencies').locator(`[data-key="${row.key}"]`).click();
    const panel = page.getByTestId('briefing-overdue');
    await panel.waitFor({ timeout: 20_000 });
    const open = (
      await api(
        server.url,
        'GET',
        `/api/v1/incidents?agency=${row.key}&status=received,verified,dispatched,in_progress&limit=5000`,
      )
    ).body.items as Incident[];
    const expected = overdueItems(open, new Date(briefing.to), { kind: 'agency', key: row.key });
    await expect
      .poll(() => panel.getAttribute('data-count'), { timeout: 20_000 })
      .toBe(String(expected.length));
    expect(await panel.getByTestId('briefing-overdue-item').count()).toBe(
      Math.min(50, expected.length),
    );
  });

  it('replays the week: the slider moves the map, KPIs follow the shared reducer', async () => {
    await page.getByTestId('briefing-mode-replay').click();
    await page.getByTestId('replay-load').click();
    await page.waitForSelector('[data-testid="briefing-replay"][data-state="ready"]', {
      timeout: 60_000,
    });
    const t1 = (await attr(page, 'replay-time'))!;
    const c1 = (await attr(page, 'replay-count'))!;
    expect(t1).toBe(briefing.from);
    const map = page.getByTestId('map');
    const before = await map.screenshot();

    const slider = page.getByTestId('replay-slider');
    await slider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
    await expect.poll(() => attr(page, 'replay-time'), { timeout: 10_000 }).not.toBe(t1);
    const t2 = (await attr(page, 'replay-time'))!;
    await expect.poll(() => attr(page, 'replay-count'), { timeout: 10_000 }).not.toBe(c1);
    await expect
      .poll(async () => (await map.screenshot()).equals(before), { timeout: 30_000 })
      .toBe(false);

    // The page's picture at t2 is what the replay API and the shared reducer give.
    const replay = (
      await api(server.url, 'GET', `/api/v1/replay?from=${briefing.from}&to=${briefing.to}`)
    ).body as ReplayData;
    const cursor = createReplayCursor(replay);
    cursor.seek(Date.parse(t2));
    expect(await attr(page, 'replay-count')).toBe(String(cursor.visible().length));

    await page.getByTestId('replay-speed-600').click();
    await page.getByTestId('replay-play').click();
    await expect.poll(() => attr(page, 'replay-time'), { timeout: 10_000 }).not.toBe(t2);
    await page.getByTestId('replay-play').click();
    expect(new URL(page.url()).searchParams.get('replayFrom')).toBe(briefing.from);
    await page
      .locator('#briefing-map-title')
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'briefing-replay');
    expect(errors).toEqual([]);
  });

  it('exports a PDF pack, a map PNG, a CSV and a GeoJSON of the period', async () => {
    await page.getByTestId('briefing-mode-period').click();
    await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });

    const pdf = await download(page, 'export-pdf', 'briefing.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // Required, never skipped: CI installs poppler-utils for it (.ci/run).
    renderPdfPages(pdf, join(OUT, 'briefing-page'));
    const pages = readdirSync(OUT).filter(
      (f) => f.startsWith('briefing-page') && f.endsWith('.png'),
    );
    expect(pages.length).toBeGreaterThanOrEqual(7);

    const png = await download(page, 'export-png', 'map.png');
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');

    const csv = await download(page, 'export-csv', 'incidents.csv');
    const [header, ...rows] = parseCsv(readFileSync(csv, 'utf8'));
    expect(header).toContain('description');
    expect(rows).toHaveLength(briefing.kpis.received);
    const reported = header!.indexOf('reportedAt');
    for (const r of rows)
      expect(r[reported]! >= briefing.from && r[reported]! < briefing.to).toBe(true);

    const geojson = JSON.parse(
      readFileSync(await download(page, 'export-geojson', 'incidents.geojson'), 'utf8'),
    );
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features).toHaveLength(briefing.kpis.received);
    for (const f of geojson.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      expect(f.geometry.coordinates).toHaveLength(2);
    }
    expect(errors).toEqual([]);
  });

  it('reopens the same briefing from its address', async () => {
    const min = page.getByTestId('briefing-min-count');
    await min.fill('40');
    await min.press('Enter');
    await expect
      .poll(() => new URL(page.url()).searchParams.get('min'), { timeout: 5_000 })
      .toBe('40');
    await page.getByTestId('briefing-level-kecamatan').click();
    await page.waitForSelector('[data-testid="briefing"][data-state="ready"]', { timeout: 60_000 });
    const shared = page.url();

    const again = await openPage(browser, shared, { token: ADMIN_TOKEN });
    await ready(again.page);
    expect(await attr(again.page, 'briefing', 'data-from')).toBe(briefing.from);
    expect(await attr(again.page, 'briefing', 'data-to')).toBe(briefing.to);
    expect(await attr(again.page, 'briefing-min-count')).toBe('40');
    expect(
      await again.page.getByTestId('briefing-level-kecamatan').getAttribute('aria-pressed'),
    ).toBe('true');
    const res = await api(
      server.url,
      'GET',
      `/api/v1/briefing?from=${briefing.from}&to=${briefing.to}&minCount=40`,
    );
    const ranks = await again.page
      .getByTestId('briefing-league-areas')
      .getByTestId('briefing-league-row')
      .evaluateAll((rows) =>
        rows.map((r) => `${r.getAttribute('data-key')}:${r.getAttribute('data-rank')}`),
      );
    expect(ranks).toEqual(
      (res.body as Briefing).kecamatan.slice(0, 12).map((r) => `${r.key}:${r.rank ?? ''}`),
    );
    // It reopens in replay, as it was shared.
    await again.page.waitForSelector('[data-testid="briefing-replay"][data-state="ready"]', {
      timeout: 60_000,
    });
    expect(again.errors).toEqual([]);
    await again.page.context().close();
  });
});
