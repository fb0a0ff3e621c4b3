import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readExif, renderCopies, sniffPhoto } from '../../../../server/media/photo-process.ts';
import { exifTimeToIso } from '../../../../shared/domain/photo-exif.ts';
import { jpegWithExif } from '../../../support/photos.ts';

describe('exifTimeToIso', () => {
  it.each([
    ['2026:12:01 09:30:00', '+07:00', '2026-12-01T02:30:00.000Z'],
    ['2026:12:01 09:30:00', '-03:30', '2026-12-01T13:00:00.000Z'],
    // No offset: the city's zone (WIB, UTC+7).
    ['2026:12:01 09:30:00', undefined, '2026-12-01T02:30:00.000Z'],
    ['2026:12:01 01:00:00', undefined, '2026-11-30T18:00:00.000Z'],
    ['2026-12-01 09:30:00', '+07:00', null],
    ['2026:13:01 09:30:00', '+07:00', null],
    ['0000:00:00 00:00:00', undefined, null],
    [undefined, undefined, null],
  ])('%s %s → %s', (raw, offset, want) => {
    expect(exifTimeToIso(raw, offset, 'Asia/Jakarta')).toBe(want);
  });
});

describe('readExif', () => {
  it('reads the capture time and GPS a camera wrote', async () => {
    const photo = await jpegWithExif({
      takenAt: new Date('2026-12-01T02:30:00Z'),
      offset: '+07:00',
      at: { lon: 106.8272, lat: -6.1754 },
    });
    const facts = await readExif(photo, 'Asia/Jakarta');
    expect(facts.takenAt).toBe('2026-12-01T02:30:00.000Z');
    expect(facts.lat).toBeCloseTo(-6.1754, 4);
    expect(facts.lon).toBeCloseTo(106.8272, 4);
  });

  it('answers nulls for a photo without EXIF', async () => {
    const bare = await sharp({
      create: { width: 8, height: 8, channels: 3, background: '#000' },
    })
      .png()
      .toBuffer();
    expect(await readExif(bare, 'Asia/Jakarta')).toEqual({ takenAt: null, lon: null, lat: null });
  });
});

describe('sniffPhoto', () => {
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  it.each([
    ['a GIF', gif, null],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), null],
    ['text', Buffer.from('<html><script>alert(1)</script></html>'), null],
  ])('refuses %s', async (_name, bytes, want) => {
    expect(await sniffPhoto(bytes)).toBe(want);
  });
  it('knows JPEG, PNG and WebP by their bytes', async () => {
    const base = sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } });
    expect(await sniffPhoto(await base.clone().jpeg().toBuffer())).toBe('image/jpeg');
    expect(await sniffPhoto(await base.clone().png().toBuffer())).toBe('image/png');
    expect(await sniffPhoto(await base.clone().webp().toBuffer())).toBe('image/webp');
  });
});

describe('renderCopies', () => {
  it('serves upright JPEGs with no metadata at all', async () => {
    const photo = await jpegWithExif({
      takenAt: new Date('2026-12-01T02:30:00Z'),
      at: { lon: 106.8272, lat: -6.1754 },
      width: 64,
      height: 48,
      orientation: 6,
    });
    const { copies, width, height } = await renderCopies(photo);
    // Orientation 6: the camera was turned; upright it is taller than wide.
    expect([width, height]).toEqual([48, 64]);
    for (const copy of [copies.full, copies.thumb]) {
      const meta = await sharp(copy).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect([meta.width, meta.height]).toEqual([48, 64]);
      expect(await exifr.parse(copy)).toBeUndefined();
    }
  });

  it('refuses bytes that only start like a JPEG, and images too large to decode', async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);
    await expect(renderCopies(broken)).rejects.toThrow();
    const huge = await sharp({
      create: { width: 10_000, height: 7_000, channels: 3, background: '#fff' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    await expect(renderCopies(huge)).rejects.toThrow(/pixel limit/i);
  });
});
