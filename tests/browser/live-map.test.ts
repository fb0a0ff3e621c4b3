/**
 * The minimal live page end to end: real server, real build, Debian's Chromium. An
 * incident posted over HTTP shows on the page within 2 seconds.
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
} from './support/browser.ts';

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
  it('shows an incident posted over HTTP within 2 s', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/`, { token: ADMIN_TOKEN });
    await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });
    const counter = page.getByTestId('kpi-incidents');
    await expect.poll(() => counter.getAttribute('data-value'), { timeout: 10_000 }).toBe('20');
    expect(await page.getByTestId('live-indicator').getAttribute('data-state')).toBe('live');
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);

    const posted = await api(server.url, 'POST', '/api/v1/incidents', report({ category: 'fire' }));
    const t0 = Date.now();
    await page.waitForFunction(
      (id) => window.__nakhoda?.store?.getState().incidents.has(id) ?? false,
      posted.body.incident.id,
      { timeout: 2000 },
    );
    expect(Date.now() - t0).toBeLessThan(2000);
    await expect.poll(() => counter.getAttribute('data-value'), { timeout: 2000 }).toBe('21');
    await screenshot(page, 'live-map');
    expect(errors).toEqual([]);
  });
});
