/**
 * Proof of closure in the ops console, end to end: real server (FIELD_PROOF_REQUIRED on),
 * the real build, Debian's Chromium. A flood is dispatched and an after photo whose EXIF GPS
 * is 400 m away is added through the API; a supervisor opens /ops on it, sees the thumbnail
 * (loaded from the media route) with "✗ >150 m" beside it and the proof missing, waives the
 * proof with a reason, and sees the waiver line; the server's history holds the waiver.
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
import { pageTracker, ready } from '../support/browser/ops-pages.ts';
import { clientId, HERE, historyOf, north, uploadPhoto } from '../support/field.ts';
import { jpegWithExif } from '../support/photos.ts';
import { USERS } from '../support/principals.ts';

const enabled = browserAvailable();
let server: TestServer;
let browser: Browser;
const pages = pageTracker();
const SUPERVISOR = USERS[0];

beforeAll(async () => {
  if (!enabled) return;
  server = await startServer({ env: { STATIC_DIR: CLIENT_DIST, FIELD_PROOF_REQUIRED: 'on' } });
  expect((await api(server.url, 'POST', '/api/v1/admin/users', SUPERVISOR)).status).toBe(201);
  browser = await launchBrowser();
});
afterEach(() => pages.closeAll());
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe.runIf(enabled)('proof of closure in the ops console', () => {
  it(
    'shows a far photo’s failed check, and a supervisor waives the proof',
    { timeout: 240_000 },
    async () => {
      const made = await api(
        server.url,
        'POST',
        '/api/v1/incidents',
        report({ category: 'flooding', location: HERE, description: 'Banjir di underpass' }),
      );
      expect(made.status).toBe(201);
      const id = made.body.incident.id as string;
      const dispatch = await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, {
        status: 'dispatched',
      });
      expect(dispatch.status).toBe(200);
      const takenAt = new Date(Date.now() + 60_000);
      const photo = await jpegWithExif({
        takenAt,
        offset: '+07:00',
        at: north(400),
        width: 320,
        height: 240,
      });
      const up = await uploadPhoto(server.url, id, photo, {
        kind: 'after',
        clientId: clientId(),
        takenAt: takenAt.toISOString(),
        position: JSON.stringify({ ...HERE, accuracyM: 12 }),
      });
      expect(up.status, JSON.stringify(up.body)).toBe(201);

      const { page, errors } = await pages.openAs(
        browser,
        server.url,
        SUPERVISOR.username,
        SUPERVISOR.password,
        id,
      );
      await ready(page, 1);
      const drawer = page.getByTestId('incident-drawer');
      await expect.poll(() => drawer.getAttribute('data-incident')).toBe(id);

      // The photo in the timeline: its thumbnail loads from the media route, its checks beside.
      const evidence = drawer.getByTestId('photo-evidence');
      await evidence.waitFor({ timeout: 30_000 });
      const thumb = evidence.getByTestId('photo-thumb');
      await thumb.scrollIntoViewIfNeeded();
      await expect
        .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
          timeout: 15_000,
        })
        .toBeGreaterThan(0);
      expect(await thumb.getAttribute('alt')).toMatch(/^Foto sesudah insiden #/);
      expect(await evidence.getByTestId('photo-open').getAttribute('href')).toBe(up.body.photo.url);
      const distance = evidence.getByTestId('photo-distance');
      expect(await distance.getAttribute('data-state')).toBe('fail');
      expect(await distance.textContent()).toMatch(/^\d+ m ✗ >150 m$/);
      expect(await evidence.getByTestId('photo-dispatch').textContent()).toBe(
        '✓ setelah penugasan',
      );
      expect(await evidence.getByTestId('photo-taken').textContent()).toContain('WIB');
      expect(await evidence.getByTestId('photo-sources').textContent()).toBe(
        'waktu: EXIF · posisi: EXIF',
      );

      // The proof is missing; the supervisor waives it with a reason.
      const line = drawer.getByTestId('proof-line');
      await expect.poll(() => line.getAttribute('data-state')).toBe('missing');
      await drawer.getByTestId('proof-waive').click();
      const confirm = drawer.getByTestId('proof-waive-confirm');
      expect(await confirm.isDisabled()).toBe(true);
      const why = 'Foto diambil dari jembatan karena underpass masih tergenang';
      await drawer.getByTestId('proof-waive-note').fill(why);
      await drawer.getByTestId('proof').scrollIntoViewIfNeeded();
      await screenshot(page, 'ops-proof-missing');
      await confirm.click();
      await expect.poll(() => line.getAttribute('data-state'), { timeout: 30_000 }).toBe('waiver');
      expect(await line.textContent()).toBe(`✓ Dikecualikan oleh sup: ${why}`);
      expect(await drawer.getByTestId('proof-waive').count()).toBe(0);
      await expect
        .poll(() => drawer.getByTestId('timeline').textContent())
        .toContain('Bukti foto dikecualikan oleh sup');

      await drawer.getByTestId('proof').scrollIntoViewIfNeeded();
      await screenshot(page, 'ops-proof-waived');
      await drawer.getByTestId('timeline').locator('li').last().scrollIntoViewIfNeeded();
      await screenshot(page, 'ops-proof-timeline');

      const waived = (await historyOf(server.url, id)).filter(
        (e) => e.type === 'incident.proof_waived',
      );
      expect(waived).toHaveLength(1);
      expect(waived[0]).toMatchObject({ actor: { id: 'sup' }, data: { by: 'sup', note: why } });
      expect(errors).toEqual([]);
    },
  );
});
