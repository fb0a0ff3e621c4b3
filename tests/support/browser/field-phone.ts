/**
 * A field crew's phone for the /field browser tests: a 360 × 640 touch screen with a granted
 * geolocation, logged in with a session cookie, on the real server and the real build;
 * incidents for the drainage agency; JPEGs as a phone camera writes them (EXIF time, GPS);
 * and the server's history read back.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DomainEvent } from '../../../shared/domain/types.ts';
import { api, report, type TestServer } from '../harness.ts';
import { jpegWithExif } from '../photos.ts';
import { loginSession } from './ops-seed.ts';

type Place = { lon: number; lat: number };

/** An agency user of Dinas SDA an admin marked field crew. */
export const CREW = {
  username: 'crew-sda',
  name: 'Budi Lapangan',
  role: 'agency',
  agency: 'dsda',
  fieldCrew: true,
  password: 'crew-pass-123',
};

/** A flood report for the drainage agency at `at`, dispatched; its id. */
export async function dispatchedFlood(
  server: TestServer,
  at: Place,
  text: string,
): Promise<string> {
  const made = await api(
    server.url,
    'POST',
    '/api/v1/incidents',
    report({ category: 'flooding', location: at, description: text }),
  );
  expect(made.status).toBe(201);
  expect(made.body.incident.agency).toBe('dsda');
  const id = made.body.incident.id as string;
  const moved = await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, {
    status: 'dispatched',
  });
  expect(moved.status).toBe(200);
  return id;
}

/** Page errors and console errors of the page itself (not the browser's network lines). */
export function watchFieldErrors(page: Page, errors: string[] = []): string[] {
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // A refused upload and a request made without signal are logged by the browser itself
    // as "Failed to load resource"; the page's own errors are what fail the test.
    if (msg.type() === 'error' && !/Failed to load resource|net::ERR_/.test(msg.text())) {
      errors.push(`console: ${msg.text()}`);
    }
  });
  return errors;
}

/**
 * Phones opened by a test file, closed after each test. Service workers are blocked unless
 * asked for, so the offline switch and the request hooks act on the page's own requests.
 */
export function phones(get: () => { server: TestServer; browser: Browser }) {
  const contexts: BrowserContext[] = [];
  return {
    contexts,
    async open(at: Place, opts: { serviceWorkers?: 'allow' | 'block' } = {}) {
      const { server, browser } = get();
      const cookie = await loginSession(server.url, CREW.username, CREW.password);
      const context = await browser.newContext({
        viewport: { width: 360, height: 640 },
        isMobile: true,
        hasTouch: true,
        geolocation: { latitude: at.lat, longitude: at.lon, accuracy: 8 },
        permissions: ['geolocation'],
        serviceWorkers: opts.serviceWorkers ?? 'block',
      });
      contexts.push(context);
      await context.addCookies([{ name: cookie.name, value: cookie.value, url: server.url }]);
      const page = await context.newPage();
      const errors = watchFieldErrors(page);
      await page.goto(`${server.url}/field`);
      // The map's workers are loaded before any test takes the signal away (without the
      // installed app's cache, a worker still loading when the signal goes fails to load).
      await page.waitForSelector('[data-testid="field-map"][data-map-state="idle"]', {
        timeout: 60_000,
      });
      return { context, page, errors };
    },
    async closeAll() {
      for (const c of contexts.splice(0)) await c.close();
    },
  };
}

/** The page is up with `rows` jobs, a located crew and a drawn map. */
export async function ready(page: Page, rows: number): Promise<void> {
  try {
    await page.waitForSelector('[data-testid="field-page"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="field-gps"][data-located="true"]', {
      timeout: 30_000,
    });
    await page.waitForSelector('[data-testid="field-map"][data-map-state="idle"]', {
      timeout: 60_000,
    });
  } catch (error) {
    const shown = await page.evaluate(() => document.body.innerText.slice(0, 400)).catch(() => '');
    throw new Error(`${(error as Error).message}\npage shows: ${shown}`, { cause: error });
  }
  await expect
    .poll(() => page.getByTestId('field-count').getAttribute('data-value'), { timeout: 20_000 })
    .toBe(String(rows));
}

export const rowOrder = (page: Page) =>
  page.$$eval('[data-testid^="field-row-"]', (els) =>
    els.map((el) => (el.getAttribute('data-testid') ?? '').replace('field-row-', '')),
  );

/** How many commands wait on the phone, as its outbox says. */
export const waiting = (page: Page) => page.getByTestId('outbox').getAttribute('data-waiting');

/** A JPEG as the phone's camera writes it: EXIF time a little after now, and GPS `at`. */
export const cameraPhoto = async (at: Place, name: string) => ({
  name,
  mimeType: 'image/jpeg',
  buffer: await jpegWithExif({
    takenAt: new Date(Date.now() + 2_000),
    offset: '+07:00',
    at,
    width: 640,
    height: 480,
  }),
});

export const ofType = (history: DomainEvent[], type: DomainEvent['type']) =>
  history.filter((e) => e.type === type);

/** Field facts of an event: the phone's position and its client-made id. */
export const fieldFacts = (e: DomainEvent) =>
  e.data as { position?: { lon: number; lat: number } | null; clientId?: string | null };
