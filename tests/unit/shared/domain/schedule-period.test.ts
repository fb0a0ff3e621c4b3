/**
 * Scheduled briefings' periods in WIB (UTC+7, no daylight saving): the last full
 * Monday–Sunday week and the last full calendar month, across month and year ends and a
 * leap February, and which period a schedule should have sent by a given instant.
 */
import { describe, expect, it } from 'vitest';
import {
  duePeriod,
  lastFullPeriod,
  parseTime,
  periodContaining,
  periodKey,
  sendTime,
  type SchedulePeriod,
  type ScheduleTiming,
} from '../../../../shared/domain/schedule-period.ts';

const TZ = 'Asia/Jakarta';
const iso = (d: Date) => d.toISOString();

describe('lastFullPeriod', () => {
  it.each<[SchedulePeriod, string, string, string]>([
    // Wednesday 2 Dec 2026, 10:00 WIB: the week of Mon 23 – Sun 29 Nov.
    ['week', '2026-12-02T03:00:00Z', '2026-11-22T17:00:00.000Z', '2026-11-29T17:00:00.000Z'],
    // Monday 00:30 WIB is already the new week: the one just ended is full.
    ['week', '2026-11-29T17:30:00Z', '2026-11-22T17:00:00.000Z', '2026-11-29T17:00:00.000Z'],
    // Sunday 23:59 WIB is still the old week: the full one before it.
    ['week', '2026-11-29T16:59:00Z', '2026-11-15T17:00:00.000Z', '2026-11-22T17:00:00.000Z'],
    // A week across the year's end: Mon 28 Dec 2026 – Sun 3 Jan 2027.
    ['week', '2027-01-05T01:00:00Z', '2026-12-27T17:00:00.000Z', '2027-01-03T17:00:00.000Z'],
    // Monthly, on 1 Jan 2027 08:00 WIB: December 2026, across the year's end.
    ['month', '2027-01-01T01:00:00Z', '2026-11-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    // 1 Jan 2027 03:00 WIB is 31 Dec UTC: the city's calendar decides, not UTC's.
    ['month', '2026-12-31T20:00:00Z', '2026-11-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z'],
    // A leap February: 1 – 29 Feb 2028.
    ['month', '2028-03-10T05:00:00Z', '2028-01-31T17:00:00.000Z', '2028-02-29T17:00:00.000Z'],
    // On 31 Mar: February, 28 days.
    ['month', '2027-03-31T10:00:00Z', '2027-01-31T17:00:00.000Z', '2027-02-28T17:00:00.000Z'],
  ])('%s at %s: %s – %s', (kind, at, from, to) => {
    const p = lastFullPeriod(kind, new Date(at), TZ);
    expect([iso(p.from), iso(p.to)]).toEqual([from, to]);
  });
});

describe('periodContaining', () => {
  it.each<[SchedulePeriod, string, string, string]>([
    ['week', '2026-11-25T00:00:00Z', '2026-11-22T17:00:00.000Z', '2026-11-29T17:00:00.000Z'],
    ['month', '2026-12-15T00:00:00Z', '2026-11-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z'],
  ])('%s around %s', (kind, at, from, to) => {
    const p = periodContaining(kind, new Date(at), TZ);
    expect([iso(p.from), iso(p.to)]).toEqual([from, to]);
  });
});

describe('sendTime and duePeriod', () => {
  const weekly: ScheduleTiming = { period: 'week', time: '07:00', weekday: 1 };
  const friday: ScheduleTiming = { period: 'week', time: '16:30', weekday: 5 };
  const monthly: ScheduleTiming = { period: 'month', time: '07:00', weekday: null };

  it.each<[string, ScheduleTiming, string, string, string]>([
    // Monday 07:00 WIB sends the week just ended…
    [
      'Mon 07:00',
      weekly,
      '2026-11-30T00:00:00Z',
      '2026-11-22T17:00:00.000Z',
      '2026-11-30T00:00:00.000Z',
    ],
    // …and at 06:59 the one before is still the latest due.
    [
      'Mon 06:59',
      weekly,
      '2026-11-29T23:59:00Z',
      '2026-11-15T17:00:00.000Z',
      '2026-11-23T00:00:00.000Z',
    ],
    // A Friday 16:30 weekly: on Thursday the previous week's period is still the due one.
    [
      'Fri 16:30 on Thu',
      friday,
      '2026-12-03T09:00:00Z',
      '2026-11-15T17:00:00.000Z',
      '2026-11-27T09:30:00.000Z',
    ],
    [
      'Fri 16:30 on Fri',
      friday,
      '2026-12-04T09:30:00Z',
      '2026-11-22T17:00:00.000Z',
      '2026-12-04T09:30:00.000Z',
    ],
    // Monthly on day 1 at 07:00 WIB, across the year's end.
    [
      '1 Jan 07:00',
      monthly,
      '2027-01-01T00:00:00Z',
      '2026-11-30T17:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ],
    [
      '1 Jan 06:00',
      monthly,
      '2026-12-31T23:00:00Z',
      '2026-10-31T17:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ],
    [
      'mid-March',
      monthly,
      '2028-03-15T00:00:00Z',
      '2028-01-31T17:00:00.000Z',
      '2028-03-01T00:00:00.000Z',
    ],
  ])('%s', (_label, timing, now, from, sendAt) => {
    const due = duePeriod(timing, new Date(now), TZ);
    expect([iso(due.from), iso(due.sendAt)]).toEqual([from, sendAt]);
    expect(due.sendAt.getTime()).toBeLessThanOrEqual(Date.parse(now));
    expect(iso(sendTime(timing, due.to, TZ))).toBe(sendAt);
  });
});

describe('parseTime and periodKey', () => {
  it.each([
    ['07:00', 420],
    ['23:59', 1439],
    ['00:00', 0],
    ['24:00', null],
    ['7:00', null],
    ['07:60', null],
  ])('%s → %s', (s, minutes) => expect(parseTime(s)).toBe(minutes));

  it('names a week by its Monday and a month by its month, in WIB', () => {
    expect(periodKey('week', new Date('2026-11-22T17:00:00Z'), TZ)).toBe('2026-11-23');
    expect(periodKey('month', new Date('2026-11-30T17:00:00Z'), TZ)).toBe('2026-12');
  });
});
