/**
 * The supervisor console (/ops) end to end: real server with ~60 seeded incidents, the real
 * build, Debian's Chromium. Filters drive the list and the map and round-trip through the
 * URL; a status change made on one page shows on another and on the wall; a viewer gets no
 * actions and a refusal from the server is shown; a new critical incident raises an
 * alert; and a screenshot of the console with the drawer open is saved to look at.
 * (How fast a change travels is measured by the benchmarks, not asserted here.)
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, startServer, type TestServer } from '../support/harness.ts';
import {
  browserAvailable,
  CLIENT_DIST,
  launchBrowser,
  screenshot,
} from '../support/browser/browser.ts';
import { pageTracker, ready, rowIds } from '../support/browser/ops-pages.ts';
import {
  SEED_BACKDATE_MINUTES,
  seedOpsIncidents,
  type Seeded,
} from '../support/browser/ops-seed.ts';

const enabled = browserAvailable();
let server: TestServer;
let browser: Browser;
let seeded: Seeded[];
let richId: string;

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer({
    env: { STATIC_DIR: CLIENT_DIST, BACKDATE_DESK_MINUTES: String(SEED_BACKDATE_MINUTES) },
  });
  ({ seeded, richId } = await seedOpsIncidents(server.url));
  browser = await launchBrowser();
});
// Software WebGL is CPU-bound: every page a test opens is closed after it, maps and all.
const pages = pageTracker();
afterEach(() => pages.closeAll());
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});
const openPage = pages.open;
const openAs = pages.openAs;

describe.runIf(enabled)('ops console', () => {
  it('filters drive the list and the map, and round-trip through the URL', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/ops`, { token: ADMIN_TOKEN });
    await ready(page, seeded.length);
    expect(await page.getByTestId('ops-visible-count').getAttribute('data-value')).toBe(
      String(seeded.length),
    );

    await page.getByTestId('filter-category').click();
    await page.getByTestId('filter-category-flooding').check();
    await page.getByTestId('filter-category-fire').check();
    await page.getByTestId('filter-kota').selectOption('31.71');
    const expected = seeded
      .filter(
        (s) => ['flooding', 'fire'].includes(s.category) && s.kelurahanCode.startsWith('31.71.'),
      )
      .map((s) => s.id)
      .sort();
    expect(expected.length).toBeGreaterThan(1);
    await expect
      .poll(() => page.getByTestId('ops-list-count').getAttribute('data-value'))
      .toBe(String(expected.length));
    expect(await page.getByTestId('ops-visible-count').getAttribute('data-value')).toBe(
      String(expected.length),
    );
    expect(await rowIds(page)).toEqual(expected);
    const url = new URL(page.url());
    expect(url.searchParams.get('category')).toBe('flooding,fire');
    expect(url.searchParams.get('kota')).toBe('31.71');

    // The same URL in a fresh page restores the same filters and rows.
    const again = await openPage(browser, url.toString(), { token: ADMIN_TOKEN });
    await ready(again.page, expected.length);
    expect(await rowIds(again.page)).toEqual(expected);
    expect(await again.page.getByTestId('filter-kota').inputValue()).toBe('31.71');
    expect(await again.page.getByTestId('ops-visible-count').getAttribute('data-value')).toBe(
      String(expected.length),
    );

    // A time window narrows further; nonsense search gives the empty state.
    await again.page.getByTestId('filter-window-6h').click();
    const recent = seeded
      .filter((s) => expected.includes(s.id) && s.ageMin <= 6 * 60)
      .map((s) => s.id)
      .sort();
    await expect.poll(() => rowIds(again.page)).toEqual(recent);
    expect(new URL(again.page.url()).searchParams.get('window')).toBe('6h');
    await again.page.getByTestId('filter-q').fill('tidak-ada-yang-begini');
    await again.page.getByTestId('ops-empty').waitFor();
    expect(await again.page.getByTestId('ops-empty').textContent()).toContain(
      'Tidak ada insiden yang cocok dengan filter',
    );
    expect(await again.page.getByTestId('ops-visible-count').getAttribute('data-value')).toBe('0');
    await again.page.getByTestId('filter-clear').click();
    await ready(again.page, seeded.length);
    expect(new URL(again.page.url()).search).toBe('');

    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
  });

  it(
    'a status change made on one page shows on another page and on the wall',
    { timeout: 240_000 },
    async () => {
      const target = seeded.find((s) => s.status === 'dispatched');
      if (!target) throw new Error('seed has no dispatched incident');
      // The list is virtualised and a resolved incident sorts after open work, so B narrows its
      // list to the target (by its unique text) to keep the row rendered wherever it sorts.
      const search = new URLSearchParams({ q: target.description, lang: 'en' });
      const [a, b] = await Promise.all([
        openPage(browser, `${server.url}/ops?incident=${target.id}`, { token: ADMIN_TOKEN }),
        openPage(browser, `${server.url}/ops?${search}`, { token: ADMIN_TOKEN }),
      ]);
      await Promise.all([ready(a.page, seeded.length), ready(b.page, 1)]);
      expect(
        await b.page.getByTestId(`incident-row-${target.id}`).getAttribute('data-status'),
      ).toBe('dispatched');
      const drawer = a.page.getByTestId('incident-drawer');
      await drawer.getByTestId('timeline-event').first().waitFor();
      const eventsBefore = await drawer.getByTestId('timeline-event').count();

      const resolve = drawer.getByTestId('action-status-resolved');
      await expect.poll(() => resolve.isEnabled()).toBe(true);
      await resolve.click();
      await expect
        .poll(() => b.page.getByTestId(`incident-row-${target.id}`).getAttribute('data-status'), {
          timeout: 30_000,
        })
        .toBe('resolved');
      // The drawer's timeline follows the stream, and the next legal steps are offered.
      await expect.poll(() => drawer.getByTestId('timeline-event').count()).toBe(eventsBefore + 1);
      expect(await drawer.getByTestId('action-status-closed').isVisible()).toBe(true);
      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);
      await b.page.context().close();

      // The wall's board row for the agency, with open and in-progress counts as raw numbers:
      // reopening the incident (resolved → in progress) adds one to each.
      // Its numbers are what is checked here, not its layout: a smaller window renders faster.
      const wall = await openPage(browser, `${server.url}/wall`, {
        token: ADMIN_TOKEN,
        width: 1280,
        height: 720,
      });
      const row = wall.page.getByTestId(`agency-row-${target.agency}`);
      await row.waitFor({ state: 'attached', timeout: 60_000 });
      // A wall that has just loaded is busy drawing its first map; change things once it has.
      await wall.page.waitForSelector('[data-testid="map"][data-map-state="idle"]', {
        timeout: 60_000,
      });
      const ofAgency = seeded.filter((s) => s.agency === target.agency);
      const open = ofAgency.length - 1;
      const inProgress =
        ofAgency.filter((s) => ['dispatched', 'in_progress'].includes(s.status)).length - 1;
      const counts = async () => [
        await row.getAttribute('data-open'),
        await row.getAttribute('data-in-progress'),
      ];
      await expect.poll(counts, { timeout: 30_000 }).toEqual([String(open), String(inProgress)]);
      const reopen = drawer.getByTestId('action-status-in_progress');
      await expect.poll(() => reopen.isEnabled()).toBe(true);
      await reopen.click();
      await expect
        .poll(counts, { timeout: 30_000 })
        .toEqual([String(open + 1), String(inProgress + 1)]);
      expect(wall.errors).toEqual([]);
    },
  );

  it('a viewer gets no actions and no reporter contact; a demoted supervisor is sent to log in again', async () => {
    const withContact = seeded.find((s) => s.hasReporter && s.status === 'received');
    if (!withContact) throw new Error('seed has no received incident with a reporter');
    const created = await api(server.url, 'POST', '/api/v1/admin/users', {
      username: 'vera.viewer',
      name: 'Vera',
      role: 'viewer',
      password: 'viewer-password-123',
    });
    expect(created.status).toBe(201);
    const viewer = await openAs(
      browser,
      server.url,
      'vera.viewer',
      'viewer-password-123',
      withContact.id,
    );
    await ready(viewer.page, seeded.length);
    await viewer.page.getByTestId('ops-user').waitFor();
    expect(await viewer.page.getByTestId('ops-user').getAttribute('data-role')).toBe('viewer');
    const drawer = viewer.page.getByTestId('incident-drawer');
    await drawer.getByTestId('actions-readonly').waitFor();
    for (const id of [
      'action-verify',
      'action-escalate',
      'action-status-dispatched',
      'action-note',
    ]) {
      expect(await drawer.getByTestId(id).isDisabled(), id).toBe(true);
    }
    expect(await drawer.getByTestId('action-note-input').isDisabled()).toBe(true);
    expect(await drawer.getByTestId('action-assign-select').isDisabled()).toBe(true);
    await drawer.getByTestId('timeline-event').first().waitFor();
    expect(await drawer.getByTestId('drawer-reporter').textContent()).not.toContain('0812');

    // A supervisor demoted while the page is open: the server ends the session and hangs up
    // the socket, and the page asks for a login instead of showing what is no longer theirs.
    const sup = await api(server.url, 'POST', '/api/v1/admin/users', {
      username: 'sari.supervisor',
      name: 'Sari',
      role: 'supervisor',
      password: 'supervisor-password-1',
    });
    const s = await openAs(
      browser,
      server.url,
      'sari.supervisor',
      'supervisor-password-1',
      withContact.id,
    );
    await ready(s.page, seeded.length);
    const sDrawer = s.page.getByTestId('incident-drawer');
    await expect.poll(() => sDrawer.getByTestId('action-verify').isEnabled()).toBe(true);
    await sDrawer.getByTestId('timeline-event').first().waitFor();
    expect(await sDrawer.getByTestId('drawer-reporter').textContent()).toContain('0812');
    await api(server.url, 'PATCH', `/api/v1/admin/users/${sup.body.user.id}`, { role: 'viewer' });
    await s.page.waitForURL(/\/login\?next=%2Fops/, { timeout: 30_000 });
    await s.page.getByTestId('login-page').waitFor();

    expect(viewer.errors).toEqual([]);
    // The refused handshake and reads after the demotion are logged by Chromium as failed loads.
    expect(s.errors.filter((e) => !e.includes('401') && !e.includes('WebSocket'))).toEqual([]);
  });

  it('alerts on a new critical incident (not on the snapshot); keys drive the console', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/ops?lang=en`, {
      token: ADMIN_TOKEN,
    });
    await ready(page, seeded.length);
    expect(await page.getByTestId('ops-alerts').count()).toBe(0);
    const posted = await api(server.url, 'POST', '/api/v1/incidents', {
      source: 'call112',
      category: 'fire',
      description: 'Kebakaran rumah dua lantai, asap tebal',
      address: 'Jl. Tanah Tinggi II No. 3',
      location: { lon: 106.845, lat: -6.182 },
    });
    const toast = page.getByTestId(`ops-alert-${posted.body.incident.id}`);
    await toast.waitFor({ timeout: 30_000 });
    expect(await toast.textContent()).toContain('New critical incident');
    await screenshot(page, 'ops-en-alert');
    await toast.getByRole('button', { name: 'Show' }).click();
    await expect
      .poll(() => page.getByTestId('incident-drawer').getAttribute('data-incident'))
      .toBe(posted.body.incident.id);
    expect(new URL(page.url()).searchParams.get('incident')).toBe(posted.body.incident.id);

    // Esc closes; j/k walk the list in its order; ? shows the help; / focuses the search,
    // where letters are typing, not commands.
    const drawer = page.getByTestId('incident-drawer');
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count()).toBe(0);
    await page.getByTestId('incident-list').evaluate((el) => el.scrollTo({ top: 0 }));
    await page.locator('[data-index="2"]').waitFor();
    const order = await Promise.all(
      [0, 1, 2].map(async (i) =>
        ((await page.locator(`[data-index="${i}"]`).getAttribute('data-testid')) ?? '').replace(
          'incident-row-',
          '',
        ),
      ),
    );
    for (const [key, index] of [
      ['j', 0],
      ['j', 1],
      ['ArrowDown', 2],
      ['k', 1],
    ] as const) {
      await page.keyboard.press(key);
      await expect.poll(() => drawer.getAttribute('data-incident')).toBe(order[index]);
    }
    await page.keyboard.press('?');
    await page.getByTestId('ops-shortcut-help').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('ops-shortcut-help').count()).toBe(0);
    await page.keyboard.press('/');
    await page.keyboard.type('jv');
    expect(await page.getByTestId('filter-q').inputValue()).toBe('jv');
    expect(await drawer.getAttribute('data-incident')).toBe(order[1]);
    expect(errors).toEqual([]);
  });

  it('screenshot with the drawer open on a timeline; a pin click selects its row', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/ops?incident=${richId}`, {
      token: ADMIN_TOKEN,
      width: 1600,
      height: 900,
    });
    const all = await api(server.url, 'GET', '/api/v1/incidents?limit=5000');
    await ready(page, all.body.items.length);
    const drawer = page.getByTestId('incident-drawer');
    await expect
      .poll(() => drawer.getByTestId('timeline-event').count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(6);
    await page.getByTestId(`incident-row-${richId}`).waitFor();
    // The camera flies to the incident; the map is idle again once it has arrived.
    await page.waitForFunction(() => {
      const map = window.__nakhoda?.map;
      return map !== undefined && !map.isMoving() && map.getZoom() > 12.5;
    });
    await screenshot(page, 'ops');

    // Clicking another pin in view opens it and brings its row into the list's view.
    const onScreen = await page.evaluate(
      (candidates) => {
        const map = window.__nakhoda?.map;
        if (!map) return null;
        const box = map.getContainer().getBoundingClientRect();
        for (const c of candidates) {
          const p = map.project([c.location.lon, c.location.lat]);
          if (p.x > 40 && p.y > 60 && p.x < box.width - 40 && p.y < box.height - 200) {
            return { id: c.id, x: box.left + p.x, y: box.top + p.y };
          }
        }
        return null;
      },
      seeded.filter((s) => s.id !== richId),
    );
    if (!onScreen) throw new Error('no other seeded pin in view');
    await page.mouse.click(onScreen.x, onScreen.y);
    await expect.poll(() => drawer.getAttribute('data-incident')).toBe(onScreen.id);
    const list = await page.getByTestId('incident-list').boundingBox();
    const row = await page.getByTestId(`incident-row-${onScreen.id}`).boundingBox();
    expect(row && list && row.y >= list.y && row.y + row.height <= list.y + list.height).toBe(true);
    expect(errors).toEqual([]);
  });
});
