/**
 * `npm run soak -- MINUTES`: a wall display and a supervisor console side by side on the
 * simulator's stream, without a reload, in Debian's Chromium. Every minute it records each
 * page's JS heap, its live state and whether its numbers equal the API's; at the end it
 * prints the table for BENCHMARKS.md. Needs a built client (`npm run build`).
 */
import { launchBrowser } from '../../tests/support/browser/browser.ts';
import type { Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { startNakhoda } from '../../server/nakhoda.ts';

const MINUTES = Number(process.argv[2] ?? 60);
const TOKEN = 'soak-admin-token-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'nakhoda-soak-'));
const nakhoda = await startNakhoda(
  loadConfig({
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'soak.db')}`,
    SIMULATOR: 'on',
    SIM_SPEED: process.env.SOAK_SPEED ?? '600',
    SIM_BACKFILL_DAYS: '1',
    NAKHODA_ADMIN_TOKEN: TOKEN,
    STATIC_DIR: 'dist',
  }),
  { log: () => undefined },
);
const api = async (path: string, init: RequestInit = {}) =>
  (
    await fetch(`${nakhoda.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    })
  ).json();
const display = (await api('/api/v1/admin/tokens', {
  method: 'POST',
  body: JSON.stringify({ kind: 'display', label: 'soak wall' }),
})) as { pairing: { wallPath: string } };

// The same Chromium, flags and software WebGL as the browser tests.
const browser = await launchBrowser();
/** The wall pairs through its link; the console gets the API token as a paired browser holds one. */
async function open(path: string, token?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  if (token)
    await context.addInitScript((t) => window.localStorage.setItem('nakhoda.token', t), token);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`${path} pageerror: ${e.message}`));
  await page.goto(`${nakhoda.url}${path}`);
  await page.waitForSelector('[data-map-state="idle"]', { timeout: 120_000 });
  return page;
}
const pages = { wall: await open(display.pairing.wallPath), ops: await open('/ops', TOKEN) };

async function sample(name: string, page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  // What the screen says of itself (a normal build has no test hooks): the live
  // indicator's seq and connection, and the pins on the map (every incident the page
  // holds, the console's filters being the defaults).
  const state = await page.evaluate(() => {
    const attr = (selector: string, name: string) =>
      document.querySelector(selector)?.getAttribute(name) ?? '';
    const indicator = '[data-testid="live-indicator"]';
    return {
      seq: Number(attr(indicator, 'data-seq')),
      incidents: attr(
        '[data-testid="wall-pin-count"], [data-testid="ops-visible-count"]',
        'data-value',
      ),
      connection: attr(indicator, 'data-connection') || 'none',
    };
  });
  await cdp.detach();
  return { name, heapMB: heap / 1048576, ...state };
}

const rows: string[] = [];
const start = Date.now();
for (let minute = 0; minute <= MINUTES; minute++) {
  if (minute > 0) await new Promise((r) => setTimeout(r, 60_000));
  const stats = (await api('/api/v1/stats')) as { stats: { totals: { open: number } } };
  for (const [name, page] of Object.entries(pages)) {
    const s = await sample(name, page);
    // Read after the page, so a page can only be behind (the stream never runs ahead).
    const health = (await api('/healthz')) as { seq: number };
    const lag = health.seq - s.seq;
    rows.push(
      `| ${minute} | ${name} | ${s.heapMB.toFixed(1)} | ${s.connection} | ${s.incidents} | ${lag} | ${stats.stats.totals.open} |`,
    );
    console.log(rows[rows.length - 1]);
  }
}
console.log(
  `\nsoak: ${MINUTES} min, server seq ${((await api('/healthz')) as { seq: number }).seq}, ${((Date.now() - start) / 60000).toFixed(1)} min wall time`,
);
console.log(
  '| minute | page | JS heap MB | connection | incidents on map | seq behind server | API open |',
);
await browser.close();
await nakhoda.close();
rmSync(dir, { recursive: true, force: true });
