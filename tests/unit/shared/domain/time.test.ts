/**
 * Zone arithmetic in shared/domain/time.ts: calendar dates, local midnights and day
 * starts in the city's zone (and in zones far from it, with and without daylight
 * saving), the named durations, two-digit padding, and formatters built once.
 */
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  dateTimeFormat,
  formatTime,
  formatYmd,
  pad2,
  startOfDay,
  zonedDate,
  zonedMidnight,
} from '../../../../shared/domain/time.ts';

const WIB = 'Asia/Jakarta';

describe('time', () => {
  it.each([
    [MINUTE_MS, 60 * 1000],
    [HOUR_MS, 60 * 60 * 1000],
    [DAY_MS, 24 * 60 * 60 * 1000],
  ])('a named duration is %i ms', (named, ms) => expect(named).toBe(ms));

  it.each([
    [0, '00'],
    [7, '07'],
    [12, '12'],
    [123, '123'],
  ])('pad2(%i) = %s', (n, out) => expect(pad2(n)).toBe(out));

  it.each([
    [{ y: 2026, m: 1, d: 5 }, '2026-01-05'],
    [{ y: 2026, m: 12, d: 31 }, '2026-12-31'],
  ])('formatYmd(%j) = %s', (date, out) => expect(formatYmd(date)).toBe(out));

  it.each([
    ['2026-12-09T16:59:59.999Z', WIB, { y: 2026, m: 12, d: 9 }],
    ['2026-12-09T17:00:00.000Z', WIB, { y: 2026, m: 12, d: 10 }],
    ['2026-12-31T17:30:00.000Z', WIB, { y: 2027, m: 1, d: 1 }],
    ['2026-12-10T03:00:00.000Z', 'America/New_York', { y: 2026, m: 12, d: 9 }],
    ['2026-12-09T10:00:00.000Z', 'Pacific/Kiritimati', { y: 2026, m: 12, d: 10 }],
  ])('%s is on %j in %s', (at, tz, date) => {
    expect(zonedDate(new Date(at), tz)).toEqual(date);
  });

  it.each([
    [2026, 12, 10, WIB, '2026-12-09T17:00:00.000Z'],
    [2026, 12, 3, WIB, '2026-12-02T17:00:00.000Z'],
    [2026, 12, 0, WIB, '2026-11-29T17:00:00.000Z'],
    [2026, 13, 1, WIB, '2026-12-31T17:00:00.000Z'],
    [2026, 12, 10, 'UTC', '2026-12-10T00:00:00.000Z'],
    [2026, 12, 10, 'Pacific/Kiritimati', '2026-12-09T10:00:00.000Z'],
    [2026, 12, 10, 'America/New_York', '2026-12-10T05:00:00.000Z'],
    [2026, 7, 10, 'America/New_York', '2026-07-10T04:00:00.000Z'],
    // A daylight-saving day: midnight is still before the 02:00 jump.
    [2026, 3, 8, 'America/New_York', '2026-03-08T05:00:00.000Z'],
  ])('zonedMidnight(%i-%i-%i, %s) = %s', (y, m, d, tz, out) => {
    expect(zonedMidnight(y, m, d, tz).toISOString()).toBe(out);
  });

  it.each([
    ['2026-11-27T16:59:59.999Z', WIB, '2026-11-26T17:00:00.000Z'],
    ['2026-11-27T17:00:00.000Z', WIB, '2026-11-27T17:00:00.000Z'],
    ['2026-11-27T03:00:00.500Z', WIB, '2026-11-26T17:00:00.000Z'],
    ['2026-07-10T03:59:00.000Z', 'America/New_York', '2026-07-09T04:00:00.000Z'],
    // Days of 23 and 25 hours: the clocks jump at 02:00, after midnight.
    ['2026-03-08T16:00:00.000Z', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['2026-11-01T17:00:00.000Z', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-11-01T06:30:00.000Z', 'America/New_York', '2026-11-01T04:00:00.000Z'],
  ])('startOfDay(%s, %s) = %s', (at, tz, out) => {
    expect(startOfDay(new Date(at), tz).toISOString()).toBe(out);
  });

  it('builds one formatter per locale and options, and formats in the zone', () => {
    const options = { timeZone: WIB, hour: '2-digit', minute: '2-digit' } as const;
    expect(dateTimeFormat('en-GB', options)).toBe(dateTimeFormat('en-GB', { ...options }));
    expect(dateTimeFormat('en-GB', options)).not.toBe(dateTimeFormat('id-ID', options));
    expect(formatTime('2026-11-27T07:05:09.000Z', WIB, 'en-GB')).toBe('14:05:09');
    expect(formatTime('2026-11-27T07:05:09.000Z', 'UTC', 'en-GB')).toBe('07:05:09');
  });
});
