/**
 * The minimal live page end to end: real server, real build, Debian's Chromium. An
 * incident posted over HTTP reaches the open page and is counted there, without a
 * reload. (How fast is measured by the benchmarks, not asserted here.)
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer({ env: { STATIC_DIR: CLIENT_DIST } });
  for (let i = 0; i < 20; i++) {
    await api(
      server.url,
      'POST',
      '/api/v1/incidents',
      report({ location: { lon: 106.75 + i * 0.01, lat: -6.15 - i * 0.008 } }),
    );
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe.runIf(enabled)('live map page', () => {
  it('shows an incident posted over HTTP while the page is open', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/`, { token: ADMIN_TOKEN });
    await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });
    const counter = page.getByTestId('kpi-incidents');
    await expect.poll(() => counter.getAttribute('data-value'), { timeout: 10_000 }).toBe('20');
    expect(await page.getByTestId('live-indicator').getAttribute('data-state')).toBe('live');
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);

    const posted = await api(server.url, 'POST', '/api/v1/incidents', report({ category: 'fire' }));
    // The page says it shows the log up to the new report's seq.
    await page.waitForFunction(
      (seq) =>
        document.querySelector('[data-testid="live-indicator"]')?.getAttribute('data-seq') ===
        String(seq),
      posted.body.seq,
      { timeout: 30_000 },
    );
    await expect.poll(() => counter.getAttribute('data-value'), { timeout: 30_000 }).toBe('21');
    await screenshot(page, 'live-map');
    expect(errors).toEqual([]);
  });
});
