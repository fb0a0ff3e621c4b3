/**
 * The pack's photo proof pages, drawn by the shared pack code in-process and read back
 * with poppler (`pdftotext`, `pdfimages`): the top overdue items only, the closed ones
 * with proof, what each card says, a waiver with no name where the reader may not see
 * who, placeholders for photos not taken, not loaded or not loadable, and the pack made
 * even when every photo fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  buildBriefingPdf,
  packCharts,
  type LoadPhoto,
} from '../../../../shared/briefing-pdf/pdf-pack.ts';
import { OVERDUE_WITH_PHOTOS } from '../../../../shared/briefing-pdf/photo-proof.ts';
import { JAKARTA } from '../../../../shared/city/jakarta/index.ts';
import { computeBriefing } from '../../../../shared/domain/briefing.ts';
import type { Incident, PhotoKind, PhotoSummary } from '../../../../shared/domain/types.ts';
import type { Locale } from '../../../../shared/i18n/format.ts';
import { incident, iso, MIN, T0 } from '../../../support/ops-fixtures.ts';

const DAY = 24 * 60 * MIN;
const period = { from: new Date(T0 - 3 * DAY), to: new Date(T0 + 4 * DAY) };
const overdueAt = new Date(T0 + 3 * DAY);

const photo = (photoId: string, kind: PhotoKind, distanceM: number | null): PhotoSummary => ({
  photoId,
  kind,
  // 27 Nov 2026 09:30 WIB.
  takenAt: iso(T0 - 30 * MIN),
  distanceM,
});

/** Seven overdue items, most overdue first; the first two with photos. */
const overdue: Incident[] = Array.from({ length: 7 }, (_, n) =>
  incident({
    id: `o${n}`,
    description: `Jalan berlubang nomor ${n + 1}`,
    status: 'dispatched',
    resolveDueAt: iso(T0 - n * 60 * MIN),
    photos:
      n === 0
        ? [photo('before-o0', 'before', 12)]
        : n === 1
          ? [photo('before-o1', 'before', null)]
          : [],
    proofWaived: n === 0 ? { by: '', note: 'Lokasi tergenang, tidak bisa difoto' } : null,
  }),
);

const resolvedItems: Incident[] = [
  incident({
    id: 'c1',
    description: 'Lubang sudah ditambal',
    status: 'resolved',
    resolvedAt: iso(T0 + 60 * MIN),
    photos: [photo('before-c1', 'before', 8), photo('after-c1', 'after', 31)],
  }),
  // Resolved without an after photo: not "closed with proof".
  incident({
    id: 'c2',
    description: 'Selesai tanpa bukti',
    status: 'resolved',
    resolvedAt: iso(T0 + 90 * MIN),
    photos: [photo('before-c2', 'before', 5)],
  }),
];

const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#1c6fb8' } })
    .jpeg()
    .toBuffer();

function pack(locale: Locale, loadPhoto?: LoadPhoto) {
  const briefing = computeBriefing([], {
    from: period.from,
    to: period.to,
    categories: JAKARTA.categories.map((c) => c.code),
  });
  return buildBriefingPdf({
    pack: JAKARTA,
    locale,
    briefing,
    filters: { area: null, category: null, agency: null },
    period,
    map: { image: null, caption: '' },
    charts: packCharts(briefing, JAKARTA, locale),
    places: new Map(),
    overdue,
    overdueAt,
    resolved: resolvedItems,
    loadPhoto,
    generatedAt: overdueAt,
  });
}

/** What a poppler tool prints of the PDF, read from a temporary file. */
function poppler(tool: 'pdftotext' | 'pdfimages', args: string[], pdf: ArrayBuffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'nakhoda-pack-'));
  try {
    const file = join(dir, 'pack.pdf');
    writeFileSync(file, Buffer.from(pdf));
    const out = tool === 'pdftotext' ? [file, '-'] : [file];
    return execFileSync(tool, [...args, ...out]).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each page's text. */
const pages = (pdf: ArrayBuffer) => poppler('pdftotext', ['-layout'], pdf).split('\f');

/** Each embedded image: its page and size. */
function images(pdf: ArrayBuffer) {
  return poppler('pdfimages', ['-list'], pdf)
    .split('\n')
    .slice(2)
    .filter((l) => /\bimage\b/.test(l))
    .map((l) => {
      const [page, , , width, height] = l.trim().split(/\s+/);
      return { page: Number(page), width: Number(width), height: Number(height) };
    });
}

describe('the photo proof pages', () => {
  it('shows the top overdue and the closed with proof, with the photos loaded', async () => {
    const asked: string[] = [];
    const pdf = await pack('en', async (id) => {
      asked.push(id);
      if (id === 'before-o1') throw new Error('network down');
      return id === 'after-c1' ? jpeg(240, 320) : jpeg(320, 240);
    });
    const text = pages(pdf);
    const overduePage = text.findIndex((p) => p.includes('Top overdue items: field photos'));
    const closedPage = text.findIndex((p) => p.includes('Closed with proof'));
    expect(overduePage).toBeGreaterThan(0);
    expect(closedPage).toBe(overduePage + 1);

    // Only the photos the cards show, each once.
    expect(asked.sort()).toEqual(['after-c1', 'before-c1', 'before-o0', 'before-o1']);
    // Three loaded and embedded; the one that failed is a placeholder.
    expect(images(pdf)).toEqual([
      { page: overduePage + 1, width: 320, height: 240 },
      { page: closedPage + 1, width: 320, height: 240 },
      { page: closedPage + 1, width: 240, height: 320 },
    ]);

    const o = text[overduePage]!;
    expect(o).toContain(`The first ${OVERDUE_WITH_PHOTOS} items of the overdue table`);
    for (let n = 1; n <= OVERDUE_WITH_PHOTOS; n++)
      expect(o).toContain(`Jalan berlubang nomor ${n}`);
    expect(o).not.toContain('Jalan berlubang nomor 7');
    expect(o).toContain('27 Nov 2026 09:30 WIB');
    expect(o).toContain('12 m from the site');
    expect(o).toContain('distance unknown');
    expect(o).toContain('photo could not be loaded');
    expect(o).toContain('no photo · tanpa foto');
    // The reader may not see who waived it: why, without a name.
    expect(o).toMatch(/Proof waived: Lokasi tergenang, tidak bisa\s+difoto/);
    expect(o).not.toContain('Proof waived by');

    const c = text[closedPage]!;
    expect(c).toContain('Lubang sudah ditambal');
    expect(c).toContain('Resolved 27 Nov 2026 11:00 WIB');
    expect(c).toContain('31 m from the site');
    expect(c).not.toContain('Selesai tanpa bukti');
  });

  it('is made with placeholders when no photo loads, or there is no loader', async () => {
    for (const load of [undefined, () => Promise.reject(new Error('offline'))]) {
      const pdf = await pack('id', load);
      expect(images(pdf)).toEqual([]);
      const all = pages(pdf).join('\n');
      expect(all).toContain('Aduan lewat tenggat teratas: foto lapangan');
      expect(all).toContain('Ditutup dengan bukti');
      expect(all).toContain('foto tidak dapat dimuat');
      expect(all).toMatch(/Bukti dibebaskan: Lokasi tergenang/);
    }
  });

  it('says so when nothing was closed with proof, and has no overdue photo page without overdue', async () => {
    const briefing = computeBriefing([], {
      from: period.from,
      to: period.to,
      categories: JAKARTA.categories.map((c) => c.code),
    });
    const pdf = await buildBriefingPdf({
      pack: JAKARTA,
      locale: 'id',
      briefing,
      filters: { area: null, category: null, agency: null },
      period,
      map: { image: null, caption: '' },
      charts: packCharts(briefing, JAKARTA, 'id'),
      places: new Map(),
      overdue: [],
      overdueAt,
      resolved: [resolvedItems[1]!],
      loadPhoto: () => Promise.reject(new Error('not asked')),
      generatedAt: overdueAt,
    });
    const all = pages(pdf).join('\n');
    expect(all).not.toContain('foto lapangan');
    expect(all).toContain('Tidak ada laporan periode ini yang diselesaikan dengan foto sesudah.');
  });
});
