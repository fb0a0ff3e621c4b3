/**
 * The field page (/field) on a phone, end to end: the real server with the photo proof
 * required, the real build, Debian's Chromium at 360 × 640 with a granted geolocation, and
 * JPEGs carrying EXIF time and GPS made with sharp. A crew member of the drainage agency
 * (an agency user marked field crew) works its queue: with signal, and with the browser
 * context set offline, when every action waits on the phone and is sent once when the
 * signal returns. The server's history is the judge of what arrived.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/types.ts';
import { api, report, startServer, type TestServer } from '../support/harness.ts';
import {
  browserAvailable,
  CLIENT_DIST,
  launchBrowser,
  screenshot,
} from '../support/browser/browser.ts';
import { loginSession } from '../support/browser/ops-seed.ts';
import { HERE, historyOf, north } from '../support/field.ts';
import { jpegWithExif } from '../support/photos.ts';
import { login } from '../support/principals.ts';

const enabled = browserAvailable();
const CREW = {
  username: 'crew-sda',
  name: 'Budi Lapangan',
  role: 'agency',
  agency: 'dsda',
  fieldCrew: true,
  password: 'crew-pass-123',
};
/** The largest photo this server takes (MEDIA_MAX_MB): small, to test the limit cheaply. */
const MAX_PHOTO_BYTES = Math.round(0.2 * 2 ** 20);

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer({
    env: { STATIC_DIR: CLIENT_DIST, FIELD_PROOF_REQUIRED: 'on', MEDIA_MAX_MB: '0.2' },
  });
  expect((await api(server.url, 'POST', '/api/v1/admin/users', CREW)).status).toBe(201);
  browser = await launchBrowser();
});
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

/** A flood report for the drainage agency at `at`, dispatched; its id. */
async function dispatchedFlood(at: { lon: number; lat: number }, text: string): Promise<string> {
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

/**
 * The crew's phone: a 360 × 640 touch screen standing at `at`, logged in with a session
 * cookie. Service workers are blocked here so the offline switch and the request hooks act
 * on the page's own requests (the installed app is tested on its own below).
 */
async function openPhone(
  at: { lon: number; lat: number },
  opts: { serviceWorkers?: 'allow' | 'block'; path?: string } = {},
) {
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
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // A refused upload and a request made without signal are logged by the browser itself
    // as "Failed to load resource"; the page's own errors are what fail the test.
    if (msg.type() === 'error' && !/Failed to load resource|net::ERR_/.test(msg.text())) {
      errors.push(`console: ${msg.text()}`);
    }
  });
  await page.goto(`${server.url}${opts.path ?? '/field'}`);
  // The map's workers are loaded before any test takes the signal away (without the
  // installed app's cache, a worker still loading when the signal goes fails to load).
  await page.waitForSelector('[data-testid="field-map"][data-map-state="idle"]', {
    timeout: 60_000,
  });
  return { context, page, errors };
}

/** The page is up with `rows` jobs, a located crew and a drawn map. */
async function ready(page: Page, rows: number): Promise<void> {
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

const rowOrder = (page: Page) =>
  page.$$eval('[data-testid^="field-row-"]', (els) =>
    els.map((el) => (el.getAttribute('data-testid') ?? '').replace('field-row-', '')),
  );

const waiting = (page: Page) => page.getByTestId('outbox').getAttribute('data-waiting');

/** A JPEG as the phone's camera writes it: EXIF time a little after now, and GPS `at`. */
const cameraPhoto = async (at: { lon: number; lat: number }, name: string) => ({
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

const ofType = (history: DomainEvent[], type: DomainEvent['type']) =>
  history.filter((e) => e.type === type);

/** Field facts of an event: the phone's position and its client-made id. */
const fieldFacts = (e: DomainEvent) =>
  e.data as { position?: { lon: number; lat: number } | null; clientId?: string | null };

describe.runIf(enabled)('the field page on a phone', () => {
  it(
    'lists only the agency’s open work by deadline or distance, and claims, photographs and resolves with proof',
    { timeout: 300_000 },
    async () => {
      const far = await dispatchedFlood(north(2_000), 'Genangan di jalan arteri');
      const mid = await dispatchedFlood(north(300), 'Saluran tersumbat');
      const near = await dispatchedFlood(HERE, 'Banjir di underpass');
      const other = await api(server.url, 'POST', '/api/v1/incidents', report());
      expect(other.body.incident.agency).not.toBe('dsda');

      const { page, errors } = await openPhone(HERE);
      await ready(page, 3);
      expect(await rowOrder(page)).toEqual([far, mid, near]);
      await page.getByTestId('sort-distance').click();
      expect(await rowOrder(page)).toEqual([near, mid, far]);
      await screenshot(page, 'field-list');

      await page.getByTestId(`field-row-${near}`).click();
      await page.getByTestId('claim').click();
      await expect.poll(() => page.getByTestId('unclaim').count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => waiting(page)).toBe('0');
      await page.getByTestId('start').click();
      await expect
        .poll(() => page.getByTestId('sheet-status').getAttribute('data-status'), {
          timeout: 20_000,
        })
        .toBe('in_progress');

      // No after photo yet: the page says what is missing and does not send a resolve.
      await page.getByTestId('resolve').click();
      const missing = page.getByTestId('proof-problem');
      expect(await missing.innerText()).toContain('foto sesudah');
      expect(await page.getByTestId('confirm-resolve').isDisabled()).toBe(true);

      await page
        .getByTestId('photo-input-after')
        .setInputFiles(await cameraPhoto(north(20), 'after.jpg'));
      await expect
        .poll(() => page.locator('[data-testid^="photo-"][data-kind="after"]').count(), {
          timeout: 30_000,
        })
        .toBe(1);
      await expect.poll(() => page.getByTestId('proof-line').getAttribute('data-state')).toBe('ok');
      await screenshot(page, 'field-sheet');
      await page.getByTestId('field-photos').scrollIntoViewIfNeeded();
      await screenshot(page, 'field-photos');
      await page.getByTestId('resolve-note').fill('Saluran dibersihkan');
      await page.getByTestId('confirm-resolve').click();
      // Resolved work leaves the queue, and the resolve has gone to the server.
      await expect
        .poll(() => page.getByTestId('field-count').getAttribute('data-value'), {
          timeout: 20_000,
        })
        .toBe('2');
      await expect.poll(() => waiting(page), { timeout: 20_000 }).toBe('0');

      const history = await historyOf(server.url, near);
      const [claimed] = ofType(history, 'incident.claimed');
      const [photo] = ofType(history, 'incident.photo_added');
      const moves = ofType(history, 'incident.status_changed').map(
        (e) => (e.data as { to: string }).to,
      );
      expect(moves).toEqual(['dispatched', 'in_progress', 'resolved']);
      const resolved = ofType(history, 'incident.status_changed').at(-1)!;
      for (const e of [claimed!, photo!, resolved]) {
        expect(fieldFacts(e).position?.lat).toBeCloseTo(HERE.lat, 4);
        expect(fieldFacts(e).clientId).toMatch(/^[\w.:-]{8,80}$/);
        expect(e.actor.id).not.toBe('system');
      }
      const p = photo!.data as {
        kind: string;
        exif: { lat: number | null };
        checks: { distanceM: number; afterDispatch: boolean };
      };
      expect(p.kind).toBe('after');
      expect(p.exif.lat).toBeCloseTo(north(20).lat, 4);
      expect(p.checks.afterDispatch).toBe(true);
      expect(p.checks.distanceM).toBeLessThan(40);
      expect(errors).toEqual([]);
    },
  );

  it(
    'refuses a resolve whose after photo was taken too far away, saying why',
    { timeout: 240_000 },
    async () => {
      const id = await dispatchedFlood(north(30), 'Pohon tumbang menutup saluran');
      const { context, page, errors } = await openPhone(HERE);
      await page.waitForSelector(`[data-testid="field-row-${id}"]`, { timeout: 60_000 });
      await page.getByTestId(`field-row-${id}`).click();
      await page.getByTestId('claim').click();
      await page
        .getByTestId('photo-input-after')
        .setInputFiles(await cameraPhoto(north(900), 'far.jpg'));
      await expect
        .poll(() => page.locator('[data-testid^="photo-"][data-kind="after"]').count(), {
          timeout: 30_000,
        })
        .toBe(1);
      await page.getByTestId('resolve').click();
      expect(await page.getByTestId('proof-problem').innerText()).toContain('150 m');
      expect(await page.getByTestId('confirm-resolve').isDisabled()).toBe(true);
      const statuses = ofType(await historyOf(server.url, id), 'incident.status_changed');
      expect(statuses.map((e) => (e.data as { to: string }).to)).toEqual(['dispatched']);

      // Without signal the phone judges a waiting photo as the server will, by its EXIF GPS
      // (900 m off) before the phone's own position (30 m): the resolve is not queued.
      const next = await dispatchedFlood(north(30), 'Saluran meluap');
      await page.getByRole('button', { name: /Kembali/ }).click();
      await page.getByTestId(`field-row-${next}`).click();
      await context.setOffline(true);
      await page
        .getByTestId('photo-input-after')
        .setInputFiles(await cameraPhoto(north(900), 'far-offline.jpg'));
      await expect.poll(() => page.getByTestId('photo-waiting').count()).toBe(1);
      await page.getByTestId('resolve').click();
      expect(await page.getByTestId('proof-problem').innerText()).toMatch(/one is 8\d\d m away/);
      expect(await page.getByTestId('confirm-resolve').isDisabled()).toBe(true);
      expect(errors).toEqual([]);
    },
  );

  it(
    'queues claim, start, photos and resolve without signal, then sends each once with its field time',
    { timeout: 300_000 },
    async () => {
      const id = await dispatchedFlood(north(10), 'Genangan 40 cm di permukiman');
      const { context, page, errors } = await openPhone(HERE);
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
    'refuses a photo of the wrong type or over the size limit on the phone, and one whose bytes are no image at the server',
    { timeout: 240_000 },
    async () => {
      const id = await dispatchedFlood(north(50), 'Air masuk rumah warga');
      const { page, errors } = await openPhone(HERE);
      await page.waitForSelector(`[data-testid="field-row-${id}"]`, { timeout: 60_000 });
      await page.getByTestId(`field-row-${id}`).click();
      const input = page.getByTestId('photo-input-before');

      await input.setInputFiles({
        name: 'doc.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4'),
      });
      expect(await page.getByTestId('file-problem').innerText()).toContain('JPEG');
      await input.setInputFiles({
        name: 'huge.jpg',
        mimeType: 'image/jpeg',
        buffer: Buffer.alloc(MAX_PHOTO_BYTES + 1, 0xff),
      });
      expect(await page.getByTestId('file-problem').innerText()).toContain('MB');
      expect(await waiting(page)).toBe('0');

      // Says it is a JPEG, is not one: the server sniffs the bytes and refuses it; the phone
      // shows the refusal with the server's words until the crew removes it.
      await input.setInputFiles({
        name: 'fake.jpg',
        mimeType: 'image/jpeg',
        buffer: Buffer.from('not a picture at all'),
      });
      await expect
        .poll(() => page.getByTestId('outbox').getAttribute('data-refused'), { timeout: 30_000 })
        .toBe('1');
      expect(await page.getByTestId('refused-problem').innerText()).toMatch(/photo/i);
      const photos = ofType(await historyOf(server.url, id), 'incident.photo_added');
      expect(photos).toHaveLength(0);
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
        contexts.push(context);
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
      const taken = await dispatchedFlood(north(40), 'Got tersumbat sampah');
      const free = await dispatchedFlood(north(60), 'Genangan di sekolah');
      const colleague = { ...CREW, username: 'crew-sda-2', name: 'Sari Lapangan' };
      expect((await api(server.url, 'POST', '/api/v1/admin/users', colleague)).status).toBe(201);
      const { context, page, errors } = await openPhone(HERE);
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
      restarted.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
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
