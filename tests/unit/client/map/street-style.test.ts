// @vitest-environment jsdom
/**
 * Street basemaps as configuration: a style URL is used as given, a PMTiles archive gets
 * the Protomaps dark flavour without any layer that needs glyphs, and with neither the
 * shipped offline style stays.
 */
import { describe, expect, it } from 'vitest';
import { basemapStyle, protomapsStyle } from '../../../../client/map/street-style.ts';

const ORIGIN = 'http://wall.local:8080';

describe('street basemap styles', () => {
  it('uses a configured style URL as it is', () => {
    expect(
      basemapStyle(
        { mapStyleUrl: 'https://tiles.example/style.json', pmtilesUrl: '/x.pmtiles' },
        null,
        ORIGIN,
      ),
    ).toBe('https://tiles.example/style.json');
  });

  it('draws a PMTiles archive with the Protomaps dark flavour and no glyph-bound layers', () => {
    const style = basemapStyle(
      { mapStyleUrl: null, pmtilesUrl: '/api/v1/basemap.pmtiles' },
      'secret',
      ORIGIN,
    );
    if (typeof style === 'string') throw new Error('expected a built style');
    expect(style.sources.protomaps).toMatchObject({
      type: 'vector',
      url: `pmtiles://${ORIGIN}/api/v1/basemap.pmtiles`,
    });
    expect(style.glyphs).toBeUndefined();
    expect(style.layers.length).toBeGreaterThan(10);
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
    expect(style.layers.some((l) => l.type === 'fill')).toBe(true);
  });

  it('keeps the shipped offline style without configuration', () => {
    for (const basemap of [null, { mapStyleUrl: null, pmtilesUrl: null }]) {
      const style = basemapStyle(basemap, null, ORIGIN);
      if (typeof style === 'string') throw new Error('expected the offline style');
      expect(style.name).toBe('Nakhoda offline');
    }
    expect(protomapsStyle('http://x/a.pmtiles').name).toContain('Protomaps');
  });

  it('draws the light flavour for phones in the sun, the dark one by default', () => {
    const paint = (style: ReturnType<typeof basemapStyle>) => {
      if (typeof style === 'string') throw new Error('expected a built style');
      return JSON.stringify(style.layers.find((l) => l.id === 'sea'));
    };
    expect(paint(basemapStyle(null, null, ORIGIN, 'light'))).toContain('#9cc9e0');
    expect(paint(basemapStyle(null, null, ORIGIN))).toContain('#07111a');
    expect(protomapsStyle('http://x/a.pmtiles', 'light').name).toContain('light');
    expect(protomapsStyle('http://x/a.pmtiles').name).toContain('dark');
  });
});
