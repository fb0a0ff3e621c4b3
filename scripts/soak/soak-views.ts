/**
 * What both soaks do in Chromium: open a paired wall display and a supervisor console on
 * a running Nakhoda, and sample each page's JS heap (CDP) and what its screen says of
 * itself. Shared by `npm run soak` (views.soak.ts) and `npm run soak:long`.
 */
import type { Browser, Page } from 'playwright-core';

/** An authenticated JSON call to the server, as an admin. */
export type SoakApi = (path: string, init?: RequestInit) => Promise<unknown>;

export function soakApi(baseUrl: string, token: string): SoakApi {
  const call = async (path: string, init: RequestInit) =>
    (
      await fetch(`${baseUrl}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...init.headers,
        },
      })
    ).json();
  return async (path, init = {}) => {
    try {
      return await call(path, init);
    } catch (error) {
      // A kept-alive connection the busy server closed as this request went out
      // (ECONNRESET): nothing reached it, so asking once more on a new one is safe.
      if (!(error instanceof TypeError && String(error.cause).includes('ECONNRESET'))) throw error;
      return call(path, init);
    }
  };
}

export interface SoakViews {
  wall: Page;
  ops: Page;
  /** Page errors (uncaught exceptions) seen so far, per page. */
  errors: { wall: number; ops: number };
}

/**
 * The wall pairs through its link (a display token); the console gets `adminToken` as a
 * paired browser holds one. Both at 1080p, each in its own context, never reloaded.
 */
export async function openSoakViews(
  browser: Browser,
  baseUrl: string,
  api: SoakApi,
  adminToken: string,
): Promise<SoakViews> {
  const display = (await api('/api/v1/admin/tokens', {
    method: 'POST',
    body: JSON.stringify({ kind: 'display', label: 'soak wall' }),
  })) as { pairing: { wallPath: string } };
  const errors = { wall: 0, ops: 0 };
  async function open(name: 'wall' | 'ops', path: string, token?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    if (token)
      await context.addInitScript((t) => window.localStorage.setItem('nakhoda.token', t), token);
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      errors[name]++;
      console.error(`${path} pageerror: ${e.message}`);
    });
    await page.goto(`${baseUrl}${path}`);
    // First idle takes ~50 s under software WebGL on a busy machine: be patient, not timed.
    await page.waitForSelector('[data-map-state="idle"]', { timeout: 300_000 });
    return page;
  }
  const wall = await open('wall', display.pairing.wallPath);
  const ops = await open('ops', '/ops', adminToken);
  return { wall, ops, errors };
}

export interface ViewSample {
  name: string;
  heapMB: number;
  /** The live indicator's seq (NaN before the first snapshot). */
  seq: number;
  /** Pins on the map as the page counts them (its `data-value`). */
  incidents: string;
  connection: string;
}

export async function sampleView(name: string, page: Page): Promise<ViewSample> {
  const cdp = await page.context().newCDPSession(page);
  // A full collection first: the heap then says what the page holds, not its garbage.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  // What the screen says of itself (a normal build has no test hooks): the live
  // indicator's seq and connection, and the pins on the map (every incident the page
  // holds, the console's filters being the defaults).
  // Read without a named function inside: tsx's keep-names helper (`__name`) does not
  // exist in the page, so the attributes are read one by one.
  const attr = (selector: string, name: string) =>
    page.evaluate(
      ([sel, n]) => document.querySelector(sel!)?.getAttribute(n!) ?? '',
      [selector, name],
    );
  const indicator = '[data-testid="live-indicator"]';
  const state = {
    seq: Number((await attr(indicator, 'data-seq')) || NaN),
    incidents: await attr(
      '[data-testid="wall-pin-count"], [data-testid="ops-visible-count"]',
      'data-value',
    ),
    connection: (await attr(indicator, 'data-connection')) || 'none',
  };
  await cdp.detach();
  return { name, heapMB: heap / 1048576, ...state };
}
