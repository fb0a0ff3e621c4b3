/**
 * What the wall's scenes pick: hotspots by heat, the critical feed, the ticker, and the
 * bounded alert queue (which incidents are new critical: tests/unit/shared/domain/new-critical.test.ts).
 */
import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { JAKARTA } from '../../../../../shared/city/jakarta/index.ts';
import type { Incident } from '../../../../../shared/domain/types.ts';
import {
  areaNames,
  boundedQueue,
  criticalFeed,
  tickerItems,
  topHotspots,
} from '../../../../../client/views/wall/wall-selectors.ts';
import { makeLog } from '../../../../support/fixtures.ts';

const T0 = Date.parse('2026-11-27T03:00:00.000Z');
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
const MONAS = { lon: 106.8272, lat: -6.1754 };
const KOTA_TUA = { lon: 106.8133, lat: -6.1352 };
const BLOK_M = { lon: 106.7997, lat: -6.2443 };
// Gambir, Gambir, Jakarta Pusat.
const GAMBIR = '31.71.01.1001';

function sample(): Map<string, Incident> {
  const log = makeLog();
  log.report('m1', at(-30), { location: MONAS, kelurahanCode: GAMBIR });
  log.report('m2', at(-20), { location: MONAS, kelurahanCode: GAMBIR, severity: 'high' });
  log.report('m3', at(-10), { location: MONAS, category: 'fire' }); // critical by default
  log.report('k1', at(-300), { location: KOTA_TUA });
  log.report('k2', at(-5), { location: KOTA_TUA, severity: 'critical' });
  log.update('k2', at(-4), { status: 'dispatched' });
  log.update('k2', at(-3), { status: 'resolved' }); // ended: not hot, not in the feed
  log.report('b1', at(-60), { location: BLOK_M, severity: 'high' });
  return log.state.incidents;
}

describe('wall selectors', () => {
  it('ranks hotspots by heat of open incidents and names their area', () => {
    const spots = topHotspots(sample().values(), 3, T0, JAKARTA);
    expect(spots.map((s) => s.h3)).toEqual([
      latLngToCell(MONAS.lat, MONAS.lon, JAKARTA.h3Resolution),
      latLngToCell(BLOK_M.lat, BLOK_M.lon, JAKARTA.h3Resolution),
      latLngToCell(KOTA_TUA.lat, KOTA_TUA.lon, JAKARTA.h3Resolution),
    ]);
    expect(spots[0]).toMatchObject({
      open: 3,
      critical: 1,
      kelurahan: 'Gambir',
      kecamatan: 'Gambir',
    });
    expect(spots[0]?.lon).toBeCloseTo(MONAS.lon, 2);
    expect(spots[2]).toMatchObject({ open: 1, critical: 0, kelurahan: null });
    expect(topHotspots(sample().values(), 1, T0, JAKARTA)).toHaveLength(1);
    expect(topHotspots([], 3, T0, JAKARTA)).toEqual([]);
  });

  it.each([
    [GAMBIR, 'Gambir', 'Gambir'],
    ['31.99.99.9999', null, null],
    [null, null, null],
  ])('areaNames(%s) = %s, %s', (code, kel, kec) => {
    expect(areaNames(JAKARTA, code)).toEqual({ kelurahan: kel, kecamatan: kec });
  });

  it('feeds open critical incidents first, then high, newest first', () => {
    expect(criticalFeed(sample().values(), 10).map((i) => i.id)).toEqual(['m3', 'm2', 'b1']);
    expect(criticalFeed(sample().values(), 2).map((i) => i.id)).toEqual(['m3', 'm2']);
  });

  it('keeps the same feed as sorting every candidate would, without sorting them', () => {
    const severities = ['critical', 'high', 'medium', 'low'] as const;
    const statuses = ['received', 'in_progress', 'resolved', 'closed'] as const;
    const many = Array.from(
      { length: 500 },
      (_, n) =>
        ({
          id: `i${(n * 37) % 500}`,
          severity: severities[(n * 7) % 4],
          status: statuses[(n * 11) % 4],
          // Many share a time, so the id decides some places.
          reportedAt: at(-((n * 13) % 40)),
        }) as unknown as Incident,
    );
    const rank = { critical: 0, high: 1, medium: 2, low: 3 };
    const sortedAll = many
      .filter(
        (i) =>
          (i.severity === 'critical' || i.severity === 'high') &&
          !['resolved', 'closed'].includes(i.status),
      )
      .sort(
        (a, b) =>
          rank[a.severity] - rank[b.severity] ||
          Date.parse(b.reportedAt) - Date.parse(a.reportedAt) ||
          a.id.localeCompare(b.id),
      );
    for (const limit of [0, 1, 8, 1000])
      expect(criticalFeed(many, limit)).toEqual(sortedAll.slice(0, limit));
  });

  it('tickers the newest ids still in the store, up to the limit', () => {
    const incidents = sample();
    expect(tickerItems(['k2', 'gone', 'm3', 'm2', 'm1'], incidents, 3).map((i) => i.id)).toEqual([
      'k2',
      'm3',
      'm2',
    ]);
  });

  it('leaves a report linked to another as its duplicate off the ticker', () => {
    const incidents = sample();
    const m3 = incidents.get('m3') as Incident;
    incidents.set('m3', { ...m3, duplicateOf: 'm2' });
    expect(tickerItems(['m3', 'm2', 'm1'], incidents, 2).map((i) => i.id)).toEqual(['m2', 'm1']);
  });

  it.each([
    [[], ['a'], 3, ['a']],
    [['a', 'b'], ['c'], 3, ['a', 'b', 'c']],
    [['a', 'b', 'c'], ['d', 'e'], 3, ['c', 'd', 'e']],
  ])('boundedQueue(%j + %j, max %i) = %j', (queue, add, max, out) => {
    expect(boundedQueue(queue, add, max)).toEqual(out);
  });
});
