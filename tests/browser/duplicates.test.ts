/**
 * Duplicate reports in the ops console, end to end: real server, the real build, Debian's
 * Chromium. A supervisor reports one flood three times within 90 m through the API; the
 * ingest links them at report time into one incident with three reporters. The console lists
 * the master alone, its drawer says "3 pelapor" and lists the two linked reports; the supervisor splits one from there and
 * confirms the other from its own drawer, and the server's state is checked through the
 * API, and on the wall, which counts four incidents today from five reporters. Screenshots
 * of the master's drawer with the map's count badge, the linked report's banner and the
 * wall are saved to look at.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, report, startServer, type TestServer } from '../support/harness.ts';
import {
  browserAvailable,
  CLIENT_DIST,
  launchBrowser,
  screenshot,
} from '../support/browser/browser.ts';
import { pageTracker, ready } from '../support/browser/ops-pages.ts';
import { USERS, login } from '../support/principals.ts';

const enabled = browserAvailable();
let server: TestServer;
let browser: Browser;
let cookie: string;
const pages = pageTracker();

const SUPERVISOR = USERS[0];
/** A point in Menteng, and one `m` metres north of it. */
const north = (m: number) => ({ lon: 106.8325, lat: -6.1955 + m / 111_195 });

/** Reports as the supervisor (session cookie), as a desk would phone one in. */
const asSupervisor = (method: string, path: string, body?: unknown) =>
  api(server.url, method, path, body, { authorization: '', cookie });

async function reportFlood(m: number, description: string): Promise<Record<string, unknown>> {
  const res = await asSupervisor(
    'POST',
    '/api/v1/incidents',
    report({ source: 'call112', category: 'flooding', location: north(m), description }),
  );
  expect(res.status).toBe(201);
  return res.body.incident;
}

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer({ env: { STATIC_DIR: CLIENT_DIST, DUPLICATE_LINKS: 'on' } });
  expect((await api(server.url, 'POST', '/api/v1/admin/users', SUPERVISOR)).status).toBe(201);
  cookie = await login(server.url, SUPERVISOR.username, SUPERVISOR.password);
  browser = await launchBrowser();
});
afterEach(() => pages.closeAll());
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe.runIf(enabled)('duplicate reports in the ops console', () => {
  it(
    'collapse to one incident with three reporters; a supervisor splits one and confirms one',
    { timeout: 240_000 },
    async () => {
      const master = await reportFlood(0, 'Banjir setinggi lutut di depan sekolah');
      const linked = [
        await reportFlood(40, 'Air naik di jalan depan sekolah, motor mogok'),
        await reportFlood(90, 'Genangan besar dekat sekolah, tolong dibantu'),
      ];
      // Linked at report time by the ingest: flooding within 150 m of an open flood.
      expect(linked.map((r) => r.duplicateOf)).toEqual([master.id, master.id]);
      // Context: a fire nearby and a flood too far away to be the same one.
      await asSupervisor(
        'POST',
        '/api/v1/incidents',
        report({ category: 'fire', location: north(-600), description: 'Asap dari ruko' }),
      );
      await reportFlood(2_500, 'Genangan di underpass');
      const split = String(linked[0]?.id);
      const confirm = String(linked[1]?.id);
      const masterId = String(master.id);

      const { page, errors } = await pages.openAs(
        browser,
        server.url,
        SUPERVISOR.username,
        SUPERVISOR.password,
        masterId,
      );
      // Three reports of one flood are one row: the linked two are not open work of their own.
      await ready(page, 3);
      expect(await page.getByTestId(`incident-row-${split}`).count()).toBe(0);
      const drawer = page.getByTestId('incident-drawer');
      await expect.poll(() => drawer.getAttribute('data-incident')).toBe(masterId);
      await expect
        .poll(() => drawer.getByTestId('drawer-reporters').textContent())
        .toBe('3 pelapor');
      await expect
        .poll(() => drawer.getByTestId('linked-reports').getAttribute('data-count'))
        .toBe('2');
      expect(
        await page
          .getByTestId(`incident-row-${masterId}`)
          .getByTestId('row-reporters')
          .textContent(),
      ).toBe('3 pelapor');
      await page.waitForSelector('[data-testid="map"][data-map-state="idle"]');
      await screenshot(page, 'duplicates-master-drawer');

      // Split one off from the master's drawer: it is an incident of its own again.
      await drawer.getByTestId(`split-${split}`).click();
      await expect
        .poll(() => drawer.getByTestId('drawer-reporters').getAttribute('data-value'), {
          timeout: 30_000,
        })
        .toBe('2');
      await expect
        .poll(() => page.getByTestId('ops-list-count').getAttribute('data-value'))
        .toBe('4');

      // Open the other from the master's list, and confirm it from its banner.
      await drawer
        .getByTestId(`linked-report-${confirm}`)
        .getByRole('button', { name: `#${confirm.slice(0, 8)}` })
        .click();
      await expect.poll(() => drawer.getAttribute('data-incident')).toBe(confirm);
      const banner = drawer.getByTestId('linked-banner');
      await expect.poll(() => banner.getAttribute('data-master')).toBe(masterId);
      expect(await banner.textContent()).toContain(`Ditautkan ke #${masterId.slice(0, 8)}`);
      // How it was linked comes with the report's history, a moment after the live data.
      await expect.poll(() => banner.textContent()).toMatch(/\((otomatis|manual), 90 m\)/);
      await screenshot(page, 'duplicates-linked-banner');
      await drawer.getByTestId('confirm-duplicate').click();
      await drawer.getByText('Dikonfirmasi sebagai duplikat — final').waitFor({ timeout: 30_000 });
      expect(await drawer.getByTestId('confirm-duplicate').count()).toBe(0);
      await expect
        .poll(() => drawer.getByTestId('timeline').textContent())
        .toContain('Status: Diterima → Duplikat');

      // What the server now holds.
      const get = async (id: string) =>
        (await asSupervisor('GET', `/api/v1/incidents/${id}`)).body.incident;
      expect(await get(masterId)).toMatchObject({ reporters: 2 });
      expect(await get(split)).toMatchObject({
        duplicateOf: null,
        status: 'received',
        endedAt: null,
      });
      expect(await get(confirm)).toMatchObject({ duplicateOf: masterId, status: 'duplicate' });
      const reports = await asSupervisor('GET', `/api/v1/incidents/${masterId}/reports`);
      expect(reports.status).toBe(200);
      expect(reports.body.items.map((i: { id: string }) => i.id)).toEqual([confirm]);
      expect(errors).toEqual([]);

      // The wall counts incidents once and every report as a reporter: today, four incidents
      // (the master, the one split off, the fire, the far flood) from five reports.
      const wall = await pages.open(browser, `${server.url}/wall?lang=id`, {
        token: ADMIN_TOKEN,
      });
      await wall.page.waitForSelector('[data-testid="map"][data-map-state="idle"]', {
        timeout: 120_000,
      });
      const kpi = (id: string) => wall.page.getByTestId(id).getAttribute('data-value');
      await expect.poll(() => kpi('kpi-reportedToday'), { timeout: 30_000 }).toBe('4');
      expect(await kpi('kpi-reportersToday')).toBe('5');
      expect(await wall.page.getByTestId('kpi-reportersToday').textContent()).toBe(
        'dari 5 pelapor',
      );
      // Four pins: the confirmed duplicate is on its master's.
      expect(await kpi('wall-pin-count')).toBe('4');
      await screenshot(wall.page, 'duplicates-wall');
      expect(wall.errors).toEqual([]);
    },
  );
});
