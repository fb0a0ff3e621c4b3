/**
 * The field page (/field) without signal, end to end: the browser context set offline (and,
 * for the installed app, the server stopped), actions queued on the phone and sent once when
 * the signal returns with the field times they were done at; a refusal holds the rest of an
 * incident's queue; an ended session sends nothing. The real server, the real build,
 * Debian's Chromium at 360 × 640 with a granted geolocation.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, report, startServer, type TestServer } from '../support/harness.ts';
import {
  browserAvailable,
  CLIENT_DIST,
  launchBrowser,
  screenshot,
} from '../support/browser/browser.ts';
import {
  cameraPhoto,
  CREW,
  dispatchedFlood,
  fieldFacts,
  ofType,
  phones,
  waiting,
  watchFieldErrors,
} from '../support/browser/field-phone.ts';
import { loginSession } from '../support/browser/ops-seed.ts';
import { HERE, historyOf, north } from '../support/field.ts';
import { login } from '../support/principals.ts';

const enabled = browserAvailable();

let server: TestServer;
let browser: Browser;
const phone = phones(() => ({ server, browser }));

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer({ env: { STATIC_DIR: CLIENT_DIST, FIELD_PROOF_REQUIRED: 'on' } });
  expect((await api(server.url, 'POST', '/api/v1/admin/users', CREW)).status).toBe(201);
  browser = await launchBrowser();
});
afterEach(() => phone.closeAll());
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe.runIf(enabled)('the field page without signal', () => {
  it(
    'queues claim, start, photos and resolve without signal, then sends each once with its field time',
    { timeout: 300_000 },
    async () => {
      const id = await dispatchedFlood(server, north(10), 'Genangan 40 cm di permukiman');
      const { context, page, errors } = await phone.open(HERE);
      await page.waitForSelector(`[data-testid="field-row-${id}"]`, { timeout: 60_000 });
      await page.getByTestId(`field-row-${id}`).click();
      await page.waitForSelector('[data-testid="claim"]');

      await context.setOffline(true);
      const offlineAt = Date.now();
      await page.getByTestId('claim').click();
      await page.getByTestId('start').click();
      await page
        .getByTestId('photo-input-before')
        .setInputFiles(await cameraPhoto(north(12), 'before.jpg'));
      await page
        .getByTestId('photo-input-after')
        .setInputFiles(await cameraPhoto(north(8), 'after.jpg'));
      await page.getByTestId('resolve').click();
      await page.getByTestId('confirm-resolve').click();
      await expect.poll(() => waiting(page), { timeout: 20_000 }).toBe('5');
      // Resolved on the phone: it leaves the queue there, and the outbox says what waits.
      await page
        .waitForSelector(`[data-testid="field-row-${id}"] [data-testid="row-waiting"]`, {
          state: 'detached',
        })
        .catch(() => undefined);
      await screenshot(page, 'field-offline');
      const before = await historyOf(server.url, id);
      expect(before.map((e) => e.type)).toEqual(['incident.reported', 'incident.status_changed']);
      const queuedBy = Date.now();

      // When the signal returns, the first send of the claim reaches the server but its answer
      // is lost on the way back: the phone keeps it and sends it again, which must not claim
      // twice. (Hooked only now: the hook's own request would not be offline.)
      let lost = 0;
      await page.route('**/api/v1/incidents/*/claim', async (route) => {
        if (lost++ === 0) {
          await route.fetch();
          return route.abort('connectionreset');
        }
        return route.continue();
      });
      await new Promise((r) => setTimeout(r, 1_500));
      await context.setOffline(false);
      const onlineAt = Date.now();
      await expect.poll(() => waiting(page), { timeout: 60_000 }).toBe('0');
      expect(await page.getByTestId('outbox').getAttribute('data-refused')).toBe('0');

      const history = await historyOf(server.url, id);
      const field = history.filter((e) => e.type !== 'incident.reported').slice(1);
      expect(field.map((e) => e.type)).toEqual([
        'incident.claimed',
        'incident.status_changed',
        'incident.photo_added',
        'incident.photo_added',
        'incident.status_changed',
      ]);
      expect(lost).toBeGreaterThanOrEqual(2);
      const ids = field.map((e) => fieldFacts(e).clientId);
      expect(new Set(ids).size).toBe(5);
      for (const e of field) {
        const occurredAt = Date.parse((e.data as { occurredAt: string }).occurredAt);
        // Done on the phone while offline, recorded once the signal was back.
        expect(occurredAt).toBeGreaterThanOrEqual(offlineAt - 1_000);
        expect(occurredAt).toBeLessThanOrEqual(queuedBy);
        expect(Date.parse(e.at)).toBeGreaterThanOrEqual(onlineAt - 1_000);
      }
      const last = field.at(-1)!.data as { to: string };
      expect(last.to).toBe('resolved');
      expect(errors).toEqual([]);
    },
  );

  it(
    'installs as an app that opens with the crew’s last work when the server cannot be reached',
    { timeout: 300_000 },
    async () => {
      // Its own server, stopped halfway: no signal at all, whatever the browser emulates.
      const own = await startServer({ env: { STATIC_DIR: CLIENT_DIST } });
      try {
        expect((await api(own.url, 'POST', '/api/v1/admin/users', CREW)).status).toBe(201);
        const made = await api(
          own.url,
          'POST',
          '/api/v1/incidents',
          report({ category: 'flooding', location: HERE, description: 'Banjir rob' }),
        );
        expect(made.status).toBe(201);
        const cookie = await loginSession(own.url, CREW.username, CREW.password);
        const context = await browser.newContext({
          viewport: { width: 360, height: 640 },
          isMobile: true,
          hasTouch: true,
          geolocation: { latitude: HERE.lat, longitude: HERE.lon, accuracy: 8 },
          permissions: ['geolocation'],
        });
        phone.contexts.push(context);
        await context.addCookies([{ name: cookie.name, value: cookie.value, url: own.url }]);
        const page = await context.newPage();
        await page.goto(`${own.url}/field`);
        await page.waitForSelector(`[data-testid="field-row-${made.body.incident.id}"]`, {
          timeout: 60_000,
        });
        const manifest = await page.evaluate(async () => {
          const link = document.querySelector('link[rel="manifest"]') as HTMLLinkElement | null;
          return link ? ((await (await fetch(link.href)).json()) as { start_url: string }) : null;
        });
        expect(manifest?.start_url).toBe('/field');
        // The worker is installed and controls the page; the work copy is on the phone.
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
          timeout: 60_000,
        });
        // The page keeps a copy of the crew's work on the phone (every few seconds while live).
        await page.waitForFunction(
          () =>
            new Promise<boolean>((resolve) => {
              const open = indexedDB.open('nakhoda-field');
              open.onerror = () => resolve(false);
              open.onsuccess = () => {
                const db = open.result;
                if (!db.objectStoreNames.contains('work')) return resolve(false);
                const count = db.transaction('work').objectStore('work').count();
                count.onsuccess = () => {
                  db.close();
                  resolve(count.result > 0);
                };
              };
            }),
          null,
          { timeout: 30_000, polling: 500 },
        );

        await own.dispose();
        await context.setOffline(true);
        await page.reload();
        await page.waitForSelector('[data-testid="field-connection"][data-state="offline"]', {
          timeout: 60_000,
        });
        await page.waitForSelector(`[data-testid="field-row-${made.body.incident.id}"]`, {
          timeout: 30_000,
        });
        expect(await page.getByTestId('field-connection').innerText()).toMatch(/Tanpa sinyal/);
        expect(await page.getByTestId('field-offline').innerText()).toMatch(/terakhir terlihat/);
        await screenshot(page, 'field-installed-offline');
      } finally {
        await own.dispose().catch(() => undefined);
      }
    },
  );

  it(
    'holds the rest of an incident’s queue when its claim is refused, and sends nothing once the session has ended',
    { timeout: 300_000 },
    async () => {
      const taken = await dispatchedFlood(server, north(40), 'Got tersumbat sampah');
      const free = await dispatchedFlood(server, north(60), 'Genangan di sekolah');
      const colleague = { ...CREW, username: 'crew-sda-2', name: 'Sari Lapangan' };
      expect((await api(server.url, 'POST', '/api/v1/admin/users', colleague)).status).toBe(201);
      const { context, page, errors } = await phone.open(HERE);
      await page.waitForSelector(`[data-testid="field-row-${taken}"]`, { timeout: 60_000 });

      // Without signal, the crew claims and starts a job a colleague claims meanwhile.
      await context.setOffline(true);
      await page.getByTestId(`field-row-${taken}`).click();
      await page.getByTestId('claim').click();
      await page.getByTestId('start').click();
      await expect.poll(() => waiting(page)).toBe('2');
      const cookie = await login(server.url, colleague.username, colleague.password);
      const theirs = await api(
        server.url,
        'POST',
        `/api/v1/incidents/${taken}/claim`,
        {},
        { authorization: '', cookie },
      );
      expect(theirs.status).toBe(200);
      await context.setOffline(false);
      await expect
        .poll(() => page.getByTestId('outbox').getAttribute('data-refused'), { timeout: 60_000 })
        .toBe('1');
      expect(await page.getByTestId('refused-problem').innerText()).toContain('claimed');
      expect(await page.getByTestId('held').count()).toBe(1);
      const statuses = ofType(await historyOf(server.url, taken), 'incident.status_changed');
      expect(statuses.map((e) => (e.data as { to: string }).to)).toEqual(['dispatched']);
      await screenshot(page, 'field-refused');

      // The session ends (an admin changes the crew's rights) while a claim waits: nothing is
      // sent under a session that is gone (the page sends the crew to log in, or says so),
      // and once the same crew logs in again the claim goes, dated when it was made.
      await page.getByRole('button', { name: /Kembali/ }).click();
      await context.setOffline(true);
      await page.getByTestId(`field-row-${free}`).click();
      const claimedAt = Date.now();
      await page.getByTestId('claim').click();
      await expect.poll(() => waiting(page)).toBe('2');
      const users = (await api(server.url, 'GET', '/api/v1/admin/users')).body.users as {
        id: string;
        username: string;
      }[];
      const me = users.find((u) => u.username === CREW.username)!;
      for (const fieldCrew of [false, true]) {
        const changed = await api(server.url, 'PATCH', `/api/v1/admin/users/${me.id}`, {
          fieldCrew,
        });
        expect(changed.status).toBe(200);
      }
      await context.setOffline(false);
      await expect
        .poll(
          async () =>
            page.url().includes('/login') || (await page.getByTestId('outbox-block').count()) > 0,
          { timeout: 60_000 },
        )
        .toBe(true);
      expect(ofType(await historyOf(server.url, free), 'incident.claimed')).toHaveLength(0);

      const again = await loginSession(server.url, CREW.username, CREW.password);
      await context.addCookies([{ name: again.name, value: again.value, url: server.url }]);
      // A fresh start of the app on the same phone: the queue is in the phone's storage.
      await page.close();
      const restarted = await context.newPage();
      watchFieldErrors(restarted, errors);
      await restarted.goto(`${server.url}/field`);
      await expect
        .poll(async () => ofType(await historyOf(server.url, free), 'incident.claimed').length, {
          timeout: 60_000,
        })
        .toBe(1);
      const [claim] = ofType(await historyOf(server.url, free), 'incident.claimed');
      const at = Date.parse((claim!.data as { occurredAt: string }).occurredAt);
      expect(at).toBeGreaterThanOrEqual(claimedAt - 1_000);
      expect(at).toBeLessThan(Date.parse(claim!.at));
      expect(errors).toEqual([]);
    },
  );
});
