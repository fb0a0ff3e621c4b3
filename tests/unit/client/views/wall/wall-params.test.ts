/** The wall's URL configuration: scenes and cadence, forgiving of typos, never blank. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EVERY_S,
  MAX_EVERY_S,
  MIN_EVERY_S,
  parseWallParams,
  SCENES,
} from '../../../../../client/views/wall/wall-params.ts';

describe('parseWallParams', () => {
  it.each([
    ['', [...SCENES], DEFAULT_EVERY_S, 0],
    ['?scenes=heatmap,agencies,hotspots,feed,alerts&every=30', [...SCENES], 30, 0],
    ['?scenes=alerts,feed', ['alerts', 'feed'], DEFAULT_EVERY_S, 0],
    ['?scenes=feed,heatmap', ['feed', 'heatmap'], DEFAULT_EVERY_S, 0],
    ['?scenes=%20Feed%20,,HEATMAP', ['feed', 'heatmap'], DEFAULT_EVERY_S, 0],
    ['?scenes=feed,feed,hotspots', ['feed', 'hotspots'], DEFAULT_EVERY_S, 0],
    ['?scenes=heatmap,radar,feed', ['heatmap', 'feed'], DEFAULT_EVERY_S, 1],
    ['?scenes=radar,sonar', [...SCENES], DEFAULT_EVERY_S, 3],
    ['?scenes=', [...SCENES], DEFAULT_EVERY_S, 0],
    ['?every=45', [...SCENES], 45, 0],
    ['?every=12.6', [...SCENES], 13, 1],
    ['?every=1', [...SCENES], MIN_EVERY_S, 1],
    ['?every=99999', [...SCENES], MAX_EVERY_S, 1],
    ['?every=soon', [...SCENES], DEFAULT_EVERY_S, 1],
    ['?every=', [...SCENES], DEFAULT_EVERY_S, 0],
  ])('%s → %j every %i s (%i warnings)', (search, scenes, every, warnings) => {
    const warned: string[] = [];
    const params = parseWallParams(search, (m) => warned.push(m));
    expect(params.scenes).toEqual(scenes);
    expect(params.everySec).toBe(every);
    expect(warned).toHaveLength(warnings);
  });

  it.each([
    ['', 15, 0],
    ['?alert=40', 40, 0],
    ['?alert=2', 5, 1],
    ['?alert=600', 120, 1],
    ['?alert=x', 15, 1],
  ])('alert in %s → %i s (%i warnings)', (search, seconds, warnings) => {
    const warned: string[] = [];
    expect(parseWallParams(search, (m) => warned.push(m)).alertSec).toBe(seconds);
    expect(warned).toHaveLength(warnings);
  });

  it('names the unknown scene in its warning, and warns through console.warn by default', () => {
    const warned: string[] = [];
    parseWallParams('?scenes=radar', (m) => warned.push(m));
    expect(warned[0]).toContain('"radar"');
    const original = console.warn;
    const seen: unknown[] = [];
    console.warn = (...args: unknown[]) => seen.push(...args);
    try {
      expect(parseWallParams('?scenes=feed,bogus').scenes).toEqual(['feed']);
    } finally {
      console.warn = original;
    }
    expect(String(seen[0])).toContain('bogus');
  });
});
