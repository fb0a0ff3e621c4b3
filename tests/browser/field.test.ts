/**
 * The field page (/field) on a phone, with signal, end to end: the real server with the
 * photo proof required, the real build, Debian's Chromium at 360 × 640 with a granted
 * geolocation, and JPEGs carrying EXIF time and GPS made with sharp. A crew member of the
 * drainage agency (an agency user marked field crew) works its queue; the server's history
 * is the judge of what arrived. Without signal: field-offline.test.ts.
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
  ready,
  rowOrder,
  waiting,
} from '../support/browser/field-phone.ts';
import { HERE, historyOf, north } from '../support/field.ts';

const enabled = browserAvailable();
/** The largest photo this server takes (MEDIA_MAX_MB): small, to test the limit cheaply. */
const MAX_PHOTO_BYTES = Math.round(0.2 * 2 ** 20);

let server: TestServer;
let browser: Browser;
const phone = phones(() => ({ server, browser }));

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer({
    env: { STATIC_DIR: CLIENT_DIST, FIELD_PROOF_REQUIRED: 'on', MEDIA_MAX_MB: '0.2' },
  });
  expect((await api(server.url, 'POST', '/api/v1/admin/users', CREW)).status).toBe(201);
  browser = await launchBrowser();
});
afterEach(() => phone.closeAll());
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe.runIf(enabled)('the field page on a phone, with signal', () => {
  it(
    'lists only the agency’s open work by deadline or distance, and claims, photographs and resolves with proof',
    { timeout: 300_000 },
    async () => {
      const far = await dispatchedFlood(server, north(2_000), 'Genangan di jalan arteri');
      const mid = await dispatchedFlood(server, north(300), 'Saluran tersumbat');
      const near = await dispatchedFlood(server, HERE, 'Banjir di underpass');
      const other = await api(server.url, 'POST', '/api/v1/incidents', report());
      expect(other.body.incident.agency).not.toBe('dsda');

      const { page, errors } = await phone.open(HERE);
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
      const id = await dispatchedFlood(server, north(30), 'Pohon tumbang menutup saluran');
      const { context, page, errors } = await phone.open(HERE);
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
      const next = await dispatchedFlood(server, north(30), 'Saluran meluap');
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
    'refuses a photo of the wrong type or over the size limit on the phone, and one whose bytes are no image at the server',
    { timeout: 240_000 },
    async () => {
      const id = await dispatchedFlood(server, north(50), 'Air masuk rumah warga');
      const { page, errors } = await phone.open(HERE);
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
});
