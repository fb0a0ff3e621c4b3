/** The briefing's address: every state survives a round trip, and junk falls back to defaults. */
import { describe, expect, it } from 'vitest';
import {
  briefingSearch,
  DEFAULT_PARAMS,
  parseBriefingParams,
  type BriefingParams,
} from '../../../../../client/views/briefing/briefing-url.ts';

const withParams = (p: Partial<BriefingParams>): BriefingParams => ({ ...DEFAULT_PARAMS, ...p });

describe('briefing URL', () => {
  it.each<[string, BriefingParams]>([
    ['the defaults', DEFAULT_PARAMS],
    ['today', withParams({ period: { preset: 'today' } })],
    ['yesterday', withParams({ period: { preset: 'yesterday' } })],
    ['last 30 days', withParams({ period: { preset: '30d' } })],
    ['a month', withParams({ period: { preset: 'month', month: '2026-11' } })],
    [
      'a custom range',
      withParams({ period: { preset: 'custom', start: '2026-12-01', end: '2026-12-07' } }),
    ],
    ['a kota', withParams({ area: '31.71' })],
    [
      'a kecamatan, category and agency',
      withParams({ area: '31.71.01', category: 'flooding', agency: 'dsda' }),
    ],
    ['a minimum count and kecamatan league', withParams({ minCount: 12, league: 'kecamatan' })],
    [
      'a replay window',
      withParams({ replayFrom: '2026-12-05T13:00:00.000Z', replayTo: '2026-12-06T01:00:00.000Z' }),
    ],
  ])('round-trips %s', (_name, params) => {
    const search = briefingSearch(params);
    const again = parseBriefingParams(new URLSearchParams(search.toString()));
    expect(again).toEqual(params);
    expect(briefingSearch(again).toString()).toBe(search.toString());
  });

  it('writes only what differs from the defaults', () => {
    expect(briefingSearch(DEFAULT_PARAMS).toString()).toBe('period=7d');
    expect(
      briefingSearch(withParams({ period: { preset: 'today' }, category: 'fire' })).toString(),
    ).toBe('period=today&category=fire');
  });

  it.each([
    ['an unknown preset', 'period=decade', {}],
    ['a bad month', 'period=month&month=2026-13', { period: { preset: 'month' } }],
    [
      'bad custom dates',
      'period=custom&start=yesterday&end=2026-02-30',
      { period: { preset: 'custom' } },
    ],
    ['an area that is not a code', 'area=Jakarta%20Pusat', {}],
    ['a category with odd characters', 'category=%3Cscript%3E', {}],
    ['a minimum of zero', 'min=0', {}],
    ['a fractional minimum', 'min=2.5', {}],
    ['an unknown league level', 'league=kota', {}],
    [
      'a replay window backwards',
      'replayFrom=2026-12-06T00:00:00Z&replayTo=2026-12-05T00:00:00Z',
      {},
    ],
    ['half a replay window', 'replayFrom=2026-12-06T00:00:00Z', {}],
  ])('falls back to defaults for %s', (_name, query, expected) => {
    expect(parseBriefingParams(new URLSearchParams(query))).toEqual(
      withParams(expected as Partial<BriefingParams>),
    );
  });

  it('ignores parameters it does not own (lang, token)', () => {
    expect(parseBriefingParams(new URLSearchParams('lang=en&token=abc&period=today'))).toEqual(
      withParams({ period: { preset: 'today' } }),
    );
  });
});
