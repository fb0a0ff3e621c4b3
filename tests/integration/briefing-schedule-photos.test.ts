/**
 * The scheduled briefing's photo proof, on the real server (SQLite, media on the
 * filesystem, a local webhook receiver): a flood resolved with before and after photos is
 * "closed with proof", its thumbnails embedded in the PDF as images with their capture time
 * in WIB and distance; an overdue flood shows its before photo and who waived the proof and
 * why; one with no photo says so; one whose thumbnail went missing from the media store
 * gets a placeholder, and the pack is still sent. The PDF is kept under test-output/ for a
 * person to look at (convert a page with `pdftoppm -png`).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientId, HERE, north, uploadPhoto } from '../support/field.ts';
import { ADMIN_TOKEN, api, report, startServer, type TestServer } from '../support/harness.ts';
import { pdfText } from '../support/pdf-text.ts';
import { jpegWithExif } from '../support/photos.ts';

const MIN = 60_000;
/** Wednesday 25 Nov 2026, 10:00 WIB: in the week of Mon 23 – Sun 29 Nov. */
const IN_WEEK = Date.parse('2026-11-25T03:00:00.000Z');
/** Monday 30 Nov 2026, 07:05 WIB: that week has ended. */
const AFTER_WEEK = Date.parse('2026-11-30T00:05:00.000Z');
/** Photo shapes, and their thumbnails' (at most 320 px a side). */
const LANDSCAPE = { width: 640, height: 480 };
const PORTRAIT = { width: 480, height: 640 };
const WIDE = { width: 800, height: 400 };
const OUT = join(process.cwd(), 'test-output', 'briefing-pdf');

let now = IN_WEEK;
let server: TestServer;
let mediaDir: string;
let hook: { url: string; bodies: string[]; http: Server };

beforeAll(async () => {
  mediaDir = mkdtempSync(join(tmpdir(), 'nakhoda-pack-media-'));
  const bodies: string[] = [];
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  hook = {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/hooks/rapat`,
    bodies,
    http,
  };
  server = await startServer({
    clock: () => new Date(now),
    env: { NOTIFY_POLL_SECONDS: '3600', MEDIA_DIR: mediaDir },
  });
});

afterAll(async () => {
  await server?.dispose();
  await new Promise((resolve) => hook?.http.close(resolve));
  rmSync(mediaDir, { recursive: true, force: true });
});

async function flood(description: string): Promise<string> {
  const res = await api(
    server.url,
    'POST',
    '/api/v1/incidents',
    report({ category: 'flooding', location: HERE, description }),
  );
  expect(res.status).toBe(201);
  const id = res.body.incident.id as string;
  const moved = await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, { status: 'dispatched' });
  expect(moved.status).toBe(200);
  return id;
}

/**
 * A photo taken `minutesAgo` before the server's now, `metres` north of the site. Each
 * photo of the test has its own shape, so its thumbnail is told apart from the others.
 */
async function photo(
  id: string,
  kind: 'before' | 'after',
  minutesAgo: number,
  metres: number,
  size: { width: number; height: number },
) {
  const takenAt = new Date(now - minutesAgo * MIN);
  const bytes = await jpegWithExif({ takenAt, offset: '+07:00', at: north(metres), ...size });
  const res = await uploadPhoto(server.url, id, bytes, {
    kind,
    clientId: clientId(),
    takenAt: takenAt.toISOString(),
  });
  expect(res.status).toBe(201);
  return res.body.photo.url.match(/([0-9a-f]{64})/)![1] as string;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The thumbnail as the server serves it (GET /api/v1/media/:id/thumb). */
async function thumb(photoId: string): Promise<Buffer> {
  const res = await fetch(`${server.url}/api/v1/media/${photoId}/thumb`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/jpeg');
  return Buffer.from(await res.arrayBuffer());
}

/** One page's text. */
const pageText = (file: string, page: number) =>
  execFileSync('pdftotext', [
    '-layout',
    '-f',
    String(page),
    '-l',
    String(page),
    file,
    '-',
  ]).toString('utf8');

const resolve = async (id: string) =>
  expect(
    (await api(server.url, 'PATCH', `/api/v1/incidents/${id}`, { status: 'resolved' })).status,
  ).toBe(200);

describe('a scheduled pack with photo proof', () => {
  it('embeds the closed and overdue items’ photos, with capture time, distance and waiver', async () => {
    const fixed = await flood('Genangan di Jalan Merdeka');
    now += 10 * MIN;
    const fixedBefore = await photo(fixed, 'before', 9, 25, LANDSCAPE);
    const fixedAfter = await photo(fixed, 'after', 2, 40, PORTRAIT);
    now += 5 * MIN;
    await resolve(fixed);

    const waived = await flood('Banjir di kolong jembatan');
    const waivedBefore = await photo(waived, 'before', 1, 15, WIDE);
    const waiver = await api(server.url, 'POST', `/api/v1/incidents/${waived}/proof-waiver`, {
      note: 'Kamera rusak, air masih tinggi',
    });
    expect(waiver.status).toBe(200);

    await flood('Saluran tersumbat tanpa foto');

    // Resolved with an after photo whose thumbnail has gone from the media store.
    const lost = await flood('Genangan di Jalan Thamrin');
    now += 5 * MIN;
    const lostPhoto = await photo(lost, 'after', 1, 60, LANDSCAPE);
    await resolve(lost);
    unlinkSync(join(mediaDir, lostPhoto.slice(0, 2), `${lostPhoto}.thumb.jpg`));

    now = AFTER_WEEK;
    const made = await api(server.url, 'POST', '/api/v1/admin/briefing-schedules', {
      name: 'Rapat mingguan',
      period: 'week',
      time: '07:00',
      weekday: 1,
      channel: 'webhook',
      url: hook.url,
    });
    expect(made.status).toBe(201);
    const sent = await api(
      server.url,
      'POST',
      `/api/v1/admin/briefing-schedules/${made.body.schedule.id}/send-now`,
      { date: '2026-11-25' },
    );
    expect(sent.status).toBe(201);
    expect(sent.body.send).toMatchObject({ status: 'delivered' });
    expect(hook.bodies).toHaveLength(1);
    const pdf = Buffer.from(JSON.parse(hook.bodies[0]!).pdf.base64, 'base64');
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'scheduled-photos.pdf');
    writeFileSync(file, pdf);

    // Three thumbnails embedded (the map and charts are vectors): the waived flood's before
    // on the overdue photo page, the fixed flood's before and after on the closed one (the
    // last two pages). The lost one is a placeholder, not an image.
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString('utf8'))![1],
    );
    const images = execFileSync('pdfimages', ['-list', file])
      .toString('utf8')
      .split('\n')
      .slice(2)
      .filter((l) => /\bimage\b/.test(l));
    const listed = images.map((l) => {
      const [page, , , width, height, color, , , enc] = l.trim().split(/\s+/);
      return { page: Number(page), width: Number(width), height: Number(height), color, enc };
    });
    const jpeg = { color: 'rgb', enc: 'jpeg' };
    expect(listed).toEqual([
      { page: pages - 1, width: 320, height: 160, ...jpeg },
      { page: pages, width: 320, height: 240, ...jpeg },
      { page: pages, width: 240, height: 320, ...jpeg },
    ]);

    // The embedded JPEGs are the very thumbnails the server serves, in the cards' order.
    const dir = mkdtempSync(join(tmpdir(), 'nakhoda-pack-images-'));
    try {
      execFileSync('pdfimages', ['-j', file, join(dir, 'img')]);
      const embedded = readdirSync(dir)
        .sort()
        .map((f) => sha(readFileSync(join(dir, f))));
      expect(embedded).toEqual([
        sha(await thumb(waivedBefore)),
        sha(await thumb(fixedBefore)),
        sha(await thumb(fixedAfter)),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Nothing of the photo pages comes before them.
    const before = pdfText(pdf)
      .split('\f')
      .slice(0, pages - 2)
      .join('\n');
    expect(before).not.toContain('foto lapangan');
    expect(before).not.toContain('Ditutup dengan bukti');
    const overduePage = pageText(file, pages - 1);
    const closedPage = pageText(file, pages);
    expect(overduePage).toContain('Aduan lewat tenggat teratas: foto lapangan');
    expect(overduePage).toContain('Banjir di kolong jembatan');
    expect(overduePage).toContain('Saluran tersumbat tanpa foto');
    // The waived flood's before photo: 10:14 WIB, 15 m; who waived it and why.
    expect(overduePage).toContain('25 Nov 2026 10:14 WIB');
    expect(overduePage).toContain('15 m dari lokasi');
    expect(overduePage).toMatch(/Bukti dibebaskan oleh \S+: Kamera rusak, air\s+masih tinggi/);
    expect(overduePage).toContain('tanpa foto · no photo');
    expect(overduePage).not.toContain('Genangan di Jalan Merdeka');

    expect(closedPage).toContain('Ditutup dengan bukti');
    // Most recently resolved first: the lost one (10:20), then the fixed one (10:15).
    expect(closedPage.indexOf('Genangan di Jalan Thamrin')).toBeGreaterThan(-1);
    expect(closedPage.indexOf('Genangan di Jalan Thamrin')).toBeLessThan(
      closedPage.indexOf('Genangan di Jalan Merdeka'),
    );
    expect(closedPage).toContain('Selesai 25 Nov 2026 10:20 WIB');
    expect(closedPage).toContain('Selesai 25 Nov 2026 10:15 WIB');
    // The fixed flood's photos: before at 10:01 WIB (03:01 UTC), 25 m north of the site;
    // after at 10:08 WIB, 40 m.
    expect(closedPage).toContain('25 Nov 2026 10:01 WIB');
    expect(closedPage).toContain('25 m dari lokasi');
    expect(closedPage).toContain('25 Nov 2026 10:08 WIB');
    expect(closedPage).toContain('40 m dari lokasi');
    expect(closedPage).toContain('foto tidak dapat dimuat ·');
    expect(closedPage).not.toContain('Saluran tersumbat');
  });
});
