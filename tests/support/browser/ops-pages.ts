/**
 * Page helpers for the ops console's browser test: pages that are closed after each test
 * (software WebGL is CPU-bound), and a readiness wait that says what the page shows when
 * it times out.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { loginSession } from './ops-seed.ts';
import { openPage, watchErrors } from './browser.ts';

export function pageTracker() {
  const opened: Page[] = [];
  return {
    async open(...args: Parameters<typeof openPage>) {
      const result = await openPage(...args);
      opened.push(result.page);
      return result;
    },
    /** A page logged in as a user (session cookie), opened on one incident. */
    async openAs(b: Browser, base: string, username: string, password: string, incident: string) {
      const cookie = await loginSession(base, username, password);
      const context = await b.newContext({ viewport: { width: 1600, height: 900 } });
      await context.addCookies([{ name: cookie.name, value: cookie.value, url: base }]);
      const page = await context.newPage();
      opened.push(page);
      const errors = watchErrors(page);
      await page.goto(`${base}/ops?incident=${incident}`);
      return { page, errors };
    },
    async closeAll() {
      for (const page of opened.splice(0)) await page.context().close();
    },
  };
}

/** Live data in, map drawn, and the list holding `rows` incidents. */
export async function ready(page: Page, rows: number): Promise<void> {
  try {
    await page.waitForSelector('[data-testid="ops-page"][data-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });
  } catch (error) {
    const shown = await page.evaluate(() => document.body.innerText.slice(0, 400)).catch(() => '');
    throw new Error(`${(error as Error).message}\npage shows: ${shown}`, { cause: error });
  }
  await expect
    .poll(() => page.getByTestId('ops-list-count').getAttribute('data-value'), { timeout: 10_000 })
    .toBe(String(rows));
}

export const rowIds = (page: Page) =>
  page.$$eval('[data-testid^="incident-row-"]', (els) =>
    els.map((el) => (el.getAttribute('data-testid') ?? '').replace('incident-row-', '')).sort(),
  );
