/**
 * Browser test support: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), software WebGL through SwiftShader, and screenshots saved
 * under test-output/ for a person to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');
/** Built once per run by the browser project's global setup. */
export const CLIENT_DIST = join(process.cwd(), 'test-output', 'client-dist');

/** In CI browser tests are required; elsewhere they skip, saying why, when Chromium is absent. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI || process.env.NAKHODA_REQUIRE_BROWSER) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium)`,
    );
  }
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    // playwright gives each launch a fresh temporary profile of its own.
  });
}

/** Collects page errors and console errors so a test can fail on them. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // SwiftShader's luma.gl warning about the heatmap's weights texture is harmless (see BROWSER.md).
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, timeout: 60_000 });
  return path;
}

/**
 * Opens a page that presents `token` as a paired wall display does: from localStorage,
 * put there before the page's own scripts run (a token never travels in the URL).
 */
export async function openPage(
  browser: Browser,
  url: string,
  opts: { token?: string; width?: number; height?: number; deviceScaleFactor?: number } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1600, height: opts.height ?? 900 },
    deviceScaleFactor: opts.deviceScaleFactor ?? 1,
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  if (opts.token) {
    // Once per tab, as pairing is: a later logout that forgets the token is not undone.
    await context.addInitScript((token) => {
      if (window.sessionStorage.getItem('test.token-given')) return;
      window.sessionStorage.setItem('test.token-given', '1');
      window.localStorage.setItem('nakhoda.token', token);
    }, opts.token);
  }
  await page.goto(url);
  return { page, errors };
}
