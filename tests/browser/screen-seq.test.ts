/**
 * Screens say which point of the log they show: the live indicator's `data-seq`, and on
 * the wall the KPI section's own `data-seq` (its numbers follow the data at most once a
 * second). With the instant the tiles were computed at (`data-at`), every reading while reports keep arriving must equal an
 * independent recomputation: the log from GET /api/v1/events up to that seq, through the
 * shared reducer, the live window and `statsFor`, at that instant. The console and the home page carry
 * the same seq. Screens are read from the DOM alone, as an operator or a test without
 * hooks would.
 */
import type { Alert } from '../../shared/domain/alerts.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityPack } from '../../shared/city/types.ts';
import { liveWindow } from '../../shared/domain/live-window.ts';
import { applyInPlace } from '../../shared/domain/reducer.ts';
import { statsFor, type GroupStats } from '../../shared/domain/stats.ts';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import { ADMIN_TOKEN, api, report, startServer, type TestServer } from '../support/harness.ts';
import {
  browserAvailable,
  CLIENT_DIST,
  launchBrowser,
  openPage,
  screenshot,
} from '../support/browser/browser.ts';

const enabled = browserAvailable();
let server: TestServer;
let browser: Browser;
let pack: CityPack;

const KPIS = [
  'reportedToday',
  'open',
  'overdue',
  'resolvedPct',
  'medianFirstResponseMin',
] as const satisfies readonly (keyof GroupStats)[];
const READINGS = 5;
/** The server's WINDOW_HOURS, set here so the recomputation uses the same window. */
const WINDOW_HOURS = 24;
/** The largest page GET /api/v1/events gives. */
const EVENTS_PAGE = 10_000;

/** Deterministic spread over central Jakarta. */
function place(i: number): { lon: number; lat: number } {
  return { lon: 106.76 + ((i * 0.618) % 1) * 0.12, lat: -6.26 + ((i * 0.755) % 1) * 0.1 };
}

/** Reports one incident and moves it on by `i`: some are answered, some resolved. */
async function reportAndWork(i: number, hoursAgo = 0): Promise<void> {
  const at = hoursAgo > 0 ? { reportedAt: new Date(Date.now() - hoursAgo * 3_600_000) } : {};
  const res = await api(
    server.url,
    'POST',
    '/api/v1/incidents',
    // Flooding has a one-hour response clock: backdated, it is overdue unless answered.
    report({ category: hoursAgo > 0 ? 'flooding' : 'garbage', location: place(i), ...at }),
  );
  if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
  const path = i % 3 === 0 ? ['dispatched'] : i % 3 === 1 ? ['dispatched', 'resolved'] : [];
  for (const status of path) {
    const moved = await api(server.url, 'PATCH', `/api/v1/incidents/${res.body.incident.id}`, {
      status,
    });
    if (moved.status !== 200) throw new Error(`PATCH: ${moved.status}`);
  }
}

/** What a live screen holds at `now` from the log up to `seq`: reducer, then live window. */
function liveAt(events: readonly DomainEvent[], seq: number, now: Date): Incident[] {
  const state = {
    seq: 0,
    incidents: new Map<string, Incident>(),
    alerts: new Map<string, Alert>(),
  };
  applyInPlace(
    state,
    events.filter((e) => e.seq <= seq),
  );
  return liveWindow(state.incidents.values(), now, WINDOW_HOURS);
}

/** The whole log, page by page. */
async function wholeLog(): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (;;) {
    const after = events.at(-1)?.seq ?? 0;
    const res = await api(server.url, 'GET', `/api/v1/events?after=${after}&limit=${EVENTS_PAGE}`);
    const page = res.body.events as DomainEvent[];
    events.push(...page);
    if (page.length < EVENTS_PAGE) return events;
  }
}

/** The tiles' values as the wall writes them, from the log up to `seq` at instant `at`. */
function tilesFromLog(events: readonly DomainEvent[], seq: number, at: string) {
  const { totals } = statsFor(liveAt(events, seq, new Date(at)), pack, new Date(at));
  return Object.fromEntries(KPIS.map((k) => [k, String(totals[k] ?? '')]));
}

/** One reading of the screen, in one task of the page: one React commit. */
function readScreen(page: Page) {
  return page.evaluate((names) => {
    const el = (id: string) => document.querySelector(`[data-testid="${id}"]`);
    return {
      // The tiles follow the data at most once a second: they say their own seq.
      seq: el('wall-kpis')?.getAttribute('data-seq') ?? '',
      liveSeq: el('live-indicator')?.getAttribute('data-seq') ?? '',
      at: el('wall-kpis')?.getAttribute('data-at') ?? '',
      kpis: Object.fromEntries(
        names.map((n) => [n, el(`kpi-${n}`)?.getAttribute('data-value') ?? null]),
      ),
    };
  }, KPIS);
}

beforeAll(async () => {
  if (!enabled) return;
  // Some reports are dated hours back, so SLA clocks have run out and "overdue" counts.
  server = await startServer({
    env: {
      STATIC_DIR: CLIENT_DIST,
      BACKDATE_DESK_MINUTES: String(4 * 60),
      WINDOW_HOURS: String(WINDOW_HOURS),
    },
  });
  pack = (await api(server.url, 'GET', '/api/v1/city')).body as CityPack;
  for (let i = 0; i < 24; i++) await reportAndWork(i, i % 4 === 0 ? 3 : 0);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe.runIf(enabled)('the seq a screen shows', () => {
  // First: the console and home page need no more than the seed, which the wall test grows.
  it('is on the console and the home page, with the numbers of the log at that seq', async () => {
    const seq = (await api(server.url, 'GET', '/api/v1/stats')).body.seq as number;
    const held = liveAt(await wholeLog(), seq, new Date()).length;
    for (const [path, count] of [
      ['/ops', 'ops-list-count'],
      ['/', 'kpi-incidents'],
    ] as const) {
      const { page, errors } = await openPage(browser, `${server.url}${path}`, {
        token: ADMIN_TOKEN,
      });
      const indicator = page.getByTestId('live-indicator');
      await expect
        .poll(() => indicator.getAttribute('data-seq'), { timeout: 150_000 })
        .toBe(String(seq));
      expect(await page.getByTestId(count).getAttribute('data-value'), path).toBe(String(held));
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, 300_000);

  it('shows KPI tiles equal to the log up to its data-seq while reports keep arriving', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/wall?scenes=agencies`, {
      token: ADMIN_TOKEN,
      width: 1920,
      height: 1080,
    });
    await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', {
      timeout: 150_000,
    });
    let posting = true;
    let next = 100;
    const poster = (async () => {
      while (posting) {
        await reportAndWork(next++);
        // Continuous, yet leaves the two cores some room for the page.
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      let previous = 0;
      for (let r = 0; r < READINGS; r++) {
        // The screen has moved on since the last reading: the stream reaches the wall.
        await expect
          .poll(async () => Number((await readScreen(page)).seq), { timeout: 60_000 })
          .toBeGreaterThan(previous);
        const screen = await readScreen(page);
        const seq = Number(screen.seq);
        expect(screen.at, 'data-at').not.toBe('');
        // The tiles never claim more than the store holds, and trail it by at most a pace.
        expect(Number(screen.liveSeq)).toBeGreaterThanOrEqual(seq);
        // One more report before the log is read: the log is always ahead of the screen.
        await reportAndWork(next++);
        const log = await wholeLog();
        expect(log.at(-1)?.seq ?? 0).toBeGreaterThan(seq);
        expect(screen.kpis, `reading ${r} at seq ${seq}`).toEqual(
          tilesFromLog(log, seq, screen.at),
        );
        // And the seq matters: the whole log gives other numbers.
        expect(screen.kpis).not.toEqual(tilesFromLog(log, Infinity, screen.at));
        previous = seq;
      }
    } finally {
      posting = false;
      await poster;
    }
    expect(Number((await readScreen(page)).kpis.overdue)).toBeGreaterThan(0);
    await screenshot(page, 'wall-at-seq');
    expect(errors).toEqual([]);
  }, 300_000);
});
