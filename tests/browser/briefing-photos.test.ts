/**
 * The briefing's PDF pack made in the browser carries the field photos: a real server
 * (SQLite, media on the filesystem), the real build, Debian's Chromium. A flood resolved
 * today with before and after photos is "closed with proof", an overdue one shows its
 * before photo and the supervisor's waiver; the page fetches the thumbnails with its
 * token, and the PDF it saves embeds exactly the thumbnails the server serves. Its photo
 * pages are rendered to PNG under test-output/briefing-photos to look at.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientId, HERE, north, uploadPhoto } from '../support/field.ts';
import { ADMIN_TOKEN, api, report, startServer, type TestServer } from '../support/harness.ts';
import { jpegWithExif } from '../support/photos.ts';
import {
  browserAvailable,
  CLIENT_DIST,
  launchBrowser,
  openPage,
} from '../support/browser/browser.ts';

const enabled = browserAvailable();
const OUT = join(process.cwd(), 'test-output', 'briefing-photos');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

let server: TestServer;
let browser: Browser;
let mediaDir: string;

beforeAll(async () => {
  if (!enabled) return;
  mediaDir = mkdtempSync(join(tmpdir(), 'nakhoda-briefing-media-'));
  // The overdue flood is reported three days back: the desk may date that far.
  server = await startServer({
    env: {
      STATIC_DIR: CLIENT_DIST,
      MEDIA_DIR: mediaDir,
      BACKDATE_DESK_MINUTES: String(5 * 24 * 60),
    },
  });
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
  if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
});

async function flood(description: string, reportedAt?: Date): Promise<string> {
  const res = await api(
    server.url,
    'POST',
    '/api/v1/incidents',
    report({
      category: 'flooding',
      location: HERE,
      description,
      ...(reportedAt ? { reportedAt: reportedAt.toISOString() } : {}),
    }),
  );
  expect(res.status).toBe(201);
  const id = res.body.incident.id as string;
  const moved = await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, { status: 'dispatched' });
  expect(moved.status).toBe(200);
  return id;
}

/** Uploads a photo taken just now, `metres` north of the site; its id. */
async function photo(
  id: string,
  kind: 'before' | 'after',
  metres: number,
  size: { width: number; height: number },
): Promise<string> {
  const takenAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const bytes = await jpegWithExif({ takenAt, offset: '+07:00', at: north(metres), ...size });
  const res = await uploadPhoto(server.url, id, bytes, {
    kind,
    clientId: clientId(),
    takenAt: takenAt.toISOString(),
  });
  expect(res.status).toBe(201);
  return (res.body.photo.url as string).match(/([0-9a-f]{64})/)![1]!;
}

async function thumb(photoId: string): Promise<Buffer> {
  const res = await fetch(`${server.url}/api/v1/media/${photoId}/thumb`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.runIf(enabled)('the briefing PDF made in the browser', () => {
  it('embeds the closed and overdue items’ thumbnails with their proof facts', async () => {
    const late = await flood('Banjir di kolong jembatan', new Date(Date.now() - 3 * DAY));
    const lateBefore = await photo(late, 'before', 15, { width: 800, height: 400 });
    const waiver = await api(server.url, 'POST', `/api/v1/incidents/${late}/proof-waiver`, {
      note: 'Kamera rusak, air masih tinggi',
    });
    expect(waiver.status).toBe(200);

    const fixed = await flood('Genangan di Jalan Merdeka');
    const fixedBefore = await photo(fixed, 'before', 25, { width: 640, height: 480 });
    const fixedAfter = await photo(fixed, 'after', 40, { width: 480, height: 640 });
    const resolved = await api(server.url, 'PATCH', `/api/v1/incidents/${fixed}`, {
      status: 'resolved',
    });
    expect(resolved.status).toBe(200);

    const { page, errors } = await openPage(browser, `${server.url}/briefing?period=today`, {
      token: ADMIN_TOKEN,
    });
    await page.waitForSelector('[data-testid="briefing"][data-state="ready"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });
    const thumbs: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/thumb')) thumbs.push(r.url());
    });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-pdf').click(),
    ]);
    const file = join(OUT, 'briefing.pdf');
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    // Each photo the cards show asked for once, by the page.
    expect(thumbs.map((u) => new URL(u).pathname).sort()).toEqual(
      [lateBefore, fixedBefore, fixedAfter].map((id) => `/api/v1/media/${id}/thumb`).sort(),
    );

    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString('utf8'))![1],
    );
    const dir = join(OUT, 'images');
    mkdirSync(dir, { recursive: true });
    execFileSync('pdfimages', ['-j', '-f', String(pages - 1), file, join(dir, 'img')]);
    const embedded = readdirSync(dir)
      .sort()
      .map((f) => sha(readFileSync(join(dir, f))));
    expect(embedded).toEqual([
      sha(await thumb(lateBefore)),
      sha(await thumb(fixedBefore)),
      sha(await thumb(fixedAfter)),
    ]);

    const text = (n: number) =>
      execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-']).toString(
        'utf8',
      );
    const overdue = text(pages - 1);
    expect(overdue).toContain('Aduan lewat tenggat teratas: foto lapangan');
    expect(overdue).toContain('Banjir di kolong jembatan');
    expect(overdue).toContain('15 m dari lokasi');
    expect(overdue).toMatch(/Bukti dibebaskan oleh \S+: Kamera rusak, air\s+masih tinggi/);
    const closed = text(pages);
    expect(closed).toContain('Ditutup dengan bukti');
    expect(closed).toContain('Genangan di Jalan Merdeka');
    expect(closed).toContain('25 m dari lokasi');
    expect(closed).toContain('40 m dari lokasi');
    expect(closed).toMatch(/Selesai \d{1,2} \S+ \d{4} \d{2}:\d{2} WIB/);

    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      String(pages - 1),
      file,
      join(OUT, 'page'),
    ]);
    expect(errors).toEqual([]);
  });
});
