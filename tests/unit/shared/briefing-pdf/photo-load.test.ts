/**
 * The pack's photo loading: real JPEGs (made with sharp) sized from their frame header,
 * anything else refused, failures turned into null, and never more than the given number
 * loading at once.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegSize, loadPackPhotos } from '../../../../shared/briefing-pdf/photo-load.ts';

const jpeg = (
  width: number,
  height: number,
  opts: { progressive?: boolean; grey?: boolean } = {},
) => {
  let img = sharp({ create: { width, height, channels: 3, background: '#2a7' } });
  if (opts.grey) img = img.greyscale();
  return img.jpeg({ mozjpeg: true, progressive: opts.progressive ?? false }).toBuffer();
};

describe('jpegSize', () => {
  it('reads baseline, progressive and grey JPEGs', async () => {
    expect(jpegSize(await jpeg(320, 240))).toEqual({ width: 320, height: 240 });
    expect(jpegSize(await jpeg(180, 320, { progressive: true }))).toEqual({
      width: 180,
      height: 320,
    });
    expect(jpegSize(await jpeg(64, 48, { grey: true }))).toEqual({ width: 64, height: 48 });
  });

  it.each([
    { name: 'empty', bytes: new Uint8Array() },
    { name: 'a PNG', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
    { name: 'a JPEG start and nothing else', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) },
    {
      name: 'a scan before any frame',
      bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 8, 0, 0, 0, 0, 0, 0]),
    },
    {
      name: 'a zero-sized frame',
      bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 0, 0, 0, 3, 0, 0, 0]),
    },
    {
      name: 'a CMYK frame',
      bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 4, 0, 4, 4, 0, 0, 0]),
    },
    {
      name: 'a segment running off the end',
      bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff, 0]),
    },
  ])('refuses $name', ({ bytes }) => {
    expect(jpegSize(bytes)).toBeNull();
  });
});

describe('loadPackPhotos', () => {
  it('gives each id its photo or null, a few at a time', async () => {
    const good = await jpeg(40, 30);
    let running = 0;
    let most = 0;
    const load = async (id: string) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (id === 'throws') throw new Error('network down');
      if (id === 'missing') return null;
      if (id === 'not-jpeg') return new TextEncoder().encode('<html>');
      if (id === 'huge') return new Uint8Array(2 * 1024 * 1024);
      return good;
    };
    const ids = ['g1', 'throws', 'g2', 'missing', 'not-jpeg', 'huge', 'g3', 'g4', 'g5'];
    const got = await loadPackPhotos(ids, load, 3);
    expect(most).toBe(3);
    expect([...got.keys()].sort()).toEqual([...ids].sort());
    for (const id of ['g1', 'g2', 'g3', 'g4', 'g5'])
      expect(got.get(id)).toMatchObject({ width: 40, height: 30 });
    for (const id of ['throws', 'missing', 'not-jpeg', 'huge']) expect(got.get(id)).toBeNull();
  });

  it('asks nothing for no ids', async () => {
    const got = await loadPackPhotos([], () => Promise.reject(new Error('not asked')));
    expect(got.size).toBe(0);
  });
});
